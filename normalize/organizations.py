"""Printed organisation lists → mentions resolved to registry ids (or minted ids, never guesses).

Known names, aliases and acronyms are found with spaCy's PhraseMatcher over the Georgian
tokenizer (norms are case-ending stems), so separators inside a known name (`ეკონომიკური
თანამშრომლობისა და განვითარების ორგანიზაცია`) never split it. What is left is split at
`,`/`;` and at `და` where the grammar allows, then resolved by acronym, by a `Name (ACR)`
pair learned from the same document, by a close spelling, or given a minted id.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import regex
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from workplan.extract.settings import DEFAULT_SETTINGS, NormalizeSettings
from workplan.normalize.georgian import stem
from workplan.normalize.languages import pack
from workplan.normalize.ocr_confusions import ocr_shape, trim_specks
from workplan.normalize.text import normalize_text
from workplan.normalize.vocabulary import DATA_DIR, active, load_csv, load_yaml

MINTED_PREFIX = "x-"
LABEL_JOIN = "\t"

PAREN = regex.compile(r"\(([^()]*)\)")
ACRONYM = regex.compile(r"^[A-Z][A-Za-z0-9&+\- ]{1,24}$")
BARE_ACRONYM = regex.compile(r"^[A-Z][A-Z0-9&+\-]{1,24}$")
GLUED_PAREN = regex.compile(r"(?<=[\p{L}\d])\(")
# Precompiled: these run on every organisation list, twice.
ACRONYM_AFTER = regex.compile(r"\s*\(([^()]*)\)")
LIST_SEPARATOR = regex.compile(r"[/,;]")
SEPARATOR = regex.compile(r"[,;]")
ENDS_WITH_PAREN = regex.compile(r"\([^()]*\)$")
WORD = regex.compile(r"(?<!\S)(\S+)(?!\S)")
NAME_AND_ACRONYM = regex.compile(r"^(?P<name>.+?)\s*\((?P<acr>[^()]+)\)$")
INKED = regex.compile(r"[\p{L}\d]")
LATIN_WORD = regex.compile(r"[A-Za-z][A-Za-z0-9]*")
EDGE_JUNK = regex.compile(r"^[\s,;:.\-–•]+|[\s,;:.\-–•]+$")


@dataclass(frozen=True)
class Organization:
    org_id: str
    acronym: str | None
    name_en: str | None
    name_ka: str | None
    org_type: str
    known: bool


@dataclass(frozen=True)
class Mention:
    text: str
    org_id: str
    known: bool
    method: str  # how it was resolved: one of normalize.tables.MATCH_METHODS


@dataclass(frozen=True)
class Resolution:
    mentions: tuple[Mention, ...]
    problems: tuple[str, ...]


def acronym_key(text: str) -> str:
    return regex.sub(r"[\s\-./]", "", text.casefold())


def name_key(text: str) -> str:
    words = regex.findall(r"[\p{L}\d]+", unicodedata.normalize("NFC", text))
    return " ".join(stem(w) for w in words)


# Footnote reference marks printed after a name or acronym (`IOM¹`, `UNHCR†`): never part of it.
REFERENCE_MARKS = regex.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079†‡]+")


def clean_list_text(text: str) -> str:
    return GLUED_PAREN.sub(" (", REFERENCE_MARKS.sub("", normalize_text(text)))


@dataclass(frozen=True)
class Registry:
    organizations: dict[str, Organization]
    # (surface text, org_id, match method): every name, alias and acronym that identifies an organisation
    names: tuple[tuple[str, str, str], ...]


@lru_cache(maxsize=4)
def blank_language(code: str):
    """The tokenizer-only spaCy language of a language pack: the project's own Georgian (registered
    as `ka`), spaCy's English (`spacy.blank("en")`: nothing to download)."""
    import spacy

    return spacy.blank(code)


