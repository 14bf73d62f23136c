"""One pyarrow schema per output table: every field described, its allowed values listed, each
table's keys named. All of it travels in the schemas' metadata, from which `datapackage.json` and
`outputs/README.md` are both generated."""
from __future__ import annotations

import json

import pyarrow as pa

from workplan.extract.records import GCM_SCOPES, GRANULARITIES, PRIORITY_KINDS, QUALIFIERS, ROLES, SET_ASIDE_ROLES

DESCRIPTION = b"description"
ENUM = b"enum"
PRIMARY_KEY = b"primary_key"
FOREIGN_KEYS = b"foreign_keys"

PAIR_STATUSES = ("unchanged", "reworded", "moved", "moved_reworded", "added", "removed")
MATCH_METHODS = ("georgian_name", "english_name", "acronym", "alias", "learned_pair", "ocr_corrected", "acronym_typo", "similar_name",
                 "minted")
CHANGES = ("priority_added", "priority_removed", "activity_added", "activity_removed", "activity_moved", "activity_reworded",
           "deadline_changed", "organization_joined", "organization_left", "edition_shift")
TRANSLATION_DIFFERENCES = ("deadline", "organization", "organization_role", "gcm_objectives", "thematic_area", "activity",
                           "priority", "numbering")


def field(name: str, type_: pa.DataType, description: str, nullable: bool = True, enum: tuple[str, ...] = ()) -> pa.Field:
    metadata = {DESCRIPTION: description.encode("utf-8")}
    if enum:
        metadata[ENUM] = json.dumps(list(enum)).encode("utf-8")
    return pa.field(name, type_, nullable=nullable, metadata=metadata)


EDITION = field("edition", pa.string(), "Edition of the workplan, the pair of years in its title (`2021-2022`), followed by the "
                "language's code when the document is not in Georgian (`2021-2022-en`), so that both language editions of a "
                "plan live side by side; `--edition` names it instead. The Hive partition key.", False)


def _bbox(what: str) -> list[pa.Field]:
    return [
        field("x0", pa.float32(), f"Left edge of the {what}, in PDF points from the page's left edge."),
        field("top", pa.float32(), f"Top edge of the {what}, in PDF points from the page's top edge."),
        field("x1", pa.float32(), f"Right edge of the {what}, in PDF points."),
        field("bottom", pa.float32(), f"Bottom edge of the {what}, in PDF points."),
    ]


# Where an organisation list belongs and the role it gives (shared by participants and org_lists).
LIST_PRIORITY = field("priority_id", pa.string(), "Priority of the list.", False)
LIST_ACTIVITY = field("activity_id", pa.string(), "Activity of the list; null for priority-level roles.")
LIST_ROLE = field("role", pa.string(), "Role the list gives its organisations (`other`: a list under a label whose role could not be read; its printed label is in `org_lists.label` and a warning).", False, ROLES)
LIST_PAGES = [
    field("page", pa.int32(), "Page where the list begins."),
    field("page_end", pa.int32(), "Page where the list ends (later than `page` when it runs onto the next page)."),
]


def _key(table: str, *columns: str) -> dict:
    """A foreign key to `table` on the same columns, within the same edition."""
    return {"fields": ["edition", *columns], "reference": {"resource": table, "fields": ["edition", *columns]}}


def _schema(description: str, fields: list[pa.Field], primary_key: tuple[str, ...] | None = None,
            foreign_keys: tuple[dict, ...] = ()) -> pa.Schema:
    """`primary_key`: the columns that, with `edition`, identify a row (None: no key)."""
    metadata = {DESCRIPTION: description.encode("utf-8")}
    if primary_key is not None:
        metadata[PRIMARY_KEY] = json.dumps(["edition", *primary_key]).encode("utf-8")
    if foreign_keys:
        metadata[FOREIGN_KEYS] = json.dumps(list(foreign_keys)).encode("utf-8")
    return pa.schema([EDITION, *fields], metadata=metadata)


SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema("One row per edition: the source document.", [
        field("source_file", pa.string(), "File name of the source PDF."),
        field("sha256", pa.string(), "SHA-256 of the source PDF bytes."),
        field("title", pa.string(), "Title of the document as printed (or from its metadata)."),
        field("language", pa.string(), "Language of the document (ISO 639-1: `ka`, `en`), judged from its letters or given with `--language`: "
              "the language pack it was read with."),
        field("pages", pa.int32(), "Number of pages."),
        field("pipeline_version", pa.string(), "Version of the pipeline that wrote the tables."),
        field("chars_printed", pa.int64(), "Letters and digits printed in the document's text layer (or read by OCR)."),
        field("chars_set_aside", pa.int64(), "Of those, letters and digits set aside as running headers and footers, page numbers, footnotes and table headers."),
        field("coverage", pa.float64(), "Share of the other letters and digits whose words reached a table (1.0: nothing lost); every line that fell short is a `unassigned_text` warning."),
        field("witness", pa.string(), "The second witness the reading was held against: `tags` (the document's structure tree: "
              "its paragraphs, headings, list items and table cells, as its producer wrote them); null when the document has none."),
        field("witness_confirmed", pa.float64(), "Share of the tagged words read in the tags' order inside one value of the tables "
              "(a title, an activity, a deadline, a list, a section); every run read elsewhere is a `reading_disputed` warning. "
              "Null without a witness."),
    ], primary_key=()),
    "priorities": _schema("One row per priority block.", [
        field("priority_id", pa.string(), "`core-<number>`, `twg-<ordinal>` or `tp-<number>`.", False),
        field("kind", pa.string(), "Kind of block.", False, PRIORITY_KINDS),
        field("number", pa.string(), "Number as printed (`2.1`), null when none is printed."),
        field("ordinal", pa.int32(), "1-based position within its kind.", False),
        field("label", pa.string(), "Label as printed (`ძირითადი პრიორიტეტი 2.1`)."),
        field("title", pa.string(), "Title of the priority."),
        field("thematic_area", pa.int8(), "Thematic area number (`თემატური სფერო N`), null when none is printed."),
        field("gcm_objectives", pa.list_(pa.int8()), "GCM objectives listed for the priority (empty unless gcm_scope is `listed`)."),
        field("gcm_scope", pa.string(), "Which GCM objectives: those `listed`, `all` (`ყველა`), `cross_cutting` (`საერთო საკითხი`), or `none` printed.", True, GCM_SCOPES),
        field("gcm_objectives_raw", pa.string(), "GCM objectives as printed after their label; null when none is printed."),
        field("thematic_area_text", pa.string(), "Name of the thematic area as printed after `თემატური სფერო N`; null when none is printed."),
        field("page_start", pa.int32(), "Page where the block starts (1-based)."),
        field("page_end", pa.int32(), "Page where the block ends (1-based)."),
        *_bbox("priority label"),
    ], primary_key=("priority_id",), foreign_keys=(_key("documents"),)),
    "activities": _schema("One row per activity.", [
        field("activity_id", pa.string(), "`<priority_id>/<seq>`: its place in this edition.", False),
        field("activity_key", pa.string(), "The activity's identity across editions: `<edition>/<activity_id>` where it first "
              "appeared. `workplan diff` gives an activity of the newer edition the key of the older activity it pairs with "
              "(by text similarity, never position), so joining editions on it pairs the same activity however renumbered.", False),
        field("priority_id", pa.string(), "Priority the activity belongs to.", False),
        field("seq", pa.int32(), "1-based order within the priority.", False),
        field("number_printed", pa.string(), "Number as printed (may restart, continue from the previous block, or repeat); null when none."),
        field("text", pa.string(), "Text of the activity without its printed number (sub-bullets included, their marks dropped)."),
        field("sub_items", pa.list_(pa.string()), "Texts printed after sub-bullet marks (`–`, `◦`) inside the activity, in order; empty when none."),
        field("deadline_raw", pa.string(), "Printed deadline texts, joined with ` | `; null when none is printed."),
        field("deadline_start", pa.date32(), "Earliest start over all deadline parts; null when open or absent."),
        field("deadline_end", pa.date32(), "Latest end over all deadline parts; null when open or absent."),
        field("is_ongoing", pa.bool_(), "True when a deadline says the work is ongoing (`მიმდინარე`)."),
        field("page", pa.int32(), "Page where the activity is printed."),
        *_bbox("activity text"),
    ], primary_key=("activity_id",), foreign_keys=(_key("priorities", "priority_id"),)),
    "deadlines": _schema("One row per deadline part.", [
        field("activity_id", pa.string(), "Activity the deadline belongs to.", False),
        field("part", pa.int32(), "1-based part number within the activity.", False),
        field("raw", pa.string(), "Printed text of the deadline the part came from."),
        field("start", pa.date32(), "First day of the part; null when open."),
        field("end", pa.date32(), "Last day of the part; null when open."),
        field("granularity", pa.string(), "Unit of the printed period; null when unreadable or ongoing.", True, GRANULARITIES),
        field("qualifier", pa.string(), "`by` a date (open start), `before` it, a `continuation` of earlier work, or `ongoing`; null for a plain period.", True, QUALIFIERS),
        field("note", pa.string(), "Words printed with the period (a parenthesised label or continuation text)."),
        field("year_inferred", pa.bool_(), "True when no year was printed and the edition's first year was used."),
        field("page", pa.int32(), "Page where the deadline is printed."),
        *_bbox("deadline text"),
    ], primary_key=("activity_id", "part"), foreign_keys=(_key("activities", "activity_id"),)),
    "organizations": _schema("Every organisation referenced by the edition.", [
        field("org_id", pa.string(), "Registry id, or a minted `x-…` id when no registry entry matched.", False),
        field("acronym", pa.string(), "Acronym, null when none."),
        field("name_en", pa.string(), "English name from the registry (of an organisation the registry lacks: as an English edition prints it)."),
        field("name_ka", pa.string(), "Georgian name (of an organisation the registry lacks: as a Georgian edition prints it)."),
        field("org_type", pa.string(), "Type from the registry (`un_system`, `civil_society`, …); `unknown` when minted."),
        field("known", pa.bool_(), "False: no registry entry matched and the id was minted from the mention.", False),
    ], primary_key=("org_id",), foreign_keys=(_key("documents"),)),
    "participants": _schema("One row per organisation mention in a role.", [
        field("participant_id", pa.int32(), "1-based number of the row within the edition (the key: `activity_id` is null for priority-level roles).", False),
        field("list_id", pa.int32(), "The printed list the mention was read from (`org_lists.list_id`).", False),
        LIST_PRIORITY, LIST_ACTIVITY,
        field("org_id", pa.string(), "Organisation mentioned.", False),
        LIST_ROLE,
        field("mention", pa.string(), "The mention as printed."),
        field("match_method", pa.string(), "How the mention was resolved, most certain first: a registry name (Georgian or English), "
              "acronym or alias printed as is; a `Name (ACR)` pair learned from the document; on a scanned page, an acronym "
              "OCR misread and read again or matched with the letters OCR confuses (`ocr_corrected`); a misspelt acronym or "
              "name (each also a warning); or a minted id.", False, MATCH_METHODS),
        *LIST_PAGES,
        *_bbox("organisation list"),
    ], primary_key=("participant_id",),
       foreign_keys=(_key("priorities", "priority_id"), _key("activities", "activity_id"), _key("organizations", "org_id"),
                     _key("org_lists", "list_id"))),
    "org_lists": _schema("One row per printed organisation list: the text the participants were read from.", [
        field("list_id", pa.int32(), "1-based number of the list within the edition.", False),
        LIST_PRIORITY, LIST_ACTIVITY, LIST_ROLE,
        field("label", pa.string(), "The role label as printed (`წევრები რასიზმის აკრძალვის საკითხში`)."),
        field("text", pa.string(), "The list as printed after its label, joining words included."),
        field("mentions", pa.int32(), "Rows of `participants` read from the list (a mention printed twice counts once)."),
        *LIST_PAGES,
        *_bbox("organisation list"),
    ], primary_key=("list_id",), foreign_keys=(_key("priorities", "priority_id"), _key("activities", "activity_id"))),
    "set_aside": _schema("One row per printed line set aside as furniture, never deleted: what it is and why.", [
        field("line_id", pa.int32(), "1-based number of the line within the edition, in reading order.", False),
        field("page", pa.int32(), "Page where the line is printed.", False),
        field("role", pa.string(), "What the line is.", False, SET_ASIDE_ROLES),
        field("evidence", pa.string(), "Why the line was given that role."),
        field("text", pa.string(), "The line as printed."),
        *_bbox("line"),
    ], primary_key=("line_id",), foreign_keys=(_key("documents"),)),
    "sections": _schema("Narrative text outside the priority blocks.", [
        field("section_id", pa.int32(), "1-based order of the section in the document.", False),
        field("heading", pa.string(), "Heading as printed (empty for text before the first heading)."),
        field("text", pa.string(), "Body text of the section."),
        field("page_start", pa.int32(), "Page where the section starts."),
        *_bbox("heading (or first line, for text before any heading)"),
    ], primary_key=("section_id",), foreign_keys=(_key("documents"),)),
    "changes": _schema("What changed from an older edition to this one (written by `workplan diff`).", [
        field("old_edition", pa.string(), "The edition compared against.", False),
        field("change_id", pa.int32(), "1-based number of the change.", False),
        field("change", pa.string(), "What changed.", False, CHANGES),
        field("priority_id", pa.string(), "Priority concerned (its id in the newer edition when it exists there)."),
        field("activity_id", pa.string(), "Activity id in the older edition."),
        field("new_activity_id", pa.string(), "Activity id in the newer edition."),
        field("org_id", pa.string(), "Organisation joining or leaving."),
        field("role", pa.string(), "Role the organisation joins or leaves.", True, ROLES),
        field("old_value", pa.string(), "Value before: the activity's text, its printed deadlines, its priority, or the edition."),
        field("new_value", pa.string(), "Value after."),
        field("old_start", pa.date32(), "`deadline_changed`: the activity's deadline start before; null when open."),
        field("old_end", pa.date32(), "`deadline_changed`: the activity's deadline end before; null when open."),
        field("new_start", pa.date32(), "`deadline_changed`: the deadline start after; null when open."),
        field("new_end", pa.date32(), "`deadline_changed`: the deadline end after; null when open."),
        field("detail", pa.string(), "Text similarity of a rewording, a change of `ongoing`, or the edition-wide year shift."),
    ], primary_key=("old_edition", "change_id")),
    "activity_pairs": _schema("How `workplan diff` paired the activities of an older edition with this one's: every "
                              "activity of either edition once, unchanged pairs included.", [
        field("old_edition", pa.string(), "The edition compared against.", False),
        field("pair_id", pa.int32(), "1-based number of the row.", False),
        field("old_activity_id", pa.string(), "Activity in the older edition; null when added."),
        field("activity_id", pa.string(), "Activity in this edition; null when removed."),
        field("activity_key", pa.string(), "The key both carry (`activities.activity_key`).", False),
        field("similarity", pa.float32(), "Text similarity of the pair (0..1, years moved by the editions' distance); null when unpaired."),
        field("status", pa.string(), "What the pairing says.", False, PAIR_STATUSES),
    ], primary_key=("old_edition", "pair_id"), foreign_keys=(_key("activities", "activity_id"),)),
    "activity_alignment": _schema("How `workplan align` paired the activities of another language edition of the plan "
                                  "(`a_edition`) with this one's, by evidence that survives translation.", [
        field("a_edition", pa.string(), "The other edition.", False),
        field("pair_id", pa.int32(), "1-based number of the row.", False),
        field("a_activity_id", pa.string(), "Activity in the other edition.", False),
        field("b_activity_id", pa.string(), "Activity in this edition.", False),
        field("activity_key", pa.string(), "The other edition's `activities.activity_key`: both sides' shared key.", False),
        field("evidence", pa.string(), "What the two agree on: `number`, `deadline`, `organizations`, `acronyms and numbers`."),
        field("confidence", pa.float32(), "Share of the evidence the two agree on (0..1)."),
    ], primary_key=("a_edition", "pair_id")),
    "translation_differences": _schema("What must survive translation and did not, between another language edition "
                                       "(`a_edition`) and this one (written by `workplan align`).", [
        field("a_edition", pa.string(), "The other edition.", False),
        field("difference_id", pa.int32(), "1-based number of the row.", False),
        field("what", pa.string(), "What differs.", False, TRANSLATION_DIFFERENCES),
        field("priority_id", pa.string(), "The priority concerned.", False),
        field("activity_id", pa.string(), "The activity concerned (the other edition's id when it has it)."),
        field("a_text", pa.string(), "What the other edition prints; null when it prints nothing there."),
        field("b_text", pa.string(), "What this edition prints; null when it prints nothing there."),
        field("a_page", pa.int32(), "Page in the other edition."),
        field("b_page", pa.int32(), "Page in this edition."),
    ], primary_key=("a_edition", "difference_id")),
    "warnings": _schema("Everything the pipeline noticed and could not settle.", [
        field("warning_id", pa.int32(), "1-based number of the warning.", False),
        field("code", pa.string(), "Machine-readable kind of warning (`inferred_label`: a label, column header or priority label the vocabulary lacks, read from its content; the message says how, and the vocabulary line that makes it known).", False),
        field("message", pa.string(), "What happened, in one line."),
        field("page", pa.int32(), "Page concerned; null when not tied to a page."),
        field("context", pa.string(), "The printed text concerned."),
    ], primary_key=("warning_id",), foreign_keys=(_key("documents"),)),
}


