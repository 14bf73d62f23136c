"""Printed deadline text (`ვადა: …`) → dated parts, per the deadline grammar.

The grammar: `;` separates segments; a segment is a chain of periods joined by
dashes (a range: one part) or `და` (one part when the periods touch, else two);
parentheses carry either a continuation period or a note; suffixes `-ისთვის`
(by) and `-მდე` (before) and a leading dash qualify the part. Nothing raises:
unreadable text yields a part with null dates and a problem string.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

import regex

from workplan.extract.records import Granularity, Qualifier
from workplan.normalize.text import join_printed_lines, normalize_text
from workplan.normalize.vocabulary import active, load_yaml, per_vocabulary

# While a chain is read, `from` marks a period that opens a span (`ივლისიდან`): it is a range's
# start when another period follows, else a part with no end. It never reaches a table.
FROM = "from"

# Finest first: a range's granularity is the finest unit in it.
GRANULARITY_ORDER: tuple[Granularity, ...] = ("day", "month", "quarter", "half", "year")
# Years outside this window are misreadings, not deadlines (and keep date arithmetic safe).
MIN_YEAR, MAX_YEAR = 1900, 2200
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class DeadlinePart:
    start: date | None
    end: date | None
    granularity: Granularity | None
    qualifier: Qualifier | None = None
    note: str | None = None
    year_inferred: bool = False


@dataclass(frozen=True)
class ParsedDeadline:
    raw: str
    parts: tuple[DeadlinePart, ...]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeadlineVocabulary:
    months: tuple[tuple[str, ...], ...]  # each month's stems (whole words in a language without endings)
    year_stems: tuple[str, ...]
    quarter_stems: tuple[str, ...]
    half_stems: tuple[str, ...]
    ordinal_words: dict[str, int]
    by_suffixes: tuple[str, ...]
    before_suffixes: tuple[str, ...]
    from_suffixes: tuple[str, ...]
    seasons: tuple[tuple[str, int, int], ...]  # stem, first month, last month (longest stem first)
    annual_stems: tuple[str, ...]
    end_words: frozenset[str]
    ongoing_stems: tuple[str, ...]
    conjunctions: frozenset[str]
    skip_words: frozenset[str]
    by_words: frozenset[str]  # words before a period: `by July 2021`
    before_words: frozenset[str]
    from_words: frozenset[str]
    range_words: frozenset[str]  # `July to September`, and before a period alone `until July` (by)
    ordinal_prefixes: tuple[str, ...]  # `მე-2`
    ordinal_suffixes: tuple[str, ...]  # `1-ლი`, `1st`
    genitive_endings: tuple[str, ...]  # a year word that the next line completes (`2021 წლის` / `…`)
    short_pair_span: int  # `2021-22` is a pair when the second year follows within this many
    min_fuzzy_stem: int  # stems this long are recognised with one letter misread
    whole_words: bool  # words are matched whole, not by their stems
    script: str  # the language's letters: a year glued to them (`2021წლის`) is parted from them

    def matches(self, folded: str, stems) -> bool:
        return folded in stems if self.whole_words else folded.startswith(tuple(stems))


@lru_cache(maxsize=8)
def _builtin(language: str) -> dict:
    return load_yaml(f"deadlines_{language}.yaml")


@per_vocabulary
def vocabulary() -> DeadlineVocabulary:
    """The deadline words of the language in force, with those of the vocabulary in force."""
    from workplan.normalize.languages import pack

    language = pack(active().language)
    data = active().merge_deadlines(_builtin(language.code))
    grammar = load_yaml("deadlines.yaml")
    return DeadlineVocabulary(
        months=tuple(tuple(month) if isinstance(month, list) else (month,) for month in data["months"]),
        year_stems=tuple(data["year_stems"]),
        quarter_stems=tuple(data["quarter_stems"]),
        half_stems=tuple(data["half_stems"]),
        ordinal_words=dict(data["ordinal_words"]),
        by_suffixes=tuple(data["by_suffixes"]),
        before_suffixes=tuple(data["before_suffixes"]),
        from_suffixes=tuple(data["from_suffixes"]),
        seasons=tuple(sorted(((stem, int(first), int(last)) for stem, (first, last) in data["seasons"].items()),
                             key=lambda s: len(s[0]), reverse=True)),
        annual_stems=tuple(data["annual_stems"]),
        end_words=frozenset(data["end_words"]),
        ongoing_stems=tuple(data["ongoing_stems"]),
        conjunctions=frozenset(data["conjunctions"]),
        skip_words=frozenset(data["skip_words"]),
        by_words=frozenset(data["by_words"]),
        before_words=frozenset(data["before_words"]),
        from_words=frozenset(data["from_words"]),
        range_words=frozenset(data["range_words"]),
        ordinal_prefixes=tuple(data["ordinal_prefixes"]),
        ordinal_suffixes=tuple(data["ordinal_suffixes"]),
        genitive_endings=tuple(data["genitive_endings"]),
        short_pair_span=int(grammar["short_pair_span"]),
        min_fuzzy_stem=int(grammar["min_fuzzy_stem"]),
        whole_words=language.whole_words,
        script=language.script,
    )


# ---------------------------------------------------------------- text

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


@per_vocabulary
def _glued_year() -> regex.Pattern:
    """`2021წლის`: a year glued to the next word."""
    return regex.compile(rf"(\d{{4}})(?=\p{{Script={vocabulary().script}}})")


def clean(raw: str) -> str:
    text = normalize_text(raw).translate({ord(d): "-" for d in DASHES})
    return _glued_year().sub(r"\1 ", text)


# ---------------------------------------------------------------- tokens

def _alternatives(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@per_vocabulary
def _token_pattern() -> regex.Pattern:
    """The tokens of a printed deadline; ordinal affixes and a year's suffix are the language's."""
    vocab = vocabulary()
    letters = rf"\p{{Script={vocab.script}}}"
    return regex.compile(
        rf"""
        (?P<dotted>(?<![\d.])(?P<dotted_day>\d{{1,2}})\.(?P<dotted_month>\d{{1,2}})\.(?P<dotted_year>\d{{4}})(?![\d]))
      |     (?P<latin>(?<![\p{{L}}\d])[QqHh]\s?(?P<latin_n>[1-4])(?![\p{{L}}\d]))
      | (?P<ord_me>(?:{_alternatives(vocab.ordinal_prefixes)})(?P<ord_me_n>\d{{1,2}})(?!\d))
      | (?P<ord_num>(?P<ord_num_n>[1-4])(?:{_alternatives(vocab.ordinal_suffixes)})(?![\p{{L}}]))
      | (?P<short_pair>(?P<pair_first>\d{{4}})\s*-\s*(?P<pair_second>\d{{2}})(?![\d\p{{L}}]))
      | (?P<year>(?P<year_n>\d{{4}})(?:-(?P<year_suffix>{letters}+))?)
      | (?P<num>\d{{1,2}})(?!\d)
      | (?P<roman>(?<![\p{{L}}])(?:IV|III|II|I)(?![\p{{L}}]))
      | (?P<dash>-)
      | (?P<word>[\p{{L}}&.]+)
      | (?P<other>\S)
        """,
        regex.VERBOSE,
    )


@dataclass(frozen=True)
class Token:
    kind: str  # year | ord | latin | num | month | season | unit | dash | and | end | ongoing | annual | yearword | skip | qualifier | word
    value: int | str | None = None
    qualifier: Qualifier | None = None
    text: str = ""


def _suffix_qualifier(word: str, vocab: DeadlineVocabulary) -> Qualifier | None:
    if any(word.endswith(s) for s in vocab.by_suffixes):
        return "by"
    if any(word.endswith(s) for s in vocab.before_suffixes):
        return "before"
    if any(word.endswith(s) for s in vocab.from_suffixes):
        return FROM  # type: ignore[return-value]
    return None


def _one_letter_off(word: str, stem: str) -> bool:
    prefix = word[: len(stem)]
    return len(prefix) == len(stem) and sum(a != b for a, b in zip(prefix, stem)) == 1


def _near_stem(word: str, vocab: DeadlineVocabulary) -> str | None:
    """The single period stem the word's beginning misses by one letter (`კყარტალში`), if unique."""
    months = [stem for stems in vocab.months for stem in stems]
    stems = [s for s in (*months, *vocab.quarter_stems, *vocab.half_stems) if len(s) >= vocab.min_fuzzy_stem]
    close = [s for s in stems if _one_letter_off(word, s)]
    return close[0] if len(close) == 1 else None


