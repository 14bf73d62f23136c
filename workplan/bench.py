"""`make bench`: speed and memory of the pipeline against the bare text engines (figures, not tests).

    python -m workplan.bench [--runs 5] [--pages 26 260 1000] [--batch 50]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from workplan.accuracy import scorer_report
from workplan.extract.records import ENGINES

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "workplan_2021_2022_ka.pdf"


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cpu_seconds(work: Callable[[], object]) -> float:
    """CPU time of one run in this process (imports already warm)."""
    started = time.process_time()
    work()
    return time.process_time() - started


def bare_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def bare_pdfium(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def end_to_end(path: Path, engine: str, out: Path) -> None:
    from workplan.extract.pdf_lines import ReadOptions
    from workplan.pipeline import process_pdf
    from workplan.writer import write_edition

    result = process_pdf(path, options=ReadOptions(engine=engine))
    write_edition(out, result.edition, result.tables)


def repeated_pdf(source: Path, pages: int, target: Path) -> Path:
    """The sample's pages repeated up to `pages` pages."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(source))
    new = pdfium.PdfDocument.new()
    while len(new) < pages:
        take = min(len(src), pages - len(new))
        new.import_pages(src, list(range(take)), index=len(new))
    new.save(str(target))
    return target


def measure_in_child(path: Path, engine: str) -> dict:
    """Run one extraction in a fresh process, so its peak RSS is its own."""
    out = tempfile.mkdtemp(prefix="bench-out-")
    try:
        done = subprocess.run([sys.executable, "-m", "workplan.bench", "--child", str(path), engine, out],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def child(path: Path, engine: str, out: Path) -> None:
    started = time.perf_counter()
    end_to_end(path, engine, out)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_kb / 1024}))


def command_seconds(arguments: list[str], runs: int) -> float:
    """Wall time of `workplan …` as a fresh process (start-up included), median of runs."""
    command = [sys.executable, "-m", "workplan", *arguments]
    return median_seconds(lambda: subprocess.run(command, capture_output=True), runs)


def process_cpu_seconds(command: list[str]) -> float:
    """User + system CPU time of a whole process (start-up and imports included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


BARE_SCRIPTS = {
    "pdfplumber": "import sys, pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n    for page in pdf.pages:\n"
                  "        page.extract_text(); page.close()",
    "pdfium": "import sys, pypdfium2 as pdfium\npdf = pdfium.PdfDocument(sys.argv[1])\nfor page in pdf:\n"
              "    textpage = page.get_textpage(); textpage.get_text_range(); textpage.close(); page.close()",
}
TARGETS = {"pdfplumber": 1.3, "pdfium": 4.0}


def import_profile() -> list[tuple[str, float]]:
    """The heaviest packages imported on the extract path (`python -X importtime`), cumulative seconds."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import workplan.cli, workplan.batch, workplan.pipeline, workplan.writer"],
                          capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        name = parts[-1].strip() if len(parts) == 3 else ""
        if parts[1:2] and parts[1].strip().isdigit() and "." not in name and not name.startswith("_"):
            rows.append((name, int(parts[1]) / 1e6))
    return sorted(rows, key=lambda row: -row[1])[:8]


