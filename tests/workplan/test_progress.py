"""Progress on stderr: tqdm bars for pages and documents on a terminal, silence otherwise."""
import io
import sys
from pathlib import Path

from conftest import SAMPLE_PDF
from workplan.batch import Job, Outcome, run_jobs
from workplan.extract.pdf_lines import ReadOptions
from workplan.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_page_bar_on_a_terminal(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    progress = Progress(1)
    report = progress.page_reporter("/data/plan.pdf")
    for page in (1, 2, 3):
        report(page, 3)
    progress.close()
    assert "plan.pdf" in screen.getvalue() and "/3 " in screen.getvalue()  # the document named, its page count shown


def test_silent_when_not_a_terminal(monkeypatch, tmp_path):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    progress = Progress(2)
    assert progress.page_reporter("plan.pdf") is None
    outcomes = list(run_jobs([Job(tmp_path / "missing.pdf", tmp_path / "out")] * 2, workers=1, progress=progress))
    assert [o.ok for o in outcomes] == [False, False]
    assert pipe.getvalue() == ""


def test_pages_of_documents_read_in_other_processes_reach_the_bars(monkeypatch, tmp_path):
    """Two documents on two worker processes: every page of both is counted in the parent."""
    seen: list[tuple[str, int, int]] = []
    progress = Progress(2, enabled=True)
    monkeypatch.setattr(progress, "page", lambda key, page, total: seen.append((Path(key).name, page, total)))
    second = tmp_path / "copy.pdf"
    second.write_bytes(SAMPLE_PDF.read_bytes())
    jobs = [Job(SAMPLE_PDF, tmp_path / "a", options=ReadOptions(engine="pdfium")),
            Job(second, tmp_path / "b", options=ReadOptions(engine="pdfium"))]
    outcomes = list(run_jobs(jobs, workers=2, progress=progress))
    progress.close()
    assert all(isinstance(o, Outcome) and o.ok for o in outcomes)
    for name in (SAMPLE_PDF.name, "copy.pdf"):
        assert sorted(page for n, page, _ in seen if n == name) == list(range(1, 27))
