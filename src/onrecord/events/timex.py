"""Time expressions resolved against the publication date.

Every expression becomes a :class:`When`: an ISO date (or ``None``) and a
``basis`` saying how it was reached, e.g. ``relative:'On Saturday' from published
2020-10-31``.  Forms:

- absolute with a year ("November 17, 2020")             → ``absolute``
- month and day ("On October 30", "November 15")           → ``absolute`` (year from the
  publication date; a date after publication moves back a year)
- weekdays ("On Saturday", "Monday evening")               → the latest such day on or
  before publication (``relative``)
- relative days ("yesterday", "two days ago", "last week") → dateparser with
  ``RELATIVE_BASE`` = publication date (``relative``)
- anaphora ("the same day", "that day")                    → the previous resolved date in
  the text (``anaphoric``)
- vague or coarse ("days earlier", "mid-October", "in August") → no date (``vague``)

Without a publication date, anything but an absolute date with its year stays
undated, and the basis says so.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional

from onrecord.clean.dates import to_iso

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_LEAD = re.compile(r"^(?:(?:on|in|at|by|since|from|until|during|as of|earlier|later|"
                   r"separately|and|the|this|of)\s+)+", re.I)
_TRAIL = re.compile(r"[\s,.;:]+$")
_WEEKDAY_RE = re.compile(r"^(?:(last|this|past)\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day"
                         r"(?:\s+(?:morning|afternoon|evening|night))?$", re.I)
_MONTH_DAY = re.compile(r"^(" + _MONTHS + r")\s+(\d{1,2})(?:st|nd|rd|th)?$", re.I)
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTHS + r")$", re.I)
_FULL = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:"
                   + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+"
                   + _MONTHS + r",?\s+\d{4}|\d{4}-\d{2}-\d{2})$", re.I)
_ANAPHORIC = re.compile(r"^(?:same day|same date|that day|that same day|the same day|"
                        r"that date)$", re.I)
_RELATIVE = re.compile(r"^(?:today|yesterday|tonight|last night|this morning|this week|last week|"
                       r"(?:a|one|two|three|four|five|six|seven|\d+)\s+(?:days?|weeks?)\s+ago|"
                       r"a week ago|the day before yesterday)$", re.I)
_VAGUE = re.compile(r"(?:earlier|later|ago|recent|mid-|early|late|weeks?|months?|years?|"
                    r"century|decade|period|season|summer|winter|spring|autumn|fall)", re.I)
_MONTH_ONLY = re.compile(r"^(?:mid-|early |late )?(" + _MONTHS + r")$", re.I)


@dataclass
class When:
    date: Optional[str]
    basis: str
    text: str = ""


def _norm(expr: str) -> str:
    e = " ".join(expr.split())
    e = _TRAIL.sub("", e)
    return _LEAD.sub("", e).strip()


def _base(published: Optional[str]) -> Optional[dt.date]:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_day(month: str, day: int, base: dt.date) -> Optional[dt.date]:
    got = to_iso(f"{month} {day} {base.year}", None)
    if not got:
        return None
    d = dt.date.fromisoformat(got)
    if d > base + dt.timedelta(days=7):   # "December 28" in a January article: last year
        try:
            d = d.replace(year=d.year - 1)
        except ValueError:
            return None
    return d


def resolve(expr: str, published: Optional[str], previous: Optional[When] = None) -> When:
    """Resolve one time expression (its text as written) against ``published``."""
    shown = " ".join(expr.split()).strip(" ,.;:")
    e = _norm(expr)
    base = _base(published)
    pub = f" from published {published}" if base else ""
    nobase = f"relative:'{shown}' but the publication date is unknown"
    if _FULL.match(e):
        return When(to_iso(e, None), f"absolute:'{shown}'", shown)
    m = _MONTH_DAY.match(e) or _DAY_MONTH.match(e)
    if m:
        month, day = (m.group(1), m.group(2)) if _MONTH_DAY.match(e) else (m.group(2), m.group(1))
        if base is None:
            return When(None, f"absolute:'{shown}' without a year and the publication date is "
                              "unknown", shown)
        d = _month_day(month, int(day), base)
        return When(d.isoformat() if d else None,
                    f"absolute:'{shown}', year from published {published}", shown)
    m = _WEEKDAY_RE.match(e)
    if m:
        if base is None:
            return When(None, nobase, shown)
        wd = _WEEKDAYS.index(m.group(2).lower() + "day")
        back = (base.weekday() - wd) % 7
        if m.group(1) and m.group(1).lower() == "last" and back == 0:
            back = 7
        return When((base - dt.timedelta(days=back)).isoformat(), f"relative:'{shown}'{pub}", shown)
    if _ANAPHORIC.match(e) or _ANAPHORIC.match("the " + e):
        if previous is not None and previous.date:
            return When(previous.date, f"anaphoric:'{shown}' → '{previous.text}'", shown)
        return When(None, f"anaphoric:'{shown}' with no earlier date in the text", shown)
    if _RELATIVE.match(e):
        if base is None:
            return When(None, nobase, shown)
        return When(to_iso(e, base.isoformat()), f"relative:'{shown}'{pub}", shown)
    if _MONTH_ONLY.match(e):
        return When(None, f"vague:'{shown}' names a month, not a day", shown)
    if re.fullmatch(r"\d{4}", e):
        return When(None, f"vague:'{shown}' names a year, not a day", shown)
    return When(None, f"vague:'{shown}'", shown)


def is_point(expr: str) -> bool:
    """Can the expression name a point in time (not a duration like 'five years')?"""
    e = _norm(expr).lower()
    if not e:
        return False
    if re.search(r"\b(?:for|over|within|another|many|several|little|more than)\b", expr.lower()) \
            and not re.search(r"\b(?:ago|earlier|later)\b", e):
        return False
    if re.fullmatch(r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+"
                    r"(?:days?|weeks?|months?|years?|hours?)", e):
        return False
    if e in ("weekly", "daily", "monthly", "annually"):
        return False
    return True


# ---------------------------------------------------------------- over a parse
def time_for(tok, sent, whens: dict[int, list[tuple[Any, When]]]) -> Optional[tuple[Any, When]]:
    """The time expression of the trigger's clause (or of a clause that governs it)."""
    cands = whens.get(sent.start, [])
    if not cands:
        return None
    anc = {tok.i}
    t = tok
    while t.head.i != t.i and t.dep_ not in ("relcl", "acl", "appos", "parataxis"):
        t = t.head
        anc.add(t.i)
    own = [(e, w) for e, w in cands if e.root.head.i in anc or e.root.head.head.i in anc]
    return own[0] if own else None


def time_expressions(doc, published: Optional[str]) -> dict[int, list[tuple[Any, When]]]:
    """Every point-in-time expression of the parse, resolved once in text order (anaphora
    need the previous one), by the start of its sentence."""
    whens: dict[int, list[tuple[Any, When]]] = {}   # sentence start → its time expressions
    previous: Optional[When] = None
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not is_point(ent.text):
            continue
        if ent.label_ == "TIME" and not _WEEKDAY_TIME.search(ent.text):
            continue   # "Monday evening" dates a statement; "two hours ago", "9 p.m." do not
        # include a leading "On"/"Separately on" in what the basis shows
        lead = ent.start
        while lead > ent.sent.start and doc[lead - 1].lower_ in ("on", "in", "since", "by"):
            lead -= 1
        shown = doc[lead:ent.end]
        w = resolve(shown.text, published, previous)
        whens.setdefault(ent.sent.start, []).append((ent, w))
        if w.date:
            previous = w
    return whens


_WEEKDAY_TIME = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
