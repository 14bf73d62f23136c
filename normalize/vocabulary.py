"""The editable data files (each language pack's vocabulary, registries) shipped in `normalize/data`,
and a user's vocabulary file merged over them.

A user's file adds printed phrases without touching the package:

    language: ka     # the language its words are for (languages.yaml; Georgian when not given)
    labels:          # role -> printed phrases (without the colon)
      deadline: [განხორციელების ვადა]
      co_lead: [თანაკოორდინატორები]
    groups:          # priority kind -> group or block label words
      thematic_working_group: [პროგრამა]
    deadlines:       # any key of deadlines_<language>.yaml: lists are extended, mappings updated
      months: [...]
    organizations:   # registry id -> further names or aliases
      UNESCO: [იუნესკო]

The vocabulary in force travels with the document being read (a context variable set around one
document's processing), with the language pack of that document, so two documents of one batch may
each have their own; every cache of compiled vocabulary is keyed by both, and bounded.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import yaml

from workplan.extract.records import LIST_ROLES, PRIORITY_KINDS

DATA_DIR = Path(__file__).parent / "data"

LABEL_ROLES = ("deadline", "activities", "objectives", "thematic_area", *LIST_ROLES)
SECTIONS = ("language", "labels", "groups", "deadlines", "organizations")


def load_yaml(name: str, data_dir: Path = DATA_DIR) -> dict:
    with open(data_dir / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_csv(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    with open(data_dir / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used: the message names the file, the key and the line."""


@dataclass(frozen=True)
class Vocabulary:
    """Phrases added to the built-in vocabulary of the language in force; `key` identifies them
    (empty: built-in only), `words_language` is the language they are for."""
    key: str = ""
    source: str = "built-in"
    language: str = "ka"  # the language pack in force: the document's language
    words_language: str = "ka"
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    deadlines: dict[str, Any] = field(default_factory=dict)
    organizations: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.language, self.key))

    def in_language(self, code: str) -> "Vocabulary":
        """This vocabulary for a document in `code`: a user's words count only for their own language."""
        if code == self.language:
            return self
        if self.key and code != self.words_language:
            return Vocabulary(language=code)
        return replace(self, language=code)

    def data_file(self, stem: str, extension: str = "yaml") -> str:
        """The name of the language pack's data file `stem` (`deadlines` → `deadlines_ka.yaml`)."""
        return f"{stem}_{self.language}.{extension}"

    def label_phrases(self, role: str) -> list[str]:
        return list(self.labels.get(role, ()))

    def merge_deadlines(self, base: dict) -> dict:
        """deadlines_ka.yaml with this vocabulary's deadline words: lists extended, mappings updated."""
        merged = dict(base)
        for key, value in self.deadlines.items():
            if isinstance(value, dict):
                merged[key] = {**base.get(key, {}), **value}
            else:
                merged[key] = list(base.get(key, [])) + [v for v in value if v not in base.get(key, [])]
        return merged


BUILTIN = Vocabulary()
_ACTIVE: ContextVar[Vocabulary] = ContextVar("workplan_vocabulary", default=BUILTIN)


def active() -> Vocabulary:
    """The vocabulary of the document being read."""
    return _ACTIVE.get()


@contextmanager
def use_vocabulary(vocabulary: Vocabulary | None) -> Iterator[Vocabulary]:
    token = _ACTIVE.set(vocabulary or BUILTIN)
    try:
        yield vocabulary or BUILTIN
    finally:
        _ACTIVE.reset(token)


F = TypeVar("F", bound=Callable[..., Any])


# Entries each cache of compiled vocabulary keeps (vocabularies × arguments), the least recently used
# dropped first: a long batch of documents, each with its own vocabulary, holds no more than this.
CACHE_ENTRIES = 1 << 14


def per_vocabulary(function: F) -> F:
    """Cache a function of the vocabulary (and its arguments) for each vocabulary in force, bounded."""

    @functools.lru_cache(maxsize=CACHE_ENTRIES)
    def for_vocabulary(language: str, key: str, args: tuple) -> Any:
        return function(*args)

    @functools.wraps(function)
    def cached(*args):
        vocabulary = _ACTIVE.get()
        return for_vocabulary(vocabulary.language, vocabulary.key, args)

    cached.cache_clear = for_vocabulary.cache_clear  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]