# Tables keyed by the rows' order (their natural columns may be null or repeat): the key is numbered here.
ROW_NUMBERS = {"participants": "participant_id", "org_lists": "list_id", "set_aside": "line_id",
               "warnings": "warning_id", "changes": "change_id", "activity_pairs": "pair_id",
               "activity_alignment": "pair_id", "translation_differences": "difference_id"}


def to_table(name: str, edition: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts without `edition`) → a table of the named schema, `edition` first; a table keyed
    by row number (ROW_NUMBERS) is numbered from 1 in the rows' order."""
    schema = SCHEMAS[name]
    if name in ROW_NUMBERS:
        rows = [{**row, ROW_NUMBERS[name]: number} for number, row in enumerate(rows, start=1)]
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema if f.name != "edition"}
    columns["edition"] = [edition] * len(rows)
    return pa.Table.from_pydict({f.name: columns[f.name] for f in schema}, schema=schema)


def description(item: pa.Field | pa.Schema) -> str:
    return (item.metadata or {}).get(DESCRIPTION, b"").decode("utf-8")


def allowed_values(field_: pa.Field) -> list[str]:
    return json.loads((field_.metadata or {}).get(ENUM, b"[]"))


def primary_key(schema: pa.Schema) -> list[str]:
    return json.loads((schema.metadata or {}).get(PRIMARY_KEY, b"[]"))


def foreign_keys(schema: pa.Schema) -> list[dict]:
    return json.loads((schema.metadata or {}).get(FOREIGN_KEYS, b"[]"))
