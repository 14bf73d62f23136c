"""Shared fixtures: the sample PDF run through the whole pipeline once per session."""

import pytest

from support import FIXTURES, ROOT, SAMPLE_PDF  # noqa: F401  (re-exported: tests import them from conftest)

SAMPLE_TEXT = ROOT / "samples" / "workplan_2021_2022_ka.txt"


@pytest.fixture(scope="session")
def sample_result():
    from workplan.pipeline import process_pdf

    return process_pdf(SAMPLE_PDF)


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory, sample_result):
    from workplan.writer import write_edition

    out = tmp_path_factory.mktemp("outputs")
    write_edition(out, sample_result.edition, sample_result.tables)
    return out


@pytest.fixture(scope="session")
def tables(sample_result):
    return {name: table.to_pandas() for name, table in sample_result.tables.items()}


@pytest.fixture
def english():
    """The English language pack in force, as for a document judged English."""
    from workplan.normalize.vocabulary import Vocabulary, use_vocabulary

    with use_vocabulary(Vocabulary(language="en")):
        yield
