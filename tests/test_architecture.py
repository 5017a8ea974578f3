"""The layout rules from the style guide, checked on the source: imports point one way
(app → front → assistant → index → ingest), each third-party library lives in its corner, regular
expressions are written only in the language room (ingest/language/) and no module or function
outgrows the hard size limits."""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"app", "front", "assistant", "index", "ingest", "prompts"}
ALLOWED = {
    "front": {"front", "assistant", "index", "ingest", "prompts"},
    "ingest": {"ingest"},
    "index": {"index", "ingest"},
    "assistant": {"assistant", "index", "ingest", "prompts"},
    "prompts": {"prompts"},
}
CORNERS = {
    "chromadb": {"index/store.py"},
    "pypdf": {"ingest/loaders.py"},
    "gradio": {"app.py", "front/page/*"},
    "fastapi": {"app.py", "front/api*.py", "front/openai_api.py"},
    # the page's gate is pure ASGI in front of Gradio; it builds a Starlette request to name the client
    "starlette": {"app.py", "front/api*.py", "front/openai_api.py", "front/page/gate.py"},
    "mcp": {"front/page/*"},
    # the language-model clients: only behind the ChatModel protocol
    "openai": {"assistant/llm.py"},
    "ollama": {"assistant/llm.py"},
    "llama_index.llms": {"assistant/llm.py"},
}


def _imports(path: Path, full: bool = False) -> set[str]:
    """Top-level names of the modules ``path`` imports (with ``full``, the dotted names too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1) if full or i == 1)
    return names


def _sources() -> list[Path]:
    files = [ROOT / "app.py"]
    for pkg in ALLOWED:
        files.extend(sorted((ROOT / pkg).rglob("*.py")))
    return files


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_one_way(path: Path):
    rel = path.relative_to(ROOT)
    package = rel.parts[0] if len(rel.parts) > 1 else "app"
    ours = _imports(path) & OURS
    if package == "app":
        assert "app" not in ours
        return
    allowed = ALLOWED[package]
    assert ours <= allowed, f"{rel} imports {sorted(ours - allowed)}"


@pytest.mark.parametrize("library", sorted(CORNERS))
def test_each_library_lives_in_its_corner(library: str):
    users = {str(p.relative_to(ROOT)) for p in _sources() if library in _imports(p, full=True)}
    outside = {u for u in users if not any(fnmatch(u, corner) for corner in CORNERS[library])}
    assert not outside, f"{library} imported outside its module: {sorted(outside)}"


def test_nothing_reads_the_environment_outside_settings():
    offenders = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        rel = str(path.relative_to(ROOT))
        if ("os.environ" in text or "os.getenv" in text) and rel not in {"assistant/settings.py", "app.py"}:
            offenders.append(rel)
    assert not offenders


# -- size ------------------------------------------------------------------------------------------
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
SIZED = ["app.py", "ingest", "index", "assistant", "front", "scripts"]
# A module or function allowed over the limits, with the reason; none at present.
SIZE_EXCEPTIONS: set[str] = set()


def _sizes() -> dict[str, int]:
    """Lines of each module ("path") and of each function ("path:name", nested ones too)."""
    sizes = {}
    for name in SIZED:
        path = ROOT / name
        for source in [path] if path.is_file() else sorted(path.rglob("*.py")):
            rel, text = str(source.relative_to(ROOT)), source.read_text(encoding="utf-8")
            sizes[rel] = len(text.splitlines())
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines = (node.end_lineno or node.lineno) - node.lineno + 1
                    sizes[f"{rel}:{node.name}"] = max(lines, sizes.get(f"{rel}:{node.name}", 0))
    return sizes


def test_no_module_over_the_line_limit():
    too_long = {n: v for n, v in _sizes().items() if ":" not in n and v > MAX_MODULE_LINES}
    assert not too_long.keys() - SIZE_EXCEPTIONS, f"modules over {MAX_MODULE_LINES} lines: {too_long}"


def test_no_function_over_the_line_limit():
    too_long = {n: v for n, v in _sizes().items() if ":" in n and v > MAX_FUNCTION_LINES}
    assert not too_long.keys() - SIZE_EXCEPTIONS, f"functions over {MAX_FUNCTION_LINES} lines: {too_long}"


def test_size_exceptions_are_still_needed():
    """An exception that no longer applies is removed, so the limits cannot silently loosen."""
    sizes = _sizes()
    for name in SIZE_EXCEPTIONS:
        limit = MAX_FUNCTION_LINES if ":" in name else MAX_MODULE_LINES
        assert sizes.get(name, 0) > limit, f"{name} is within the limit now: remove it from SIZE_EXCEPTIONS"


# -- language patterns -------------------------------------------------------------------------
LANGUAGE_ROOM = "ingest/language/"
PATTERN_CALLS = {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"}
# Modules whose patterns are the shapes of formats, not knowledge of language, and why.
PATTERN_EXCEPTIONS = {
    "assistant/answers.py": "citation markers: [1], [2–4], and the variants a model writes ([källa 2])",
    "assistant/context.py": "the <passage> delimiters of the prompt",
    "assistant/generative.py": "chat-template tokens and reasoning blocks a model server leaves in its text",
    "assistant/validation.py": "control and direction-override characters in a question",
    "front/export.py": "the Markdown characters escaped in an exported conversation",
    "front/page/gate.py": "Gradio's by-name route paths and its upload folders' content-hash names",
    "front/upload.py": "characters unsafe in a file name",
    "ingest/documents.py": "a title made from a file name (hyphens and underscores)",
    "ingest/loaders.py": "heading style names inside DOCX files (Word's 'Heading 1', 'Rubrik 1')",
    "ingest/markup.py": "HTML tags and Markdown marks that converters leave",
    "index/embedder.py": "the bag of words of the hashing test embedder",
    "index/store.py": "what Chroma's errors (SQLite, its HNSW files) say when its files are damaged",
    "scripts/synth_corpus.py": "rewrites the bundled plans' years and places into synthetic benchmark corpora",
}


def _pattern_lines(path: Path) -> list[int]:
    """Lines that define a regular expression: ``re.compile(…)``, another ``re`` call with a literal
    pattern, or an import from ``re`` (which would hide such calls)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import)]
    aliases = {a.asname or a.name for n in imports for a in n.names if a.name == "re"}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "re":
            lines.append(node.lineno)
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        owner = node.func.value
        if not (isinstance(owner, ast.Name) and owner.id in aliases and node.func.attr in PATTERN_CALLS):
            continue
        literal = any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in ast.walk(node.args[0]))
        if node.func.attr == "compile" or literal:
            lines.append(node.lineno)
    return lines


