"""Finnish (and some Swedish and English) text for the demo data, composed from seed_data/demo/.

Inflected forms come from hand-written tables rather than rules: Finnish place names and
phrases inflect irregularly, and one wrong ending makes a whole listing read as fake.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import time
from functools import cache

from tarjotin.paths import ROOT

DEMO_DIR = ROOT / "seed_data" / "demo"
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_FI = {
    "MO": ("maanantai", "maanantaisin", "maanantaina"),
    "TU": ("tiistai", "tiistaisin", "tiistaina"),
    "WE": ("keskiviikko", "keskiviikkoisin", "keskiviikkona"),
    "TH": ("torstai", "torstaisin", "torstaina"),
    "FR": ("perjantai", "perjantaisin", "perjantaina"),
    "SA": ("lauantai", "lauantaisin", "lauantaina"),
    "SU": ("sunnuntai", "sunnuntaisin", "sunnuntaina"),
}
ORDINAL_FI = {1: "ensimmäisenä", 2: "toisena", 3: "kolmantena", 4: "neljäntenä"}
# Opening hours by kind of offering: (opens, closes) as hours; evenings for working-age groups.
HOURS = {
    "group": [(17, 19), (18, 20), (13, 15), (17.5, 19), (10, 12)],
    "dropin": [(10, 14), (12, 16), (9, 13), (14, 18)],
    "advice": [(9, 12), (12, 15), (9, 15), (13, 16)],
    "phone": [(9, 15), (16, 22), (10, 20)],
    "chat": [(18, 22), (12, 20), (16, 21)],
    "course": [(17, 19.5), (18, 20), (13, 15.5), (9, 11)],
    "exercise": [(9, 10), (10, 11), (18, 19), (10.5, 11.5), (17, 18)],
    "club": [(12, 14), (17, 19), (13, 15), (15, 17)],
    "meal": [(10, 12), (11, 13), (12, 13.5), (14, 16)],
    "event": [(10, 14), (18, 21), (12, 16)],
    "volunteer": [(9, 15), (10, 14), (9, 12)],
    "workshop": [(8, 14), (9, 15), (8.5, 14.5)],
}


@cache
def material() -> dict:
    """Every JSON file of seed_data/demo by its stem."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(DEMO_DIR.glob("*.json"))}


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clean(sentence: str) -> str:
    sentence = re.sub(r"\s+", " ", sentence).strip()
    return re.sub(r"\s+([.,!?])", r"\1", sentence)


def _clock(hour: float) -> str:
    whole = int(hour)
    return f"{whole}.30" if hour != whole else str(whole)


def to_time(hour: float) -> time:
    return time(int(hour), 30 if hour != int(hour) else 0)


@dataclass(frozen=True)
class Place:
    """A municipality or a district as it appears in text."""

    name: str
    gen: str
    loc: str


@dataclass
class Timing:
    """An offering's schedule in HSDS terms plus how Finnish says it."""

    freq: str
    interval: int | None
    byday: str
    opens: float
    closes: float
    text: str  # lower-case, usable mid-sentence: "maanantaisin klo 17–19"
    days: tuple[str, ...]


