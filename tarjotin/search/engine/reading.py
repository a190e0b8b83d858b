"""Reading one segment's field lengths and postings into numpy arrays.

`fast` (version.py said the installed whoosh3 is the pinned one) reads whole length columns
and whole posting blocks through whoosh3's private attributes; otherwise the public API gives
the same numbers one document or one posting at a time.
"""
from __future__ import annotations

import numpy as np
from whoosh.codec import whoosh3  # its private names are looked up only on the fast path: they may be gone
from whoosh.matching.wrappers import FilterMatcher

from tarjotin.search.engine.bulk import DECODED_LENGTH

LENGTH_OF_BYTE = DECODED_LENGTH.astype(np.float64)
Postings = tuple[np.ndarray, np.ndarray]  # document numbers (int64), a float64 per document


def read_lengths(reader, field: str, count: int, fast: bool) -> np.ndarray:
    """Each document's length of `field` as scoring sees it (decoded from its one stored byte)."""
    if fast:
        return _read_length_column(reader, field, count)
    return np.array([reader.doc_field_length(n, field) or 0 for n in range(count)], dtype=np.float64)


def _read_length_column(reader, field: str, count: int) -> np.ndarray:
    column = reader._perdoc._cached_reader(whoosh3._lenfield(field), whoosh3.LENGTHS_COLUMN)
    codes = np.fromiter(column, dtype=np.uint8, count=count) if column is not None else np.zeros(count, np.uint8)
    return LENGTH_OF_BYTE[codes]


def read_postings(reader, field: str, term: str, fast: bool) -> Postings:
    """Document numbers and term frequencies, deleted documents included."""
    if (field, term) not in reader:
        return np.empty(0, np.int64), np.empty(0, np.float64)
    matcher = reader.postings(field, term)
    if isinstance(matcher, FilterMatcher):
        # Deleted documents stay in: these arrays outlive the reader's deletions, and each
        # view masks out the documents deleted in its own state.
        matcher = matcher.child
    if fast and isinstance(matcher, whoosh3.W3LeafMatcher):
        return _read_blocks(matcher)
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():  # a list inlined in the term dictionary (a few postings), or no fast path
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)


def _read_blocks(matcher) -> Postings:
    """Decode whole posting blocks with numpy (attributes of the pinned whoosh3).

    A block holds its document numbers delta-encoded from 0, so after making each block's
    first delta relative to the previous block's last document one cumulative sum decodes all.
    """
    deltas: list[int] = []
    weights: list[float] = []
    starts: list[int] = []
    last_ids: list[int] = []
    while matcher.is_active():
        matcher._read_data()
        block_ids, block_weights = matcher._data[0], matcher._data[1]
        starts.append(len(deltas))
        last_ids.append(matcher._maxid)
        deltas.extend(block_ids)
        if block_weights is None or isinstance(block_weights, float):
            weights.extend([1.0 if block_weights is None else block_weights] * len(block_ids))
        else:
            weights.extend(block_weights)
        matcher._next_block()
    ids = np.array(deltas, dtype=np.int64)
    ids[starts[1:]] -= np.array(last_ids[:-1], dtype=np.int64)
    return np.cumsum(ids), np.array(weights, dtype=np.float64)
