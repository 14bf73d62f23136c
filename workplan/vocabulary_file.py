"""The built-in vocabulary written in the form `--vocabulary` reads (`workplan vocabulary`)."""
from __future__ import annotations

import yaml

from workplan.extract.markers import _builtin as builtin_markers
from workplan.normalize.deadlines import _builtin as builtin_deadlines
from workplan.normalize.languages import DEFAULT_LANGUAGE, pack
from workplan.normalize.vocabulary import DATA_DIR, load_csv

HEADER = """\
# The built-in vocabulary of workplan, in the form `--vocabulary FILE.yaml` reads.
# A file of your own needs only the phrases your edition adds: they are merged over these.
# A label the vocabulary lacks is still read from what follows it, with a warning naming the
# line to add here (e.g. `labels: deadline: [პერიოდი]`).
"""


def builtin_vocabulary(language: str = DEFAULT_LANGUAGE) -> dict:
    markers = builtin_markers(language)
    labels: dict[str, list[str]] = {
        "deadline": list(markers["deadline_label"]),
        "activities": list(markers["activities_label"]),
        "objectives": list(markers["objectives_label"]),
        "thematic_area": list(markers["thematic_area_label"]),
    }
    for entry in markers["role_labels"]:
        labels.setdefault(entry["role"], []).extend(entry["phrases"])
    groups: dict[str, list[str]] = {}
    for entry in markers["priority_labels"]:
        groups.setdefault(entry["kind"], []).append(entry["phrase"])
    organizations = {}
    names_file = DATA_DIR / f"organizations_{language}.csv"
    for row in load_csv(names_file.name) if names_file.exists() else ():
        names = [row.get(pack(language).names)] + [a for a in (row.get("aliases") or "").split("|") if a.strip()]
        if any(names):
            organizations[row["org_id"]] = [n for n in names if n]
    return {"language": language, "labels": labels, "groups": groups, "deadlines": builtin_deadlines(language),
            "organizations": organizations}


def builtin_vocabulary_yaml(language: str = DEFAULT_LANGUAGE) -> str:
    return HEADER + yaml.safe_dump(builtin_vocabulary(language), allow_unicode=True, sort_keys=False, width=100)
