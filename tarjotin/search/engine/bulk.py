"""Write a whole Whoosh segment in one pass, for rebuilds.

Whoosh's own writer handles every posting in Python several times over (tokenise, pickle into
an external sort, unpickle, encode one posting at a time): about 100 s for the 1.9 million
postings of 5,000 demo organisations. Here each field's terms get integer codes, numpy sorts
and counts the (term, document) pairs, and whole posting blocks go to the same whoosh3 codec
objects Whoosh would use, so the result is an ordinary segment that Whoosh reads, updates
incrementally and merges as usual. The block-level attributes written here belong to the
pinned whoosh3 version (pyproject.toml, version.py); tests/search/engine/test_arrays.py compares
the segment with one written by Whoosh's own writer, which `segment_builder` hands out instead
when the installed whoosh3 is not the pinned one.
"""
from __future__ import annotations

from array import array

import numpy as np
from whoosh.fields import ID, FieldType
from whoosh.index import Index
from whoosh.util.numeric import byte_to_length, length_to_byte

VALUE_CACHE = 4096
# Lengths are stored as one byte; scoring and block statistics see the decoded value.
DECODED_LENGTH = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.int64)


def decoded_lengths(lengths: np.ndarray) -> np.ndarray:
    distinct, inverse = np.unique(lengths, return_inverse=True)
    return DECODED_LENGTH[[length_to_byte(int(n)) for n in distinct]][inverse] if len(distinct) else lengths


def segment_builder(index: Index, fast: bool) -> SegmentBuilder | WhooshBuilder:
    return SegmentBuilder(index) if fast else WhooshBuilder(index)


class WhooshBuilder:
    """Whoosh's own writer behind SegmentBuilder's interface: the same segment, several times slower."""

    def __init__(self, index: Index):
        self.writer = index.writer()

    def add(self, document: dict) -> None:
        self.writer.add_document(**document)

    def commit(self) -> None:
        self.writer.commit(merge=False)

    def cancel(self) -> None:
        self.writer.cancel()


class SegmentBuilder:
    """Add documents (dicts of schema field -> value, as for `writer.add_document`), then commit."""

    def __init__(self, index: Index):
        self.writer = index.writer()
        self.schema = index.schema
        indexed = [name for name in self.schema.names() if self.schema[name].indexed]
        self.codes: dict[str, dict[str, int]] = {name: {} for name in indexed}
        self.term_codes: dict[str, array] = {name: array("i") for name in indexed}
        self.doc_ids: dict[str, array] = {name: array("i") for name in indexed}
        self.lengths: dict[str, array] = {name: array("i") for name in indexed if self.schema[name].scorable}
        self.value_codes: dict[str, dict[str, array]] = {name: {} for name in indexed}

    def add(self, document: dict) -> None:
        writer, docnum = self.writer, self.writer.docnum
        perdoc = writer.perdocwriter
        perdoc.start_doc(docnum)
        for name in self.lengths:
            self.lengths[name].append(0)
        for name in sorted(document):
            value, field = document[name], self.schema[name]
            if value is None:
                continue
            length = 0
            if field.indexed:
                term_codes = self._term_codes(name, field, value)
                self.term_codes[name].extend(term_codes)
                self.doc_ids[name].extend([docnum] * len(term_codes))
                if field.scorable:
                    length = self.lengths[name][-1] = len(term_codes)
            if field.stored or length:  # otherwise Whoosh's add_field would do nothing
                perdoc.add_field(name, field, value if field.stored else None, length)
        perdoc.finish_doc()
        writer.docnum += 1
        writer._added = True

    def _term_codes(self, name: str, field: FieldType, value: str) -> array:
        # Many values repeat (an offering's themes and synonyms, its organisation, its town,
        # most facets), so a field's recent values keep their codes.
        known = self.value_codes[name]
        found = known.get(value)
        if found is None:
            tokens = _tokens(field, value)
            codes = self.codes[name]
            for token in dict.fromkeys(tokens):
                if token not in codes:
                    codes[token] = len(codes)
            found = array("i", map(codes.__getitem__, tokens))
            if len(known) >= VALUE_CACHE:
                known.clear()
            known[value] = found
        return found

    def commit(self) -> None:
        fieldwriter = self.writer.fieldwriter
        count = self.writer.docnum
        for name, codes in self.codes.items():
            if codes:
                field = self.schema[name]
                lengths = decoded_lengths(np.frombuffer(self.lengths[name], dtype=np.int32)) if name in self.lengths else None
                fieldwriter.start_field(name, field)
                self._write_field(fieldwriter, field, codes, name, count, lengths)
                fieldwriter.finish_field()
        self.writer.commit(merge=False)

    def cancel(self) -> None:
        self.writer.cancel()

    def _write_field(self, fieldwriter, field, codes: dict[str, int], name: str, count: int, lengths) -> None:
        terms = sorted(codes)  # code-point order is UTF-8 byte order, which Whoosh needs
        rank = np.empty(len(terms), dtype=np.int64)
        rank[[codes[term] for term in terms]] = np.arange(len(terms))
        keys = rank[np.frombuffer(self.term_codes[name], dtype=np.int32)] * count
        keys += np.frombuffer(self.doc_ids[name], dtype=np.int32)
        pairs, frequencies = np.unique(keys, return_counts=True)
        term_of, docs = np.divmod(pairs, count)
        blocks = _Blocks(field, fieldwriter, docs, frequencies, lengths[docs] if lengths is not None else None)
        bounds = np.searchsorted(term_of, np.arange(len(terms) + 1)).tolist()
        for index, term in enumerate(terms):
            fieldwriter.start_term(term.encode("utf-8"))
            blocks.write(bounds[index], bounds[index + 1])
            fieldwriter.finish_term()


def _tokens(field: FieldType, value: str) -> list[str]:
    """What the schema's analysers make of a value (index.py: only these three kinds of field)."""
    if field.scorable:  # TEXT over SpaceSeparatedTokenizer: terms arrive analysed
        return value.split()
    if isinstance(field, ID):
        return [value]
    return [token.strip() for token in value.split(",") if token]  # KEYWORD(commas=True)


class _Blocks:
    """A field's postings, sorted by term then document, written as W3PostingsWriter would buffer them.

    Everything per posting is converted once per field; per block only slices are taken.
    """

    def __init__(self, field: FieldType, fieldwriter, docs: np.ndarray, frequencies: np.ndarray,
                 lengths: np.ndarray | None):
        self.fieldwriter = fieldwriter
        self.ids = array("I", docs.astype(np.uint32).tobytes())
        self.weights = frequencies.astype(np.float32) * np.float32(field.format.field_boost)
        self.weight_list = array("f", self.weights.tobytes())
        # Frequency values are big-endian unsigned ints of fixed size, joined by _mini_values.
        self.values = frequencies.astype(">u4").tobytes() if field.format.fixed_value_size() else None
        self.lengths = lengths

    def write(self, start: int, end: int) -> None:
        postwriter = self.fieldwriter._postwriter
        limit = postwriter._blocklimit
        for block_start in range(start, end, limit):
            block_end = min(block_start + limit, end)
            postwriter._ids = self.ids[block_start:block_end]
            postwriter._weights = self.weight_list[block_start:block_end]
            postwriter._values = [self.values[4 * block_start : 4 * block_end]] if self.values is not None else []
            postwriter._maxweight = float(max(postwriter._weights))
            if self.lengths is not None:
                postwriter._minlength = int(self.lengths[block_start:block_end].min())
                postwriter._maxlength = int(self.lengths[block_start:block_end].max())
            postwriter._write_block(last=block_end == end)
