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
from typing import TYPE_CHECKING

from workplan.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from workplan.extract.records import Engine, OcrMode
    from workplan.extract.settings import Settings
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
            self._frames[name] = to_frame(name, self._arrow[name])
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

    def by_edition(self) -> Iterator[tuple[str, dict[str, pa.Table]]]:
        """Each edition with its rows of every table."""
        import pyarrow.compute as pc

        for edition in self.editions:
            yield edition, {name: table.filter(pc.equal(table.column("edition"), edition)) for name, table in self._arrow.items()}

    def to_excel(self, out_dir: PathLike) -> list[Path]:
        """One workbook per edition, `out_dir/xlsx/workplan_<edition>.xlsx` (what `--xlsx` writes):
        a sheet per table, header frozen, widths set, dates as dates, lists as `a; b`."""
        from workplan.excel import workbook_path, write_workbook

        return [write_workbook(workbook_path(Path(out_dir), edition), tables) for edition, tables in self.by_edition()]

    def write(self, out_dir: PathLike) -> Path:
        """Write every table as `workplan extract` does (Parquet partition per edition, CSV,
        `datapackage.json`); other editions already in `out_dir` are kept."""
        from workplan.cli import output_folder_problem
        from workplan.writer import write_edition

        out = Path(out_dir)
        problem = output_folder_problem(out, str(out))
        if problem:
            raise InputError(problem)
        for edition, tables in self.by_edition():
            write_edition(out, edition, tables)
        return out


def to_frame(name: str, table: pa.Table) -> pd.DataFrame:
    """A table as a DataFrame, with the types `pd.read_parquet(path, dtype_backend="numpy_nullable",
    to_pandas_kwargs={"date_as_object": False})` gives: dates as `datetime64` (the `.dt`
    accessor, comparisons with Timestamps), integers and booleans nullable (`Int8`, `boolean`),
    text as `string`; and the columns with a fixed set of values as categories of those values."""
    import pandas as pd

    from workplan.normalize.tables import SCHEMAS, allowed_values

    frame = table.to_pandas(types_mapper=_nullable_type, date_as_object=False)
    if name in SCHEMAS:
        for field in SCHEMAS[name]:
            values = allowed_values(field)
            if values and field.name in frame.columns:
                frame[field.name] = pd.Categorical(frame[field.name].astype(object).where(frame[field.name].notna(), None),
                                                   categories=values)
    return frame


def _nullable_type(type_):
    """pandas' nullable dtype of an Arrow type (None: pandas' default conversion)."""
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_integer(type_):
        return getattr(pd, f"{'U' if pa.types.is_unsigned_integer(type_) else ''}Int{type_.bit_width}Dtype")()
    if pa.types.is_boolean(type_):
        return pd.BooleanDtype()
    if pa.types.is_floating(type_):
        return pd.Float32Dtype() if type_.bit_width == 32 else pd.Float64Dtype()
    if pa.types.is_string(type_) or pa.types.is_large_string(type_):
        return pd.StringDtype()
    return None


def from_pdf(pdf: PathLike, edition: str | None = None, *, engine: Engine = "pdfplumber",
             ocr: OcrMode = "auto", password: str = "", max_pages: int | None = None,
             time_limit: float | None = None, vocabulary: "Vocabulary | PathLike | None" = None,
             language: str | None = None, settings: "Settings | Mapping | PathLike | None" = None) -> Tables:
    """Extract the tables of one workplan PDF (nothing is written; see `Tables.write`).

    Parameters (checked as the command line checks its options, in the same words):
        pdf: path of the PDF.
        edition: the edition's name (`2021-2022`); default: the pair of years in the title.
        engine: `pdfplumber` (reference) or `pdfium` (the same tables, several times faster).
        ocr: `auto` (OCR pages without a usable text layer), `never`, or `force` (every page).
        password: password of an encrypted PDF.
        max_pages: refuse documents longer than this (default 2000).
        time_limit: give up after this many seconds (default 900), checked page by page.
        vocabulary: a vocabulary file (the form `workplan vocabulary` prints) or a loaded
            `Vocabulary`, merged over the built-in phrases for this document only.
        language: the language pack to read with (`ka`, `en`); default: judged from the letters.
        settings: thresholds overriding the defaults: a mapping (`{"lines": {"gutter_ratio": 1.2}}`
            or `{"gutter_ratio": 1.2}`),
            a settings file (the form `workplan settings` prints) or `Settings`.

    Returns the tables by name (`workplan.Tables`), dates as `datetime64`, integers and booleans
    nullable, enumerations as categories. A bad argument raises ValueError naming it; a file that
    cannot be read as a workplan (or a bad vocabulary file) raises `workplan.WorkplanError` with a
    one-line reason. The process-wide guards of the command line (an alarm inside one page, an
    address-space limit) are left to the caller."""
    from workplan.batch import read_error
    from workplan.normalize.vocabulary import VocabularyError
    from workplan.options import edition_name, read_options
    from workplan.pipeline import process_pdf

    try:
        options = read_options(engine, ocr, password, max_pages, time_limit, None, vocabulary, language, settings)
    except VocabularyError as exc:
        raise InputError(f"vocabulary {exc}") from None
    edition = edition_name(edition)
    path = Path(pdf)
    problem = read_error(path)
    if problem:
        raise InputError(f"{path}: {problem}")
    return Tables(process_pdf(path, edition, None, options).tables)


