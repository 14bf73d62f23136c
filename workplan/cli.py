"""`workplan extract PDF... --out DIR [--edition E]`: the command line."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from workplan.errors import InputError


def _progress(name: str):
    """A one-line page counter on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(page: int, total: int) -> None:
        sys.stderr.write(f"\r{name}: page {page}/{total}")
        if page == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def _read_error(path: Path) -> str | None:
    if not path.exists():
        return "no such file"
    if not path.is_file():
        return "not a file"
    if path.stat().st_size == 0:
        return "empty file"
    with open(path, "rb") as handle:
        if b"%PDF-" not in handle.read(1024):
            return "not a PDF (no %PDF- header)"
    return None


def extract(args: argparse.Namespace) -> int:
    from workplan.pipeline import process_pdf
    from workplan.writer import write_edition

    if args.edition and len(args.pdfs) > 1:
        print("workplan: error: --edition names one edition; give one PDF with it", file=sys.stderr)
        return 2
    failures = 0
    for path in args.pdfs:
        problem = _read_error(path)
        if problem:
            print(f"workplan: {path}: {problem}", file=sys.stderr)
            failures += 1
            continue
        started = time.perf_counter()
        try:
            result = process_pdf(path, args.edition, _progress(path.name), args.engine)
            write_edition(args.out, result.edition, result.tables)
        except InputError as exc:
            print(f"workplan: {path}: {exc}", file=sys.stderr)
            failures += 1
            continue
        except Exception as exc:  # an unreadable PDF raises many kinds of errors
            if args.debug:
                raise
            print(f"workplan: {path}: cannot read this PDF ({type(exc).__name__}: {exc})", file=sys.stderr)
            failures += 1
            continue
        counts = {name: table.num_rows for name, table in result.tables.items()}
        print(
            f"{path.name} → edition {result.edition}: {counts['priorities']} priorities, {counts['activities']} activities, "
            f"{counts['deadlines']} deadline parts, {counts['participants']} participants, {counts['warnings']} warnings "
            f"({time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
        )
    return 1 if failures else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workplan", description="Georgian workplan PDF → typed Parquet/CSV tables.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("extract", help="extract tables from one or more workplan PDFs")
    run.add_argument("pdfs", nargs="+", type=Path, metavar="PDF")
    run.add_argument("--out", type=Path, required=True, help="output folder (one partition per edition)")
    run.add_argument("--edition", help="edition name (default: the years in the document's title, e.g. 2021-2022)")
    run.add_argument("--engine", choices=("pdfplumber", "pdfium"), default="pdfplumber",
                     help="text engine: pdfplumber (reference) or pdfium (same tables, many times faster)")
    run.add_argument("--debug", action="store_true", help="show tracebacks")
    run.set_defaults(handler=extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
