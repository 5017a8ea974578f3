"""Prompt templates, stored as versioned text files beside this module.

A file ``<name>.txt`` (e.g. ``answer.sv.v1.txt``) holds one or more sections, each introduced by a
line ``### <role>`` (``system``, ``user``). Variables are written ``{name}``; any other brace is
plain text. Rendering fails on a variable that is not given and on a value that no section uses,
so a template and its caller cannot drift apart silently. Values are inserted once, never
re-scanned: a document containing ``{question}`` stays as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent
_VARIABLE = re.compile(r"\{([a-z_]+)\}")
_SECTION = re.compile(r"^### (system|user|assistant)[ \t]*$", re.MULTILINE)


class PromptError(ValueError):
    """A template file is missing or malformed, or rendered with the wrong variables (a developer mistake)."""


@dataclass(frozen=True)
class ChatPrompt:
    name: str
    sections: tuple[tuple[str, str], ...]  # (role, template text), in file order

    @property
    def variables(self) -> set[str]:
        return {v for _, text in self.sections for v in _VARIABLE.findall(text)}

    def render(self, **values: str) -> list[tuple[str, str]]:
        """(role, text) messages with every ``{variable}`` replaced by its value."""
        missing = self.variables - values.keys()
        unused = values.keys() - self.variables
        if missing or unused:
            raise PromptError(
                f"prompt {self.name}: "
                + "; ".join(
                    part
                    for part in (
                        f"missing value for {sorted(missing)}" if missing else "",
                        f"unused values {sorted(unused)}" if unused else "",
                    )
                    if part
                )
            )
        return [(role, _VARIABLE.sub(lambda m: values[m.group(1)], text)) for role, text in self.sections]


@lru_cache(maxsize=16)
def load(name: str) -> ChatPrompt:
    """The template ``prompts/<name>.txt``, e.g. ``load("answer.sv.v1")``."""
    if not re.fullmatch(r"[a-z_]+\.[a-z]{2}\.v\d+", name):
        raise PromptError(f"prompt name {name!r} is not of the form <name>.<lang>.v<version>")
    path = PROMPTS_DIR / f"{name}.txt"
    if not path.is_file():
        raise PromptError(f"prompt file not found: {path}")
    return parse(name, path.read_text(encoding="utf-8"))


def parse(name: str, text: str) -> ChatPrompt:
    heads = list(_SECTION.finditer(text))
    if not heads or text[: heads[0].start()].strip():
        raise PromptError(f"prompt {name}: the file must start with a '### system' or '### user' line")
    sections = []
    for head, nxt in zip(heads, [*heads[1:], None], strict=True):
        body = text[head.end() : nxt.start() if nxt else len(text)].strip("\n")
        sections.append((head.group(1), body.strip()))
    return ChatPrompt(name, tuple(sections))
