"""Countries, capitals and demonyms from the maintained ``countryinfo`` package (offline).

Used for metonyms ("Baku denied" → the government of Azerbaijan) and to see
that "Russia's Foreign Ministry" and "Russian Foreign Ministry" are one body.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Country:
    name: str
    capital: Optional[str]
    demonym: Optional[str]


# Short forms that news uses and countryinfo lacks.
_EXTRA_NAMES = {"us": "United States", "u.s.": "United States", "usa": "United States",
                "america": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
                "britain": "United Kingdom", "great britain": "United Kingdom"}
_EXTRA_CAPITALS = {"washington": "United States", "kyiv": "Ukraine", "kiev": "Ukraine"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country]]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import countryinfo

        countries = countryinfo.all_countries()
    by_name: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    for c in countries:
        try:
            name = c.name()
            cap = c.capital()
            dem = c.demonym()
            alts = c.alt_spellings() or []
        except Exception:  # an incomplete entry in the package data
            log.debug("countryinfo entry skipped", exc_info=True)
            continue
        if not isinstance(name, str) or not name:
            continue
        caps = [c for c in (cap if isinstance(cap, list) else [cap]) if isinstance(c, str) and c]
        dem = dem if isinstance(dem, str) else None
        country = Country(name, caps[0] if caps else None, dem)
        for n in [name, *alts]:
            if isinstance(n, str) and n and (len(n) > 3 or n.isupper() is False):
                by_name.setdefault(n.lower(), country)
        for cap in caps:
            by_capital.setdefault(cap.replace(" D.C.", "").lower(), country)
        if dem:
            by_demonym.setdefault(dem.lower(), country)
    for k, v in _EXTRA_NAMES.items():
        if v.lower() in by_name:
            by_name.setdefault(k, by_name[v.lower()])
    for k, v in _EXTRA_CAPITALS.items():
        if v.lower() in by_name:
            by_capital[k] = by_name[v.lower()]
    return by_name, by_capital, by_demonym


def country_of(name: str) -> Optional[tuple[Country, str]]:
    """(country, how) for a country name, capital (metonym) or demonym; else None."""
    key = name.strip().lower().removeprefix("the ")
    by_name, by_capital, by_demonym = _tables()
    if key in by_name:
        return by_name[key], "country"
    if key in by_capital:
        return by_capital[key], "capital"
    if key in by_demonym:
        return by_demonym[key], "demonym"
    return None
