"""The in-memory evaluation (arrays.py, reading.py) and the bulk segment writer (bulk.py) against Whoosh itself."""
from datetime import date

import numpy as np
import pytest
from whoosh import scoring
from whoosh.query import Term
from whoosh.query.compound import DefaultOr
from whoosh.searching import SearchContext

from tarjotin.search import hooks
from tarjotin.search.engine import FACETS
from tarjotin.search.engine.bulk import SegmentBuilder
from tarjotin.search.engine.index import _schema
from tarjotin.search.engine.reading import read_postings
from tarjotin.search.service import COORDINATION, SearchRequest, _text_query, search
from tests.factories import ServiceFactory

QUERIES = ["vertaistuki", "masennukseen", "päihteet", "yksinäisyys ikäihmiset", "mielenterveys kuopio ryhmä", "kahvila"]


def run(index, **params):
    return search(index, SearchRequest(**params), date.today(), 425)


@pytest.mark.parametrize("text", QUERIES)
def test_bm25f_equals_whoosh_scoring(app, corpus_ids, text):
    from tarjotin.search import get_index

    generation = get_index().current()
    view = generation.view()
    groups, _ = _text_query(generation, view, text)
    # Whoosh's union of term matchers, which counts the terms for the coordination bonus;
    # on small indexes Whoosh may pick a preloading union that counts them differently.
    per_word = [DefaultOr([Term(f, t, boost=b) for f, t, b in group]) for group in groups]
    query = per_word[0] if len(per_word) == 1 else DefaultOr(per_word, scale=COORDINATION)
    expected = {}
    with generation.index.searcher(weighting=scoring.BM25F()) as searcher:
        # Walked without the collector's matcher replacement, which makes Whoosh's coordination
        # bonus depend on the document order (it recounts the query's terms as lists run out).
        matcher = query.matcher(searcher, SearchContext(weighting=scoring.BM25F()))
        while matcher.is_active():
            expected[matcher.id()] = matcher.score()
            matcher.next()
    scores, matched = view.bm25f(groups, COORDINATION)
    assert set(np.flatnonzero(matched).tolist()) == set(expected)
    for docnum, score in expected.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize(
    "params",
    [
        {"text": ""},
        {"text": "vertaistuki"},
        {"text": "ryhmä", "themes": ("mental-health",)},
        {"text": "", "near": "Kuopio", "radius_km": 40},
        {"text": "yksinäisyys", "near": "Siilinjärvi", "free": True},
        {"text": "", "target_groups": ("older-people", "families"), "languages": ("fi",)},
    ],
)
def test_facet_counts_equal_a_brute_force_count(app, corpus_ids, params):
    from tarjotin.search import get_index

    result = run(get_index(), per_page=100, **params)
    assert result.total <= 100
    view = get_index().current().view()
    cards = {card.service_id: card for card in (view.card(n) for n in range(view.count))}
    expected = {name: {} for name in FACETS}
    for hit in result.hits:
        for name, values in cards[hit.service_id].facets.items():
            for value in values:
                expected[name][value] = expected[name].get(value, 0) + 1
    assert result.facets == expected


def test_pages_follow_one_order(app, corpus_ids):
    from tarjotin.search import get_index

    whole = [hit.service_id for hit in run(get_index(), text="ryhmä", per_page=100).hits]
    pages = [hit.service_id for page in (1, 2, 3, 4) for hit in run(get_index(), text="ryhmä", per_page=3, page=page).hits]
    assert pages == whole[:12]


def test_a_commit_brings_a_new_view_that_reuses_segment_arrays(index, db):
    kept = ServiceFactory(name="Shakkikerho", is_free=True)
    db.session.commit()
    before = index.current().view()
    assert run(index, text="shakki").facets["free"] == {"true": 1}

    added = ServiceFactory(name="Shakkikerho nuorille", is_free=False)
    db.session.commit()
    after = index.current().view()
    assert after is not before
    shared = {id(arrays) for _, _, arrays in before.leaves} & {id(arrays) for _, _, arrays in after.leaves}
    assert shared, "the unchanged segment's arrays should be reused"
    assert run(index, text="shakki").facets["free"] == {"true": 1, "false": 1}

    added.organization.status = "draft"  # unpublish
    db.session.commit()
    result = run(index, text="shakki")
    assert [hit.service_id for hit in result.hits] == [kept.id]
    assert result.facets["free"] == {"true": 1}

    db.session.delete(kept)
    db.session.commit()
    result = run(index, text="shakki")
    assert result.total == 0 and result.facets["free"] == {}


def test_bulk_segment_equals_whooshs_own(app, db, corpus_ids, tmp_path):
    """The rebuild's segment reads back exactly like one written by Whoosh's writer."""
    from sqlalchemy.orm import Session
    from whoosh import index as whoosh_index

    from tarjotin.search import get_index

    generation = get_index().current()
    with Session(db.engine) as session:
        services = hooks.load_services(session, hooks.searchable_ids(session))
        documents = [generation.document(service) for service in services]
    indexes = {}
    for name in ("whoosh", "bulk"):
        (tmp_path / name).mkdir()
        indexes[name] = whoosh_index.create_in(str(tmp_path / name), _schema())
    with indexes["whoosh"].writer() as writer:
        for document in documents:
            writer.add_document(**document)
    builder = SegmentBuilder(indexes["bulk"])
    for document in documents:
        builder.add(document)
    builder.commit()

    readers = {name: ix.reader() for name, ix in indexes.items()}
    dump = {name: _dump(reader) for name, reader in readers.items()}
    assert dump["bulk"] == dump["whoosh"]
    for reader in readers.values():
        reader.close()


def _dump(reader) -> dict:
    postings = {}
    for field, term in reader.all_terms():
        matcher, found = reader.postings(field, term), []
        while matcher.is_active():
            found.append((matcher.id(), matcher.weight(), matcher.value()))
            matcher.next()
        postings[(field, term)] = (found, reader.doc_frequency(field, term), reader.frequency(field, term))
    lengths = {(n, f): reader.doc_field_length(n, f) for n in range(reader.doc_count_all()) for f in reader.schema.names()
               if reader.schema[f].scorable}
    stored = [reader.stored_fields(n) for n in range(reader.doc_count_all())]
    fields = {f: reader.field_length(f) for f in reader.schema.names()}
    return {"postings": postings, "lengths": lengths, "stored": stored, "field_lengths": fields}


@pytest.mark.parametrize("fast", [True, False], ids=["blocks", "public-api"])
def test_posting_blocks_decode_like_whoosh(tmp_path, fast):
    """Long lists span several blocks; deleted documents stay in (each view masks them)."""
    from whoosh import index as whoosh_index

    ix = whoosh_index.create_in(str(tmp_path), _schema())
    with ix.writer() as writer:
        for n in range(700):
            writer.add_document(id=str(n), body="tuki " * (n % 4 + 1) + ("harvinainen" if n % 97 == 0 else ""))
    with ix.writer() as writer:
        writer.delete_by_term("id", "5")
    with ix.reader() as reader:
        docs, frequencies = read_postings(reader, "body", "tuki", fast)
        assert docs.tolist() == list(range(700))
        assert frequencies.tolist() == [float(n % 4 + 1) for n in range(700)]
        assert read_postings(reader, "body", "harvinainen", fast)[0].tolist() == list(range(0, 700, 97))
        assert len(read_postings(reader, "body", "puuttuu", fast)[0]) == 0