@per_vocabulary
def _word_token(word: str) -> Token:
    """A word's token, remembered for the vocabulary in force: the same words recur on every
    page, and a word that is no period stem is compared with every stem for a misread letter."""
    return _classify_word(word, vocabulary())


def _classify_word(word: str, vocab: DeadlineVocabulary) -> Token:
    folded = word.casefold()
    token = _classify_exact(folded, word, vocab)
    if token.kind == "word":
        stem = _near_stem(folded, vocab)
        if stem is not None:
            return _classify_exact(stem + folded[len(stem):], word, vocab)
    return token


def _classify_exact(folded: str, word: str, vocab: DeadlineVocabulary) -> Token:
    if folded in vocab.conjunctions:
        return Token("and", text=word)
    if folded in vocab.skip_words:
        return Token("skip", text=word)
    if folded in vocab.end_words:
        return Token("end", qualifier="by", text=word)
    # Words that qualify the period after them (`by July 2021`, `before …`, `from …`).
    for qualifier, words in (("by", vocab.by_words), ("before", vocab.before_words), (FROM, vocab.from_words)):
        if folded in words:
            return Token("qualifier", qualifier=qualifier, text=word)  # type: ignore[arg-type]
    if folded in vocab.range_words:
        return Token("dash", text=word)
    if folded in vocab.ordinal_words:
        return Token("ord", vocab.ordinal_words[folded], text=word)
    if vocab.matches(folded, vocab.ongoing_stems):
        return Token("ongoing", text=word)
    if vocab.matches(folded, vocab.annual_stems):
        return Token("annual", text=word)
    for stem, first, last in vocab.seasons:
        if vocab.matches(folded, (stem,)):
            return Token("season", (first, last), _suffix_qualifier(folded, vocab), word)
    for index, stems in enumerate(vocab.months):
        if vocab.matches(folded, stems):
            return Token("month", index + 1, _suffix_qualifier(folded, vocab), word)
    if vocab.matches(folded, vocab.quarter_stems):
        return Token("unit", "quarter", _suffix_qualifier(folded, vocab), word)
    if vocab.matches(folded, vocab.half_stems):
        return Token("unit", "half", _suffix_qualifier(folded, vocab), word)
    if vocab.matches(folded, vocab.year_stems):
        return Token("yearword", qualifier=_suffix_qualifier(folded, vocab), text=word)
    return Token("word", text=word)


