"""Dates in page text: date-only lines (post navigation, datelines) and the like.

A regular expression decides whether a line *is* only a date (cheap, linear,
no backtracking blow-up on long lines: lines over 80 characters are never
dates); dateparser turns it into an ISO date.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any, Optional

log = logging.getLogger(__name__)

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:\s*(?:,|at|-|–|\|)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE_ONLY = re.compile(
    r"^(?:posted|published|updated|date)?:?\s*" + _WEEKDAY + r"(?:"
    + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"          # November 17, 2020
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}"   # 17 November 2020
    + r"|\d{4}-\d{2}-\d{2}"                                     # 2020-11-17
    + r"|\d{1,2}/\d{1,2}/\d{4}"                                  # 11/17/2020
    + r")" + _TIME + r"\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def parse_date_line(line: str) -> Optional[str]:
    """ISO date if ``line`` is nothing but a date, else None."""
    line = line.strip()
    if not line or len(line) > 80 or not _DATE_ONLY.match(line):
        return None
    return to_iso(re.sub(r"^(?:posted|published|updated|date)\s*:?\s*", "", line, flags=re.I), whole=True)


def load_parser() -> None:
    """Import dateparser and have it read its English data (some 0.7 s of CPU, once per
    process): :func:`onrecord.pipeline.get_nlp` does it with the model, so that the first
    dated document does not pay it.  Parses nothing that :func:`to_iso` would cache."""
    import dateparser

    dateparser.parse("1 January 2000", languages=["en"])


@lru_cache(maxsize=4096)
def to_iso(expr: str, base: Optional[str] = None, whole: bool = False) -> Optional[str]:
    """The ISO date dateparser reads in an English date expression, or None: the one
    dateparser call of onrecord.  ``whole``: the expression must give year, month and day
    (a date line; a missing day is not guessed); otherwise a date in the past is preferred,
    counted from ``base`` (ISO) for relative expressions ("two days ago", "on Saturday")."""
    import datetime as dt

    import dateparser

    settings: dict[str, Any]
    if whole:
        settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month", "day"]}
    else:
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(base)
    try:
        got = dateparser.parse(expr.strip(), languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r", expr, exc_info=True)
        return None
    return got.date().isoformat() if got else None
