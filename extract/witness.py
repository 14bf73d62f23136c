"""A second witness of the reading: the document's own passages (its tags, extract.tags) held
against the values the tables were built from.

Each tagged passage should read as one run of words inside one value (a title, an activity, a
deadline, an organisation list, a section's text, a set-aside line). Where a run of its words
lies in another value instead, the reading split what the producer wrote as one passage (a
title's line read into an activity); where it lies in the same value out of order, the reading
reordered it; where a value's words resume on a page after another value's, a passage printed
elsewhere was read into it. Each is a `reading_disputed` warning naming the page, the tag and both
readings; where the two agree, nothing is said. The share of tagged words found in order in one value is
the document's `witness_confirmed`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby
from typing import Iterable

from workplan.extract.markers import structure_words
from workplan.extract.records import Code, Line, Notice, SegmentedDocument
from workplan.extract.settings import DEFAULT_SETTINGS, Settings
from workplan.extract.tags import Passage
from workplan.normalize.text import printed_words


def words(text: str | None) -> tuple[str, ...]:
    return tuple(printed_words(text))


@dataclass(frozen=True)
class Value:
    """One value the tables were built from: what it is (for a message), its words, the pages it
    was printed on, and whether it opens with its printed label or number (a list's `Lead:`, an
    activity's `3.`)."""
    what: str
    words: tuple[str, ...]
    pages: tuple[int, int]
    labelled: bool = False
    set_aside: bool = False  # furniture: printed between any passages (a footnote within a section)
    block: int = -1  # the priority block it belongs to (its number in the document), -1 outside blocks

    def near(self, page: int) -> bool:
        return self.pages[0] - 1 <= page <= self.pages[1] + 1


@dataclass(frozen=True)
class Agreement:
    """What a document's tags say of its reading: the disputes, and how much they confirmed."""
    notices: tuple[Notice, ...]
    words: int  # tagged words held against the reading
    confirmed: int  # of those, found in order inside one value

    @property
    def share(self) -> float | None:
        return self.confirmed / self.words if self.words else None


# The last section of narrative runs on to the first block; with no block, to the end.
UNBOUNDED = 10 ** 6


def values_read(segmented: SegmentedDocument, set_aside: Iterable[Line]) -> list[Value]:
    """Every value segmentation made, in the order it was read, with its printed label where it
    has one (a passage holds a label with its content); the set-aside lines after them."""
    out: list[Value] = []

    def add(what: str, pages: tuple[int, int], *texts: str | None, label: str | None = None, aside: bool = False,
            block: int = -1) -> None:
        found = words(" ".join(t for t in (label, *texts) if t))
        if found:
            out.append(Value(what, found, pages, bool(words(label)), aside, block))

    starts = [section.page_start for section in segmented.sections[1:]]
    starts += [segmented.priorities[0].box.page] if segmented.priorities else [UNBOUNDED]
    for section, end in zip(segmented.sections, starts):
        add(f"the section {section.heading[:60]!r}", (section.page_start, max(end, section.page_start)), section.heading, section.text)
    for block, priority in enumerate(segmented.priorities):
        name = " ".join(p for p in (priority.label, priority.number) if p and (p == priority.label or p not in priority.label))
        span = (priority.box.page, priority.page_end)
        add(f"the title of {name}", (priority.box.page, priority.box.page), priority.title, label=name, block=block)
        add(f"the GCM objectives of {name}", span, priority.gcm_raw, block=block)
        add(f"the thematic area of {name}", span, priority.thematic_area_text, block=block)
        for org_list in priority.org_lists:
            add(f"the {org_list.role} list of {name}", (org_list.box.page, org_list.page_end), org_list.text, label=org_list.label, block=block)
        ends = [a.box.page for a in priority.activities[1:]] + [priority.page_end]
        for seq, (activity, end) in enumerate(zip(priority.activities, ends), start=1):
            where = f"activity {seq} of {name}"
            add(where, (activity.box.page, max(end, activity.box.page)), activity.text, label=activity.number_printed, block=block)
            for deadline in activity.deadlines:
                add(f"a deadline of {where}", (deadline.box.page, deadline.box.page), deadline.raw, block=block)
            for org_list in activity.org_lists:
                add(f"the {org_list.role} list of {where}", (org_list.box.page, org_list.page_end), org_list.text, label=org_list.label, block=block)
    # Set-aside lines one after another on a page, in one role, are one value (a footnote's lines).
    for (page, role), lines in groupby(set_aside, key=lambda line: (line.page, line.role)):
        add(f"the {role.replace('_', ' ')} set aside on page {page}", (page, page), *(line.text for line in lines), aside=True)
    return out


@dataclass(frozen=True)
class _Piece:
    """A run of a passage's words found consecutive inside one value."""
    start: int  # in the passage
    size: int
    value: int
    at: int  # where the run begins in the value


def check_against_tags(passages: Iterable[Passage], values: list[Value], skip_pages: frozenset[int] = frozenset(),
                       settings: Settings = DEFAULT_SETTINGS) -> Agreement:
    """Hold each passage (but those on `skip_pages`, read by OCR) against the values read: its
    words are covered by runs found inside values, longest first; two runs next to each other
    in the passage must lie in one value in the passage's order, or where one value ends or a
    labelled one begins (a cell printing an activity, then its `Lead:` list). A value's runs come
    from passages that follow one another: one whose words resume after another value's were read
    into it from a passage printed elsewhere."""
    index: dict[str, list[int]] = {}
    for number, value in enumerate(values):
        for word in set(value.words):
            index.setdefault(word, []).append(number)
    finder = _RunFinder(values, index, settings)
    notices: list[Notice] = []
    held = confirmed = 0
    for passage in passages:
        said = words(passage.text)
        if passage.page in skip_pages or len(said) < settings.witness.witness_min_words:
            continue
        held += len(said)
        pieces = finder.cover(said, 0, len(said), passage.page)
        disputed = set()
        for before, after in zip(pieces, pieces[1:]):
            if not _follows(before, after, values):
                disputed.add(after)
                notices.append(_disputed(passage, said, before, after, values))
        for piece in pieces:
            if piece in disputed or values[piece.value].set_aside:
                continue
            if finder.resumes(piece.value, passage.page):
                disputed.add(piece)
                notices.append(_resumed(passage, said, piece, finder.latest, values))
            finder.place(piece.value, passage.page)
        confirmed += sum(piece.size for piece in pieces if piece not in disputed)
        # Words outside every run that are the structure's own were consumed as labels: read too.
        inside = {i for piece in pieces for i in range(piece.start, piece.start + piece.size)}
        confirmed += sum(1 for i, word in enumerate(said) if i not in inside and word in finder.structure)
    return Agreement(tuple(notices), held, confirmed)


class _RunFinder:
    def __init__(self, values: list[Value], index: dict[str, list[int]], settings: Settings):
        self.values, self.index, self.settings = values, index, settings
        self.matchers: dict[int, SequenceMatcher] = {}
        self.structure = structure_words()
        self.last = 0  # the value the run before was found in: of equal runs, the nearest after it wins
        self.placed: dict[int, int] = {}  # the values runs were found in so far → the page of the last run
        self.latest: int | None = None  # the last value a run was found in that is no furniture

    def resumes(self, value: int, page: int) -> bool:
        """A run in `value` would resume it after another value's run on the same page (a value
        resumed on a later page continues there: a table row broken by a page end)."""
        return self.placed.get(value) == page and self.latest is not None and self.latest != value

    def place(self, value: int, page: int) -> None:
        self.placed[value] = page
        self.latest = value

    def cover(self, said: tuple[str, ...], lo: int, hi: int, page: int) -> list[_Piece]:
        """Runs of `said[lo:hi]` found inside values, the longest first, then the rest either side."""
        if hi - lo < self.settings.witness.witness_min_words:
            return []
        piece = self._longest(said, lo, hi, page)
        if piece is None or piece.size < self.settings.witness.witness_min_words:
            return []
        # The words before the run are read before it, those after it after it (`last` follows).
        before = self.cover(said, lo, piece.start, page)
        if self.structure.issuperset(said[piece.start:piece.start + piece.size]):
            return before + self.cover(said, piece.start + piece.size, hi, page)  # a label's words, found wherever a label like it was printed: no evidence
        self.last = piece.value
        return [*before, piece, *self.cover(said, piece.start + piece.size, hi, page)]

    def _longest(self, said: tuple[str, ...], lo: int, hi: int, page: int) -> _Piece | None:
        part = said[lo:hi]
        # The values printed near its page that share most of its words are worth comparing.
        shared: Counter[int] = Counter()
        for word in set(part):
            shared.update(n for n in self.index.get(word, ()) if self.values[n].near(page))
        best, best_rank = None, None
        block = self.values[self.last].block if self.values else -1
        for number in sorted(shared, key=lambda n: (-shared[n], abs(n - self.last)))[:self.settings.witness.witness_candidates]:
            matcher = self.matchers.get(number)
            if matcher is None:
                matcher = self.matchers[number] = SequenceMatcher(None, autojunk=False)
                matcher.set_seq2(self.values[number].words)
            matcher.set_seq1(said)
            match = matcher.find_longest_match(lo, hi, 0, len(self.values[number].words))
            if not match.size:
                continue
            # Phrases repeat (one list of members under several activities, a priority's label
            # quoted in an activity): of equal runs, one opening its value wins, then one that
            # resumes no value, then one in the block of the run before, then the nearest after it.
            value = self.values[number]
            rank = (-match.size, match.b != 0, self.resumes(number, page), value.block != block, number < self.last,
                    abs(number - self.last))
            if best_rank is None or rank < best_rank:
                best, best_rank = _Piece(match.a, match.size, number, match.b), rank
        return best


def _follows(before: _Piece, after: _Piece, values: list[Value]) -> bool:
    """Two runs next to each other in a passage agree with the reading: in one value, in order;
    or the second opens a labelled value, or opens a value where the first's value ends; or one of
    them is furniture, which any passage may hold (a header a producer tagged with the text)."""
    if before.value == after.value:
        return after.at >= before.at + before.size
    value = values[after.value]
    if value.set_aside or values[before.value].set_aside:
        return True
    ends = before.at + before.size == len(values[before.value].words)
    return after.at == 0 and (value.labelled or ends)


def _disputed(passage: Passage, said: tuple[str, ...], before: _Piece, after: _Piece, values: list[Value]) -> Notice:
    phrase = " ".join(said[after.start:after.start + after.size])
    first, second = values[before.value].what, values[after.value].what
    if before.value == after.value:
        message = (f"the document's tags print one {passage.tag} passage on page {passage.page} whose words "
                   f"{phrase[:80]!r} were read out of their order, in {first}")
    else:
        message = (f"the document's tags print one {passage.tag} passage on page {passage.page}; its words "
                   f"{phrase[:80]!r} were read into {second}, the words before them into {first}")
    data = {"tag": passage.tag, "words": phrase, "read_in": second, "words_before_read_in": first}
    return Notice(Code.READING_DISPUTED, message, passage.page, passage.text[:200], data)


def _resumed(passage: Passage, said: tuple[str, ...], piece: _Piece, latest: int, values: list[Value]) -> Notice:
    phrase = " ".join(said[piece.start:piece.start + piece.size])
    value, between = values[piece.value].what, values[latest].what
    message = (f"the document's tags print this {passage.tag} passage on page {passage.page} after {between}; its words "
               f"{phrase[:80]!r} were read into {value}, printed before it")
    data = {"tag": passage.tag, "words": phrase, "read_in": value, "words_before_read_in": between}
    return Notice(Code.READING_DISPUTED, message, passage.page, passage.text[:200], data)