# ---------------------------------------------------------------- reading a user's file

def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}, line {node.start_mark.line + 1}"


def _phrases(path: Path, key: str, node: yaml.Node) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode):
        nodes = [node]
    elif isinstance(node, yaml.SequenceNode):
        nodes = node.value
    else:
        raise VocabularyError(f"{_where(path, node)}: `{key}` takes a list of printed phrases")
    phrases = []
    for item in nodes:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise VocabularyError(f"{_where(path, item)}: `{key}` takes a list of printed phrases, one per item")
        phrases.append(" ".join(str(item.value).rstrip(":").split()))
    return tuple(phrases)


def _mapping(path: Path, key: str, node: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise VocabularyError(f"{_where(path, node)}: `{key}` must be a mapping")
    return node.value


def _choice(path: Path, section: str, key_node: yaml.Node, allowed) -> str:
    key = str(key_node.value)
    if key not in allowed:
        name = f"{section}: {key}" if section else key
        raise VocabularyError(f"{_where(path, key_node)}: unknown key `{name}` (one of: {', '.join(allowed)})")
    return key


def load_vocabulary(path: str | Path, registry_ids: frozenset[str] | None = None,
                    deadline_keys: frozenset[str] | None = None) -> Vocabulary:
    """Read and check a vocabulary file; a bad file raises VocabularyError naming the key and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise VocabularyError(f"{path}: cannot read the vocabulary file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{path}: the vocabulary file is not UTF-8 text") from None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise VocabularyError(f"{path}{line}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if root is None:
        return BUILTIN
    sections: dict[str, Any] = {}
    entries_of_file = _mapping(path, "the vocabulary file", root)
    language = "ka"  # the words are Georgian unless the file says otherwise
    for key_node, value in entries_of_file:
        if key_node.value == "language":
            codes = tuple(load_yaml("languages.yaml"))
            if not isinstance(value, yaml.ScalarNode) or value.value not in codes:
                raise VocabularyError(f"{_where(path, value)}: `language` is one of: {', '.join(codes)}")
            language = value.value
    for key_node, value in entries_of_file:
        section = _choice(path, "", key_node, SECTIONS)
        if section == "language":
            continue
        if section == "labels":
            sections["labels"] = {_choice(path, section, k, LABEL_ROLES): _phrases(path, f"labels: {k.value}", v)
                                  for k, v in _mapping(path, section, value)}
        elif section == "groups":
            sections["groups"] = {_choice(path, section, k, PRIORITY_KINDS): _phrases(path, f"groups: {k.value}", v)
                                  for k, v in _mapping(path, section, value)}
        elif section == "deadlines":
            allowed = sorted(deadline_keys or load_yaml(f"deadlines_{language}.yaml"))
            entries = {}
            for k, v in _mapping(path, section, value):
                name = _choice(path, section, k, allowed)
                entries[name] = yaml.safe_load(yaml.serialize(v))
                if not isinstance(entries[name], (list, dict)):
                    raise VocabularyError(f"{_where(path, v)}: `deadlines: {name}` takes a list or a mapping, as in the built-in vocabulary")
            sections["deadlines"] = entries
        else:
            ids = registry_ids if registry_ids is not None else frozenset(row["id"] for row in load_csv("organizations.csv"))
            names = {}
            for k, v in _mapping(path, section, value):
                org_id = str(k.value)
                if org_id not in ids:
                    raise VocabularyError(f"{_where(path, k)}: `organizations: {org_id}` is not a registry id "
                                          "(organizations.csv); names of organisations outside the registry are minted from the document")
                names[org_id] = _phrases(path, f"organizations: {org_id}", v)
            sections["organizations"] = names
    digest = hashlib.sha256(json.dumps([language, sections], ensure_ascii=False, sort_keys=True, default=list).encode()).hexdigest()[:16]
    return Vocabulary(key=digest, source=str(path), language=language, words_language=language, **sections)


def as_vocabulary(value: "Vocabulary | str | Path | None") -> Vocabulary:
    """A vocabulary from what a caller passes: a Vocabulary, a file path, or None (built-in)."""
    if value is None:
        return BUILTIN
    if isinstance(value, Vocabulary):
        return value
    return load_vocabulary(value)
