"""Fuzzing the deadline grammar and the organisation-list splitter: any text in, no exception out.

Neither function has an error type of its own: unreadable input yields null parts or minted
ids with problem strings. Each property runs on 10,000 generated inputs (a fixed budget, derandomised
so CI is repeatable).
"""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workplan.normalize.deadlines import parse_deadline, vocabulary
from workplan.normalize.organizations import OrganizationResolver, load_registry

EXAMPLES = 10_000
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

VOCAB = vocabulary()
MONTHS = [stem for stems in VOCAB.months for stem in stems]
DEADLINE_WORDS = [
    *MONTHS, *(m + "ისთვის" for m in MONTHS), *(m + "ამდე" for m in MONTHS), *VOCAB.ordinal_words,
    "კვარტალი", "კვარტალში", "ნახევარი", "წლის", "წლისთვის", "წლამდე", "ბოლომდე", "მიმდინარე", "და", "and",
    "მე-2", "მე-3", "მე-4", "მე-9", "Q1", "Q4", "Q7", "H2", "II", "IV", "2021", "2022", "0000", "9999", "1-ლი",
    "15", "31", "0", "-", "–", "—", ";", "(", ")", "გაგრძელდება", "ქსელის", "(cid:12)", "\x00", "\ufffd",
]
ORG_WORDS = [
    *(surface for surface, _, _ in load_registry().names[:150]), "და", "and", ",", ";", "(", ")", "/", "-ის", "IOM-ის",
    "APRNN", "(XYZ)", "უცნობი", "ორგანიზაცია", "ცენტრი", "თანამშრომლობისა", ".", "•", "\n", "  ",
]
GLYPHS = st.characters(min_codepoint=0, max_codepoint=0x10FF) | st.sampled_from("ა ბ გ ( ) ; , – - Q H I V 0 1 2 ")


def phrases(words):
    return st.lists(st.sampled_from(words) | st.text(GLYPHS, max_size=6), max_size=12).map(" ".join) | st.text(GLYPHS, max_size=40)


@FUZZ
@given(text=phrases(DEADLINE_WORDS), year=st.integers(1900, 2200))
def test_deadline_grammar_never_raises(text, year):
    parsed = parse_deadline(text, year)
    assert parsed.raw == text
    assert parsed.parts
    for part in parsed.parts:
        if part.start and part.end:
            assert part.start <= part.end
        if part.start is None and part.end is None and part.qualifier != "ongoing":
            assert parsed.problems  # an unreadable part always says why


RESOLVER = OrganizationResolver()


@FUZZ
@given(text=phrases(ORG_WORDS))
def test_organisation_splitter_never_raises(text):
    RESOLVER.learn(text)
    resolution = RESOLVER.resolve(text)
    registry = RESOLVER.registry.organizations
    for mention in resolution.mentions:
        assert mention.text.strip() and mention.org_id
        assert mention.known == (mention.org_id in registry)
        if not mention.known:
            assert mention.org_id.startswith("x-")
