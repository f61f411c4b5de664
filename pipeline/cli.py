"""Command line: ``thaipress`` (or ``python -m pipeline``).

    thaipress analyze FILE [FILE ...]     JSON of one document (several: an array) to stdout
    thaipress batch IN_DIR -o OUT_DIR     every press release below IN_DIR
    thaipress render FILE -o PAGE.html    a page with the text highlighted and the fields beside it
    thaipress eval GOLD_DIR               scores against *.gold.json
    thaipress eval NER_FILE               entity-level scores on a ThaiNER-format file
    thaipress schema                      the JSON Schema of one document
    thaipress archive OUT_DIR -d DB       batch output into an archive database to query
    thaipress query DB QUESTION ...       the common questions across releases

Exit codes (also in ``--help`` and the README): see :data:`EXIT_CODES`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import SchemaValidationError, ThaiPressError
from .loading import DEFAULT_MAX_BYTES

EXIT_OK = 0
EXIT_USER = 1  # something the user can fix: a path, an unreadable input, an unwritable output
EXIT_USAGE = 2  # the command line itself (argparse's own code)
EXIT_BELOW_FLOOR = 3  # eval: a score below its floor
EXIT_INCOMPLETE = 4  # batch: some inputs failed or were skipped; the rest is complete
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in thaipress
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of stdout went away (… | head)

EXIT_CODES = f"""\
exit codes:
  {EXIT_OK}    everything asked was done (files that are not press releases are listed
       as ignored, with the reason, and do not change the code)
  {EXIT_USER}    the command could not do it because of something you can fix: a path that
       does not exist or is not a folder, an output that cannot be written, an input
       of analyze that cannot be read (one line: thaipress: PATH: problem)
  {EXIT_USAGE}    the command line is wrong (an unknown option, --workers 0, ...)
  {EXIT_BELOW_FLOOR}    eval: a score is below its floor (--min-macro-f1, --min-f1)
  {EXIT_INCOMPLETE}    batch: some inputs failed or were skipped (each is in report.json and
       on stderr with its reason); every other output is complete
  {EXIT_INTERNAL}   a bug in thaipress (please report it; --debug shows the traceback)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C); a re-run of batch keeps what was finished
  {EXIT_BROKEN_PIPE}  the program reading stdout closed it (thaipress eval ... | head)"""

NER_LABELS = ("PERSON", "ORGANIZATION", "LOCATION", "micro")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _f1(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"an F1 is between 0 and 1, not {value}")
    return value


def _label_floor(text: str) -> tuple[str, float]:
    label, sep, value = text.partition("=")
    if not sep or label not in NER_LABELS:
        raise argparse.ArgumentTypeError(f"takes LABEL=F with LABEL one of {', '.join(NER_LABELS)}, not {text!r}")
    return label, _f1(value)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="thaipress",
        description="Thai government press releases -> structured, validated JSON.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"thaipress {__version__}")
    p.add_argument("--debug", action="store_true", help="show the Python traceback of an internal error")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, **kw) -> argparse.ArgumentParser:
        return sub.add_parser(name, epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter, **kw)

    max_bytes = dict(type=_positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
                     help="refuse larger files (default %(default)s)")

    a = command("analyze", help="analyse files; JSON to stdout")
    a.add_argument("files", nargs="+", metavar="FILE", help="a .txt or .html file, or - for standard input")
    a.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")
    a.add_argument("--max-bytes", **max_bytes)

    b = command(
        "batch", help="analyse every press release below a folder",
        description="Analyse every .txt/.html file below IN_DIR. Links to folders are followed (each "
                    "folder read once: a link to a folder already read is reported as a loop); hidden "
                    "files and folders are not read and are listed as ignored; a folder that cannot be "
                    "listed and a link that leads nowhere are reported as failed. The outputs of inputs "
                    "removed since the last run are removed.",
    )
    b.add_argument("in_dir", metavar="IN_DIR", help="a folder, or an fsspec URL (s3://..., with the dask extra)")
    b.add_argument("-o", "--out", required=True, metavar="OUT_DIR", dest="out_dir", help="a folder or an fsspec URL")
    b.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="processes, or the LocalCluster's workers with --engine dask (default: all CPU cores)")
    b.add_argument("--quiet", action="store_true",
                   help="no progress bar and no summary when all went well; failures, skips and the "
                        "one-line summary of problems are always printed")
    b.add_argument("--force", action="store_true", help="re-analyse files that did not change")
    b.add_argument("--max-bytes", **max_bytes)
    b.add_argument("--html", action="store_true", help="also a page per document and an index.html")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (pip install 'thaipress[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --engine dask: the scheduler to use (tcp://host:8786); default: a LocalCluster here")
    b.add_argument("--chunk-size", type=_positive_int, default=None, metavar="N",
                   help="with --engine dask: files per task (default: about 4 tasks per worker, at most 64 files)")
    b.add_argument("--words", action="store_true",
                   help="also each document's words (<name>.words), which `thaipress archive` indexes without segmenting again")
    b.add_argument("--parquet", metavar="DIR", default=None,
                   help="also the archive's tables as Parquet, by year (with --engine dask, written by the workers)")
    b.add_argument("--db", metavar="ARCHIVE", default=None,
                   help="then load the output into this archive database (as `thaipress archive`; implies --words)")

    r = command("render", help="an HTML page of one document: text highlighted, fields beside it")
    r.add_argument("file", metavar="FILE", help="a press release (.txt, .html) or a thaipress JSON output")
    r.add_argument("-o", "--out", required=True, metavar="PAGE", help="the HTML file to write (its folder must exist)")
    r.add_argument("--max-bytes", **max_bytes)

    e = command("eval", help="score against gold annotations (*.gold.json), or a ThaiNER-format file")
    e.add_argument("gold_dir", metavar="GOLD", help="a folder of *.gold.json, or a ThaiNER file ([PERSON]...[/PERSON])")
    e.add_argument("--json", action="store_true", help="machine-readable scores")
    e.add_argument("--details", action="store_true", help="also list what was missed and added, per document")
    e.add_argument("--min-macro-f1", type=_f1, default=None, metavar="F",
                   help="a gold folder: exit with status 3 when the macro F1 is below F")
    e.add_argument("--min-f1", type=_label_floor, action="append", default=[], metavar="LABEL=F",
                   help="a ThaiNER file: exit with status 3 when LABEL's exact F1 (PERSON, ORGANIZATION, LOCATION, micro) is below F")

    command("schema", help="print the JSON Schema of one output document")

    ar = command("archive", help="load a batch's output into an archive database (SQLite) to query")
    ar.add_argument("out_dir", metavar="OUT_DIR", help="the output folder of `thaipress batch`")
    ar.add_argument("-d", "--db", required=True, metavar="ARCHIVE", help="the SQLite database (created when absent)")
    ar.add_argument("--parquet", metavar="DIR", default=None,
                    help="also write the tables as Parquet, partitioned by year (pip install 'thaipress[parquet]')")
    ar.add_argument("--quiet", action="store_true", help="no summary on standard error")

    from .archive.cli import add_query_parser

    add_query_parser(sub)
    p.subparsers = {"analyze": a, "batch": b, "render": r, "eval": e}  # for the checks argparse cannot make
    return p


def _check_usage(parser: argparse.ArgumentParser, args) -> None:
    """Values argparse accepts one by one but that do not go together: exit 2, as
    argparse's own errors."""
    sub = parser.subparsers.get(args.command)
    if args.command == "batch" and args.engine != "dask":
        for flag, value in (("--scheduler", args.scheduler), ("--chunk-size", args.chunk_size)):
            if value is not None:
                sub.error(f"{flag} needs --engine dask")
    if args.command == "eval":
        path = Path(args.gold_dir)
        if path.is_dir() and args.min_f1:
            sub.error("--min-f1 scores a ThaiNER file; for a folder of *.gold.json use --min-macro-f1")
        if path.is_file() and args.min_macro_f1 is not None:
            sub.error("--min-macro-f1 scores a folder of *.gold.json; for a ThaiNER file use --min-f1 LABEL=F")
        if path.is_file() and args.details:
            sub.error("--details lists a gold folder's documents; a ThaiNER file has none")


