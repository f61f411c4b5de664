"""Command line: ``thaipress`` (or ``python -m pipeline``).

    thaipress analyze FILE [FILE ...]     JSON of one document (several: an array) to stdout
    thaipress batch IN_DIR -o OUT_DIR     every press release below IN_DIR
    thaipress render FILE -o PAGE.html    a page with the text highlighted and the fields beside it
    thaipress eval GOLD_DIR               scores against *.gold.json
    thaipress eval NER_FILE               entity-level scores on a ThaiNER-format file
    thaipress schema                      the JSON Schema of one document
    thaipress archive OUT_DIR -d DB       batch output into an archive database to query
    thaipress query DB QUESTION ...       the common questions across releases
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import ThaiPressError
from .loading import DEFAULT_MAX_BYTES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="thaipress",
        description="Thai government press releases -> structured, validated JSON.",
    )
    p.add_argument("--version", action="version", version=f"thaipress {__version__}")
    p.add_argument("--debug", action="store_true", help="show the Python traceback of an internal error")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = sub.add_parser("analyze", help="analyse files; JSON to stdout")
    a.add_argument("files", nargs="+", metavar="FILE", help="a .txt or .html file, or - for standard input")
    a.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")
    a.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files (default %(default)s)")

    b = sub.add_parser("batch", help="analyse every press release below a folder")
    b.add_argument("in_dir", metavar="IN_DIR", help="a folder, or an fsspec URL (s3://..., with the dask extra)")
    b.add_argument("-o", "--out", required=True, metavar="OUT_DIR", dest="out_dir", help="a folder or an fsspec URL")
    b.add_argument("--workers", type=int, default=None,
                   help="processes, or the LocalCluster's workers with --engine dask (default: all CPU cores)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--force", action="store_true", help="re-analyse files that did not change")
    b.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files (default %(default)s)")
    b.add_argument("--html", action="store_true", help="also a page per document and an index.html")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (pip install 'thaipress[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --engine dask: the scheduler to use (tcp://host:8786); default: a LocalCluster here")
    b.add_argument("--chunk-size", type=int, default=None, metavar="N",
                   help="with --engine dask: files per task (default: about 4 tasks per worker, at most 64 files)")
    b.add_argument("--words", action="store_true",
                   help="also each document's words (<name>.words), which `thaipress archive` indexes without segmenting again")
    b.add_argument("--parquet", metavar="DIR", default=None,
                   help="also the archive's tables as Parquet, by year (with --engine dask, written by the workers)")
    b.add_argument("--db", metavar="ARCHIVE", default=None,
                   help="then load the output into this archive database (as `thaipress archive`; implies --words)")

    r = sub.add_parser("render", help="an HTML page of one document: text highlighted, fields beside it")
    r.add_argument("file", metavar="FILE", help="a press release (.txt, .html) or a thaipress JSON output")
    r.add_argument("-o", "--out", required=True, metavar="PAGE", help="the HTML file to write")
    r.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse larger files (default %(default)s)")

    e = sub.add_parser("eval", help="score against gold annotations (*.gold.json), or a ThaiNER-format file")
    e.add_argument("gold_dir", metavar="GOLD", help="a folder of *.gold.json, or a ThaiNER file ([PERSON]...[/PERSON])")
    e.add_argument("--json", action="store_true", help="machine-readable scores")
    e.add_argument("--details", action="store_true", help="also list what was missed and added, per document")
    e.add_argument("--min-macro-f1", type=float, default=None, metavar="F",
                   help="exit with status 3 when the macro F1 is below F")
    e.add_argument("--min-f1", action="append", default=[], metavar="LABEL=F",
                   help="NER files: exit with status 3 when LABEL's exact F1 (PERSON, ORGANIZATION, LOCATION, micro) is below F")

    sub.add_parser("schema", help="print the JSON Schema of one output document")

    ar = sub.add_parser("archive", help="load a batch's output into an archive database (SQLite) to query")
    ar.add_argument("out_dir", metavar="OUT_DIR", help="the output folder of `thaipress batch`")
    ar.add_argument("-d", "--db", required=True, metavar="ARCHIVE", help="the SQLite database (created when absent)")
    ar.add_argument("--parquet", metavar="DIR", default=None,
                    help="also write the tables as Parquet, partitioned by year (pip install 'thaipress[parquet]')")
    ar.add_argument("--quiet", action="store_true", help="no summary on standard error")

    from .archive.cli import add_query_parser

    add_query_parser(sub)
    return p


# exit codes: 1 an input the user can fix (unreadable, empty, not Thai, ...) or a failed
# check; 3 an eval score below its floor; 70 (EX_SOFTWARE) a bug in thaipress itself
EXIT_INTERNAL = 70


def internal_error(exc: BaseException, where: str | None = None) -> str:
    """One line for a bug met on some input: what, where, and how to see more."""
    place = f"{where}: " if where else ""
    return f"thaipress: {place}internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except ThaiPressError as exc:
        print(f"thaipress: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, never a traceback unless asked for
        if args.debug:
            raise
        print(internal_error(exc, getattr(args, "file", None)), file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        print("thaipress: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _analyze(args) -> int:
    from .loading import load_bytes, load_file
    from .orchestrate import analyze_source

    results, failed, crashed = [], 0, 0
    for name in args.files:
        try:
            if name == "-":
                source = load_bytes(sys.stdin.buffer.read(), path=None, max_bytes=args.max_bytes)
            else:
                source = load_file(name, max_bytes=args.max_bytes)
            results.append(analyze_source(source))
        except ThaiPressError as exc:
            failed += 1
            print(f"thaipress: {exc}", file=sys.stderr)
        except Exception as exc:  # a bug on this file: said in one line, the other files go on
            if args.debug:
                raise
            crashed += 1
            print(internal_error(exc, "standard input" if name == "-" else name), file=sys.stderr)
    if results:
        data = results[0] if len(args.files) == 1 else results
        indent = None if args.compact else 1
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
    return EXIT_INTERNAL if crashed else 1 if failed else 0


def _batch(args) -> int:
    from .batch.run import run_batch

    res = run_batch(
        args.in_dir, args.out_dir, workers=args.workers, quiet=args.quiet, force=args.force,
        max_bytes=args.max_bytes, html=args.html, engine=args.engine, scheduler=args.scheduler,
        chunk_size=args.chunk_size, words=args.words or bool(args.db), parquet=args.parquet,
    )
    if not args.quiet:
        rate = f", {len(res.done) / res.seconds:.1f} documents/s" if res.seconds and res.done else ""
        print(
            f"thaipress batch: {len(res.done)} done, {len(res.unchanged)} unchanged, "
            f"{len(res.skipped)} skipped (not Thai), {len(res.failed)} failed, {len(res.ignored)} ignored in {res.seconds:.1f} s{rate} "
            f"-> {Path(args.out_dir) / 'report.json'}",
            file=sys.stderr,
        )
        for rec in res.skipped:
            print(f"  skipped: {rec['path']}: {rec['reason']}", file=sys.stderr)
        for rec in res.failed:
            print(f"  failed: {rec['path']}: {rec['reason']}", file=sys.stderr)
        for rel in res.ignored:
            print(f"  ignored (not .txt or .html): {rel}", file=sys.stderr)
    if args.db:
        from .archive.cli import run_archive

        return run_archive(args.out_dir, args.db, quiet=args.quiet)
    return 0  # a bad document is reported, not an error of the run


def _eval(args) -> int:
    from .evaluate import evaluate, evaluate_ner, format_details, format_ner_table, format_table

    if Path(args.gold_dir).is_file():
        ner = evaluate_ner(args.gold_dir)
        print(json.dumps(ner.to_dict(), ensure_ascii=False, indent=1) if args.json else format_ner_table(ner))
        low = []
        for floor in args.min_f1:
            label, _, value = floor.partition("=")
            tally = ner.micro("exact") if label == "micro" else ner.exact.get(label)
            if tally is None or not value:
                raise ThaiPressError(f"--min-f1 takes LABEL=F with LABEL one of {', '.join(ner.exact)}, micro")
            if (tally.f1 or 0.0) < float(value):
                low.append(f"{label} {tally.f1 or 0.0:.4f} < {value}")
        if low:
            print("thaipress eval: below the floor: " + "; ".join(low), file=sys.stderr)
            return 3
        return 0
    report = evaluate(args.gold_dir)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(format_table(report))
        if args.details:
            print()
            print(format_details(report))
    if args.min_macro_f1 is not None and report.macro_f1 < args.min_macro_f1:
        print(f"thaipress eval: macro F1 {report.macro_f1:.4f} is below the floor {args.min_macro_f1}", file=sys.stderr)
        return 3
    return 0


def _schema(args) -> int:
    from .output.schema import schema

    print(json.dumps(schema(), ensure_ascii=False, indent=1))
    return 0


def _render(args) -> int:
    from .output.render import render_document
    from .batch.storage import LocalFolder

    path = Path(args.file)
    if path.suffix.lower() == ".json":
        from .output.schema import validate

        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ThaiPressError(f"{path}: not a readable thaipress JSON output ({exc})") from None
        validate(doc)
    else:
        from .orchestrate import analyze_file

        doc = analyze_file(path, max_bytes=args.max_bytes, display_path=path.name)
    out = Path(args.out)
    LocalFolder(out.parent).write(out.name, render_document(doc))
    print(f"thaipress render: {out}", file=sys.stderr)
    return 0


def _archive(args) -> int:
    from .archive.cli import run_archive

    return run_archive(args.out_dir, args.db, parquet=args.parquet, quiet=args.quiet)


def _query(args) -> int:
    from .archive.cli import run_query

    return run_query(args)


_COMMANDS = {"analyze": _analyze, "batch": _batch, "render": _render, "eval": _eval, "schema": _schema,
             "archive": _archive, "query": _query}
