"""Run many documents: each one independent, serially, across local cores, or on a Dask cluster."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from workplan.extract.errors import ExtractError
from workplan.extract.pdf_lines import ReadOptions
from workplan.errors import InputError

# A complete PDF ends with `%%EOF` (perhaps followed by a little whitespace or junk).
EOF_WINDOW = 2048

Executor = Literal["local", "dask"]


@dataclass(frozen=True)
class Job:
    pdf: Path
    out: Path
    edition: str | None = None
    options: ReadOptions = ReadOptions()
    debug: bool = False


@dataclass(frozen=True)
class Outcome:
    pdf: Path
    ok: bool
    message: str
    edition: str | None = None


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
        if b"%%EOF" not in handle.read():
            return "truncated PDF (no %%EOF end marker): the file was cut short"
    return None


# The time limit is checked after every page; the alarm catches one page that never ends.
ALARM_GRACE = 1.25


@contextmanager
def _hard_time_limit(seconds: float):
    """SIGALRM after `seconds` × grace, where signals can be used (the main thread on Unix)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise ExtractError(f"gave up after {seconds * ALARM_GRACE:.0f} s inside one page: over the time limit (--time-limit)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds * ALARM_GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_job(job: Job, on_page: Callable[[int, int], None] | None = None) -> Outcome:
    """Extract one document and write its edition; never raises for a bad input."""
    problem = read_error(job.pdf)
    if problem:
        return Outcome(job.pdf, False, problem)
    from workplan.pipeline import process_pdf
    from workplan.writer import write_edition

    started = time.perf_counter()
    try:
        with _hard_time_limit(job.options.time_limit):
            result = process_pdf(job.pdf, job.edition, on_page, job.options)
        write_edition(job.out, result.edition, result.tables)
    except ExtractError as exc:  # InputError is one
        return Outcome(job.pdf, False, str(exc))
    except Exception as exc:  # a damaged PDF raises many kinds of errors inside the parsers
        if job.debug:
            raise
        return Outcome(job.pdf, False, f"cannot read this PDF ({type(exc).__name__}: {exc})")
    counts = {name: table.num_rows for name, table in result.tables.items()}
    coverage = result.tables["documents"].column("coverage")[0].as_py()
    return Outcome(job.pdf, True, (
        f"edition {result.edition}: {counts['priorities']} priorities, {counts['activities']} activities, "
        f"{counts['deadlines']} deadline parts, {counts['participants']} participants, {counts['warnings']} warnings, "
        f"{coverage:.1%} of the text in tables ({time.perf_counter() - started:.1f} s)"), result.edition)


def page_progress(name: str) -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(page: int, total: int) -> None:
        sys.stderr.write(f"\r{name}: page {page}/{total}" + ("\n" if page == total else ""))
        sys.stderr.flush()

    return show


def run_jobs(jobs: list[Job], workers: int | None = None, executor: Executor = "local",
             scheduler: str | None = None) -> Iterator[Outcome]:
    """Outcomes as documents finish."""
    workers = workers or os.cpu_count() or 1
    if executor == "dask":
        yield from _run_dask(jobs, workers, scheduler)
    elif workers == 1 or len(jobs) == 1:
        for job in jobs:
            yield run_job(job, page_progress(job.pdf.name))
    else:
        yield from _run_processes(jobs, workers)


def _run_processes(jobs: list[Job], workers: int) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = {pool.submit(run_job, job): job for job in jobs}
        for future in as_completed(futures):
            yield _outcome_of(future, futures[future])


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


def count_progress(outcomes: Iterable[Outcome], total: int) -> Iterator[Outcome]:
    """Pass outcomes through, showing `done/total documents` on a terminal."""
    for done, outcome in enumerate(outcomes, start=1):
        if sys.stderr.isatty() and total > 1:
            sys.stderr.write(f"\r{done}/{total} documents\033[K\n" if done == total else f"\r{done}/{total} documents")
            sys.stderr.flush()
        yield outcome
