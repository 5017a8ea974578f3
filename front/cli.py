"""The `plansvar` command line: ingest, docs, repair, retrieve, ask, owners, serve, eval, feedback.

Errors print one clear line and exit non-zero; `--debug` shows the traceback.
Exit codes: 0 ok, 1 error, 2 usage, 3 ingest finished but skipped some files, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from assistant.errors import AssistantError, user_message
from assistant.settings import Settings, configure_runtime
from front.datadir import check_data_dir
from ingest.discovery import Found

EXIT_SKIPPED = 3
PageServer = Callable[[Settings, str, int], None]  # app.serve
_WRITING = {"ingest", "repair", "serve"}  # the others only read: a full disk does not stop them


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="plansvar", description="Questions about regional plans, answered with sources.")
    p.add_argument("--data-dir", type=Path, help="where the indexes live (default ./var, env PLANSVAR_DATA_DIR)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ing = sub.add_parser("ingest", help="index plan documents (default: the bundled plans)")
    ing.add_argument("paths", nargs="*", type=Path, help="files or folders (.pdf .txt .md .docx)")
    ing.add_argument("--if-missing", action="store_true", help="only ingest when the index is empty")

    sub.add_parser("docs", help="list the indexed documents")
    sub.add_parser("repair", help="rebuild a damaged index from the source files its documents came from")

    ret = sub.add_parser("retrieve", help="show the passages retrieved for a question")
    ret.add_argument("question")
    ret.add_argument("-k", type=int, default=None, help="number of passages (default from settings)")
    ret.add_argument("--json", action="store_true", help="machine-readable output")

    ask = sub.add_parser("ask", help="answer a question from the plans, with citations")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON (the same as --format json)")
    ask.add_argument(
        "--format", choices=["text", "md", "json"], default="text", help="text (default), Markdown or JSON"
    )

    srv = sub.add_parser("serve", help="start the web page and the JSON API")
    srv.add_argument("--host", default=None, help="address to bind (default 127.0.0.1, env PLANSVAR_HOST)")
    srv.add_argument("--port", type=int, default=None, help="port (default 7860, env PLANSVAR_PORT; 0: any free port)")
    srv.add_argument("--api-only", action="store_true", help="serve the JSON API without the page")

    own = sub.add_parser("owners", help="list or search the responsibility register")
    own.add_argument("query", nargs="?", default="", help="words of an owner or a task (empty: everything)")
    own.add_argument("--json", action="store_true", help="print the entries as JSON")
    own.add_argument("--limit", type=int, default=50, help="at most this many entries for a query")

    fb = sub.add_parser("feedback", help="export the thumbs up/down and comments given on the page")
    fb.add_argument(
        "--export", nargs="?", const="-", default=None, metavar="FILE", help="write every record (to FILE, or stdout)"
    )
    fb.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="output format (default jsonl)")

    ev = sub.add_parser("eval", help="measure retrieval and answer quality on a gold question set")
    ev.add_argument("--gold", type=Path, default=None, help="JSONL gold file (default data/eval/dev.jsonl)")
    ev.add_argument("-k", type=int, default=10, help="passages retrieved per question (scored at 1/3/5/10)")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    ev.add_argument("--retrieval-only", action="store_true", help="skip the answer and register metrics")
    ev.add_argument(
        "--llm", action="store_true", help="answer with the configured language model (PLANSVAR_LLM__KIND)"
    )
    ev.add_argument("--owners", type=Path, default=None, help="register gold (default: owners_dev.jsonl beside --gold)")
    ev.add_argument(
        "--all", action="store_true", help="every set of data/eval/sets.json, each on its own index, side by side"
    )
    return p


def main(argv: list[str] | None = None, page: PageServer | None = None) -> int:
    """Run one command. ``page`` serves the web page for `plansvar serve` (given by app.py, the
    entry point; without it only `serve --api-only` is available)."""
    args = _parser().parse_args(argv)
    if args.command == "serve":
        args.page = page
    configure_runtime()
    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    try:
        settings = Settings(**overrides)
        if not settings.chroma_url or args.command == "serve":  # the server keeps uploads and feedback there
            check_data_dir(settings.data_dir, writes=args.command in _WRITING)
        return _COMMANDS[args.command](args, settings)
    except KeyboardInterrupt:
        print("plansvar: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if args.debug:
            raise
        print(f"plansvar: error: {user_message(e)}", file=sys.stderr)
        return 1


def _progress(files: Iterable[Found]) -> Iterator[Found]:
    """A bar on a terminal; otherwise plain lines on stderr (a log, CI, a service), one per file."""
    from tqdm import tqdm

    if sys.stderr.isatty():
        yield from tqdm(files, desc="ingest", unit="file", file=sys.stderr)
        return
    found = list(files)
    for i, f in enumerate(found, start=1):
        _line(f"ingest {i}/{len(found)}: {f.name}")
        yield f


def _line(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.wiring import build_index
    from front.datadir import space_check
    from ingest.pipeline import ingest_paths

    index = build_index(settings)
    if args.if_missing and index.committed():
        print(f"index ready: {len(index.committed())} documents in {index.store.location}")
        return 0
    paths = args.paths or [settings.corpus_dir]
    for path in paths:
        if not path.exists():
            raise AssistantError(f"no such file or folder: {path}")

    notify = (lambda line: None) if sys.stderr.isatty() else (lambda line: _line(f"ingest {line}"))
    space = None if settings.chroma_url else space_check(settings.data_dir, settings.chroma_path)
    try:
        report = ingest_paths(paths, index, settings.chunking, _progress, settings.ingest, notify, space)
    except KeyboardInterrupt:
        print(
            "plansvar: ingest interrupted; the index holds only completed documents (run ingest again to finish)",
            file=sys.stderr,
        )
        return 130
    print(
        f"added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
        f"removed {len(report.removed)}, skipped {len(report.skipped)}; "
        f"{report.chunks_written} chunks written"
        + (
            f"; {report.garbage_collected} leftover chunks of an interrupted run removed"
            if report.garbage_collected
            else ""
        )
    )
    for s in report.skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    if report.stopped:
        print(
            f"plansvar: error: ingest stopped, {report.not_reached} more file(s) not read: the index holds every "
            "document completed so far; free some space and run ingest again",
            file=sys.stderr,
        )
        return 1
    return 0 if report.ok else EXIT_SKIPPED


def _cmd_repair(args: argparse.Namespace, settings: Settings) -> int:
    from front.repair import print_report, repair

    notify = (lambda line: None) if sys.stderr.isatty() else (lambda line: _line(f"repair {line}"))
    return print_report(repair(settings, _progress, notify), settings)


def _cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.wiring import build_index

    docs = build_index(settings).documents()
    if not docs:
        print("the index is empty: run `plansvar ingest`")
        return 0
    for d in docs:
        when = d.meta.get("period") or d.meta.get("date") or ""
        sup = f"  (superseded by {d.meta['superseded_by']})" if d.meta.get("superseded_by") else ""
        pages = f"{d.pages:4} pages" if d.pages else "    – pages"
        print(f"{d.doc_id:58} {d.n_chunks:4} chunks {pages}  {when:10} {d.title}{sup}")
    return 0


def _cmd_retrieve(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.wiring import build_assistant

    question = " ".join(args.question.split())
    k = args.k or settings.retrieval.top_k
    passages = build_assistant(settings, use_llm=False).search(question, k)  # checks the question first
    if args.json:
        print(json.dumps({"question": question, "passages": [p.to_json() for p in passages]}, ensure_ascii=False))
        return 0
    for p in passages:
        where = f"p. {p.page}" if p.page else p.section
        print(f"[{p.rank}] {p.score:.4f}  {p.title} — {where}  ({p.start}–{p.end})")
        print("    " + p.text[:400].replace("\n", "\n    ") + ("…" if len(p.text) > 400 else ""))
    return 0


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.wiring import build_assistant
    from front.render import answer_text

    assistant = build_assistant(settings)
    if not assistant.documents():
        raise AssistantError("the index is empty: run `plansvar ingest` first")
    answer = assistant.ask(args.question)
    if args.json or args.format == "json":
        print(json.dumps(answer.to_json(), ensure_ascii=False))
        return 0
    if args.format == "md":
        from front.export import answer_markdown

        print(answer_markdown(answer.to_json()))
        return 0
    print(answer_text(answer))
    for c in answer.citations or answer.related:
        where = f"p. {c.page}" if c.page else c.section
        print(f"  [{c.marker}] {c.title}" + (f" — {where}" if where else "") + f" ({c.start}–{c.end})")
    return 0


def _cmd_owners(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.wiring import build_assistant

    assistant = build_assistant(settings, use_llm=False)
    if not assistant.documents():
        raise AssistantError("the index is empty: run `plansvar ingest` first")
    query = args.query.strip()
    rows = assistant.owners(query, args.limit)
    if args.json:
        out = [{**r.entry.to_json(), "title": r.title, "task_text": r.task_text} for r in rows]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if not rows:
        print("no responsibility statements match" if query else "the register is empty")
    for r in rows:
        e = r.entry
        number = f" nr {e.number}" if e.number else ""
        print(f"{e.owner} — {e.kind}{number} ({r.title}, {e.year})\n    {r.task_text[:200]}")
    return 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    host, port = args.host or settings.host, settings.port if args.port is None else args.port
    if args.api_only:
        from front.api import serve_api

        print(f"Plansvar API: http://{host}:{port}  (/api/ask, /api/health; OpenAI-compatible: /v1; Ctrl-C stops)")
        serve_api(settings, host, port)
        return 0
    if args.page is None:
        raise AssistantError("this entry point serves no page: run `plansvar serve` or use --api-only")
    print(f"Plansvar: http://{host}:{port}  (JSON API: /api/ask, /api/health; OpenAI-compatible: /v1; Ctrl-C stops)")
    args.page(settings, host, port)
    return 0


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    if args.all:
        return _eval_all(args, settings)
    from assistant.evaluation import (
        evaluate_answers,
        evaluate_register,
        evaluate_retrieval,
        format_answer_report,
        format_report,
        load_gold,
    )
    from assistant.wiring import build_assistant, build_retriever

    if args.llm and settings.llm.kind == "none":
        raise AssistantError(
            "`eval --llm` needs a language model: set PLANSVAR_LLM__KIND (ollama or openai), "
            "PLANSVAR_LLM__MODEL and PLANSVAR_LLM__BASE_URL (see README, Using an LLM)"
        )
    gold_path = args.gold or settings.corpus_dir.parent / "eval" / "dev.jsonl"
    if not gold_path.is_file():
        raise AssistantError(f"gold file not found: {gold_path}")
    gold = load_gold(gold_path)
    retriever = build_retriever(settings)
    if not retriever.snapshot.passages:
        raise AssistantError("the index is empty: run `plansvar ingest` first")
    report = evaluate_retrieval(gold, retriever.retrieve, k=args.k)
    report["gold"] = str(gold_path)
    if not args.retrieval_only:
        assistant = build_assistant(settings, retriever, use_llm=args.llm)
        snapshot = retriever.snapshot
        ask = lambda q: assistant.ask(q).to_json()  # noqa: E731
        report["answers"] = evaluate_answers(gold, ask, snapshot.texts.get, llm=args.llm)
        owners = args.owners or gold_path.parent / "owners_dev.jsonl"
        if owners.is_file():
            report["register"] = evaluate_register(list(snapshot.register), owners, snapshot.texts, snapshot.documents)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(format_report(report))
        if "answers" in report:
            print(format_answer_report(report["answers"]))
        if "register" in report:
            print(_register_line(report["register"]))
    return 0


def _eval_all(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.eval_suite import evaluate_set, format_summary, load_sets, summary
    from assistant.evaluation import format_answer_report, format_report

    sets_file = settings.corpus_dir.parent / "eval" / "sets.json"
    if not sets_file.is_file():
        raise AssistantError(f"no evaluation sets: {sets_file} is missing")
    reports = []
    for eval_set in load_sets(sets_file):
        report = evaluate_set(settings, eval_set, k=args.k, llm=args.llm)
        reports.append(report)
        if not args.json:
            print(f"\n== {eval_set.name} ({eval_set.questions.name})")
            print(format_report(report))
            print(format_answer_report(report["answers"]))
            if "register" in report:
                print(_register_line(report["register"]))
    table = summary(reports)
    if args.json:
        print(json.dumps({"sets": reports, "summary": table}, ensure_ascii=False))
    else:
        print("\n== summary")
        print(format_summary(table))
    return 0


def _register_line(r: dict) -> str:
    return (
        f"register: precision {r['precision']}, recall {r['recall']} "
        f"({r['matched']} matched; {r['found']} found, {r['gold']} in the gold file)"
    )


def _cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    from front.feedback import FeedbackStore, export

    rows = list(FeedbackStore(settings.feedback_path).rows())
    if args.export is None:
        liked = sum(r["liked"] for r in rows)
        comments = sum(bool(r["comment"]) for r in rows)
        print(f"{len(rows)} votes: {liked} up, {len(rows) - liked} down, {comments} with a comment")
        print("plansvar feedback --export [FILE] [--format jsonl|csv] writes them out.")
        return 0
    text = export(iter(rows), args.format)
    if args.export == "-":
        sys.stdout.write(text)
    else:
        Path(args.export).write_text(text, encoding="utf-8")
        print(f"{len(rows)} feedback records written to {args.export}", file=sys.stderr)
    return 0


_COMMANDS = {
    "ingest": _cmd_ingest,
    "docs": _cmd_docs,
    "repair": _cmd_repair,
    "retrieve": _cmd_retrieve,
    "ask": _cmd_ask,
    "owners": _cmd_owners,
    "serve": _cmd_serve,
    "eval": _cmd_eval,
    "feedback": _cmd_feedback,
}

if __name__ == "__main__":  # `python -m app`: every command but the page (`python -m app` serves it too)
    sys.exit(main())
