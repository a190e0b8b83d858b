"""Finnish analysis on both paths: inflection, stem changes, compounds both ways."""
import pytest

from tarjotin.search.engine import FinnishAnalyzer, build_lexicon, english_terms, swedish_terms, voikko_handle
from tarjotin.search.engine.analysis import _components

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


def test_analysis_mode_names_the_path(analyzer, request):
    assert analyzer.mode == request.node.callspec.params["analyzer"]
    # Only Voikko knows the dictionary base form; Snowball cuts to a stem ("laps").
    assert ("lapsi" in analyzer.query_words("lapsille")[0].terms) == (analyzer.mode == "voikko")


def test_swedish_and_english_stemmers():
    assert set(swedish_terms("invandrarna")) & set(swedish_terms("invandrare"))
    assert english_terms("Supporting parents") == english_terms("support parent")


def test_voikko_switch_off_gives_fallback():
    assert voikko_handle(False) is None


THREADED_VOIKKO = """
from concurrent.futures import ThreadPoolExecutor
from tarjotin.search.engine import voikko_handle
voikko = voikko_handle(True)
stems = ("masennukse", "yksinäisyyde", "päihtei", "vertaistukiryhmä", "mielenterveysyhdistykse")
words = [stem + ending for stem in stems for ending in ("n", "ssa", "lle", "sta", "ksi", "t")] * 1000
with ThreadPoolExecutor(max_workers=6) as pool:
    list(pool.map(voikko.analyze, words))
    list(pool.map(voikko.suggest, words[:2000]))
"""


@pytest.mark.voikko
def test_voikko_is_safe_to_share_between_threads():
    """Unlocked, threads sharing one libvoikko handle abort the process with heap corruption
    (threaded web workers did), so this runs in a child process that must exit cleanly."""
    import subprocess
    import sys

    if voikko_handle(True) is None:
        pytest.skip("Voikko is not installed")
    child = subprocess.run([sys.executable, "-c", THREADED_VOIKKO], capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr[-2000:]


@pytest.mark.parametrize(
    "wordbases, components",
    [
        # Voikko's participles: the suffix "tu(+tua)" has no "+", the "n" of "-nut" no base.
        ("+masen(masentaa)tu(+tua)+n+ut(+ut)", [("masentunut", "masentunut", "masentaa")]),
        ("+koke(kokea)+n+ut(+ut)", [("kokenut", "kokenut", "kokea")]),
        ("+ahdist(ahdistaa)u(+ua)+n+ut(+ut)", [("ahdistunut", "ahdistunut", "ahdistaa")]),
        ("+vertais+tuki(tuki)+ryhmä(ryhmä)", [("vertais", "vertais", ""), ("tuki", "tuki", ""), ("ryhmä", "ryhmä", "")]),
        ("+mielen(mieli)+terve(terve)+ys(+ys)", [("mielen", "mieli", ""), ("terveys", "terveys", "terve")]),
    ],
)
def test_voikko_wordbases_give_whole_components(wordbases, components):
    assert _components(wordbases) == components


@pytest.mark.voikko
def test_participles_do_not_meet_through_their_endings():
    voikko = voikko_handle(True)
    if voikko is None:
        pytest.skip("libvoikko or its Finnish dictionary is not installed")
    analyzer = FinnishAnalyzer(voikko, LEXICON)
    terms = analyzer.query_words("masentunut")[0].terms
    assert not {t for t in terms if not t.isalpha()}, terms
    assert not meets(analyzer, "väkivaltaa kokeneille", "masentunut")
    assert meets(analyzer, "masennuksesta", "masentunut")
