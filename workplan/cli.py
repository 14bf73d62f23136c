"""`workplan extract PDF... --out DIR [--edition E]`: the command line (heavy imports load only when needed)."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from workplan import options
from workplan.errors import InputError, printable
from workplan.normalize.languages import DEFAULT_LANGUAGE, LANGUAGES


def output_folder_problem(out: Path, name: str | None = None) -> str | None:
    """Why the tables cannot be written under `out` (called `name` in the message, `--out OUT` by
    default), checked before any PDF is read so a bad folder is never blamed on the PDF; or None."""
    name = name or f"--out {out}"
    if out.exists() and not out.is_dir():
        return f"{name}: is a file, not a folder"
    existing = next((p for p in (out, *out.parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        return f"{name}: {existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{name}: {existing} is not writable"
    return None


log = logging.getLogger("workplan")

EXIT_CODES = """exit status:
  0  every document was read and its tables written
  1  a document could not be read or its tables not written (each named on stderr, one line)
  2  the command line is wrong (unknown option, bad value, unusable --out folder)"""


class _LineHandler(logging.Handler):
    """Log records as single lines on stderr, written above any progress bar."""

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        text = " ".join(self.format(record).split("\n"))
        tqdm.write(text, file=sys.stderr)


def configure_logging(verbosity: int) -> None:
    """--quiet: errors only; default: one line per document; --verbose: every warning row too."""
    level = {-1: logging.ERROR, 0: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = _LineHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False
    # The libraries' records (pdfminer, pdfplumber, fontTools…): shown with --verbose, dropped otherwise.
    from workplan.logs import quiet_libraries

    quiet_libraries()
    root = logging.getLogger()
    root.handlers[:] = [h for h in root.handlers if not isinstance(h, _LineHandler)]  # configured afresh
    if verbosity > 0:
        libraries = _LineHandler()
        libraries.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        libraries.setLevel(logging.WARNING)
        root.addHandler(libraries)


def options_from_args(args: argparse.Namespace):
    from workplan.normalize.vocabulary import VocabularyError
    from workplan.options import read_options

    from workplan.extract.settings import SettingsError

    try:
        return read_options(args.engine, args.ocr, args.password, args.max_pages, args.time_limit, args.max_memory,
                            args.vocabulary, args.language, args.settings)
    except VocabularyError as exc:
        raise UsageError(f"--vocabulary {exc}") from None
    except SettingsError as exc:
        raise UsageError(f"--settings {exc}") from None


def vocabulary(args: argparse.Namespace) -> int:
    from workplan.vocabulary_file import builtin_vocabulary_yaml

    sys.stdout.write(builtin_vocabulary_yaml(args.language or DEFAULT_LANGUAGE))
    return 0


def settings(args: argparse.Namespace) -> int:
    from workplan.extract.settings import settings_yaml

    sys.stdout.write(settings_yaml())
    return 0


def extract(args: argparse.Namespace) -> int:
    from workplan.batch import Job, defer_pandas, run_jobs
    from workplan.progress import Progress

    if args.edition and len(args.pdfs) > 1:
        raise UsageError("--edition names one edition; give one PDF with it")
    problem = output_folder_problem(args.out)
    if problem:
        raise UsageError(problem)
    jobs = [Job(path, args.out, args.edition, options_from_args(args), args.debug, args.xlsx) for path in args.pdfs]
    progress = Progress(len(jobs), enabled=sys.stderr.isatty() and args.verbosity >= 0)
    defer_pandas()
    failures = 0
    written: dict[str, Path] = {}
    try:
        for outcome in run_jobs(jobs, args.jobs, args.executor, args.scheduler, progress):
            if outcome.ok and outcome.edition in written:
                failures += 1
                log.error(f"workplan: {printable(outcome.pdf)}: edition {outcome.edition} was also written from "
                          f"{printable(written[outcome.edition])}: its tables now hold one of the two; "
                          f"give each document its own --edition")
            elif outcome.ok:
                written[outcome.edition] = outcome.pdf
                log.info(f"{printable(outcome.pdf.name)} → {outcome.message}")
                for warning in outcome.warnings:
                    log.debug(f"  {warning}")
            else:
                failures += 1
                log.error(f"workplan: {printable(outcome.pdf)}: {outcome.message}")
    finally:
        progress.close()
    return 1 if failures else 0


def diff(args: argparse.Namespace) -> int:
    from workplan.api import diff as diff_tables, read
    from workplan.changes import summary

    old, new = read(args.out_dir, args.old), read(args.out_dir, args.new)
    result = diff_tables(old, new)
    print(summary(result["changes"], args.old, args.new))
    result.write(args.out_dir)
    return 0


def align(args: argparse.Namespace) -> int:
    from workplan.api import align as align_tables, read

    result = align_tables(read(args.out_dir, args.a), read(args.out_dir, args.b))
    differences = result["translation_differences"]
    print(f"{args.a} ↔ {args.b}: {len(result['activity_alignment'])} activities paired, "
          f"{len(differences)} translation differences" + "".join(
              f"\n  {row.what}: {row.priority_id}{'/' + row.activity_id.split('/')[-1] if isinstance(row.activity_id, str) else ''}: "
              f"{row.a_text!r} ↔ {row.b_text!r}" for row in differences.itertuples()))
    result.write(args.out_dir)
    return 0


def review(args: argparse.Namespace) -> int:
    from workplan.batch import hard_time_limit, read_error, unexpected_failure
    from workplan.extract.memory import memory_budget
    from workplan.pipeline import process_pdf
    from workplan.progress import Progress
    from workplan.review import render

    problem = output_folder_problem(args.out)
    if problem:
        raise UsageError(problem)
    if args.edition and len(args.pdfs) > 1:
        raise UsageError("--edition names one edition; give one PDF with it")
    options = options_from_args(args)
    # One PDF: its pages in OUT; several: each in OUT/<file name>/.
    folders = [args.out] if len(args.pdfs) == 1 else _distinct_folders(args.out, args.pdfs)
    progress = Progress(len(args.pdfs), enabled=sys.stderr.isatty() and args.verbosity >= 0)
    failures = 0
    try:
        for pdf, folder in zip(args.pdfs, folders):
            try:
                problem = read_error(pdf)
                if problem:
                    raise InputError(problem)
                with hard_time_limit(args.time_limit), memory_budget(args.max_memory):
                    result = process_pdf(pdf, args.edition, None, options)
                    index = render(pdf, result, folder, progress.page_reporter(str(pdf)), args.password)
                log.info(f"review of {printable(pdf.name)}: {index}")
            except InputError as exc:
                failures += 1
                log.error(f"workplan: {printable(pdf)}: {exc}")
            except Exception as exc:  # a damaged PDF raises many kinds of errors inside the parsers
                if args.debug:
                    raise
                failures += 1
                log.error(f"workplan: {printable(pdf)}: {unexpected_failure(exc, args.max_memory)}")
            progress.document_done(str(pdf))
    finally:
        progress.close()
    return 1 if failures else 0


def _distinct_folders(out: Path, pdfs: list[Path]) -> list[Path]:
    """A folder per PDF under `out`, named after the file (a number added where two names meet)."""
    folders, seen = [], set()
    for pdf in pdfs:
        name, n = pdf.stem or "document", 2
        while name in seen:
            name, n = f"{pdf.stem}-{n}", n + 1
        seen.add(name)
        folders.append(out / name)
    return folders


class UsageError(Exception):
    """A wrong command line: exit status 2."""


def _option_type(check):
    """An argparse type from a check of workplan.options: its reason, without the Python name."""
    def convert(text: str):
        try:
            return check(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc).split(": ", 1)[1]) from None
    convert.__name__ = check.__name__
    return convert


positive_int = _option_type(options.positive_int)
positive_seconds = _option_type(options.positive_seconds)
edition_name = _option_type(options.edition_name)
engine_name = _option_type(lambda text: options.choice("engine", text, options.ENGINES))
ocr_mode = _option_type(lambda text: options.choice("ocr", text, options.OCR_MODES))


class _Parser(argparse.ArgumentParser):
    """Errors in one line (with the command's usage a `--help` away), exit status 2."""

    def error(self, message: str):
        hint = ""
        if "the following arguments are required: PDF" in message or "unrecognized arguments: -" in message:
            hint = " (a file name starting with '-' goes after '--': workplan extract --out DIR -- -file.pdf)"
        self.exit(2, f"{self.prog}: error: {printable(message)}{hint}; see {self.prog} --help\n")


def build_parser() -> argparse.ArgumentParser:
    from workplan import __version__
    from workplan.extract.settings import DEFAULT_SETTINGS

    verbosity = _Parser(add_help=False)
    loudness = verbosity.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=0,
                          help="print errors only, no progress")
    loudness.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1,
                          help="also print every warning row of each document")

    reading = _Parser(add_help=False)
    reading.add_argument("--engine", type=engine_name, default="pdfplumber", metavar="{" + ",".join(options.ENGINES) + "}",
                         help="text engine: pdfplumber (reference) or pdfium (same tables, several times faster)")
    reading.add_argument("--ocr", type=ocr_mode, default="auto", metavar="{" + ",".join(options.OCR_MODES) + "}",
                         help="OCR pages without a usable text layer (auto), never, or every page (force); needs tesseract-ocr-kat")
    reading.add_argument("--password", default="", help="password of an encrypted PDF")
    reading.add_argument("--max-pages", type=positive_int, default=2000, metavar="N",
                         help="refuse documents longer than N pages (default 2000)")
    reading.add_argument("--time-limit", type=positive_seconds, default=900.0, metavar="SECONDS",
                         help="give up on a document after this long (default 900)")
    reading.add_argument("--max-memory", type=positive_int, default=2048, metavar="MB",
                         help="memory budget of one document in megabytes (default 2048): enforced on POSIX with "
                              "setrlimit, and by refusing a stream that would inflate past an eighth of it")
    reading.add_argument("--edition", type=edition_name, help="edition name (default: the years in the document's title, e.g. 2021-2022)")
    reading.add_argument("--vocabulary", type=Path, metavar="FILE.yaml",
                         help="further printed phrases (labels, group words, deadline words, organisation names), "
                              "merged over the built-in ones; `workplan vocabulary` prints those as a starting point")
    reading.add_argument("--language", choices=LANGUAGES,
                         help="read every document in this language's pack (default: judged from each document's letters)")
    reading.add_argument("--settings", type=Path, metavar="FILE.yaml",
                         help="thresholds overriding the defaults (`workplan settings` prints them all, "
                              "each with what it decides)")
    reading.add_argument("--debug", action="store_true", help="show tracebacks")

    parser = _Parser(prog="workplan", description="Workplan PDF (Georgian or English) → typed Parquet/CSV tables.",
                     epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"workplan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, parents: list, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=parents, help=summary, description=description, epilog=EXIT_CODES,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    run = command("extract", [reading, verbosity], "extract tables from one or more workplan PDFs",
                  "Extract the tables of each PDF into OUT: a Parquet partition per edition "
                  "(OUT/<table>/edition=<E>/part-0.parquet), the same as CSV (OUT/csv/edition=<E>/) "
                  "and OUT/datapackage.json. A file name starting with '-' goes after '--'.")
    run.add_argument("pdfs", nargs="+", type=Path, metavar="PDF")
    run.add_argument("--out", type=Path, required=True, help="output folder (one partition per edition)")
    run.add_argument("--xlsx", action="store_true",
                     help="also write one Excel workbook per edition (OUT/xlsx/workplan_<E>.xlsx): a sheet per table, "
                          "header frozen, dates as dates")
    run.add_argument("--jobs", type=positive_int, default=None, metavar="N", help="documents processed at once (default: all cores)")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local processes, or a Dask cluster (needs the 'dask' extra)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    run.set_defaults(handler=extract)
    look = command("review", [reading, verbosity], "page images with every detection drawn and labelled",
                   "Write OUT/index.html and one PNG per page: every detection drawn as a box labelled with its role "
                   "and parsed value (deadline span, organisation ids, role); lines set aside drawn grey with their reason.")
    look.add_argument("pdfs", nargs="+", type=Path, metavar="PDF")
    look.add_argument("--out", type=Path, required=True, help="folder for the PNGs and index.html")
    look.set_defaults(handler=review)
    compare = command("diff", [verbosity], "what changed between two editions in one output folder",
                      "Compare two editions already extracted into OUT_DIR. Prints one line per change and writes them "
                      "as the `changes` table of the newer edition (OUT_DIR/changes/edition=NEW/part-0.parquet, "
                      "OUT_DIR/csv/edition=NEW/changes.csv). Activities are paired by text similarity: within a priority, "
                      f"a pair at or above {DEFAULT_SETTINGS.compare.reworded_in_place:.2f} is a rewording; below it, one activity removed and another added.")
    compare.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    compare.add_argument("old", metavar="OLD", help="older edition, e.g. 2021-2022")
    compare.add_argument("new", metavar="NEW", help="newer edition, e.g. 2022-2023")
    compare.set_defaults(handler=diff, debug=False)
    pair = command("align", [verbosity], "pair two language editions of one plan and check the translation",
                   "Pair the priorities and activities of two editions already extracted into OUT_DIR (a plan and its "
                   "translation: 2021-2022 and 2021-2022-en) by evidence that survives translation (ids, printed numbers, "
                   "deadline spans, registry ids, acronyms and numbers), never by translating text. Prints every "
                   "translation difference and writes `activity_alignment` and `translation_differences` as tables of B.")
    pair.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    pair.add_argument("a", metavar="A", help="one edition, e.g. 2021-2022")
    pair.add_argument("b", metavar="B", help="the other, e.g. 2021-2022-en")
    pair.set_defaults(handler=align, debug=False)
    words = command("vocabulary", [verbosity], "print the built-in vocabulary as a vocabulary file",
                    "Print the built-in phrases of one language in the form --vocabulary reads (labels by role, group "
                    "words by priority kind, deadline words, organisation names): copy the lines you need, add your "
                    "edition's phrases, and pass the file with --vocabulary.")
    words.add_argument("--language", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                       help=f"the language pack to print (default {DEFAULT_LANGUAGE})")
    words.set_defaults(handler=vocabulary, debug=False)
    thresholds = command("settings", [verbosity], "print every setting as a settings file",
                         "Print every threshold of every stage, by stage, with its default and what it decides, in "
                         "the form --settings reads: keep the lines you change, delete the others.")
    thresholds.set_defaults(handler=settings, debug=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.verbosity)
    try:
        return args.handler(args)
    except UsageError as exc:
        log.error(f"workplan: error: {exc}")
        return 2
    except InputError as exc:  # a bad input, said in one line
        log.error(f"workplan: {exc}")
        return 1
    except KeyboardInterrupt:
        log.error("workplan: interrupted")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        log.error(f"workplan: {type(exc).__name__}: {' '.join(str(exc).split())[:300]} (--debug shows where)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
