"""Foreign term names meet ours after analysis: inflected, in another case, in Swedish or English."""
import pytest

from tarjotin.hsds.terms import TermMatcher
from tarjotin.search.engine import FinnishAnalyzer, voikko_handle


@pytest.fixture(params=["voikko", "snowball"])
def matcher(request, reference_data):
    voikko = None
    if request.param == "voikko":
        request.applymarker(pytest.mark.voikko)
        voikko = voikko_handle(True)
        if voikko is None:
            pytest.skip("libvoikko or its Finnish dictionary is not installed")
    return TermMatcher(FinnishAnalyzer(voikko))


@pytest.mark.parametrize(
    "taxonomy, name, code",
    [
        ("theme", "Mielenterveyden", "mental-health"),  # genitive of our preferred name
        ("theme", "velkaneuvontaa", "money-debt"),  # partitive of a synonym
        ("theme", "OMAISHOITO", "caregivers"),
        ("target_group", "Ikääntyneiden", "older-people"),  # genitive plural of a synonym
        ("theme", "Ensamheten", "loneliness"),  # Swedish definite form
        ("theme", "Debts", "money-debt"),  # English plural
        ("theme", "Grief support", "crisis"),
    ],
)
def test_inflected_and_foreign_names_land_on_our_terms(matcher, taxonomy, name, code):
    term = matcher.match(taxonomy, None, (name,))
    assert term is not None and (term.taxonomy, term.code) == (taxonomy, code)


def test_code_first_and_unknown_names_stay_unmapped(matcher):
    assert matcher.match("theme", "violence", ("Mielenterveys",)).code == "violence"
    assert matcher.match("theme", None, ("Taide ja kulttuuri",)) is None
    assert matcher.match("target_group", None, ("Velkaneuvonta",)) is None  # a theme word, not a target group
