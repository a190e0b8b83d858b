"""Is the installed whoosh3 the one the fast paths were written against?

bulk.py writes posting blocks and reading.py reads them through whoosh3's private attributes,
which may change meaning or vanish in any release; tests/search/engine compares both with
Whoosh's own writer and matchers on the pinned version only. So the engine uses them only when
the installed version is that one and every private name below is still there. Otherwise it
logs why and goes through Whoosh's public API instead (its own writer, its matchers one posting
at a time): the same index and the same results, a slower rebuild and a slower first query for
each word in each segment, rather than a search that refuses to answer or answers wrongly.
Doctor reports it as missing, not unsafe, for that reason.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import metadata

from whoosh.codec import whoosh3
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage

WRITTEN_FOR = "3.54.0"  # the pin in pyproject.toml; a test keeps the two equal
DISTRIBUTION = "whoosh3"

# Every private name bulk.py and reading.py use, by where it lives.
MODULE = ("_lenfield", "LENGTHS_COLUMN", "W3LeafMatcher", "W3PerDocReader", "W3PostingsWriter")
CLASSES = {
    "W3LeafMatcher": ("_read_data", "_next_block"),
    "W3PerDocReader": ("_cached_reader",),
    "W3PostingsWriter": ("_write_block",),
}
WRITER = ("_added", "docnum", "perdocwriter", "fieldwriter")
FIELD_WRITER = ("_postwriter",)
POSTINGS_WRITER = ("_ids", "_weights", "_values", "_maxweight", "_minlength", "_maxlength", "_blocklimit")
READER = ("_perdoc",)
MATCHER = ("_data", "_maxid")


@dataclass(frozen=True)
class Compatibility:
    installed: str | None
    missing: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.installed == WRITTEN_FOR and not self.missing

    def describe(self) -> str:
        if self.ok:
            return f"whoosh3 {self.installed}, the version the bulk writer and the block reader were written for"
        problems = []
        if self.installed != WRITTEN_FOR:
            problems.append(f"whoosh3 {self.installed or 'not found'} installed, written for {WRITTEN_FOR}")
        if self.missing:
            problems.append(f"missing {', '.join(self.missing)}")
        return (f"{'; '.join(problems)}: rebuilds and postings go through Whoosh's public API (same results, "
                f"slower) until whoosh3=={WRITTEN_FOR} is installed")


@cache
def check() -> Compatibility:
    """The installed version and the private names it lacks; the answer holds for the process."""
    try:
        installed = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        installed = None
    return Compatibility(installed, tuple(_missing()))


def _absent(owner: str, obj, names: tuple[str, ...]) -> list[str]:
    return [f"{owner}.{name}" for name in names if not hasattr(obj, name)]


def _missing() -> list[str]:
    missing = _absent("whoosh.codec.whoosh3", whoosh3, MODULE)
    for name, attributes in CLASSES.items() if not missing else ():
        missing += _absent(name, getattr(whoosh3, name), attributes)
    if missing:
        return missing
    try:
        return _missing_on_instances()
    except Exception as error:  # whoosh3 changed enough that the probe itself fails
        return [f"a working probe index ({type(error).__name__}: {error})"]


def _missing_on_instances() -> list[str]:
    """Names set on instances, looked for on a small index in memory: the writer's first (the
    reader's would need a segment that writer writes)."""
    schema = Schema(body=TEXT(phrase=False))
    index = RamStorage().create_index(schema)
    writer = index.writer()
    try:
        missing = _absent("SegmentWriter", writer, WRITER) or _absent("W3FieldWriter", writer.fieldwriter, FIELD_WRITER)
        if not missing:
            writer.fieldwriter.start_field("body", schema["body"])
            writer.fieldwriter.start_term(b"probe")
            missing += _absent("W3PostingsWriter", writer.fieldwriter._postwriter, POSTINGS_WRITER)
    finally:
        writer.cancel()
    if missing:
        return missing
    with index.writer() as writer:
        for _ in range(2):
            writer.add_document(body="probe")
    with index.reader() as reader:
        leaf = reader.leaf_readers()[0][0]
        missing += _absent("SegmentReader", leaf, READER)
        matcher = leaf.postings("body", "probe")
        if isinstance(matcher, whoosh3.W3LeafMatcher):
            missing += _absent("W3LeafMatcher", matcher, MATCHER)
        else:
            missing.append(f"W3LeafMatcher (postings come as {type(matcher).__name__})")
    return missing
