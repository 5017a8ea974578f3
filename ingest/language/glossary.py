"""The glossary that brings English questions into Swedish.

The plans are in Swedish. An English question is also searched as a Swedish term list made from
the plans' own vocabulary (ingest/language/data/glossary_en_sv.tsv): "who owns the assignment of the
local care committee" → "ansvarig ägare uppdrag uppdraget beredning för närsjukvård …".
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ingest.language.words import ENGLISH_STOP_WORDS, WORD_WITH_HYPHEN


class Glossary:
    def __init__(self, entries: dict[tuple[str, ...], str]) -> None:
        self.entries = entries
        self.longest = max((len(k) for k in entries), default=1)

    @classmethod
    def from_tsv(cls, text: str) -> Glossary:
        entries = {}
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            en, _, sv = line.partition("\t")
            key = tuple(w.lower() for w in WORD_WITH_HYPHEN.findall(en))
            if key and sv.strip():
                entries[key] = sv.strip()
        return cls(entries)

    def translate(self, question: str) -> str:
        """Swedish terms for the glossary phrases found, plus the words it does not know
        (names, acronyms and Swedish words used in English questions stay as they are)."""
        return " ".join(self.translate_groups(question))

    def translate_groups(self, question: str) -> list[str]:
        """The translation phrase by phrase: each item holds the Swedish alternatives for one
        English phrase, or one word the glossary does not know."""
        words = [w.lower() for w in WORD_WITH_HYPHEN.findall(question)]
        out: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                sv = self._lookup(tuple(words[i : i + n]))
                if sv:
                    out.append(sv)
                    i += n
                    break
            else:
                if words[i] not in ENGLISH_STOP_WORDS:
                    out.append(words[i])
                i += 1
        return out

    def _lookup(self, key: tuple[str, ...]) -> str | None:
        if key in self.entries:
            return self.entries[key]
        if key[-1].endswith("s") and len(key[-1]) > 3:  # plural of a known singular
            return self.entries.get((*key[:-1], key[-1][:-1]))
        return None


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    text = resources.files("ingest.language").joinpath("data/glossary_en_sv.tsv").read_text(encoding="utf-8")
    return Glossary.from_tsv(text)