@lru_cache(maxsize=4)
def load_registry(data_dir: Path = DATA_DIR) -> Registry:
    """The registry (`organizations.csv`: ids, acronyms, English names) with each language pack's
    names and aliases (`organizations_<language>.csv`: `org_id`, the pack's name column, `aliases`
    separated by `|`)."""
    from workplan.normalize.languages import packs

    named = {language.names: {row["org_id"]: row for row in load_csv(f"organizations_{code}.csv", data_dir)}
             for code, language in packs().items() if (data_dir / f"organizations_{code}.csv").exists()}
    method_of = {language.names: f"{language.name.casefold()}_name" for language in packs().values()}
    organizations: dict[str, Organization] = {}
    names: list[tuple[str, str, str]] = []
    for row in load_csv("organizations.csv", data_dir):
        org_id = row["id"]
        extra = {column: rows.get(org_id, {}) for column, rows in named.items()}
        name_en = extra.get("name_en", {}).get("name_en") or row["name_en"] or None
        name_ka = extra.get("name_ka", {}).get("name_ka") or None
        organizations[org_id] = Organization(org_id, row["acronym"] or None, name_en, name_ka, row["type"], True)
        surfaces = [(row["acronym"], "acronym"), (row["name_en"], "english_name")]
        for column, entry in extra.items():
            if column != "name_en" or entry.get(column) != row["name_en"]:
                surfaces.append((entry.get(column), method_of[column]))
        surfaces += [(alias, "alias") for entry in extra.values() for alias in (entry.get("aliases") or "").split("|") if alias.strip()]
        if ACRONYM.match(org_id) and org_id.isupper():
            surfaces.append((org_id, "acronym"))
        names += [(surface.strip(), org_id, method) for surface, method in surfaces if surface and surface.strip()]
    return Registry(organizations, tuple(names))


def latin_words_of(text: str) -> list[str]:
    """The Latin words of a text, casefolded (`(IOM);` → `iom`)."""
    return [word.casefold() for word in LATIN_WORD.findall(text)]


