"""The judged query set: floors on recall@10 and on MRR for each kind of problem, on both analysis paths.

Recall alone passes a ranking turned upside down (recall 0.95, MRR 0.66 when tried), so the
order is held to a floor too."""
from datetime import date

import pytest

from tarjotin.search import get_index
from tests.search import corpus

RECALL_FLOOR = {"voikko": 0.9, "snowball": 0.85}
MRR_FLOOR = 0.9  # measured 0.987 on both paths
KIND_MRR_FLOOR = 0.8  # the weakest kind, Swedish and English queries, measured 0.889


def test_judged_set_is_large_enough():
    assert len(corpus.JUDGED) >= 40
    assert {j.kind for j in corpus.JUDGED} >= {"inflection", "compound", "stem", "synonym", "language", "typo", "geo"}


def test_recall_and_mrr(app, corpus_ids, analysis):
    run = corpus.whoosh_runner(get_index(), date.today(), app.config["STALE_AFTER_DAYS"])
    report = corpus.evaluate(run, corpus_ids)
    summary = {kind: (round(values["recall"], 3), round(values["mrr"], 3)) for kind, values in report.items()}
    misses = {kind: values["misses"] for kind, values in report.items() if values["misses"]}
    assert report["all"]["recall"] >= RECALL_FLOOR[analysis], (summary, misses)
    assert report["all"]["mrr"] >= MRR_FLOOR, summary
    for kind, values in report.items():
        assert values["recall"] >= 0.75, (kind, summary, misses)
        assert values["mrr"] >= KIND_MRR_FLOOR, (kind, summary)


@pytest.mark.parametrize("text", ["masennus", "vertaistuki", ""])
def test_hidden_offerings_never_found(app, corpus_ids, text):
    from tarjotin.search.service import SearchRequest, search

    result = search(get_index(), SearchRequest(text=text, per_page=100), date.today(), 425)
    assert corpus_ids["luonnos"] not in {hit.service_id for hit in (*result.hits, *result.anywhere)}
