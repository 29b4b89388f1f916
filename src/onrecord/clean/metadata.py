"""Publication date of a page: explicit when the page gives one, inferred otherwise.

Inference, in order of trust:

1. previous/next post navigation: the post lies between its neighbours'
   dates (``inferred:between previous post … and next post …``);
2. the dates the article itself mentions: it was written on or after the
   latest of them, and a weekday named for a recent event ("On Saturday")
   lies after that latest date; a date without a year takes the year of a
   full date in the text or, failing that, a year hint given by the caller.

A copyright notice ("© 2024 City Gazette") is not a publication date: the page's
footer says when the site's content was claimed, not when this article appeared.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MD = re.compile(r"\b" + _MON + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d{2})\b)?",
                 re.IGNORECASE)
_DM = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\b(?:,?\s+((?:19|20)\d{2})\b)?",
                 re.IGNORECASE)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ON_WEEKDAY = re.compile(r"\b(?:on|last|this past)\s+(monday|tuesday|wednesday|thursday|friday|"
                         r"saturday|sunday)\b", re.IGNORECASE)


def _month(name: str) -> int:
    name = name.lower()[:3]
    return next(i + 1 for i, m in enumerate(_MONTHS) if m.startswith(name))


def date_mentions(text: str) -> list[tuple[int, int, Optional[int], str]]:
    """(month, day, year or None, surface) for each calendar date in ``text``."""
    out = []
    for m in _MD.finditer(text):
        out.append((_month(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None,
                    m.group(0)))
    for m in _DM.finditer(text):
        out.append((_month(m.group(2)), int(m.group(1)), int(m.group(3)) if m.group(3) else None,
                    m.group(0)))
    return [(mo, d, y, s) for mo, d, y, s in out if 1 <= d <= 31]


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def year_of_text(text: str) -> Optional[int]:
    """The latest year of a full date (month, day and year) in ``text``."""
    years = [y for _, _, y, _ in date_mentions(text) if y]
    return max(years) if years else None


def infer_published(body: str, nav_dates: list[str],
                    year_hint: Optional[int] = None,
                    year_hint_basis: str = "hint") -> tuple[Optional[str], Optional[str]]:
    """(ISO date, basis) for a page without an explicit date; (None, None) if unknown."""
    if nav_dates:
        ds = sorted(nav_dates)
        if len(ds) >= 2:
            return ds[0], f"inferred:between previous post ({ds[0]}) and next post ({ds[-1]})"
        return ds[0], f"inferred:date of adjacent post ({ds[0]})"

    text_year = year_of_text(body)
    year = text_year or year_hint
    if year is None:
        return None, None
    how_year = "year from a full date in the text" if text_year else f"year from {year_hint_basis}"
    today = dt.date.today()
    dated: list[tuple[dt.date, str]] = []
    for mo, d, y, surface in date_mentions(body):
        got = _safe_date(y or year, mo, d)
        if got and got <= today:
            dated.append((got, surface.strip()))
    if not dated:
        return None, None
    latest, surface = max(dated)
    published, basis = latest, f"inferred:on or after the latest date in the text ('{surface}')"
    for m in _ON_WEEKDAY.finditer(body):
        wd = _WEEKDAYS.index(m.group(1).lower())
        # the first such weekday after the latest dated event
        delta = (wd - latest.weekday()) % 7 or 7
        cand = latest + dt.timedelta(days=delta)
        if cand > published and cand <= today:
            published = cand
            basis = (f"inferred:'{m.group(0)}' after the latest date in the text "
                     f"('{surface}')")
    return published.isoformat(), f"{basis}; {how_year}"
