"""Organisation lists → registry ids: names without acronyms, case endings, typos, unknowns."""
import pytest

from workplan.normalize.organizations import OrganizationResolver, load_registry


@pytest.fixture()
def resolver():
    return OrganizationResolver()


def ids(resolver, text):
    return [m.org_id for m in resolver.resolve(text).mentions]


@pytest.mark.parametrize("printed,expected", [
    ("გაეროს ბავშვთა ფონდი", ["UNICEF"]),  # Georgian name printed without its acronym
    ("ნორვეგიის ლტოლვილთა საბჭო", ["NRC"]),
    ("IOM-ის", ["IOM"]),  # case ending hyphenated onto the acronym
    ("UNHCR-თან ერთად", ["UNHCR"]),
    ("გაეროს ბავშვთა ფონდის", ["UNICEF"]),  # genitive case of the name
    ("გაეროს ლტოლვილთა უმაღლეს კომისარიატი(UNHCR)", ["UNHCR"]),  # truncated adjective, glued parenthesis
    ("UN Women, UNW", ["UN-Women", "UN-Women"]),  # two spellings, one organisation
    ("ეკონომიკური თანამშრომლობისა და განვითარების ორგანიზაცია (OECD)", ["OECD"]),  # და inside one name
    ("გაეროს ბავშვთა და ახალგაზრდობის ძირითადი ჯგუფი (UNMGCY) და ლტოლვილთა ქალთა კომისია", ["UNMGCY", "WRC"]),
    ("WHO and გაეროს განსახლების პროგრამა (UN-Habitat)", ["WHO", "UN-Habitat"]),
    ("ILO; IOM, UNDP და UNICEF", ["ILO", "IOM", "UNDP", "UNICEF"]),
    ("გაეროს სპეციალური მომხსენებელი მიგრანტთა უფლებების საკითხებზე NRC", ["SR-MIGRANTS", "NRC"]),  # comma missing
])
def test_mentions_resolve_to_registry_ids(resolver, printed, expected):
    resolution = resolver.resolve(printed)
    assert [m.org_id for m in resolution.mentions] == expected
    assert all(m.known for m in resolution.mentions)
    assert resolution.problems == ()


def test_misspelt_acronym_resolves_with_a_warning(resolver):
    resolution = resolver.resolve("ლტოლვილთა ქსელი (APRNN)")
    assert [m.org_id for m in resolution.mentions] == ["APRRN"]
    assert "APRNN" in resolution.problems[0]


def test_unknown_organisation_gets_a_minted_id_and_a_warning(resolver):
    resolution = resolver.resolve("IOM, საქართველოს მიგრაციის კვლევის ცენტრი")
    unknown = resolution.mentions[1]
    assert unknown.org_id.startswith("x-") and not unknown.known
    assert unknown.org_id not in load_registry().organizations
    assert unknown.text == "საქართველოს მიგრაციის კვლევის ცენტრი"
    assert "minted" in resolution.problems[0]
    assert resolver.organization(unknown.org_id).known is False


def test_name_acronym_pair_is_learned_for_later_bare_mentions(resolver):
    resolver.learn("კავკასიის მიგრაციის ალიანსი (CMA), IOM")
    first = resolver.resolve("კავკასიის მიგრაციის ალიანსი (CMA)").mentions[0]
    later = resolver.resolve("კავკასიის მიგრაციის ალიანსის").mentions[0]
    assert first.org_id == later.org_id == "x-cma"


def test_learned_name_of_a_registry_acronym_resolves_to_the_registry(resolver):
    resolver.learn("მიგრაციის საერთაშორისო ორგანიზაციის ოფისი (IOM)")
    assert ids(resolver, "მიგრაციის საერთაშორისო ორგანიზაციის ოფისი") == ["IOM"]


def test_minted_ids_never_collide_with_registry_ids(resolver):
    minted = {m.org_id for text in ("IOM ჯგუფი ერთი", "უცნობი ორგანიზაცია", "უცნობი ორგანიზაცია 2")
              for m in resolver.resolve(text).mentions if not m.known}
    assert minted and not minted & set(load_registry().organizations)


def test_each_mention_says_how_it_was_matched():
    from workplan.normalize.tables import MATCH_METHODS

    resolver = OrganizationResolver()
    resolver.learn("ახალი ფონდი (ANF)")  # not in the registry: minted
    resolver.learn("მიგრაციის მსოფლიო სააგენტო (IOM)")  # a new Georgian name for a registry acronym
    text = ("გაეროს განვითარების პროგრამა, IOM, ლტოლვილთა უმაღლესი კომისარიატი, International Labour Organization, "
            "მიგრაციის მსოფლიო სააგენტო, UNICFE, ANF")
    methods = [(m.org_id, m.method) for m in resolver.resolve(text).mentions]
    assert methods == [("UNDP", "georgian_name"), ("IOM", "acronym"), ("UNHCR", "alias"), ("ILO", "english_name"),
                       ("IOM", "learned_pair"), ("UNICEF", "acronym_typo"), ("x-anf", "minted")]
    assert {method for _, method in methods} <= set(MATCH_METHODS)


@pytest.mark.parametrize("printed, org_id", [("ICM", "IOM"), ("ICIM", "IOM"), ("IL0", "ILO"), ("VVHO", "WHO"), ("UNHCR «", "UNHCR")])
def test_an_acronym_ocr_misread_is_the_registry_one_on_a_scanned_page(printed, org_id):
    resolution = OrganizationResolver().resolve(printed, scanned=True)
    assert [(m.org_id, m.known) for m in resolution.mentions] == [(org_id, True)]
    if resolution.mentions[0].method != "acronym":
        assert resolution.mentions[0].method == "ocr_corrected" and "OCR" in resolution.problems[0]


def test_ocr_letters_are_not_taken_as_one_in_a_text_layer():
    # Printed as `ICM` in a text layer, the acronym is what it says: not in the registry.
    (mention,) = OrganizationResolver().resolve("ICM").mentions
    assert mention.method == "minted" and not mention.known


def test_an_ocr_shape_shared_by_two_registry_acronyms_is_not_guessed():
    from workplan.normalize.organizations import Organization, Registry

    organizations = {org_id: Organization(org_id, org_id, None, None, "un_system", True) for org_id in ("IOM", "ICM")}
    registry = Registry(organizations, tuple((org_id, org_id, "acronym") for org_id in organizations))
    (mention,) = OrganizationResolver(registry).resolve("I0M", scanned=True).mentions
    assert mention.method == "minted" and not mention.known


@pytest.mark.parametrize("printed, expected", [
    ("IOM¹, UNHCR²", ["IOM", "UNHCR"]),  # footnote reference marks after acronyms (Word)
    ("გაეროს ბავშვთა ფონდი (UNICEF)³", ["UNICEF"]),
    ("Oﬃce of the United Nations High Commissioner for Human Rights", ["OHCHR"]),  # a ligature
    ("მიგრაციის საერთაშორისო ორგა\u00adნიზაცია", ["IOM"]),  # a soft hyphen
    ("IOM\u00a0UNHCR", ["IOM", "UNHCR"]),  # a non-breaking space
])
def test_word_export_habits_resolve_to_the_registry(printed, expected):
    assert [m.org_id for m in OrganizationResolver().resolve(printed).mentions] == expected