@lru_cache(maxsize=4)
def latin_words(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """Every Latin word of the registry's names, acronyms and aliases, casefolded: what a scanned
    page may print in Latin letters (OCR's readings are checked against it)."""
    names = load_registry(data_dir).names
    return frozenset(word for surface, _, _ in names for word in latin_words_of(surface))


@lru_cache(maxsize=1)
def _language_data() -> tuple[frozenset[str], tuple[str, ...], dict[str, str]]:
    data = load_yaml("georgian.yaml")
    return frozenset(data["conjunctions"]), tuple(data["binding_endings"]), dict(data["transliteration"])


def transliterate(text: str) -> str:
    table = _language_data()[2]
    return "".join(table.get(c, c) for c in text.casefold())


def slug(text: str) -> str:
    return regex.sub(r"[^a-z0-9]+", "-", transliterate(text)).strip("-")[:48] or "organization"


@dataclass
class _Span:
    start: int
    end: int
    org_id: str
    method: str


class OrganizationResolver:
    """Resolve organisation lists of one document; call `learn` on all lists first."""

    def __init__(self, registry: Registry | None = None, settings: NormalizeSettings = DEFAULT_SETTINGS.normalize):
        self.registry = registry or load_registry()
        self.settings = settings
        self.language = pack(active().language)
        self.nlp = blank_language(self.language.code)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.acronyms: dict[str, str] = {}
        self.name_keys: dict[str, str] = {}
        self.minted: dict[str, Organization] = {}
        self.vocabulary_size = 0
        self._span_memo: dict[tuple[str, int], list[_Span]] = {}
        for surface, org_id, method in self.registry.names:
            self._add_name(surface, org_id, method)
        for org_id, surfaces in active().organizations.items():  # a user's vocabulary file
            for surface in surfaces:
                self._add_name(surface, org_id, "alias")
        for org in self.registry.organizations.values():
            if org.acronym:
                self.acronyms.setdefault(acronym_key(org.acronym), org.org_id)

    # ------------------------------------------------------------ vocabulary

    def _add_name(self, surface: str, org_id: str, method: str) -> None:
        self.vocabulary_size += 1
        # The match label carries the method, so a mention says how it was found.
        self.matcher.add(f"{org_id}{LABEL_JOIN}{method}", [self.nlp.make_doc(clean_list_text(surface))])
        self.name_keys.setdefault(name_key(surface), org_id)

    def organization(self, org_id: str) -> Organization:
        return self.registry.organizations.get(org_id) or self.minted[org_id]

    def _mint(self, name: str, acronym: str | None, claim_acronym: bool = True) -> str:
        """A new id for an organisation missing from the registry; `claim_acronym=False` when the
        acronym is a registry organisation's too (the bare acronym keeps naming that one)."""
        by_acronym = bool(acronym) and claim_acronym
        key = acronym_key(acronym) if by_acronym else name_key(name)
        base = MINTED_PREFIX + slug(acronym or name)
        existing = self.acronyms.get(key) if by_acronym else self.name_keys.get(key)
        if existing and existing in self.minted:
            return existing
        org_id, n = base, 2
        while org_id in self.registry.organizations or org_id in self.minted:
            org_id, n = f"{base}-{n}", n + 1
        bare = PAREN.sub("", name).strip() or None
        # A name the registry lacks is stored as printed, in the column of the document's language.
        names = {"name_en": None, "name_ka": None, self.language.names: bare}
        self.minted[org_id] = Organization(org_id, acronym, org_type="unknown", known=False, **names)
        if by_acronym:
            self.acronyms[acronym_key(acronym)] = org_id
        if bare:
            self._add_name(bare, org_id, "minted")
        return org_id

    # ------------------------------------------------------------ splitting

    def _spans(self, text: str) -> list[_Span]:
        """Known names in the text; remembered until the vocabulary grows (`learn` then `resolve`
        read every list twice)."""
        key = (text, self.vocabulary_size)
        if key not in self._span_memo:
            self._span_memo[key] = self._find_spans(text)
        return self._span_memo[key]

    def _find_spans(self, text: str) -> list[_Span]:
        doc = self.nlp.make_doc(text)
        matches = self.matcher(doc)
        found = [doc[s:e] for _, s, e in matches]
        labels = {(doc[s:e].start_char, doc[s:e].end_char): self.nlp.vocab.strings[m] for m, s, e in matches}
        spans: list[_Span] = []
        single_acronym_until = -1
        for span in filter_spans(found):  # sorted by position
            start, end = span.start_char, span.end_char
            if start < single_acronym_until:
                continue
            # `Name (ACR)`: the acronym belongs to the name before it. A single acronym is that
            # name's whatever else it names (`განვითარების ცენტრი, … ორგანიზაცია (OECD)` is the
            # OECD Development Centre); a list (`(Kaldor Centre/ISIM)`) may name the names before.
            after = ACRONYM_AFTER.match(text[end:])
            if after:
                end += after.end()
                if not LIST_SEPARATOR.search(after.group(1)):
                    single_acronym_until = end
            org_id, method = labels[(span.start_char, span.end_char)].split(LABEL_JOIN)
            spans.append(_Span(start, end, org_id, method))
        return spans

    @staticmethod
    def _protected(position: int, spans: list[_Span], text: str) -> bool:
        depth = text[:position].count("(") - text[:position].count(")")
        return depth > 0 or any(s.start <= position < s.end for s in spans)

    def _split(self, text: str, spans: list[_Span]) -> list[tuple[int, int]]:
        pieces, start = [], 0
        for match in SEPARATOR.finditer(text):
            if not self._protected(match.start(), spans, text):
                pieces.append((start, match.start()))
                start = match.end()
        pieces.append((start, len(text)))
        result = []
        for begin, end in pieces:
            result += self._split_conjunctions(text, begin, end, spans)
        return result

    def _split_conjunctions(self, text: str, begin: int, end: int, spans: list[_Span]) -> list[tuple[int, int]]:
        conjunctions, binding, _ = _language_data()
        inner = [s for s in spans if s.start >= begin and s.end <= end]
        piece = text[begin:end].rstrip(" .")
        ends_with_acronym = bool(ENDS_WITH_PAREN.search(piece))
        cuts, start = [], begin
        for match in WORD.finditer(text[begin:end]):
            word = match.group(1)
            position = begin + match.start()
            if word.casefold() not in conjunctions or self._protected(position, spans, text):
                continue
            left = text[start:position].rstrip()
            right_start = position + len(word) + 1
            previous_word = left.split()[-1] if left.split() else ""
            after_complete = left.endswith(")") or any(s.end == start + len(left) for s in inner)
            before_known = any(s.start == right_start for s in inner)
            free = not inner and not ends_with_acronym and not previous_word.endswith(binding)
            if left and (after_complete or before_known or free):
                cuts.append((start, position))
                start = position + len(word)
        cuts.append((start, end))
        return cuts

    # ------------------------------------------------------------ resolving

    def learn(self, text: str) -> tuple[str, ...]:
        """Record `Name (ACR)` pairs so that the bare name resolves elsewhere in the document.
        Returns what needs a warning: a registry acronym printed with another organisation's name."""
        problems: list[str] = []
        text = clean_list_text(text)
        spans = self._spans(text)
        for begin, end in self._split(text, spans):
            piece = EDGE_JUNK.sub("", text[begin:end])
            match = NAME_AND_ACRONYM.search(piece)
            if not match or not ACRONYM.match(match.group("acr").strip()):
                continue
            name, acronym = match.group("name").strip(), match.group("acr").strip()
            if any(begin <= s.start < end and s.start < begin + len(name) for s in spans):
                continue  # the name is already known
            org_id = self.acronyms.get(acronym_key(acronym))
            if org_id is not None and org_id in self.registry.organizations and self.names_another(name, org_id):
                holder = org_id
                org_id = self._mint(piece, acronym, claim_acronym=False)
                problems.append(f"{piece!r}: the acronym {acronym} is {holder}'s in the registry "
                                f"({self.organization(holder).name_en}), but the name printed with it is another's: minted id {org_id}")
            if org_id is None:
                near = self._similar_name(name)
                if near and near in (self._acronym_typo(acronym), self._ocr_misread(acronym)):
                    continue  # a registry organisation's pair misspelt in name and acronym: resolved as one, with a warning
                org_id = self._mint(piece, acronym)
            self._add_name(name, org_id, "minted" if org_id in self.minted else "learned_pair")
        return tuple(problems)

    def known_share(self, text: str) -> tuple[int, int]:
        """How many items of a printed list name a registry organisation (by name, alias or
        acronym), and how many items it has; nothing is learned or minted."""
        text = clean_list_text(text)
        spans = self._spans(text)
        known = total = 0
        for begin, end in self._split(text, spans):
            piece = EDGE_JUNK.sub("", text[begin:end])
            if not INKED.search(piece):
                continue
            total += 1
            acronyms = [a.strip() for a in PAREN.findall(piece)] + ([piece] if BARE_ACRONYM.match(piece) else [])
            if any(s.start < end and s.end > begin and s.org_id in self.registry.organizations for s in spans) or any(
                    self.acronyms.get(acronym_key(a)) in self.registry.organizations for a in acronyms):
                known += 1
        return known, total

    def resolve(self, text: str, scanned: bool = False) -> Resolution:
        """Mentions of a printed list; `scanned` when OCR read it (its specks are trimmed and an
        unknown acronym may be one OCR misread)."""
        text = clean_list_text(text)
        spans = self._spans(text)
        mentions: list[Mention] = []
        problems: list[str] = []
        for begin, end in self._split(text, spans):
            piece = EDGE_JUNK.sub("", text[begin:end])
            if scanned:
                piece = trim_specks(piece)
            if not INKED.search(piece):
                continue
            inner = [s for s in spans if s.start < end and s.end > begin]
            ids = list(dict.fromkeys(s.org_id for s in inner))
            pair = NAME_AND_ACRONYM.search(piece)
            if len(ids) == 1 and inner[0].method == "acronym" and pair and ACRONYM.match(pair.group("acr").strip()) \
                    and inner[0].start >= begin + len(pair.group("name")) and self.names_another(pair.group("name"), ids[0]):
                # `უსაფრთხოების კვლევების ინსტიტუტი (ISS)`: the acronym is a registry one, the
                # name printed with it is another organisation's.
                org_id = self._mint(piece, pair.group("acr").strip(), claim_acronym=False)
                mentions.append(Mention(piece, org_id, False, "minted"))
                problems.append(f"{piece!r}: the acronym {pair.group('acr').strip()} is {ids[0]}'s in the registry "
                                f"({self.organization(ids[0]).name_en}), but the name printed with it is another's: minted id {org_id}")
            elif len(ids) == 1:
                mentions.append(Mention(piece, ids[0], ids[0] not in self.minted, inner[0].method))
            elif ids:
                for span in inner:
                    mentions.append(Mention(EDGE_JUNK.sub("", text[span.start:span.end]), span.org_id, span.org_id not in self.minted, span.method))
            else:
                mention, problem = self._resolve_unmatched(piece, scanned)
                mentions.append(mention)
                if problem:
                    problems.append(problem)
        return Resolution(tuple(mentions), tuple(problems))

    def _resolve_unmatched(self, piece: str, scanned: bool = False) -> tuple[Mention, str | None]:
        acronyms = [a.strip() for a in PAREN.findall(piece) if ACRONYM.match(a.strip())]
        if not acronyms and BARE_ACRONYM.match(piece):
            acronyms = [piece]  # an acronym printed alone (`ANF`), perhaps one the document introduced
        for acronym in acronyms:
            org_id = self.acronyms.get(acronym_key(acronym))
            if org_id:
                return Mention(piece, org_id, org_id not in self.minted, "acronym" if org_id not in self.minted else "minted"), None
        for acronym in acronyms if scanned else ():
            org_id = self._ocr_misread(acronym)
            if org_id:
                return Mention(piece, org_id, True, "ocr_corrected"), \
                    f"acronym {acronym!r} read by OCR taken as {org_id} (letters OCR confuses)"
        for acronym in acronyms:
            org_id = self._acronym_typo(acronym)
            if org_id:
                return Mention(piece, org_id, True, "acronym_typo"), f"acronym {acronym!r} read as {org_id} (one letter differs)"
        org_id = self._similar_name(PAREN.sub("", piece))
        if org_id:
            return Mention(piece, org_id, org_id not in self.minted, "similar_name"), f"{piece!r} read as {org_id} (spelling differs)"
        org_id = self._mint(piece, acronyms[0] if acronyms else None)
        return Mention(piece, org_id, False, "minted"), f"no registry entry for {piece!r}: minted id {org_id}"

    def names_another(self, name: str, org_id: str) -> bool:
        """Whether a name printed with a registry organisation's acronym names someone else: it
        resembles none of the names the registry gives that organisation in the name's script."""
        org = self.registry.organizations.get(org_id)
        if org is None or not regex.search(r"\p{L}{3}", name):
            return False
        georgian = bool(regex.search(r"\p{Georgian}", name))
        surfaces = [surface for surface, owner, method in self.registry.names
                    if owner == org_id and method != "acronym" and bool(regex.search(r"\p{Georgian}", surface)) == georgian]
        if not surfaces:
            return False
        key = name_key(name)
        return all(difflib.SequenceMatcher(None, key, name_key(s), autojunk=False).ratio() < self.settings.same_holder_similarity for s in surfaces)

    def _acronym_typo(self, acronym: str) -> str | None:
        key = acronym_key(acronym)
        if len(key) < self.settings.acronym_typo_min_length:
            return None
        close = {org_id for known, org_id in self.acronyms.items()
                 if org_id in self.registry.organizations and len(known) == len(key) and _one_edit(known, key)}
        return close.pop() if len(close) == 1 else None

    @cached_property
    def _acronyms_by_ocr_shape(self) -> dict[str, frozenset[str]]:
        """The registry's acronyms by the shape OCR may read them in: shaped once, not per mention."""
        owners: dict[str, set[str]] = {}
        for surface, org_id, method in self.registry.names:
            if method == "acronym":
                owners.setdefault(ocr_shape(surface), set()).add(org_id)
        return {shape: frozenset(ids) for shape, ids in owners.items()}

    def _ocr_misread(self, acronym: str) -> str | None:
        """The one registry organisation whose acronym OCR could have read as this one."""
        owners = self._acronyms_by_ocr_shape.get(ocr_shape(acronym), frozenset())
        return next(iter(owners)) if len(owners) == 1 else None

    def _similar_name(self, name: str) -> str | None:
        key = name_key(name)
        if len(key) < 8:
            return None
        scored = sorted(
            ((difflib.SequenceMatcher(None, key, known, autojunk=False).ratio(), org_id) for known, org_id in self.name_keys.items()),
            reverse=True,
        )
        if not scored or scored[0][0] < self.settings.name_similarity:
            return None
        if len(scored) > 1 and scored[1][0] >= self.settings.name_similarity and scored[1][1] != scored[0][1]:
            return None
        return scored[0][1]


def _one_edit(a: str, b: str) -> bool:
    """Same length, and equal but for one substitution or one swap of neighbours."""
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diffs) == 1:
        return True
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
