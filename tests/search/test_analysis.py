"""Finnish analysis on both paths: inflection, stem changes, compounds both ways."""
import pytest

from tarjotin.search.analysis import FinnishAnalyzer, build_lexicon, english_terms, swedish_terms, voikko_handle

LEXICON = build_lexicon(["yhdistys yhdistys terveys terveys mielenterveys mielenterveys vertaistuki vertaistuki"])


@pytest.fixture(params=["voikko", "snowball"])
def analyzer(request):
    if request.param == "voikko":
        request.applymarker(pytest.mark.voikko)
        voikko = voikko_handle(True)
        if voikko is None:
            pytest.skip("libvoikko or its Finnish dictionary is not installed")
        return FinnishAnalyzer(voikko, LEXICON)
    return FinnishAnalyzer(None, LEXICON)


def meets(analyzer, document_word: str, query_word: str) -> bool:
    """Would a query word find a document containing the other word?"""
    indexed = set(analyzer.index_terms(document_word))
    return bool(indexed & set(analyzer.query_words(query_word)[0].terms))


@pytest.mark.parametrize(
    "document, query",
    [
        ("päihde", "päihteet"),
        ("päihteitä", "päihde"),
        ("masennukseen", "masennus"),
        ("masennus", "masennuksesta"),
        ("yksinäisyys", "yksinäisille"),
        ("yksinäisille", "yksinäisyys"),
        ("mielenterveysyhdistys", "mielenterveys"),
        ("mielenterveysyhdistyksen", "yhdistys"),
        ("vertaistuki", "vertaistukiryhmä"),
        ("vertaistukiryhmiin", "vertaistuki"),
        ("eläkeläiset", "eläkeläisille"),
    ],
)
def test_forms_meet(analyzer, document, query):
    assert meets(analyzer, document, query)


def test_whole_word_weighs_more_than_a_part(analyzer):
    terms = analyzer.query_words("vertaistukiryhmä")[0].terms
    whole = max(terms.values())
    assert [w for w in terms.values() if w == whole] and len(terms) > 1
    assert min(terms.values()) < whole


def test_stopwords_and_case(analyzer):
    assert analyzer.index_terms("Ja ON") == ()
    assert analyzer.index_terms("KUOPIOSSA") == analyzer.index_terms("kuopiossa")


def test_unrelated_words_do_not_meet(analyzer):
    assert not meets(analyzer, "liikunta", "masennus")
    assert not meets(analyzer, "ilta", "omaishoitajille")


def test_analysis_mode_names_the_path(analyzer):
    assert analyzer.mode in {"voikko", "snowball"}


def test_swedish_and_english_stemmers():
    assert set(swedish_terms("invandrarna")) & set(swedish_terms("invandrare"))
    assert english_terms("Supporting parents") == english_terms("support parent")


def test_voikko_switch_off_gives_fallback():
    assert voikko_handle(False) is None
