"""Run many documents: each one independent, serially, across local cores, or on a Dask cluster."""
from __future__ import annotations

import errno
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Literal

import regex

from workplan.extract.errors import ExtractError
from workplan.extract.memory import memory_budget
from workplan.extract.pdf_lines import ReadOptions
from workplan.errors import InputError
from workplan.logs import quiet_libraries
from workplan.progress import Progress, QueueReporter

# A complete PDF ends with `%%EOF` (perhaps followed by a little whitespace or junk).
EOF_WINDOW = 1 << 16  # bytes at the end searched for the end marker (padding may follow it)

Executor = Literal["local", "dask"]


@dataclass(frozen=True)
class Job:
    pdf: Path
    out: Path
    edition: str | None = None
    options: ReadOptions = ReadOptions()
    debug: bool = False
    xlsx: bool = False  # also write OUT/xlsx/workplan_<edition>.xlsx


@dataclass(frozen=True)
class Outcome:
    pdf: Path
    ok: bool
    message: str
    edition: str | None = None
    warnings: tuple[str, ...] = ()  # the document's warning rows, one line each (`--verbose` prints them)


def unexpected_failure(exc: BaseException, max_memory: int) -> str:
    """An error raised inside a parser, in the user's words: running out of memory names the budget
    and the option that raises it; anything else names the error, its text made one printable line
    (a parser's message may hold a Python object's repr)."""
    if isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM):
        return (f"ran out of memory reading this PDF, within the budget of {max_memory} MB: a page needs more "
                f"(--max-memory raises the budget; --engine pdfium needs less)")
    text = regex.sub(r"<[^<>]*\bname=(['\"])(.*?)\1[^<>]*>", r"\2", " ".join(str(exc).split()))
    return f"cannot read this PDF ({type(exc).__name__}: {text[:300]})"


def read_error(path: Path) -> str | None:
    """Why a file cannot be a PDF, checked before any parsing."""
    if not path.exists():
        return "no such file"
    if not path.is_file():
        return "not a file"
    if path.stat().st_size == 0:
        return "empty file"
    with open(path, "rb") as handle:
        if b"%PDF-" not in handle.read(1024):
            return "not a PDF (no %PDF- header)"
        handle.seek(max(0, path.stat().st_size - EOF_WINDOW))
        tail = handle.read()
        # Viewers read a file whose end marker is missing or followed by padding or garbage; a file cut
        # short has lost its cross-reference pointer (`startxref`) as well.
        if b"%%EOF" not in tail and b"startxref" not in tail:
            return "truncated PDF (no %%EOF end marker and no startxref): the file was cut short"
    return None


# The time limit is checked after every page; the alarm catches one page that never ends.
ALARM_GRACE = 1.25