def internal_error(exc: BaseException, where: str | None = None) -> str:
    """One line for a bug met on some input: what, where, and how to see more."""
    place = f"{where}: " if where else ""
    return f"thaipress: {place}internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"


def _quiet_stdout() -> None:
    """The reader of stdout is gone: send what is left to /dev/null, so that Python's
    own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _check_usage(parser, args)
    try:
        return _COMMANDS[args.command](args)
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except ThaiPressError as exc:
        print(f"thaipress: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("thaipress: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one line, never a traceback unless asked for
        if args.debug:
            raise
        print(internal_error(exc, getattr(args, "file", None)), file=sys.stderr)
        return EXIT_INTERNAL


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
        sys.stdout.flush()
    return EXIT_INTERNAL if crashed else EXIT_USER if failed else EXIT_OK


def _batch(args) -> int:
    from .batch.run import REPORT_FILE, run_batch

    res = run_batch(
        args.in_dir, args.out_dir, workers=args.workers, quiet=args.quiet, force=args.force,
        max_bytes=args.max_bytes, html=args.html, engine=args.engine, scheduler=args.scheduler,
        chunk_size=args.chunk_size, words=args.words or bool(args.db), parquet=args.parquet,
    )
    report = f"{args.out_dir.rstrip('/')}/{REPORT_FILE}"
    say = lambda line: print(line, file=sys.stderr)  # noqa: E731
    # problems are always said, --quiet or not: a cron job must see them
    for rec in res.failed:
        say(f"  failed: {rec['path']}: {rec['reason']}")
    for rec in res.skipped:
        say(f"  skipped: {rec['path']}: {rec['reason']}")
    if not res.complete:
        say(f"thaipress batch: {len(res.failed)} failed, {len(res.skipped)} skipped (not analysed) of "
            f"{len(res.done) + len(res.unchanged) + len(res.failed) + len(res.skipped)}; the reasons are above "
            f"and in {report}")
    if not args.quiet:
        for rec in res.ignored:
            if rec["code"] != "hidden":
                say(f"  ignored: {rec['path']}: {rec['reason']}")
        for rel in res.removed:
            say(f"  removed: {rel} (its input is gone)")
        rate = f", {len(res.done) / res.seconds:.1f} documents/s" if res.seconds and res.done else ""
        hidden = f" ({res.hidden} hidden)" if res.hidden else ""
        say(f"thaipress batch: {len(res.done)} done, {len(res.unchanged)} unchanged, "
            f"{len(res.skipped)} skipped (not Thai), {len(res.failed)} failed, {len(res.ignored)} ignored{hidden}, "
            f"{len(res.removed)} removed in {res.seconds:.1f} s{rate} -> {report}")
    code = EXIT_OK if res.complete else EXIT_INCOMPLETE
    if args.db:
        from .archive.cli import run_archive

        code = max(code, run_archive(args.out_dir, args.db, quiet=args.quiet))
    return code


def _eval(args) -> int:
    from .evaluate import evaluate, evaluate_ner, format_details, format_ner_table, format_table

    path = Path(args.gold_dir)
    if not path.exists():
        raise ThaiPressError("no such file or folder", path=args.gold_dir)
    if path.is_file():
        ner = evaluate_ner(path)
        _out(json.dumps(ner.to_dict(), ensure_ascii=False, indent=1) if args.json else format_ner_table(ner))
        low = []
        for label, floor in args.min_f1:
            tally = ner.micro("exact") if label == "micro" else ner.exact[label]
            if (tally.f1 or 0.0) < floor:
                low.append(f"{label} {tally.f1 or 0.0:.4f} < {floor}")
        if low:
            print("thaipress eval: below the floor: " + "; ".join(low), file=sys.stderr)
            return EXIT_BELOW_FLOOR
        return EXIT_OK
    report = evaluate(path)
    if args.json:
        _out(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        _out(format_table(report))
        if args.details:
            _out("")
            _out(format_details(report))
    if args.min_macro_f1 is not None and report.macro_f1 < args.min_macro_f1:
        print(f"thaipress eval: macro F1 {report.macro_f1:.4f} is below the floor {args.min_macro_f1}", file=sys.stderr)
        return EXIT_BELOW_FLOOR
    return EXIT_OK


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()  # a closed pipe is met here, where main() handles it


def _schema(args) -> int:
    from .output.schema import schema

    _out(json.dumps(schema(), ensure_ascii=False, indent=1))
    return EXIT_OK


def _render(args) -> int:
    from .batch.storage import LocalFolder
    from .output.render import render_document

    path = Path(args.file)
    out = Path(args.out)
    if not out.parent.is_dir():  # like cp or cc -o: the folder is the user's to make
        raise ThaiPressError(f"no such folder: {out.parent}", path=args.out)
    if out.is_dir():
        raise ThaiPressError("is a folder; name the page to write (-o PAGE.html)", path=args.out)
    if path.suffix.lower() == ".json":
        doc = _read_document(path)
    else:
        from .orchestrate import analyze_file

        doc = analyze_file(path, max_bytes=args.max_bytes, display_path=path.name)
    LocalFolder(out.parent).write(out.name, render_document(doc))
    print(f"thaipress render: {out}", file=sys.stderr)
    return EXIT_OK


def _read_document(path: Path) -> dict:
    """One thaipress JSON document, or a one-line error saying what the file is."""
    from .output.schema import validate

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ThaiPressError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    except ValueError as exc:
        raise ThaiPressError(f"not JSON ({exc})", path=str(path)) from None
    if not isinstance(doc, dict):
        what = f"a JSON array of {len(doc)} items" if isinstance(doc, list) else f"a JSON {type(doc).__name__}"
        raise ThaiPressError(f"{what}, not one thaipress document (render takes one; "
                             "documents.jsonl holds one per line)", path=str(path))
    try:
        validate(doc)
    except SchemaValidationError as exc:
        detail = exc.message.split(": ", 1)[-1]
        raise ThaiPressError(f"not a thaipress document, the JSON Schema says: {detail}", path=str(path)) from None
    return doc


def _archive(args) -> int:
    from .archive.cli import run_archive

    return run_archive(args.out_dir, args.db, parquet=args.parquet, quiet=args.quiet)


def _query(args) -> int:
    from .archive.cli import run_query

    return run_query(args)


_COMMANDS = {"analyze": _analyze, "batch": _batch, "render": _render, "eval": _eval, "schema": _schema,
             "archive": _archive, "query": _query}
