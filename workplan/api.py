"""The Python API: a workplan PDF or an output folder → its tables, as pandas DataFrames.

    import workplan
    tables = workplan.from_pdf("workplan.pdf")          # extract (nothing is written)
    tables["activities"].head()
    tables.write("outputs")                              # the same files as `workplan extract`
    tables = workplan.read("outputs", edition="2021-2022")
    changes = workplan.diff(workplan.read("outputs", "2021-2022"), workplan.read("outputs", "2022-2023"))
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from workplan.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from workplan.normalize.vocabulary import Vocabulary

PathLike = str | os.PathLike


class Tables(Mapping[str, "pd.DataFrame"]):
    """The contract's tables by name (`activities`, `deadlines`, …), each a DataFrame with
    `edition` as its first column; `.arrow(name)` gives the typed pyarrow table."""

    def __init__(self, tables: Mapping[str, pa.Table]):
        self._arrow = dict(tables)
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._arrow:
            raise KeyError(f"no table {name!r} (tables: {', '.join(self._arrow)})")
        if name not in self._frames:
            # Dates stay `datetime.date` and integers stay integers with nulls (pandas' nullable types).
            self._frames[name] = self._arrow[name].to_pandas(types_mapper=_nullable_type)
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrow)

    def __len__(self) -> int:
        return len(self._arrow)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}: {table.num_rows}" for name, table in self._arrow.items())
        return f"<workplan.Tables editions={self.editions} {sizes}>"

    def arrow(self, name: str) -> pa.Table:
        return self._arrow[name]

    @property
    def editions(self) -> list[str]:
        editions: set[str] = set()
        for table in self._arrow.values():
            editions.update(table.column("edition").unique().to_pylist())
        return sorted(editions)

    def write(self, out_dir: PathLike) -> Path:
        """Write every table as `workplan extract` does (Parquet partition per edition, CSV,
        `datapackage.json`); other editions already in `out_dir` are kept."""
        import pyarrow.compute as pc

        from workplan.cli import output_folder_problem
        from workplan.writer import write_edition

        out = Path(out_dir)
        problem = output_folder_problem(out, str(out))
        if problem:
            raise InputError(problem)
        for edition in self.editions:
            write_edition(out, edition, {name: table.filter(pc.equal(table.column("edition"), edition))
                                         for name, table in self._arrow.items()})
        return out


def _nullable_type(type_):
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_integer(type_):
        return pd.ArrowDtype(type_)
    if pa.types.is_boolean(type_):
        return pd.BooleanDtype()
    return None


def from_pdf(pdf: PathLike, edition: str | None = None, *, engine: Literal["pdfplumber", "pdfium"] = "pdfplumber",
             ocr: Literal["auto", "never", "force"] = "auto", password: str = "", max_pages: int | None = None,
             time_limit: float | None = None, vocabulary: "Vocabulary | PathLike | None" = None) -> Tables:
    """Extract the tables of one workplan PDF (nothing is written; see `Tables.write`).

    `vocabulary`: a vocabulary file (the form `workplan vocabulary` prints) or a loaded
    `Vocabulary`, merged over the built-in phrases for this document only; a bad file raises
    `WorkplanError` naming the key and line.

    `time_limit` and the memory checks are applied page by page; the process-wide guards of the
    command line (an alarm inside one page, an address-space limit) are left to the caller.
    Raises `workplan.WorkplanError` with a one-line reason when the file cannot be read as a workplan."""
    from workplan.batch import read_error
    from workplan.extract.pdf_lines import DEFAULT_MAX_PAGES, DEFAULT_TIME_LIMIT, ReadOptions
    from workplan.pipeline import process_pdf
    from workplan.normalize.vocabulary import VocabularyError, as_vocabulary

    path = Path(pdf)
    problem = read_error(path)
    if problem:
        raise InputError(f"{path}: {problem}")
    try:
        words = as_vocabulary(vocabulary)
    except VocabularyError as exc:
        raise InputError(f"vocabulary {exc}") from None
    options = ReadOptions(engine, password, ocr, max_pages or DEFAULT_MAX_PAGES, time_limit or DEFAULT_TIME_LIMIT, vocabulary=words)
    return Tables(process_pdf(path, edition, None, options).tables)


def read(out_dir: PathLike, edition: str | None = None) -> Tables:
    """The tables written under `out_dir` (by `workplan extract` or `Tables.write`): every edition,
    or only `edition`."""
    from workplan.editions import read_tables

    return Tables(read_tables(Path(out_dir), edition))


def diff(old: Tables, new: Tables) -> pd.DataFrame:
    """What changed from the older edition to the newer one (each `Tables` holding one edition):
    the rows of the `changes` table."""
    from workplan.changes import Edition, diff_editions

    editions = []
    for tables in (old, new):
        if len(tables.editions) != 1:
            raise InputError(f"diff compares one edition with one other; got editions {tables.editions}")
        editions.append(Edition(tables.editions[0], tables["priorities"], tables["activities"], tables["participants"]))
    return diff_editions(*editions)