@contextmanager
def hard_time_limit(seconds: float):
    """Stop a page that never ends after `seconds` × grace: SIGALRM where it exists (Unix), else a
    watchdog thread that interrupts the main thread (Windows). Only the main thread can be stopped
    this way; elsewhere the per-page time check is the limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    message = f"gave up after {seconds * ALARM_GRACE:.0f} s inside one page: over the time limit (--time-limit)"
    if not hasattr(signal, "setitimer"):
        with _watchdog(seconds * ALARM_GRACE, message):
            yield
        return

    def expire(signum, frame):
        raise ExtractError(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds * ALARM_GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float, message: str):
    import _thread

    fired = threading.Event()

    def interrupt() -> None:
        fired.set()
        _thread.interrupt_main()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if fired.is_set():
            raise ExtractError(message) from None
        raise
    finally:
        timer.cancel()


def _start_worker() -> None:
    quiet_libraries()
    defer_pandas()


def defer_pandas() -> None:
    """pyarrow looks for pandas the first time it converts Python values (to tell a Series from a
    list), and importing pandas costs about 0.2 s of CPU: a fifth of a 26-page document. Extraction
    builds its tables from lists and never needs it, so that first look is made while pandas cannot
    be imported: pyarrow goes on without it, and still imports it when asked for a DataFrame. It
    changes pyarrow's state for the whole process: called only in processes the command line
    owns (its own and its workers), never by the library API."""
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([], pa.string())
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import finder under which `import pandas` fails (see defer_pandas)."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):
        if name == "pandas":
            raise ModuleNotFoundError("pandas deferred", name=name)
        return None


def _settle_start_up() -> None:
    """Build what every document shares (the spaCy Georgian language, the registry) once, then
    move everything alive to the collector's permanent generation: full collections no longer walk
    the libraries' objects. Measured at 260 pages: 10% of the pdfplumber path's CPU time."""
    import gc

    from workplan.normalize.georgian import blank_georgian
    from workplan.normalize.organizations import load_registry

    blank_georgian()
    load_registry()
    gc.freeze()


def run_job(job: Job, on_page: Callable[[int, int], None] | None = None) -> Outcome:
    """Extract one document and write its edition; never raises for a bad input."""
    problem = read_error(job.pdf)
    if problem:
        return Outcome(job.pdf, False, problem)
    from workplan.language import page_ranges
    from workplan.pipeline import process_pdf
    from workplan.writer import write_edition

    _settle_start_up()
    started = time.perf_counter()
    try:
        with hard_time_limit(job.options.time_limit), memory_budget(job.options.max_memory):
            result = process_pdf(job.pdf, job.edition, on_page, job.options)
        write_edition(job.out, result.edition, result.tables)
        if job.xlsx:
            from workplan.excel import workbook_path, write_workbook

            write_workbook(workbook_path(job.out, result.edition), result.tables)
    except ExtractError as exc:  # InputError is one
        return Outcome(job.pdf, False, str(exc))
    except Exception as exc:  # a damaged PDF raises many kinds of errors inside the parsers
        if job.debug:
            raise
        return Outcome(job.pdf, False, unexpected_failure(exc, job.options.max_memory))
    counts = {name: table.num_rows for name, table in result.tables.items()}
    coverage = result.tables["documents"].column("coverage")[0].as_py()
    warned = result.tables["warnings"].to_pylist()
    inferred = sum(1 for row in warned if row["code"] == "inferred_label")
    damaged = sorted({row["page"] for row in warned if row["code"] == "damaged_stream"})
    notes = f", {inferred} label{'s' * (inferred != 1)} read from content (see warnings)" if inferred else ""
    if damaged:  # what the file lost is not counted in the coverage: it was never read
        notes += f", text lost on damaged page{'s' * (len(damaged) != 1)} {page_ranges(damaged)} (see warnings)"
    return Outcome(job.pdf, True, (
        f"edition {result.edition}: {counts['priorities']} priorities, {counts['activities']} activities, "
        f"{counts['deadlines']} deadline parts, {counts['participants']} participants, {counts['warnings']} warnings{notes}, "
        f"{coverage:.1%} of the text {'read ' * bool(damaged)}in tables ({time.perf_counter() - started:.1f} s)"), result.edition,
        tuple(f"page {row['page'] or '-'}: {row['code']}: {row['message']}" for row in warned))


def run_jobs(jobs: list[Job], workers: int | None = None, executor: Executor = "local",
             scheduler: str | None = None, progress: Progress | None = None) -> Iterator[Outcome]:
    """Outcomes as documents finish; pages and documents counted on `progress`."""
    workers = workers or os.cpu_count() or 1
    progress = progress or Progress(len(jobs), enabled=False)
    if executor == "dask":
        outcomes = _run_dask(jobs, workers, scheduler)
    elif workers == 1 or len(jobs) == 1:
        outcomes = (run_job(job, progress.page_reporter(str(job.pdf))) for job in jobs)
    else:
        outcomes = _run_processes(jobs, workers, progress)
    for outcome in outcomes:
        progress.document_done(str(outcome.pdf))
        yield outcome


def _run_processes(jobs: list[Job], workers: int, progress: Progress) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_start_worker) as pool:
        if not progress.enabled:
            pending = {pool.submit(run_job, job): job for job in jobs}
            for future in _as_completed(pending):
                yield _outcome_of(future, pending[future])
            return
        from multiprocessing import Manager

        with Manager() as manager:
            events = manager.Queue()
            futures = {pool.submit(run_job, job, QueueReporter(events, str(job.pdf))): job for job in jobs}
            for future in _as_completed(futures, lambda: _drain(events, progress)):
                yield _outcome_of(future, futures[future])


def _as_completed(futures: dict, between: Callable[[], None] | None = None) -> Iterator:
    """Futures as they finish, calling `between` at least every 0.2 s meanwhile."""
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        if between:
            between()
        yield from done


def _drain(events, progress: Progress) -> None:
    import queue

    while True:
        try:
            key, page, total = events.get_nowait()
        except queue.Empty:
            return
        progress.page(key, page, total)


def _run_dask(jobs: list[Job], workers: int, scheduler: str | None) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise InputError("--executor dask needs the optional extra: pip install 'workplan[dask]'") from exc
    cluster = None if scheduler else LocalCluster(n_workers=min(workers, len(jobs)), threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        futures = {client.submit(run_job, job, pure=False): job for job in jobs}
        for future in as_completed(list(futures)):
            yield _outcome_of(future, futures[future])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _outcome_of(future, job: Job) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # a worker that died (out of memory, killed) loses only its document
        return Outcome(job.pdf, False, f"worker failed ({type(exc).__name__}: {exc})")
