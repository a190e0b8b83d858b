"""The PostgreSQL full-text baseline for search_bench.py.

One row per searchable offering with a weighted tsvector (A name, B themes and synonyms,
C organisation and description, D places; Swedish and English text in their own
configurations), a GIN index, ts_rank_cd ranking, and the offering's places in a side table
for the radius (bounding box on indexed columns, then the haversine distance in SQL).
Filters and geo take the same parameters as the Whoosh service; places are resolved by the
same offline geocoder. It returns ids and the total, not facet counts.
"""
from __future__ import annotations

import sqlalchemy as sa

from tarjotin.geo.distance import bounding_box
from tarjotin.geo.gazetteer import OfflineGeocoder
from tarjotin.search.hooks import searchable_ids, load_services

SCHEMA = """
DROP TABLE IF EXISTS search_bench_place;
DROP TABLE IF EXISTS search_bench_doc;
CREATE TABLE search_bench_doc (
    id text PRIMARY KEY, name text, terms text, body text, places text, sv text, en text,
    theme text[], target_group text[], municipality text[], language text[],
    is_free boolean, is_accepting_new boolean, tsv tsvector);
CREATE TABLE search_bench_place (doc_id text REFERENCES search_bench_doc (id), lat float8, lon float8);
"""
INDEXES = """
UPDATE search_bench_doc SET tsv =
    setweight(to_tsvector('finnish', coalesce(name, '')), 'A')
    || setweight(to_tsvector('finnish', coalesce(terms, '')), 'B')
    || setweight(to_tsvector('finnish', coalesce(body, '')), 'C')
    || setweight(to_tsvector('finnish', coalesce(places, '')), 'D')
    || setweight(to_tsvector('swedish', coalesce(sv, '')), 'C')
    || setweight(to_tsvector('english', coalesce(en, '')), 'C');
CREATE INDEX search_bench_doc_tsv ON search_bench_doc USING gin (tsv);
CREATE INDEX search_bench_place_lat_lon ON search_bench_place (lat, lon);
CREATE INDEX search_bench_place_doc ON search_bench_place (doc_id);
ANALYZE search_bench_doc; ANALYZE search_bench_place;
"""
DISTANCE = """2 * 6371.0088 * asin(least(1, sqrt(
    power(sin(radians(p.lat - :lat) / 2), 2)
    + cos(radians(:lat)) * cos(radians(p.lat)) * power(sin(radians(p.lon - :lon) / 2), 2))))"""
ARRAYS = {"themes": "theme", "target_groups": "target_group", "municipalities": "municipality", "languages": "language"}


class PostgresBaseline:
    def __init__(self, url: str):
        self.engine = sa.create_engine(url)
        self.geocoder = OfflineGeocoder()

    def load_from(self, session, batch: int = 1000) -> None:
        with self.engine.begin() as connection:
            connection.exec_driver_sql(SCHEMA)
            ids = searchable_ids(session)
            for start in range(0, len(ids), batch):
                docs, places = [], []
                for service in load_services(session, ids[start : start + batch]):
                    docs.append(_row(service))
                    places += [{"doc_id": service.id, "lat": loc.latitude, "lon": loc.longitude}
                               for loc in service.locations if loc.latitude is not None]
                session.expunge_all()
                connection.execute(sa.text(
                    "INSERT INTO search_bench_doc (id, name, terms, body, places, sv, en, theme, target_group,"
                    " municipality, language, is_free, is_accepting_new) VALUES (:id, :name, :terms, :body, :places,"
                    " :sv, :en, :theme, :target_group, :municipality, :language, :is_free, :is_accepting_new)"), docs)
                if places:
                    connection.execute(sa.text("INSERT INTO search_bench_place VALUES (:doc_id, :lat, :lon)"), places)
            connection.exec_driver_sql(INDEXES)

    def run(self, params: dict, limit: int = 20) -> list[str]:
        where, values = ["true"], {"limit": limit}
        text = (params.get("text") or "").strip()
        rank = "1.0"
        if text:
            where.append("d.tsv @@ q.query")
            rank = "ts_rank_cd(d.tsv, q.query)"
            values["text"] = text
        for param, column in ARRAYS.items():
            wanted = [self._municipality(v) if param == "municipalities" else v for v in params.get(param, ())]
            if wanted:
                where.append(f"d.{column} && :{column}")
                values[column] = wanted
        for flag, column in (("free", "is_free"), ("accepting_new", "is_accepting_new")):
            if params.get(flag) is not None:
                where.append(f"d.{column} = :{column}")
                values[column] = params[flag]
        distance = "NULL::float8"
        geo_join = ""
        origin = self._origin(params)
        if origin:
            lat, lon = origin
            radius = params.get("radius_km", 25)
            min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
            values.update(lat=lat, lon=lon, radius=radius, min_lat=min_lat, max_lat=max_lat, min_lon=min_lon, max_lon=max_lon)
            geo_join = (f"JOIN LATERAL (SELECT min({DISTANCE}) AS km FROM search_bench_place p WHERE p.doc_id = d.id"
                        " AND p.lat BETWEEN :min_lat AND :max_lat AND p.lon BETWEEN :min_lon AND :max_lon) g ON true")
            where.append("g.km <= :radius")
            distance = "g.km"
        order = "distance, rank DESC" if params.get("sort") == "distance" else "rank DESC"
        query_cte = ("websearch_to_tsquery('finnish', :text) || websearch_to_tsquery('swedish', :text)"
                     " || websearch_to_tsquery('english', :text)") if text else "NULL::tsquery"
        sql = (f"SELECT d.id, {rank} AS rank, {distance} AS distance, count(*) OVER () AS total"
               f" FROM search_bench_doc d CROSS JOIN (SELECT {query_cte} AS query) q {geo_join}"
               f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT :limit")
        with self.engine.connect() as connection:
            return [row.id for row in connection.execute(sa.text(sql), values)]

    def _origin(self, params: dict) -> tuple[float, float] | None:
        if params.get("lat") is not None:
            return params["lat"], params["lon"]
        if params.get("near"):
            location = self.geocoder.geocode(params["near"])
            return (location.latitude, location.longitude) if location else None
        return None

    def _municipality(self, value: str) -> str:
        if value.isdigit():
            return value
        location = self.geocoder.geocode(value)
        return location.raw["municipality_code"] if location else value


def _row(service) -> dict:
    terms = service.taxonomy_terms
    locations = service.locations
    return {
        "id": service.id,
        "name": service.name,
        "terms": " ".join([t.name for t in terms] + [s for t in terms for s in t.synonyms or ()]),
        "body": " ".join(filter(None, [service.organization.name, service.description, service.organization.description])),
        "places": " ".join(filter(None, [n for loc in locations for n in (loc.city, loc.municipality.name if loc.municipality else None)])),
        "sv": " ".join(filter(None, [service.name_sv, service.description_sv, *(t.name_sv for t in terms)])),
        "en": " ".join(filter(None, [service.name_en, service.description_en, *(t.name_en for t in terms)])),
        "theme": [t.code for t in terms if t.taxonomy == "theme"],
        "target_group": [t.code for t in terms if t.taxonomy == "target_group"],
        "municipality": sorted({loc.municipality_code for loc in locations if loc.municipality_code}),
        "language": list(service.languages or ()),
        "is_free": service.is_free,
        "is_accepting_new": service.is_accepting_new,
    }