class Writer:
    """Draws every piece of text from one Random, and remembers each Finnish sentence it wrote."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.m = material()
        self.text = self.m["text"]
        self.sentences: set[str] = set()

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    # --- schedules -------------------------------------------------------------------------

    def timing(self, sched: str, kind: str) -> Timing:
        rng = self.rng
        opens, closes = self.pick(HOURS[kind])
        clock = f"klo {_clock(opens)}–{_clock(closes)}"
        weekday = self.pick(DAYS[:5]) if rng.random() < 0.9 else self.pick(DAYS[5:])
        if sched == "biweekly":
            return Timing("WEEKLY", 2, weekday, opens, closes, f"joka toinen {DAY_FI[weekday][0]} {clock}", (weekday,))
        if sched == "monthly":
            nth = rng.choice((1, 1, 2, 3, 4))
            text = f"kuukauden {ORDINAL_FI[nth]} {DAY_FI[weekday][2]} {clock}"
            return Timing("MONTHLY", None, f"{nth}{weekday}", opens, closes, text, (weekday,))
        if sched == "multi":
            days = tuple(sorted(rng.sample(DAYS[:5], rng.choice((2, 2, 3))), key=DAYS.index))
            said = [DAY_FI[d][1] for d in days]
            text = f"{', '.join(said[:-1])} ja {said[-1]} {clock}"
            return Timing("WEEKLY", None, ",".join(days), opens, closes, text, days)
        if sched == "weekdays":
            return Timing("WEEKLY", None, ",".join(DAYS[:5]), opens, closes, f"arkisin {clock}", DAYS[:5])
        if sched == "daily":
            return Timing("WEEKLY", None, ",".join(DAYS), opens, closes, f"joka päivä {clock}", DAYS)
        return Timing("WEEKLY", None, weekday, opens, closes, f"{DAY_FI[weekday][1]} {clock}", (weekday,))

    def timing_in(self, timing: Timing, lang: str) -> str:
        words = self.text["translations"][lang]
        if timing.freq == "MONTHLY":
            days = words["monthly"]
        elif timing.interval == 2:
            days = words["biweekly"]
        elif len(timing.days) >= 5:
            days = words["weekdays"] if len(timing.days) == 5 else words["daily"]
        else:
            said = [words["days"][d] for d in timing.days]
            days = f"{words['prefix']} " + (f"{', '.join(said[:-1])}{words['and']}{said[-1]}" if len(said) > 1 else said[0])
        if lang == "en":
            return f"{days} from {to_time(timing.opens):%H:%M} to {to_time(timing.closes):%H:%M}"
        return f"{days} kl. {_clock(timing.opens)}–{_clock(timing.closes)}"

    # --- organisations ---------------------------------------------------------------------

    def org_description(self, name: str, pattern: dict, theme: dict, town: Place, region: tuple[str, str]) -> str:
        org = self.text["org"]
        rng = self.rng
        kind_type = pattern.get("type", "association")
        values = {
            "Name": name,
            "kind": pattern["kind"].split("|")[0],
            "year": rng.randint(1946, 2023),
            "area": self.area(town, region) or town.loc,
            "loc": town.loc,
            "region_gen": region[0],
            "purpose": self.pick(theme["purposes"]),
            "umbrella": self.pick(theme["umbrellas"]),
            "members": rng.choice((25, 40, 60, 80, 120, 150, 200, 300, 450, 600)),
            "volunteers": rng.choice((5, 8, 10, 12, 15, 20, 30)),
            "fee": rng.choice((10, 15, 20, 25, 30)),
        }
        parts = [self.pick(org["intro"][kind_type])]
        if kind_type != "parish":
            parts.append(self.pick(org["purpose"]))
        if kind_type == "association":
            if rng.random() < 0.6:
                parts.append(self.pick(org["umbrella"]))
            parts += rng.sample(org["members"], rng.randint(0, 2))
        parts += rng.sample(org["welcome"], rng.randint(1, 2))
        if rng.random() < 0.4:
            parts.append(self.pick(org["funding"]))
        return self._join(parts, values)

    def area(self, town: Place, region: tuple[str, str]) -> str:
        return self.pick(self.text["area"]).format(loc=town.loc, gen=town.gen, region_gen=region[0])

    # --- offerings -------------------------------------------------------------------------

    def offering_description(self, offer: dict, theme: dict, ctx: dict) -> str:
        """ctx: kind_gen, town (Place), region, timing, target, ages, is_free, reg, fee, fee2, cap, k, langs, leaders, online."""
        rng, text = self.rng, self.text
        noun = offer["noun"].split("|")
        target = ctx["target"].split("|")
        topics = rng.sample(theme["topics"], 3)
        acts = rng.sample(theme["acts"], 2)
        values = {
            "N": cap(noun[0]), "n": noun[0], "N_ine": cap(noun[1]), "n_gen": noun[2], "N_part": cap(noun[3]),
            "n_part": noun[3], "t_nom": target[0], "t_gen": target[1], "t_all": target[2], "t_part": target[3],
            "act": acts[0], "act2": acts[1], "act_noun": self.pick(text["act_noun"]),
            "ctx": self.pick(text["ctx"]), "ctx2": self.pick(text["ctx2"]),
            "area": self.area(ctx["town"], ctx["region"]), "Kind_gen": cap(ctx["kind_gen"]),
            "when": ctx["timing"].text, "cap": ctx["cap"], "k": ctx["k"], "fee": ctx["fee"], "fee2": ctx["fee2"],
            "leader": self.pick(ctx["leaders"]), "contact": self.pick(text["contact"]),
        }
        for i, topic in enumerate(topics, start=1):
            values[f"tp{i}_nom"], values[f"tp{i}_ela"], values[f"tp{i}_part"] = topic.split("|")
        kind = offer["kind"]
        kind_bank = text["kind"][kind]
        parts = [self.pick(text["open"])]
        lo, hi = ctx["ages"]
        if lo is not None and hi is not None:
            parts.append(self.pick(text["age_range"]).format(N=values["N"], a=lo, b=hi))
        elif lo is not None:
            parts.append(self.pick(text["age_min"]).format(a=lo))
        parts.append(self.pick(text["act"]))
        if kind not in ("meal", "volunteer", "exercise", "workshop"):
            parts.append(self.pick(text["topic"]))
        # The first sentence of a kind's bank says when; it always goes in, one more sometimes.
        parts.append(kind_bank[0] if rng.random() < 0.6 else self.pick(kind_bank[:2]))
        parts += rng.sample(kind_bank[2:], min(len(kind_bank) - 2, rng.randint(1, 2)))
        if ctx["online"]:
            parts.append("Mukaan voi tulla myös etäyhteydellä.")
        if kind in ("group", "course", "exercise", "club") and rng.random() < 0.7:
            parts.append(self.pick(text["leader"]))
        parts.append(self.pick(text["reg_yes"] if ctx["reg"] else text["reg_no"]))
        parts.append(self.pick(text["free"] if ctx["is_free"] else text["fee"]))
        for code in ctx["langs"]:
            adv, part, adj = text["languages"][code]
            parts.append(self.pick(text["lang"]).format(N_ine=values["N_ine"], lang_adv=adv, lang_part=part, lang_adj=adj))
        if rng.random() < 0.6:
            parts.append(self.pick(text["close"]))
        return self._join(parts, values)

    def translated(self, lang: str, name: str, org_name: str, timing: Timing, is_free: bool, reg: bool, fee: int) -> str:
        """A short Swedish or English description; variety matters less here than being correct."""
        words = self.text["translations"][lang]
        parts = [
            words["intro"].format(name=name, org=org_name, when=self.timing_in(timing, lang)),
            words["free"] if is_free else words["fee"].format(fee=fee),
            words["reg"] if reg else words["noreg"],
            words["close"],
        ]
        return " ".join(_clean(p) for p in parts)

    def _join(self, parts: list[str], values: dict) -> str:
        sentences = [_clean(cap(p.format(**values))) for p in parts]
        self.sentences.update(sentences)
        return " ".join(sentences)
