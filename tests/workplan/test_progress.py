"""Progress on stderr: page and document counters on a terminal, silence otherwise."""
import io
import sys

from workplan.batch import Outcome, count_progress, page_progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_page_progress_on_a_terminal(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    show = page_progress("plan.pdf")
    for page in (1, 2, 3):
        show(page, 3)
    assert screen.getvalue() == "\rplan.pdf: page 1/3\rplan.pdf: page 2/3\rplan.pdf: page 3/3\n"


def test_quiet_when_not_a_terminal(monkeypatch):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert page_progress("plan.pdf") is None
    outcomes = [Outcome(f"{i}.pdf", True, "ok") for i in range(3)]
    assert list(count_progress(outcomes, 3)) == outcomes
    assert pipe.getvalue() == ""


def test_document_counter_on_a_terminal(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    list(count_progress([Outcome(f"{i}.pdf", True, "ok") for i in range(2)], 2))
    assert "1/2 documents" in screen.getvalue() and "2/2 documents" in screen.getvalue()