def tokenize(text: str) -> list[Token]:
    return [token for token, _ in _tokens_at(text)]


def _tokens_at(text: str) -> list[tuple[Token, tuple[int, int]]]:
    """The tokens of a text, each with the span of the text it was read from."""
    vocab = vocabulary()
    found: list[tuple[Token, tuple[int, int]]] = []
    for match in _token_pattern().finditer(text):
        tokens: list[Token] = []
        group = match.group(0)
        if match.group("dotted"):
            # `15.09.2026`: a day, printed day first.
            tokens += [Token("year", int(match.group("dotted_year")), text=match.group("dotted_year")),
                       Token("num", int(match.group("dotted_day")), text=match.group("dotted_day")),
                       Token("month", int(match.group("dotted_month")), text=match.group("dotted_month"))]
        elif match.group("latin"):
            letter = group[0].upper()
            tokens.append(Token("latin", (letter, int(match.group("latin_n"))), text=group))
        elif match.group("ord_me"):
            tokens.append(Token("ord", int(match.group("ord_me_n")), text=group))
        elif match.group("ord_num"):
            tokens.append(Token("ord", int(match.group("ord_num_n")), text=group))
        elif match.group("short_pair"):
            # `2021-22`: the second year printed with two digits, in the first one's century.
            # Only a following year counts: `2021-06` may be a month, and is left unread.
            first = int(match.group("pair_first"))
            second = first // 100 * 100 + int(match.group("pair_second"))
            second = second if second > first else second + 100
            last = Token("year", second, text=match.group("pair_second")) if second - first <= vocab.short_pair_span else \
                Token("num", int(match.group("pair_second")), text=match.group("pair_second"))
            tokens += [Token("year", first, text=match.group("pair_first")), Token("dash", text="-"), last]
        elif match.group("year"):
            suffix = match.group("year_suffix")
            qualifier = _suffix_qualifier(suffix, vocab) if suffix else None
            tokens.append(Token("year", int(match.group("year_n")), qualifier, group))
        elif match.group("num"):
            tokens.append(Token("num", int(group), text=group))
        elif match.group("roman"):
            tokens.append(Token("ord", ROMAN[group], text=group))
        elif match.group("dash"):
            tokens.append(Token("dash", text=group))
        elif match.group("word"):
            tokens.append(_word_token(group.strip(".")) if group.strip(".") else Token("skip", text=group))
        elif group in vocab.conjunctions:
            tokens.append(Token("and", text=group))
        else:
            tokens.append(Token("word", text=group))
        found += [(token, match.span()) for token in tokens]
    return found


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class Period:
    start: date
    end: date
    granularity: Granularity


