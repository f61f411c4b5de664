"""The archive's side of the command line: ``thaipress archive`` and ``thaipress query``
(their arguments, and answers printed as tables or JSON).

    thaipress query archive.sqlite person "อนุทิน ชาญวีรกูล"           posts over time, releases
    thaipress query archive.sqlite chaired "ประวิตร วงษ์สุวรรณ" --from 2565 --to 2565
    thaipress query archive.sqlite decisions --body ครม. --kind approve --from 2565-01
    thaipress query archive.sqlite search "ราคาข้าว"                   full-text, over decisions
    thaipress query archive.sqlite search "ราคาข้าว" --releases         ... over the releases' text
    thaipress query archive.sqlite post ปลัดกระทรวงสาธารณสุข --from 2564-03 --to 2564-03
    thaipress query archive.sqlite candidates                         names that may be one person

On a terminal each answer is a table; piped, tab-separated lines with a header; with
``--json``, one JSON object (its tables and notes).
"""

from __future__ import annotations

import argparse
import json
import sys

KINDS = ("approve", "acknowledge", "propose", "assign", "reject", "appoint", "decide", "other")


def add_query_parser(sub) -> None:
    q = sub.add_parser("query", help="the common questions across the releases of an archive")
    q.add_argument("db", metavar="ARCHIVE", help="an archive made by `thaipress archive`")
    qs = q.add_subparsers(dest="question", required=True, metavar="QUESTION")

    def common(p, *, dates=True):
        if dates:
            p.add_argument("--from", dest="since", metavar="DATE", help="from this date (YYYY, YYYY-MM, YYYY-MM-DD; BE years too)")
            p.add_argument("--to", dest="until", metavar="DATE", help="up to this date, inclusive")
        p.add_argument("--limit", type=int, default=100, help="at most this many rows (0: all; default %(default)s)")
        p.add_argument("--json", action="store_true", help="one JSON object instead of tables")

    p = qs.add_parser("person", help="a person's posts over time and releases")
    p.add_argument("name", help="given and family name (an honorific before it is dropped)")
    common(p)
    p = qs.add_parser("chaired", help="the meetings a person chaired, and what each decided")
    p.add_argument("name")
    common(p)
    p = qs.add_parser("decisions", help="decisions by body, kind and date")
    p.add_argument("--body", help="the deciding body: full name or abbreviation (ครม.)")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--search", metavar="TEXT", help="only decisions whose text holds TEXT (full-text)")
    common(p)
    p = qs.add_parser("search", help="full-text search over the decisions (or, with --releases, the releases)")
    p.add_argument("text", help="Thai words (segmented like the index); several parts between spaces must all appear")
    p.add_argument("--releases", action="store_true", help="search the releases' whole text instead of the decisions")
    p.add_argument("--body", help="decisions of this body only")
    p.add_argument("--kind", choices=KINDS)
    common(p)
    p = qs.add_parser("post", help="who held a post, with the first and last release naming them in it")
    p.add_argument("post", help="the post as releases write it: ปลัดกระทรวงสาธารณสุข")
    common(p)
    p = qs.add_parser("candidates", help="names that may be one person (one letter apart, a given name alone)")
    common(p, dates=False)


def run_archive(out_dir: str, db: str, *, parquet: str | None = None, quiet: bool = False) -> int:
    from .load import load_archive

    result = load_archive(out_dir, db)
    if not quiet:
        print(f"thaipress archive: {result.summary()} -> {db}", file=sys.stderr)
        if result.words_segmented and result.words_from_sidecar == 0 and len(result.added) + len(result.updated) > 100:
            print("  (words segmented now: `thaipress batch --words` writes them, for a faster load)", file=sys.stderr)
        for rec in result.skipped:
            print(f"  skipped: {rec['path']}: {rec['reason']}", file=sys.stderr)
    if parquet:
        from .parquet import write_parquet

        counts = write_parquet(out_dir, parquet)
        if not quiet:
            print(f"thaipress archive: Parquet tables ({', '.join(f'{k} {v}' for k, v in counts.items())}) -> {parquet}",
                  file=sys.stderr)
    return 0


def run_query(args: argparse.Namespace) -> int:
    from . import queries
    from .schema import open_archive

    conn = open_archive(args.db, create=False)
    limit = args.limit or None
    try:
        q = args.question
        if q == "person":
            answer = queries.person(conn, args.name, since=args.since, until=args.until, limit=limit)
        elif q == "chaired":
            answer = queries.chaired(conn, args.name, since=args.since, until=args.until, limit=limit)
        elif q == "decisions":
            answer = queries.decisions(conn, body=args.body, kind=args.kind, since=args.since, until=args.until,
                                       search=args.search, limit=limit)
        elif q == "search" and args.releases:
            answer = queries.search_releases(conn, args.text, since=args.since, until=args.until, limit=limit)
        elif q == "search":
            answer = queries.decisions(conn, body=args.body, kind=args.kind, since=args.since, until=args.until,
                                       search=args.text, limit=limit)
        elif q == "post":
            answer = queries.post_holders(conn, args.post, since=args.since, until=args.until, limit=limit)
        else:
            answer = queries.candidates(conn, limit=limit)
    finally:
        conn.close()
    print_answer(answer, as_json=args.json)
    return 0


def print_answer(answer, *, as_json: bool, out=None) -> None:
    out = out or sys.stdout
    if as_json:
        out.write(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    tty = out.isatty()
    for name, rows in answer.tables.items():
        if name == "people" and len(rows) <= 1:
            continue  # the one person matched: named in every row
        if tty:
            _rich_table(name, rows, out)
        else:
            out.write(f"# {name}\n")
            if rows:
                out.write("\t".join(rows[0]) + "\n")
                for row in rows:
                    out.write("\t".join(_cell(v) for v in row.values()) + "\n")
    for note in answer.notes:
        print(f"thaipress query: {note}", file=sys.stderr)


def _cell(value) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


def _rich_table(name: str, rows: list[dict], out) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{name} ({len(rows)})", title_justify="left", show_lines=False)
    for col in (rows[0] if rows else {"-": None}):
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    Console(file=out).print(table)