def read(out_dir: PathLike, edition: str | None = None) -> Tables:
    """The tables written under `out_dir` (by `workplan extract` or `Tables.write`): every edition,
    or only `edition`."""
    from workplan.editions import read_tables

    return Tables(read_tables(Path(out_dir), edition))


def diff(old: Tables, new: Tables) -> Tables:
    """What changed from the older edition to the newer one (each `Tables` holding one edition),
    as tables of the newer edition: `changes` (the rows `workplan diff` writes), `activity_pairs`
    (every activity of either edition and what the pairing says of it) and `activities` (the newer
    edition's, each carrying the `activity_key` of the older activity it pairs with). `.write(out)`
    writes them beside the extracted tables, as `workplan diff` does."""
    import pyarrow as pa

    from workplan.changes import diff_editions, pair_rows
    from workplan.normalize.tables import to_table

    before, after = _one_edition_each("diff compares", old, new)
    changes = diff_editions(before, after)
    rows = [{**row, "old_edition": before.name} for row in changes.astype(object).where(changes.notna(), None).to_dict("records")]
    pairs = pair_rows(before, after)
    keys = {row["activity_id"]: row["activity_key"] for row in pairs if row["activity_id"] is not None}
    activities = new.arrow("activities")
    inherited = pa.array([keys[a] for a in activities.column("activity_id").to_pylist()], pa.string())
    index = activities.schema.get_field_index("activity_key")
    return Tables({
        "changes": to_table("changes", after.name, rows),
        "activity_pairs": to_table("activity_pairs", after.name, [{**row, "old_edition": before.name} for row in pairs]),
        "activities": activities.set_column(index, activities.schema.field(index), inherited),
    })


def align(a: Tables, b: Tables) -> Tables:
    """Pair the priorities and activities of two language editions of one plan (each `Tables`
    holding one edition) by evidence that survives translation — ids, printed numbers, deadline
    spans, registry ids, acronyms and numbers in the text — never by translating text. Returns
    tables of edition `b`: `activity_alignment` (both ids, the shared key, the evidence, a
    confidence) and `translation_differences` (one row per deadline, organisation, role, GCM
    objective, thematic area, activity, priority or number one edition kept and the other did not).
    `.write(out)` writes them beside the extracted tables, as `workplan align` does."""
    from workplan.alignment import align_sides
    from workplan.normalize.tables import to_table

    side_a, side_b = _one_edition_each("align pairs", a, b)
    pairs, differences = align_sides(side_a, side_b)
    return Tables({
        "activity_alignment": to_table("activity_alignment", side_b.name, pairs),
        "translation_differences": to_table("translation_differences", side_b.name,
                                            [{**row, "a_edition": side_a.name} for row in differences]),
    })


def _one_edition_each(what: str, *tables: Tables) -> list:
    """The one edition each `Tables` holds, as `changes.Edition`; InputError naming `what` otherwise."""
    from workplan.changes import Edition

    editions = []
    for one in tables:
        if len(one.editions) != 1:
            raise InputError(f"{what} one edition with one other; got editions {one.editions}")
        editions.append(Edition(one.editions[0], one["priorities"], one["activities"], one["participants"]))
    return editions
