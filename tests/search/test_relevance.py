"""The judged query set: a floor on recall@10 for each kind of problem, on both analysis paths."""
from datetime import date

import pytest

from tarjotin.search import get_index
from tests.search import corpus

RECALL_FLOOR = {"voikko": 0.9, "snowball": 0.85}


def test_judged_set_is_large_enough():
    assert len(corpus.JUDGED) >= 40
    assert {j.kind for j in corpus.JUDGED} >= {"inflection", "compound", "stem", "synonym", "language", "typo", "geo"}


def test_recall_at_10(app, corpus_ids, analysis):
    run = corpus.whoosh_runner(get_index(), date.today(), app.config["STALE_AFTER_DAYS"])
    report = corpus.evaluate(run, corpus_ids)
    summary = {kind: round(values["recall"], 3) for kind, values in report.items()}
    misses = {kind: values["misses"] for kind, values in report.items() if values["misses"]}
    assert report["all"]["recall"] >= RECALL_FLOOR[analysis], (summary, misses)
    for kind, values in report.items():
        assert values["recall"] >= 0.75, (kind, summary, misses)


@pytest.mark.parametrize("text", ["masennus", "vertaistuki", ""])
def test_hidden_offerings_never_found(app, corpus_ids, text):
    from tarjotin.search.service import SearchRequest, search

    result = search(get_index(), SearchRequest(text=text, per_page=100), date.today(), 425)
    assert corpus_ids["luonnos"] not in {hit.service_id for hit in (*result.hits, *result.anywhere)}