def extract_imports_pandas(out: Path) -> bool:
    """Whether a whole `workplan extract` of the sample imports pandas (it needs only pyarrow)."""
    code = (f"import sys\nfrom workplan.cli import main\nmain(['extract', {str(SAMPLE)!r}, '--out', {str(out)!r}, '--quiet'])\n"
            "print('pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return done.stdout.strip() != "False"


def batch_throughput(scratch: Path, copies: int, workers: int) -> float:
    """Documents per second: `copies` copies of the sample through `workplan extract --jobs workers`."""
    folder = scratch / f"batch-{workers}"
    folder.mkdir()
    for index in range(copies):
        (folder / f"copy-{index:03d}.pdf").write_bytes(SAMPLE.read_bytes())
    pdfs = sorted(str(p) for p in folder.glob("*.pdf"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "workplan", "extract", *pdfs, "--out", str(scratch / f"batch-out-{workers}"),
                    "--engine", "pdfium", "--jobs", str(workers), "--quiet"], capture_output=True)
    return copies / (time.perf_counter() - started)


FIXTURES = ROOT / "tests" / "fixtures"
# Scans of the whole sample (tests/fixtures/make_scan.py): the two of the scanned-edition issue and a
# blurred, noisy one.
SCANS = {
    "300 dpi, +0.6°, JPEG 75": ["--dpi", "300", "--angle", "0.6", "--jpeg", "75"],
    "200 dpi, -1.1°, light fall-off, JPEG 60": ["--dpi", "200", "--angle", "-1.1", "--illum", "0.15", "--jpeg", "60"],
    "250 dpi, +1.5°, blur, noise, JPEG 50": ["--dpi", "250", "--angle", "1.5", "--blur", "0.8", "--noise", "8", "--jpeg", "50"],
    # Every page photographed with a phone: the sheet on a desk, a little from one side, shadow, warm light.
    "phone photo 0.03, 160 dpi": ["--dpi", "160", "--photo", "0.03", "--seed", "5"],
    "phone photo 0.03, 200 dpi": ["--dpi", "200", "--photo", "0.03", "--seed", "11"],
}


def scan_figures(scratch: Path, arguments: list[str]) -> dict:
    """OCR of a scanned (or photographed) copy of the sample: seconds, pages and the shared scorer's score."""
    scan = scratch / "scan.pdf"  # each setting's scan replaces the last one
    subprocess.run([sys.executable, str(FIXTURES / "make_scan.py"), str(SAMPLE), str(scan), *arguments],
                   check=True, capture_output=True)
    out = scratch / "scan-out"
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "workplan", "extract", str(scan), "--out", str(out), "--quiet"], check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # tesseract's processes included: they are waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    report = scorer_report(FIXTURES / "gold" / "workplan_ka_2021_2022.json", out, FIXTURES / "deadline_norms_2021_2022.json")
    return {"seconds": seconds, "cpu": cpu, "score": report["score"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="*", default=[26, 260, 1000])
    parser.add_argument("--batch", type=int, default=50, metavar="N", help="documents in the batch throughput case (0: skip)")
    parser.add_argument("--no-scans", action="store_true", help="skip OCR of scanned copies of the sample")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), args.child[1], Path(args.child[2]))
        return 0

    print(f"sample: {SAMPLE.name}, median of {args.runs} runs each, one process\n")
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        out = Path(scratch) / "out"
        end_to_end(SAMPLE, "pdfplumber", out)  # warm imports and caches before timing
        end_to_end(SAMPLE, "pdfium", out)
        plumber = median_seconds(lambda: bare_pdfplumber(SAMPLE), args.runs)
        pdfium = median_seconds(lambda: bare_pdfium(SAMPLE), args.runs)
        e2e = median_seconds(lambda: end_to_end(SAMPLE, "pdfplumber", out), args.runs)
        e2e_pdfium = median_seconds(lambda: end_to_end(SAMPLE, "pdfium", out), args.runs)
        rows = [
            ("bare pdfplumber extract_text()", plumber),
            ("bare pypdfium2 get_text_range()", pdfium),
            ("workplan extract --engine pdfplumber", e2e),
            ("workplan extract --engine pdfium", e2e_pdfium),
        ]
        for label, seconds in rows:
            print(f"  {label:40} {seconds * 1000:9.1f} ms")
        print(f"\n  bare pdfplumber / bare pypdfium2          {plumber / pdfium:6.1f}x")
        print(f"  workplan (pdfplumber) / bare pdfplumber   {e2e / plumber:6.2f}x   (target <= 1.3)")
        print(f"  workplan pdfplumber / workplan pdfium     {e2e / e2e_pdfium:6.2f}x   (target >= 5)")
        print(f"  workplan --help                           {command_seconds(['--help'], args.runs) * 1000:6.0f} ms (target < 300)")
        print(f"  workplan --version                        {command_seconds(['--version'], args.runs) * 1000:6.0f} ms (target < 300)")
        print(f"  pandas imported by `workplan extract`     {'yes' if extract_imports_pandas(Path(scratch) / 'imports') else 'no'}")
        print("  heaviest imports of the extract path (python -X importtime, cumulative):")
        for module, seconds in import_profile():
            print(f"    {module:38} {seconds * 1000:6.0f} ms")

        tenfold = repeated_pdf(SAMPLE, 260, Path(scratch) / "cpu-260.pdf")
        print("\n  CPU at 260 pages (the sample x10), against each engine's bare text extraction:")
        print(f"  {'engine':>11} {'bare':>8} {'in process':>11} {'ratio':>6} {'whole process':>14} {'bare process':>13} {'ratio':>6} {'target':>7}")
        for engine in ENGINES:
            bare = bare_pdfplumber if engine == "pdfplumber" else bare_pdfium
            bare_cpu = cpu_seconds(lambda: bare(tenfold))
            e2e_cpu = cpu_seconds(lambda: end_to_end(tenfold, engine, out))
            bare_process = process_cpu_seconds([sys.executable, "-c", BARE_SCRIPTS[engine], str(tenfold)])
            whole = process_cpu_seconds([sys.executable, "-m", "workplan", "extract", str(tenfold), "--out",
                                         str(Path(scratch) / f"whole-{engine}"), "--engine", engine, "--quiet"])
            print(f"  {engine:>11} {bare_cpu:7.2f}s {e2e_cpu:10.2f}s {e2e_cpu / bare_cpu:5.1f}x {whole:13.2f}s {bare_process:12.2f}s "
                  f"{whole / bare_process:5.1f}x {'<= ' + str(TARGETS[engine]) + 'x':>7}", flush=True)

        if args.batch:
            serial = batch_throughput(Path(scratch), args.batch, 1)
            parallel = batch_throughput(Path(scratch), args.batch, 2)
            print(f"\n  batch: {args.batch} copies of the sample (--engine pdfium): serially {serial:.2f} documents/s, "
                  f"--jobs 2 {parallel:.2f} documents/s ({parallel / serial:.2f}x)")

        if not args.no_scans:
            from workplan.extract.engines import pdfium_document
            from workplan.extract.ocr import ocr_problem

            document = pdfium_document(SAMPLE, "")
            pages = len(document)
            document.close()
            print(f"\nscans: the whole sample ({pages} pages) scanned, read by OCR over {os.cpu_count()} cores, scored "
                  "against its gold (targets: >= 0.97 at 300 dpi, >= 0.95 at 200 dpi and photographed)")
            if ocr_problem():
                print(f"  skipped: {ocr_problem()}")
            for name, arguments in ({} if ocr_problem() else SCANS).items():
                figures = scan_figures(Path(scratch), arguments)
                print(f"  {name:40} {figures['seconds']:7.1f} s {figures['seconds'] / pages:5.2f} s/page "
                      f"{figures['cpu'] / pages:5.2f} CPU s/page   score {figures['score']:.4f}", flush=True)

        print("\nscale: the sample's pages repeated, one fresh process per run")
        print(f"  {'pages':>6} {'engine':>11} {'seconds':>9} {'ms/page':>8} {'peak RSS MB':>12}")
        for pages in args.pages:
            path = repeated_pdf(SAMPLE, pages, Path(scratch) / f"repeated-{pages}.pdf")
            for engine in ENGINES:
                figures = measure_in_child(path, engine)
                print(f"  {pages:>6} {engine:>11} {figures['seconds']:9.2f} {figures['seconds'] / pages * 1000:8.1f} "
                      f"{figures['peak_rss_mb']:12.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
