"""`workplan extract PDF... --out DIR [--edition E]`: the command line (heavy imports load only when needed)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workplan.errors import InputError


def output_folder_problem(out: Path) -> str | None:
    """Why the tables cannot be written under `out`, checked before any PDF is read (so a bad
    folder is never blamed on the PDF), or None."""
    if out.exists() and not out.is_dir():
        return f"--out {out}: is a file, not a folder"
    existing = next((p for p in (out, *out.parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        return f"--out {out}: {existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"--out {out}: {existing} is not writable"
    return None


def extract(args: argparse.Namespace) -> int:
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.batch import Job, count_progress, run_jobs

    if args.edition and len(args.pdfs) > 1:
        print("workplan: error: --edition names one edition; give one PDF with it", file=sys.stderr)
        return 2
    problem = output_folder_problem(args.out)
    if problem:
        print(f"workplan: error: {problem}", file=sys.stderr)
        return 2
    options = ReadOptions(args.engine, args.password, args.ocr, args.max_pages, args.time_limit)
    jobs = [Job(path, args.out, args.edition, options, args.debug) for path in args.pdfs]
    failures = 0
    written: dict[str, Path] = {}
    try:
        for outcome in count_progress(run_jobs(jobs, args.jobs, args.executor, args.scheduler), len(jobs)):
            if outcome.ok and outcome.edition in written:
                failures += 1
                print(f"workplan: {outcome.pdf}: edition {outcome.edition} was also written from {written[outcome.edition]}: "
                      f"its tables now hold one of the two; give each document its own --edition", file=sys.stderr)
            elif outcome.ok:
                written[outcome.edition] = outcome.pdf
                print(f"{outcome.pdf.name} → {outcome.message}", file=sys.stderr)
            else:
                failures += 1
                print(f"workplan: {outcome.pdf}: {outcome.message}", file=sys.stderr)
    except InputError as exc:
        print(f"workplan: error: {exc}", file=sys.stderr)
        return 2
    return 1 if failures else 0


def diff(args: argparse.Namespace) -> int:
    from workplan.normalize.tables import to_table
    from workplan.diff import diff_editions, summary
    from workplan.editions import load_edition
    from workplan.writer import write_edition

    try:
        old, new = load_edition(args.out_dir, args.old), load_edition(args.out_dir, args.new)
        changes = diff_editions(old, new)
    except InputError as exc:
        print(f"workplan: error: {exc}", file=sys.stderr)
        return 2
    print(summary(changes, args.old, args.new))
    rows = [dict(row, old_edition=args.old) for row in changes.astype(object).where(changes.notna(), None).to_dict("records")]
    write_edition(args.out_dir, args.new, {"changes": to_table("changes", args.new, rows)})
    return 0


def review(args: argparse.Namespace) -> int:
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.batch import page_progress, read_error
    from workplan.pipeline import process_pdf
    from workplan.review import render

    problem = read_error(args.pdf)
    try:
        if problem:
            raise InputError(problem)
        result = process_pdf(args.pdf, args.edition, None, ReadOptions(engine=args.engine))
        index = render(args.pdf, result, args.out, page_progress(args.pdf.name))
    except InputError as exc:
        print(f"workplan: {args.pdf}: {exc}", file=sys.stderr)
        return 1
    print(f"review of {args.pdf.name}: {index}", file=sys.stderr)
    return 0


def positive_int(text: str) -> int:
    """An option value that counts something: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def positive_seconds(text: str) -> float:
    """A time limit: a finite number of seconds above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number of seconds above zero")
    return value


def build_parser() -> argparse.ArgumentParser:
    from workplan import __version__

    parser = argparse.ArgumentParser(prog="workplan", description="Georgian workplan PDF → typed Parquet/CSV tables.")
    parser.add_argument("--version", action="version", version=f"workplan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("extract", help="extract tables from one or more workplan PDFs")
    run.add_argument("pdfs", nargs="+", type=Path, metavar="PDF")
    run.add_argument("--out", type=Path, required=True, help="output folder (one partition per edition)")
    run.add_argument("--edition", help="edition name (default: the years in the document's title, e.g. 2021-2022)")
    run.add_argument("--engine", choices=("pdfplumber", "pdfium"), default="pdfplumber",
                     help="text engine: pdfplumber (reference) or pdfium (same tables, several times faster)")
    run.add_argument("--ocr", choices=("auto", "never", "force"), default="auto",
                     help="OCR pages without a usable text layer (auto), never, or every page (force); needs tesseract-ocr-kat")
    run.add_argument("--password", default="", help="password of an encrypted PDF")
    run.add_argument("--max-pages", type=positive_int, default=2000, metavar="N", help="refuse documents longer than N pages (default 2000)")
    run.add_argument("--time-limit", type=positive_seconds, default=900.0, metavar="SECONDS",
                     help="give up on a document after this long (default 900)")
    run.add_argument("--jobs", type=positive_int, default=None, metavar="N", help="documents processed at once (default: all cores)")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local processes, or a Dask cluster (needs the 'dask' extra)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    run.add_argument("--debug", action="store_true", help="show tracebacks")
    run.set_defaults(handler=extract)
    look = commands.add_parser("review", help="page images with every detection drawn and labelled with its role and parsed "
                                              "value, lines set aside drawn with their reason")
    look.add_argument("pdf", type=Path, metavar="PDF")
    look.add_argument("--out", type=Path, required=True, help="folder for the PNGs and index.html")
    look.add_argument("--edition", help="edition name (default: from the title)")
    look.add_argument("--engine", choices=("pdfplumber", "pdfium"), default="pdfplumber")
    look.set_defaults(handler=review)
    compare = commands.add_parser("diff", help="what changed between two editions in one output folder")
    compare.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    compare.add_argument("old", metavar="OLD", help="older edition, e.g. 2021-2022")
    compare.add_argument("new", metavar="NEW", help="newer edition, e.g. 2022-2023")
    compare.set_defaults(handler=diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
