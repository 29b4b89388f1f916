"""A small full-text query language, the same on SQLite (FTS5) and PostgreSQL.

Syntax (case of ``OR``/``NOT`` matters, like in web search engines)::

    treaty nuclear          both words (AND)
    "New START"             a phrase
    treaty OR agreement     either
    -sanctions, NOT sanctions   exclude a word (needs at least one positive term)
    nucle*                  prefix
    (a OR b) c              grouping

Both back ends stem English words (FTS5 ``porter`` tokenizer, PostgreSQL
``english`` configuration), so ``treaty`` also finds ``treaties``.

The query is parsed here into a tree and rendered for each back end, so a
malformed query is reported as :class:`QuerySyntaxError` with a clear message
instead of surfacing as a database error.  A query is at most ``MAX_QUERY_CHARS``
characters and nests groups and exclusions at most ``MAX_DEPTH`` deep (deeper ones
are refused with the reason, before any recursion could exhaust the stack).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from onrecord.errors import OnrecordError, StoreError
from onrecord.text import slug

MAX_QUERY_CHARS = 1000
MAX_DEPTH = 16


class QuerySyntaxError(OnrecordError):
    """The search query cannot be parsed; the message says why."""

    def __init__(self, query: str, reason: str):
        self.query = query
        self.reason = reason
        super().__init__(f"invalid search query {query!r}: {reason}")


@dataclass
class Term:
    word: str
    prefix: bool = False


@dataclass
class Phrase:
    words: list[str]


@dataclass
class And:
    items: list["Node"]


@dataclass
class Or:
    items: list["Node"]


@dataclass
class Not:
    item: "Node"


Node = Union[Term, Phrase, And, Or, Not]

_WORD = re.compile(r"\w+", re.UNICODE)


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _tokenize(q: str) -> list[tuple[str, str]]:
    toks: list[tuple[str, str]] = []
    i, n = 0, len(q)
    while i < n:
        c = q[i]
        if c.isspace():
            i += 1
        elif c in "\"\u201c\u201d":
            j = i + 1
            while j < n and q[j] not in "\"\u201c\u201d":
                j += 1
            if j >= n:
                raise QuerySyntaxError(q, "a phrase is opened with \" but never closed")
            toks.append(("PHRASE", q[i + 1:j]))
            i = j + 1
        elif c == "(":
            toks.append(("LP", c))
            i += 1
        elif c == ")":
            toks.append(("RP", c))
            i += 1
        elif c == "-" and (i + 1 < n and not q[i + 1].isspace()):
            toks.append(("NOT", c))
            i += 1
        else:
            j = i
            while j < n and not q[j].isspace() and q[j] not in "()\"\u201c\u201d":
                j += 1
            word = q[i:j]
            if word in ("OR", "|"):
                toks.append(("OR", word))
            elif word == "AND":
                pass  # AND is implicit
            elif word == "NOT":
                toks.append(("NOT", word))
            else:
                toks.append(("WORD", word))
            i = j
    return toks


class _Parser:
    def __init__(self, q: str):
        self.q = q
        self.toks = _tokenize(q)
        self.i = 0
        self.depth = 0

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self) -> Node:
        if not self.toks:
            raise QuerySyntaxError(self.q, "the query is empty")
        node = self.or_expr()
        if self.peek() == "RP":
            raise QuerySyntaxError(self.q, "a ')' has no matching '('")
        if self.peek() is not None:  # pragma: no cover - defensive
            raise QuerySyntaxError(self.q, f"unexpected {self.toks[self.i][1]!r}")
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, "RP", "OR"):
                raise QuerySyntaxError(self.q, "OR must stand between two terms")
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(items)

    def and_expr(self) -> Node:
        items: list[Node] = []
        while self.peek() in ("WORD", "PHRASE", "NOT", "LP"):
            node = self.unary()
            if node is not None:
                items.append(node)
        if not items:
            if self.peek() == "OR":
                raise QuerySyntaxError(self.q, "OR must stand between two terms")
            if self.peek() == "RP":
                raise QuerySyntaxError(self.q, "a ')' has no matching '(' or encloses nothing")
            raise QuerySyntaxError(self.q, "expected a word or a phrase")
        if all(isinstance(x, Not) for x in items):
            raise QuerySyntaxError(self.q, "a query cannot consist only of excluded terms; "
                                           "add a word to search for")
        return items[0] if len(items) == 1 else And(items)

    def unary(self) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise QuerySyntaxError(self.q, f"groups and exclusions nest more than {MAX_DEPTH} "
                                               "deep")
            return self._unary()
        finally:
            self.depth -= 1

    def _unary(self) -> Node | None:
        kind, val = self.take()
        if kind == "NOT":
            if self.peek() not in ("WORD", "PHRASE", "LP"):
                raise QuerySyntaxError(self.q, f"{val!r} must be followed by a word to exclude")
            inner = self.unary()
            if inner is None:
                raise QuerySyntaxError(self.q, f"{val!r} must be followed by a word to exclude")
            return Not(inner)
        if kind == "LP":
            if self.peek() == "RP":
                raise QuerySyntaxError(self.q, "'()' encloses nothing")
            node = self.or_expr()
            if self.peek() != "RP":
                raise QuerySyntaxError(self.q, "a '(' is never closed")
            self.take()
            return node
        if kind == "PHRASE":
            words = _words(val)
            if not words:
                return None  # "" or punctuation only: ignore
            return Phrase(words) if len(words) > 1 else Term(words[0])
        # WORD
        prefix = val.endswith("*")
        words = _words(val)
        if not words:
            if prefix:
                raise QuerySyntaxError(self.q, "'*' must follow the start of a word, as in nucle*")
            return None
        if len(words) > 1:  # e.g. U.S. or New-START: treat as a phrase
            if prefix:
                return Phrase(words[:-1] + [words[-1]])
            return Phrase(words)
        return Term(words[0], prefix=prefix)


def parse_query(q: str) -> Node:
    """Parse ``q``; raises :class:`QuerySyntaxError` with a clear reason."""
    if q is None or not q.strip():
        raise QuerySyntaxError(q or "", "the query is empty")
    if len(q) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(q[:60] + "…", f"the query is {len(q):,} characters long; the "
                                             f"limit is {MAX_QUERY_CHARS:,}")
    node = _Parser(q).parse()
    return node


# --- rendering -------------------------------------------------------------

def to_fts5(node: Node) -> str:
    """An FTS5 MATCH expression (every word quoted, so no FTS5 syntax leaks in)."""
    if isinstance(node, Term):
        return f'"{node.word}"' + (" *" if node.prefix else "")
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"'
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(x) for x in node.items) + ")"
    if isinstance(node, Not):
        raise ValueError("a lone NOT cannot be rendered")  # parser prevents it
    if isinstance(node, And):
        pos = [to_fts5(x) for x in node.items if not isinstance(x, Not)]
        neg = [to_fts5(x.item) for x in node.items if isinstance(x, Not)]
        s = "(" + " AND ".join(pos) + ")"
        for n in neg:
            s += f" NOT {n}"
        return "(" + s + ")"
    raise TypeError(node)


def to_tsquery_sql(node: Node, params: list[Any]) -> str:
    """A PostgreSQL tsquery expression; values are appended to ``params``."""
    if isinstance(node, Term):
        if node.prefix:
            params.append(node.word + ":*")
            return "to_tsquery('english', %s)"
        params.append(node.word)
        return "plainto_tsquery('english', %s)"
    if isinstance(node, Phrase):
        params.append(" ".join(node.words))
        return "phraseto_tsquery('english', %s)"
    if isinstance(node, Or):
        return "(" + " || ".join(to_tsquery_sql(x, params) for x in node.items) + ")"
    if isinstance(node, Not):
        return "(!! " + to_tsquery_sql(node.item, params) + ")"
    if isinstance(node, And):
        return "(" + " && ".join(to_tsquery_sql(x, params) for x in node.items) + ")"
    raise TypeError(node)


# ----------------------------------------------------------------- filters

def parse_date(value: Optional[str], end: bool = False) -> Optional[str]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` → ``YYYY-MM-DD`` (period start, or end)."""
    if value is None or value == "":
        return None
    v = value.strip()
    try:
        if re.fullmatch(r"\d{4}", v):
            return f"{v}-12-31" if end else f"{v}-01-01"
        if re.fullmatch(r"\d{4}-\d{2}", v):
            y, m = int(v[:4]), int(v[5:])
            first = _dt.date(y, m, 1)
            if not end:
                return first.isoformat()
            nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
            return (nxt - _dt.timedelta(days=1)).isoformat()
        return _dt.date.fromisoformat(v).isoformat()
    except ValueError:
        pass
    raise StoreError(f"invalid date {value!r}: use YYYY-MM-DD (or YYYY-MM, YYYY)")