def _finest(a: Granularity, b: Granularity) -> Granularity:
    return min(a, b, key=GRANULARITY_ORDER.index)


def period_of(year: int, unit: str | None, number: int | None, month: int | None, day: int | None) -> Period:
    """One calendar unit; raises ValueError when the numbers do not name one."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"implausible year {year}")
    if day is not None and month is None:
        raise ValueError(f"day {day} without a month")
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        if day is not None:
            return Period(date(year, month, day), date(year, month, day), "day")
        return Period(date(year, month, 1), date(year, month, last), "month")
    if unit == "quarter" and number is not None and 1 <= number <= 4:
        first = 3 * (number - 1) + 1
        return Period(date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]), "quarter")
    if unit == "half" and number is not None and 1 <= number <= 2:
        return Period(date(year, 1, 1), date(year, 6, 30), "half") if number == 1 else Period(date(year, 7, 1), date(year, 12, 31), "half")
    if unit is None and number is None:
        return Period(date(year, 1, 1), date(year, 12, 31), "year")
    raise ValueError(f"no {unit or 'unit'} numbered {number}")


@dataclass
class Item:
    """One period expression while it is being assembled from tokens."""
    year: int | None = None
    number: int | None = None
    unit: str | None = None
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier | None = None
    year_inferred: bool = False
    year_offset: int = 0  # a season's last month in the next year (winter)

    def empty(self) -> bool:
        return all(v is None for v in (self.year, self.number, self.unit, self.month, self.day))


@dataclass
class Chain:
    items: list[Item] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # "range" | "and", between items
    leading_dash: bool = False
    words: list[str] = field(default_factory=list)
    ongoing: bool = False
    annual: bool = False


# A token begins a new period (joined by an implicit `და`) when the current one already
# has any of these slots: `2021 წლის პირველი კვარტალი 2022 წლის …`, `… კვარტალში Q3 –Q4`.
NEW_PERIOD_WHEN_SET = {
    "year": ("year",),
    "ord": ("number", "month"),
    "latin": ("number", "unit", "month"),
    "month": ("month", "number"),
    "num": ("day", "month"),
}
SLOT_OF = {"year": "year", "ord": "number", "month": "month", "num": "day"}


def _fill(item: Item, tok: Token) -> None:
    if tok.kind == "latin":
        letter, number = tok.value
        item.unit, item.number = ("quarter" if letter == "Q" else "half"), number
    else:
        setattr(item, SLOT_OF[tok.kind], tok.value)


def _day_after_its_month(item: Item, tok: Token, rest: list[Token]) -> bool:
    return tok.kind == "num" and item.month is not None and item.day is None and not (rest and rest[0].kind == "month")


def _day_before_its_year(item: Item, rest: list[Token]) -> bool:
    return item.month is not None and item.day is not None and item.year is None and bool(rest) and rest[0].kind == "year"


def build_chain(tokens: list[Token]) -> Chain:
    chain = Chain(items=[Item()])

    def current() -> Item:
        return chain.items[-1]

    def start_new(link: str) -> Item:
        if current().empty():
            return current()
        if current().qualifier == FROM:
            # `ივლისიდან 2027 წლის მარტის ჩათვლით`: from one period through the next.
            current().qualifier, link = None, "range"
        chain.items.append(Item())
        chain.links.append(link)
        return current()

    for index, tok in enumerate(tokens):
        item = current()
        if tok.kind == "and" and tok.text == "," and _day_before_its_year(item, tokens[index + 1:]):
            continue  # `June 15, 2021`: the comma parts a day from its year, not two periods
        if tok.kind in ("dash", "and"):
            if item.empty():
                # Only a dash that opens the text opens its period (`– Q2 2021`, `until July`).
                if tok.kind == "dash" and len(chain.items) == 1 and all(t.kind == "skip" for t in tokens[:index]):
                    chain.leading_dash = True
                continue
            if tok.kind == "dash" and item.qualifier == FROM:
                item.qualifier = None  # `from July to September`: one range
            chain.items.append(Item())
            chain.links.append("range" if tok.kind == "dash" else "and")
            continue
        if tok.kind in NEW_PERIOD_WHEN_SET:
            # `June 15`: a day printed after its month, unless another month follows (`June 15 July`).
            if not _day_after_its_month(item, tok, tokens[index + 1:]) and \
                    any(getattr(item, slot) is not None for slot in NEW_PERIOD_WHEN_SET[tok.kind]):
                item = start_new("and")
            _fill(item, tok)
        elif tok.kind == "season":
            # A season is its months' range: `2026 წლის გაზაფხული` is March–May 2026; winter
            # ends in the next year's February.
            first, last = tok.value
            if item.month is not None or item.number is not None:
                item = start_new("and")
            item.month = first
            chain.items.append(Item(month=last, year_offset=int(last < first)))
            chain.links.append("range")
            item = current()
        elif tok.kind == "unit":
            if item.unit is None:
                item.unit = tok.value
        elif tok.kind == "ongoing":
            chain.ongoing = True
        elif tok.kind == "annual":
            chain.annual = True
        elif tok.kind == "word":
            chain.words.append(tok.text)
        if tok.qualifier is not None:
            item.qualifier = tok.qualifier
    while len(chain.items) > 1 and chain.items[-1].empty():
        chain.items.pop()
        chain.links.pop()
    return chain


def _fill_from_neighbours(items: list[Item], attr: str, forward_first: bool) -> None:
    """Give items lacking `attr` the value of the nearest neighbour that has it."""
    for index, item in enumerate(items):
        if getattr(item, attr) is not None:
            continue
        before = [getattr(i, attr) for i in reversed(items[:index]) if getattr(i, attr) is not None]
        after = [getattr(i, attr) for i in items[index + 1:] if getattr(i, attr) is not None]
        order = (after, before) if forward_first else (before, after)
        for candidates in order:
            if candidates:
                setattr(item, attr, candidates[0])
                break


def resolve_chain(chain: Chain, context_year: tuple[int, bool]) -> tuple[list[DeadlinePart], list[str]]:
    """Turn an assembled chain into parts; `context_year` is (year, inferred)."""
    items = [i for i in chain.items if not i.empty()]
    if not items:
        return [], []
    # A unit or month printed once serves the ordinals and days before it:
    # `პირველი - მე-2 კვარტალი`, `6 – 15 ივლისი`.
    numbered = [i for i in items if i.number is not None or i.unit is not None]
    _fill_from_neighbours(numbered, "unit", forward_first=True)
    dated = [i for i in items if i.day is not None or i.month is not None]
    _fill_from_neighbours(dated, "month", forward_first=True)
    # A year printed once serves the whole chain: `2021 წლის პირველი - მე-2`, `Q3 – Q4 2021`.
    _fill_from_neighbours(items, "year", forward_first=False)
    for item in items:
        if item.year is None:
            item.year, item.year_inferred = context_year
    for item in items:
        item.year += item.year_offset
        item.year_offset = 0
    problems: list[str] = []
    periods: list[tuple[Period, Item]] = []
    for item in items:
        try:
            periods.append((period_of(item.year, item.unit, item.number, item.month, item.day), item))
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        return [], problems

    # Ranges first (`A - B` is one span), then `და` joins touching spans.
    spans: list[tuple[Period, list[Item]]] = [(periods[0][0], [periods[0][1]])]
    for link, (period, item) in zip(chain.links, periods[1:]):
        last, members = spans[-1]
        if link == "range":
            if period.end < last.start:
                return [], [f"range ends ({period.end}) before it starts ({last.start})"]
            spans[-1] = (Period(last.start, period.end, _finest(last.granularity, period.granularity)), members + [item])
        else:
            spans.append((period, [item]))
    merged: list[tuple[Period, list[Item]]] = [spans[0]]
    for period, members in spans[1:]:
        last, last_members = merged[-1]
        if period.start <= last.end + timedelta(days=1) and period.end >= last.start:
            union = Period(min(last.start, period.start), max(last.end, period.end), _finest(last.granularity, period.granularity))
            merged[-1] = (union, last_members + members)
        else:
            merged.append((period, members))

    parts = []
    for index, (period, members) in enumerate(merged):
        qualifier = next((m.qualifier for m in reversed(members) if m.qualifier), None)
        if index == 0 and chain.leading_dash and qualifier is None:
            qualifier = "by"
        start, end = period.start, period.end
        if qualifier == "by":
            start = None
        elif qualifier == "before":
            start, end = None, period.start - timedelta(days=1)
        elif qualifier == FROM:
            end, qualifier = None, None
        parts.append(DeadlinePart(start, end, period.granularity, qualifier, None, any(m.year_inferred for m in members)))
    return parts, problems


# ---------------------------------------------------------------- segments

def _split_outside_parens(text: str, separator: str) -> list[str]:
    pieces, depth, current = [], 0, []
    for char in text:
        depth += char == "("
        depth = max(0, depth - (char == ")"))
        if char == separator and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return [p.strip() for p in pieces if p.strip()]


PAREN = regex.compile(r"\(([^()]*)\)?")


def _last_year(parts: list[DeadlinePart], fallback: tuple[int, bool]) -> tuple[int, bool]:
    for part in reversed(parts):
        moment = part.end or part.start
        if moment is not None:
            return (moment.year, part.year_inferred)
    return fallback


def _with_note(part: DeadlinePart, note: str) -> DeadlinePart:
    return replace(part, note=f"{part.note}; {note}" if part.note else note)


def _words_around_the_period(content: str) -> str | None:
    """What a parenthesis says beside its period, as printed: from its first word the grammar does
    not read to its last (`continued through the Network` of `continued through the Network in Q3–Q4`)."""
    spans = [span for token, span in _tokens_at(content) if token.kind == "word"]
    return " ".join(content[spans[0][0]:spans[-1][1]].split()) if spans else None


def has_foreign_words(text: str) -> bool:
    """Whether the text, outside parentheses, holds a word the grammar does not read (what
    `parse_deadline` reports as `words not read as dates`): a quick test that spares parsing prose."""
    return any(token.kind == "word" for token in tokenize(PAREN.sub(" ", clean(text)).replace(";", " ")))


def parse_deadline(raw: str, default_year: int, last_year: int | None = None) -> ParsedDeadline:
    """Parse one printed deadline; `default_year` is the edition's first year, `last_year` its last
    (what `ყოველწლიურად`, every year, spans; the first year alone when not given)."""
    text = clean(raw)
    parts: list[DeadlinePart] = []
    problems: list[str] = []
    fallback = (default_year, True)
    for segment in _split_outside_parens(text, ";"):
        parens = [m.group(1).strip() for m in PAREN.finditer(segment)]
        main = PAREN.sub(" ", segment)
        chain = build_chain(tokenize(main))
        segment_parts, segment_problems = resolve_chain(chain, _last_year(parts, fallback))
        problems += segment_problems
        if chain.annual and not segment_parts:
            segment_parts = [DeadlinePart(date(default_year, 1, 1), date(max(default_year, last_year or default_year), 12, 31),
                                          "year", None, None, True)]
        if chain.words:
            problems.append("words not read as dates: " + " ".join(chain.words))
        if not segment_parts and not chain.ongoing:
            segment_parts = [DeadlinePart(None, None, None)]
            problems.append(f"no period in {segment!r}")
        for content in parens:
            paren_chain = build_chain(tokenize(content))
            context = _last_year(parts + segment_parts, fallback)
            paren_parts, paren_problems = resolve_chain(paren_chain, context)
            if paren_parts and not paren_problems:
                note = _words_around_the_period(content)
                segment_parts += [replace(p, qualifier="continuation", note=note) for p in paren_parts]
            elif segment_parts and content:
                segment_parts[-1] = _with_note(segment_parts[-1], content)
        if chain.ongoing:
            segment_parts.append(DeadlinePart(None, None, None, "ongoing"))
        parts += segment_parts
    if not parts:
        parts = [DeadlinePart(None, None, None)]
        problems.append("empty deadline")
    return ParsedDeadline(raw, tuple(parts), tuple(problems))


def activity_span(parts: list[DeadlinePart]) -> tuple[date | None, date | None]:
    starts = [p.start for p in parts if p.start is not None]
    ends = [p.end for p in parts if p.end is not None]
    return (min(starts) if starts else None, max(ends) if ends else None)


# A line ending with one of these continues on the next line (`2021 –` / `2022 წლის`).
OPEN_ENDING = regex.compile(r"[-,;/(" + DASHES + r"]\s*$")


def _complete(text: str, default_year: int) -> bool:
    """A deadline that stands on its own: read without a problem, every year printed, neither
    opening with a conjunction (`და 2022 წლის …` continues the line before) or with a word that
    completes a number before it (`წლის …`, `კვარტალი …`), nor ending with a dash, a conjunction
    or a year in the genitive that the next line completes."""
    words = text.split()
    conjunctions = vocabulary().conjunctions
    if not words or OPEN_ENDING.search(text) or words[-1].casefold() in conjunctions or words[0].casefold() in conjunctions:
        return False
    opening = tokenize(words[0])
    if opening and opening[0].kind in ("yearword", "unit"):
        return False
    vocab = vocabulary()
    if any(words[-1].startswith(stem) and words[-1] != stem for stem in vocab.year_stems) and words[-1].endswith(vocab.genitive_endings):
        return False
    parsed = parse_deadline(text, default_year)
    return not parsed.problems and bool(parsed.parts) and not any(p.year_inferred for p in parsed.parts)


def reads_as_a_deadline(text: str) -> bool:
    """A deadline printed whole, every year given (`2021 წლის მე-2 კვარტალი`): what a table row
    holds in its deadline cell when the row is complete."""
    return _complete(text, default_year=2000)  # every year must be printed: the default is never used


def split_stacked(lines: list[str], default_year: int) -> list[str]:
    """Deadlines stacked in a table cell under `ვადა`, printed without their labels → one text per
    deadline. A line opens a new deadline when the lines before it read as a complete period with
    its year and the line, alone or with the lines after it, reads as another
    (`2022 წლის პირველი და მე-2` / `კვარტალი` / `2021-` / `2022`: two); a deadline wrapped inside a
    narrow cell (`2021 –` / `2022 წლის` / `პირველი` / `კვარტალი`) stays one."""
    printed = [line for line in (l.strip() for l in lines) if line]
    groups: list[list[str]] = []
    for index, line in enumerate(printed):
        opens = groups and _complete(join_printed_lines("\n".join(groups[-1])), default_year) and any(
            _complete(join_printed_lines("\n".join(printed[index:end])), default_year) for end in range(index + 1, len(printed) + 1))
        if groups and not opens:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [join_printed_lines("\n".join(group)) for group in groups]
