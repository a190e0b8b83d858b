"""Names for the demo organisations: towns, unique association names, valid business ids."""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from tarjotin.directory.business_id import business_id_check_digit
from tarjotin.directory.demo_text import Place, material

# Family foundations fill in where a town's association names run out while they are under this
# share of the organisations so far; past it (tens of thousands of organisations) local chapters
# and clubs do. The default 5,000 never reach the share, so their data is as before.
FOUNDATION_SHARE = 0.1


@dataclass(frozen=True)
class Town:
    code: str
    place: Place
    region: str
    latitude: float
    longitude: float
    population: int
    seutu: bool
    districts: tuple[Place, ...]
    postcodes: tuple  # geo.data.Place rows of real postcode areas


@dataclass
class Names:
    taken: set[str] = field(default_factory=set)
    foundations: int = 0


def business_id(rng: random.Random, taken: set) -> str:
    while True:
        digits = f"{rng.randrange(1_000_000, 3_400_000):07d}"
        check = business_id_check_digit(digits)
        if check is None:
            continue  # no valid check digit exists for these seven digits
        value = f"{digits}-{check}"
        if value not in taken:
            taken.add(value)
            return value


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    words = [w for w in "".join(c if c.isalnum() else " " for c in ascii_text).split() if w not in ("ry", "sr")]
    return "-".join(words)


def organization_name(rng: random.Random, town: Town, names: Names) -> tuple[str, dict, Place]:
    """A unique organisation name; the place it names may be a district of the town."""
    spec = material()["organizations"]
    region = material()["places"]["regions"][town.region]
    patterns = [p for p in spec["patterns"] if p["scope"] != "seutu" or town.seutu]
    for attempt in range(200):
        # Big towns run out of place-based names first; then nicknamed ones, then foundations, then chapters.
        if attempt < 40:
            pool = patterns
        elif attempt < 120:
            pool = [p for p in patterns if "{nick}" in p["p"]]
        elif names.foundations < FOUNDATION_SHARE * len(names.taken):
            pool = [p for p in patterns if "{first1}" in p["p"]]
        else:
            return _chapter_name(rng, town, names)
        pattern = rng.choices(pool, [p["w"] for p in pool])[0]
        place = town.place
        if pattern["scope"] == "local" and town.districts and rng.random() < 0.5:
            place = town.districts[rng.randrange(len(town.districts))]
        first1, first2 = rng.sample(spec["first_names"], 2)
        name = pattern["p"].format(
            gen=place.gen, region_gen=region[0], nick=rng.choice(spec["nicks"]),
            first1=first1, first2=first2,
            surname_gen=rng.choice(spec["surnames"])[:-3] + "sen",
        )
        if name not in names.taken:
            names.taken.add(name)
            names.foundations += pattern.get("type") == "foundation"
            return name, pattern, place
    return _chapter_name(rng, town, names)


def _chapter_name(rng: random.Random, town: Town, names: Names) -> tuple[str, dict, Place]:
    """A local chapter or club of one of the town's associations, for towns whose own names are
    used up: "Kuopion Eläkeläiset ry, Petosen osasto", "Kaavin Martat ry, Kipinä-kerho"."""
    spec = material()["organizations"]
    scopes = ("local", "town", "seutu") if town.seutu else ("local", "town")
    # Parishes, branches, foundations and cooperatives do not have chapters under these names.
    parents = [p for p in spec["patterns"] if p["scope"] in scopes and "type" not in p and "{nick}" not in p["p"]]
    for _ in range(1000):
        pattern = rng.choices(parents, [p["w"] for p in parents])[0]
        place = town.place
        if pattern["scope"] == "local" and town.districts and rng.random() < 0.5:
            place = town.districts[rng.randrange(len(town.districts))]
        if place is town.place and town.districts and rng.random() < 0.5:
            part = f"{town.districts[rng.randrange(len(town.districts))].gen} osasto"
        else:
            nick = rng.choice(spec["nicks"])
            # A name of several words takes a spaced hyphen: "Uusi Suunta -kerho".
            part = f"{nick} -kerho" if " " in nick else f"{nick}-kerho"
        name = f"{pattern['p'].format(gen=place.gen)}, {part}"
        if name not in names.taken:
            names.taken.add(name)
            # The parent's alternate name and initials would name the parent, not the chapter.
            chapter = {key: value for key, value in pattern.items() if key not in ("alt", "initials")}
            return name, {**chapter, "type": "branch"}, place
    raise RuntimeError(f"no free organisation name left for {town.place.name}")