def like_pattern(s: str) -> str:
    """A case-insensitive LIKE pattern (with backslash escapes) matching s anywhere."""
    return "%" + s.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def speaker_matcher(name: str) -> Callable[[Optional[str], list[str], Optional[str]], bool]:
    """A test ``(name, aliases, id) -> bool`` for the speaker filter ``name``.

    The filter matches a speaker when it is a whole word sequence of their name or one
    of their aliases (case-folded, word boundaries: ``US`` is not in "Russia"), or whole
    hyphen-separated words of their id.  A filter without a letter or digit is refused.
    """
    folded = " ".join((name or "").casefold().split())
    if not any(ch.isalnum() for ch in folded):
        raise StoreError(f"invalid speaker filter {name!r}: give a name, alias or id "
                         "(it has no letter or digit)")
    words = re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)")
    sl = slug(name, empty="")
    in_id = re.compile(r"(?:^|-)" + re.escape(sl) + r"(?:-|$)") if sl else None

    def matches(sp_name: Optional[str], aliases: list[str], sp_id: Optional[str]) -> bool:
        for n in [sp_name or ""] + list(aliases or []):
            if words.search(" ".join(n.casefold().split())):
                return True
        return sp_id is not None and sp_id != "" and (sp_id == name or bool(in_id and in_id.search(sp_id)))
    return matches

