"""A small judged corpus: offerings written like real listings, and queries with their answers.

Used by the relevance test and by benchmarks/search_bench.py. Each offering has a key; each
query lists the keys a resident would count as right. The queries are grouped by the problem
they test (inflection, compounds, stem changes, synonyms, Swedish/English, typos, geo).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

MUNICIPALITIES = {
    "091": ("Helsinki", "Helsingfors", 60.16952, 24.93545),
    "140": ("Iisalmi", "Idensalmi", 63.55915, 27.19067),
    "167": ("Joensuu", None, 62.60118, 29.76316),
    "297": ("Kuopio", None, 62.89238, 27.67703),
    "749": ("Siilinjärvi", None, 63.08333, 27.66667),
    "915": ("Varkaus", None, 62.31533, 27.87300),
}

THEMES = {
    "mental-health": ("Mielenterveys", "Psykisk hälsa", "Mental health", ["masennus", "ahdistus", "psyyke", "mieli"]),
    "substances": ("Päihteet ja riippuvuudet", "Missbruk", "Substance use", ["päihteet", "alkoholi", "huumeet", "riippuvuus"]),
    "loneliness": ("Yksinäisyys ja ystävätoiminta", "Ensamhet", "Loneliness", ["yksinäisyys", "ystävä", "seura"]),
    "finances": ("Talous ja velat", "Ekonomi", "Money and debt", ["velat", "talous", "raha", "ulosotto"]),
    "exercise": ("Liikunta", "Motion", "Exercise", ["urheilu", "kuntoilu", "ulkoilu"]),
    "grief": ("Suru ja kriisit", "Sorg och kris", "Grief and crisis", ["suru", "kriisi", "menetys"]),
}
TARGET_GROUPS = {
    "older-people": ("Ikäihmiset", "Äldre", "Older people", ["ikäihmiset", "ikääntyneet", "seniorit", "eläkeläiset", "vanhukset"]),
    "families": ("Lapsiperheet", "Barnfamiljer", "Parents and families", ["lapsiperheet", "perheet", "vanhemmat"]),
    "youth": ("Nuoret", "Unga", "Young people", ["nuoret", "nuoriso", "teinit"]),
    "caregivers": ("Omaishoitajat ja läheiset", "Närstående", "Carers", ["omaishoitajat", "omaiset", "läheiset"]),
    "immigrants": ("Maahanmuuttajat", "Invandrare", "Immigrants", ["maahanmuuttajat", "maahanmuuttaja", "ulkomaalaiset"]),
    "unemployed": ("Työttömät", "Arbetslösa", "Unemployed", ["työttömät", "työnhakijat"]),
}


@dataclass(frozen=True)
class Offering:
    key: str
    name: str
    description: str
    organization: str
    municipality: str | None  # None: online or phone only, no place
    themes: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    name_sv: str | None = None
    description_sv: str | None = None
    name_en: str | None = None
    description_en: str | None = None
    languages: tuple[str, ...] = ("fi",)
    delivery: tuple[str, ...] = ("in_person",)
    is_free: bool = True
    is_accepting_new: bool = True
    reviewed_days_ago: int = 30
    visible: bool = True  # False: a draft organisation, never searchable
    offset: tuple[float, float] = (0.0, 0.0)  # from the municipality centre, in degrees


OFFERINGS = (
    Offering("mt-keskusteluryhma", "Mielenterveysyhdistyksen keskusteluryhmä", "Avoin ryhmä masennuksesta ja ahdistuksesta toipuville.", "Kuopion Mielenterveysyhdistys Hyvä Mieli ry", "297", ("mental-health",), name_sv="Samtalsgrupp för psykisk hälsa", name_en="Mental health discussion group"),
    Offering("masennus-vertaistuki", "Vertaistukiryhmä masentuneille", "Vertaistukiryhmässä jaetaan kokemuksia masennuksesta ja arjesta.", "Joensuun Seudun Mieli ry", "167", ("mental-health",)),
    Offering("omaishoitajat", "Omaishoitajien vertaistuki", "Vertaistukea omaishoitajille ja läheisille, kahvia ja keskustelua.", "Kuopion Omaishoitajat ry", "297", target_groups=("caregivers",)),
    Offering("paihde-olohuone", "Päihdetyön matalan kynnyksen olohuone", "Paikka päihteitä käyttäville ja heidän läheisilleen.", "Kuopion A-kilta ry", "297", ("substances",)),
    Offering("paihde-perheet", "Lapsiperheiden päihdeneuvonta", "Tukea perheille, joissa vanhempi käyttää päihteitä.", "Pohjois-Karjalan Sininauha ry", "167", ("substances",), ("families",)),
    Offering("ystavapiiri", "Ystäväpiiri yksinäisille ikäihmisille", "Viikoittainen ryhmä, joka lievittää yksinäisyyttä.", "Siilinjärven Eläkeläiset ry", "749", ("loneliness",), ("older-people",)),
    Offering("juttuapu", "Juttuapu-puhelin", "Soita ja juttele, kun yksinäisyys painaa.", "Hyvän Mielen Auttava Puhelin ry", None, ("loneliness",), delivery=("phone",)),
    Offering("kriisipuhelin", "Kriisipuhelin", "Keskusteluapua kriisissä oleville ympäri vuorokauden.", "Suomen Kriisiapu ry", None, ("grief", "mental-health"), delivery=("phone",), name_en="Crisis helpline"),
    Offering("velkaneuvonta", "Velkaneuvonta ja talousneuvonta", "Apua velkojen järjestelyyn ja kotitalouden budjettiin.", "Kuopion Takuusäätiö", "297", ("finances",)),
    Offering("nuorten-liikunta", "Nuorten liikuntakerho", "Matalan kynnyksen liikuntaa nuorille, salibandya ja kuntosalia.", "Varkauden Nuorisoseura ry", "915", ("exercise",), ("youth",)),
    Offering("kielikahvila", "Suomen kielen kahvila maahanmuuttajille", "Harjoittele suomea rennosti ja tutustu uusiin ihmisiin.", "Kuopion Monikulttuurinen Yhdistys ry", "297", target_groups=("immigrants",), name_sv="Språkcafé för invandrare", description_sv="Öva finska i en avslappnad miljö.", name_en="Finnish language café for immigrants", description_en="Practise Finnish in a relaxed setting.", languages=("fi", "sv", "en")),
    Offering("seniorklubb", "Seniorikerho ruotsiksi", "Tapaamisia ruotsinkielisille ikääntyneille.", "Helsingfors Seniorer rf", "091", target_groups=("older-people",), name_sv="Seniorklubb på svenska", description_sv="Träffar för äldre svenskspråkiga med kaffe och föreläsningar.", languages=("sv",)),
    Offering("peer-english", "Vertaistukiryhmä englanninkielisille vanhemmille", "Ryhmä englantia puhuville perheille.", "Kuopion Perheyhdistys ry", "297", target_groups=("families",), name_en="Peer support group for English-speaking parents", description_en="Parents share experiences and support each other.", languages=("en",)),
    Offering("syomishairio", "Syömishäiriöliiton vertaistukiryhmä", "Tukea syömishäiriöistä toipuville nuorille ja aikuisille.", "Syömishäiriöliitto ry", "297", ("mental-health",)),
    Offering("muistikahvila", "Muistiyhdistyksen muistikahvila", "Muistisairaille ja heidän omaisilleen tietoa ja seuraa.", "Ylä-Savon Muistiyhdistys ry", "140", target_groups=("older-people", "caregivers")),
    Offering("diabetes-liikunta", "Diabetesyhdistyksen liikuntaryhmä", "Kävelyä ja kuntoilua diabeetikoille.", "Joensuun Diabetesyhdistys ry", "167", ("exercise",)),
    Offering("sururyhma", "Sururyhmä läheisensä menettäneille", "Surussa ei tarvitse olla yksin: ohjattu ryhmä kahdeksan kertaa.", "Kuopion Seurakuntayhtymä", "297", ("grief",)),
    Offering("perhekahvila", "Perhekahvila vauvaperheille", "Lapsiperheiden kohtaamispaikka ja leikkitila.", "Siilinjärven MLL ry", "749", target_groups=("families",)),
    Offering("tyottomat", "Työttömien toimintakeskus", "Työttömille edullinen lounas, kursseja ja tekemistä.", "Varkauden Työttömät ry", "915", target_groups=("unemployed",), is_free=False),
    Offering("mieli-chat", "Mielenterveyden chat", "Anonyymi chat mielen hyvinvoinnista nuorille.", "Sekasin-kollektiivi ry", None, ("mental-health",), ("youth",), delivery=("online",)),
    Offering("peliriippuvuus", "Peliongelmaisten vertaistukiryhmä", "Rahapeliriippuvuudesta toipuvien ryhmä.", "Kuopion Peluuri-verkosto", "297", ("substances",)),
    Offering("aa-ryhma", "AA-ryhmä Varkaus", "Alkoholiongelmaisten oma-apuryhmä kahdesti viikossa.", "AA Varkaus", "915", ("substances",)),
    Offering("masennus-vanha", "Masennuksen vertaistuki", "Ryhmä masennuksesta kärsiville.", "Iisalmen Mielenterveysseura ry", "140", ("mental-health",), reviewed_days_ago=800),
    Offering("kuntoutujat-taynna", "Mielenterveyskuntoutujien kerho", "Toimintaa mielenterveyskuntoutujille, ryhmä on täynnä.", "Kuopion Klubitalo ry", "297", ("mental-health",), is_accepting_new=False, offset=(0.05, 0.05)),
    Offering("helsinki-keskusteluapu", "Mielenterveysseuran keskusteluapu", "Kasvokkaista keskusteluapua ahdistukseen.", "Helsingin Mielenterveysseura ry", "091", ("mental-health",)),
    Offering("nakovammaiset", "Näkövammaisten digiopastus", "Opastusta älypuhelimen ja tietokoneen käyttöön näkövammaisille.", "Pohjois-Savon Näkövammaiset ry", "297"),
    Offering("luonto", "Luontoretket ikääntyneille", "Ulkoilua ja retkiä luontoon eläkeläisille.", "Varkauden Latu ry", "915", ("exercise",), ("older-people",)),
    Offering("luonnos", "Masennuksen vertaistuki (luonnos)", "Ei vielä julkaistu ryhmä masennukseen.", "Luonnosyhdistys ry", "297", ("mental-health",), visible=False),
)

Expected = frozenset[str]


@dataclass(frozen=True)
class Judged:
    kind: str
    text: str
    expected: Expected
    params: dict = field(default_factory=dict)


def _j(kind: str, text: str, *expected: str, **params) -> Judged:
    return Judged(kind, text, frozenset(expected), params)


JUDGED = (
    # inflected forms of words the listings use in another form
    _j("inflection", "masennukseen", "mt-keskusteluryhma", "masennus-vertaistuki", "masennus-vanha"),
    _j("inflection", "masennuksesta", "mt-keskusteluryhma", "masennus-vertaistuki", "masennus-vanha"),
    _j("inflection", "omaishoitajille", "omaishoitajat"),
    _j("inflection", "nuorille liikuntaa", "nuorten-liikunta"),
    _j("inflection", "työttömille", "tyottomat"),
    _j("inflection", "perheille", "paihde-perheet", "perhekahvila", "peer-english"),
    _j("inflection", "muistisairaille", "muistikahvila"),
    _j("inflection", "kriisissä", "kriisipuhelin", "sururyhma"),
    _j("inflection", "velkojen", "velkaneuvonta"),
    _j("inflection", "maahanmuuttajille", "kielikahvila"),
    # compounds: a part finds the whole, and the whole finds a part
    _j("compound", "mielenterveys", "mt-keskusteluryhma", "kuntoutujat-taynna", "helsinki-keskusteluapu", "mieli-chat"),
    _j("compound", "yhdistys", "mt-keskusteluryhma", "muistikahvila", "diabetes-liikunta", "kielikahvila", "peer-english"),
    _j("compound", "vertaistukiryhmä", "masennus-vertaistuki", "omaishoitajat", "masennus-vanha", "syomishairio", "peliriippuvuus", "peer-english"),
    _j("compound", "vertaistuki", "masennus-vertaistuki", "omaishoitajat", "masennus-vanha", "syomishairio", "peliriippuvuus", "peer-english"),
    _j("compound", "päihdeneuvonta", "paihde-perheet"),
    _j("compound", "neuvonta", "paihde-perheet", "velkaneuvonta"),
    _j("compound", "liikuntaryhmä", "diabetes-liikunta", "nuorten-liikunta"),
    _j("compound", "kahvila", "kielikahvila", "muistikahvila", "perhekahvila"),
    _j("compound", "peliriippuvuus", "peliriippuvuus"),
    _j("compound", "keskusteluapu", "kriisipuhelin", "helsinki-keskusteluapu"),
    # stem changes
    _j("stem", "päihteet", "paihde-olohuone", "paihde-perheet"),
    _j("stem", "päihde", "paihde-olohuone", "paihde-perheet"),
    _j("stem", "yksinäisyys", "ystavapiiri", "juttuapu"),
    _j("stem", "yksinäisille", "ystavapiiri", "juttuapu"),
    _j("stem", "masennus", "mt-keskusteluryhma", "masennus-vertaistuki", "masennus-vanha"),
    _j("stem", "suru", "sururyhma"),
    # lay synonyms on themes and target groups
    _j("synonym", "seniorit", "ystavapiiri", "seniorklubb", "muistikahvila", "luonto"),
    _j("synonym", "eläkeläisille", "ystavapiiri", "seniorklubb", "muistikahvila", "luonto"),
    _j("synonym", "ikääntyneet", "ystavapiiri", "seniorklubb", "muistikahvila", "luonto"),
    _j("synonym", "alkoholi", "paihde-olohuone", "paihde-perheet", "peliriippuvuus", "aa-ryhma"),
    _j("synonym", "ahdistus", "mt-keskusteluryhma", "helsinki-keskusteluapu", "masennus-vertaistuki", "kriisipuhelin"),
    _j("synonym", "ulosotto", "velkaneuvonta"),
    # Swedish and English
    _j("language", "invandrare", "kielikahvila"),
    _j("language", "äldre", "seniorklubb", "ystavapiiri", "muistikahvila", "luonto"),
    _j("language", "psykisk hälsa", "mt-keskusteluryhma"),
    _j("language", "peer support", "peer-english"),
    _j("language", "parents", "peer-english", "paihde-perheet", "perhekahvila"),
    _j("language", "crisis", "kriisipuhelin", "sururyhma"),
    # typing errors
    _j("typo", "masenus", "mt-keskusteluryhma", "masennus-vertaistuki", "masennus-vanha"),
    _j("typo", "omaishoitjat", "omaishoitajat"),
    _j("typo", "yksinäisyyss", "ystavapiiri", "juttuapu"),
    _j("typo", "velkaneuvonata", "velkaneuvonta"),
    # place, postcode, point
    _j("geo", "vertaistuki", "omaishoitajat", "syomishairio", "peliriippuvuus", "peer-english", near="Kuopio"),
    _j("geo", "masennus", "mt-keskusteluryhma", near="70100"),
    _j("geo", "", "masennus-vertaistuki", "paihde-perheet", "diabetes-liikunta", near="Joensuu", radius_km=10),
    _j("geo", "liikunta", "nuorten-liikunta", "luonto", lat=62.3153, lon=27.873, radius_km=20),
    _j("geo", "keskusteluapu", "helsinki-keskusteluapu", near="Helsingfors"),
    # filters
    _j("filter", "", "ystavapiiri", "seniorklubb", "muistikahvila", "luonto", target_groups=("older-people",)),
    _j("filter", "ryhmä", "aa-ryhma", municipalities=("915",)),
    _j("filter", "vertaistuki", "omaishoitajat", "syomishairio", "peliriippuvuus", "peer-english", municipalities=("Kuopio",), free=True),
)


def load(session, today: date) -> dict[str, str]:
    """Insert the corpus; returns offering key -> service id."""
    from tarjotin.directory import models

    for code, (name, name_sv, lat, lon) in MUNICIPALITIES.items():
        session.add(models.Municipality(code=code, name=name, name_sv=name_sv, latitude=lat, longitude=lon))
    terms = {}
    for taxonomy, table in (("theme", THEMES), ("target_group", TARGET_GROUPS)):
        for code, (name, name_sv, name_en, synonyms) in table.items():
            terms[code] = models.TaxonomyTerm(
                taxonomy=taxonomy, code=code, name=name, name_sv=name_sv, name_en=name_en, synonyms=synonyms
            )
            session.add(terms[code])
    ids = {}
    for offering in OFFERINGS:
        organization = models.Organization(
            name=offering.organization, status="published" if offering.visible else "draft"
        )
        service = models.Service(
            organization=organization,
            name=offering.name,
            description=offering.description,
            name_sv=offering.name_sv,
            description_sv=offering.description_sv,
            name_en=offering.name_en,
            description_en=offering.description_en,
            languages=list(offering.languages),
            delivery_modes=list(offering.delivery),
            is_free=offering.is_free,
            is_accepting_new=offering.is_accepting_new,
            assured_date=today - timedelta(days=offering.reviewed_days_ago),
            taxonomy_terms=[terms[code] for code in (*offering.themes, *offering.target_groups)],
        )
        if offering.municipality:
            name, _, lat, lon = MUNICIPALITIES[offering.municipality]
            location = models.Location(
                organization=organization,
                city=name,
                municipality_code=offering.municipality,
                latitude=lat + offering.offset[0],
                longitude=lon + offering.offset[1],
            )
            service.service_at_locations.append(models.ServiceAtLocation(location=location))
        session.add(service)
        session.flush()
        ids[offering.key] = service.id
    return ids


def evaluate(run, ids: dict[str, str], k: int = 10) -> dict[str, dict]:
    """recall@k and MRR per query kind (and "all") with the misses, for any engine.

    `run(params)` takes SearchRequest fields (text, near, ...) and returns service ids, best first.
    """
    keys = {service_id: key for key, service_id in ids.items()}
    rows: dict[str, list[tuple[float, float]]] = {}
    misses: dict[str, list[str]] = {}
    for judged in JUDGED:
        found = [keys.get(service_id) for service_id in run({"text": judged.text, **judged.params})[:k]]
        hits = judged.expected & set(found)
        recall = len(hits) / len(judged.expected)
        rank = next((i for i, key in enumerate(found, 1) if key in judged.expected), None)
        for kind in (judged.kind, "all"):
            rows.setdefault(kind, []).append((recall, 1.0 / rank if rank else 0.0))
        if recall < 1.0:
            misses.setdefault(judged.kind, []).append(f"{judged.text or judged.params}: missing {sorted(judged.expected - hits)}")
    return {
        kind: {
            "queries": len(values),
            "recall": sum(r for r, _ in values) / len(values),
            "mrr": sum(m for _, m in values) / len(values),
            "misses": misses.get(kind, []),
        }
        for kind, values in rows.items()
    }


def whoosh_runner(index, today: date, stale_after_days: int, k: int = 10):
    from tarjotin.search.service import SearchRequest, search

    def run(params: dict) -> list[str]:
        return [hit.service_id for hit in search(index, SearchRequest(per_page=k, **params), today, stale_after_days).hits]

    return run
