"""The custom Georgian spaCy language."""
import spacy

from workplan.normalize.georgian import stem


def test_blank_ka_is_the_georgian_language():
    nlp = spacy.blank("ka")
    assert nlp.lang == "ka"
    assert [t.text for t in nlp("IOM-ის, UNHCR-თან; პროგრამა(UN-Habitat).")] == [
        "IOM", "-", "ის", ",", "UNHCR", "-", "თან", ";", "პროგრამა", "(", "UN", "-", "Habitat", ")", "."]


def test_norm_is_the_stem_across_cases():
    nlp = spacy.blank("ka")
    assert {t.norm_ for t in nlp("ფონდი ფონდის ფონდით")} == {"ფონდ"}
    assert stem("უმაღლესი") == stem("უმაღლეს")
    assert stem("UNICEF") == "unicef"
