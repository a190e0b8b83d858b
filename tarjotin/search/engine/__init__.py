"""The search engine: everything that touches Whoosh, its internals included, is in this package.

The rest of the app uses what is imported here and nothing else: the index (SearchIndex, its
generations and their read-only views as numpy arrays), the errors it raises, the analysis of
Finnish, Swedish and English words, and whether the installed whoosh3 is the one the fast paths
were written for. No Whoosh object crosses this line.
"""
from tarjotin.search.engine.analysis import (
    Alternatives,
    FinnishAnalyzer,
    build_lexicon,
    english_terms,
    swedish_terms,
    voikko_handle,
    voikko_suggestions,
)
from tarjotin.search.engine.arrays import FACETS, Card, IndexView
from tarjotin.search.engine.index import (
    FI_FIELDS,
    OTHER_FIELDS,
    Generation,
    IndexBusy,
    IndexUnavailable,
    SearchIndex,
)
from tarjotin.search.engine.version import Compatibility

__all__ = [
    "FACETS", "FI_FIELDS", "OTHER_FIELDS", "Alternatives", "Card", "Compatibility", "FinnishAnalyzer", "Generation",
    "IndexBusy", "IndexUnavailable", "IndexView", "SearchIndex", "build_lexicon", "english_terms", "swedish_terms",
    "voikko_handle", "voikko_suggestions",
]