def _pattern_sources() -> dict[str, list[int]]:
    files = [ROOT / "app.py"]
    for name in ("front", "assistant", "index", "ingest", "scripts"):
        files.extend(sorted((ROOT / name).rglob("*.py")))
    found = {str(p.relative_to(ROOT)): _pattern_lines(p) for p in files}
    return {rel: lines for rel, lines in found.items() if lines and not rel.startswith(LANGUAGE_ROOM)}


def test_language_patterns_live_in_the_language_room():
    outside = {rel: lines for rel, lines in _pattern_sources().items() if rel not in PATTERN_EXCEPTIONS}
    assert not outside, f"regular expressions outside {LANGUAGE_ROOM} (move them there): {outside}"


def test_pattern_exceptions_are_still_needed():
    found = _pattern_sources()
    assert all(reason for reason in PATTERN_EXCEPTIONS.values())
    unused = sorted(set(PATTERN_EXCEPTIONS) - set(found))
    assert not unused, f"no longer define patterns: remove {unused} from PATTERN_EXCEPTIONS"


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('import re\nX = re.compile(r"\\d+")', True),
        ('import re\ndef f(t):\n    return re.sub(r"och", "", t)', True),
        ('import re as regex\ndef f(t):\n    return regex.findall(rf"{t}s", t)', True),
        ("from re import sub", True),
        ("import re\ndef f(p, t):\n    return re.escape(t) + p", False),
        ("import re\ndef f(p, t):\n    return re.search(p, t)", False),
        ("def f(m: re.Match) -> str:\n    return m.group(0)", False),
    ],
)
def test_the_pattern_check_sees_definitions(tmp_path, source, found):
    module = tmp_path / "m.py"
    module.write_text(source, encoding="utf-8")
    assert bool(_pattern_lines(module)) is found
