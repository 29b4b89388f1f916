"""Whether a page is in English: onrecord's models, cue words and names are English only.

Decided here, from the article body: a text of at least ``MIN_WORDS`` words is *not
English* when fewer than half its letters are Latin, or when English function words
("the", "of", "said" …) make up less than ``MIN_SHARE`` of its words (English prose
runs at 35-50 %; French, German or Spanish in Latin script at a few per cent).  Shorter
texts are not judged.  The result is a warning in the record, never a refusal.
"""
from __future__ import annotations

import re
from typing import Optional

MIN_WORDS = 20
MIN_SHARE = 0.08
_WORD = re.compile(r"[^\W\d_]+")
_NOT_LATIN = re.compile("[^\x00-\u024f]")   # letters past Latin Extended-B
_FUNCTION = frozenset("""
the of and to a in is that for it on was with as he she by at be this are from or his
her have has not but an they we you i their were said says had which will would there
been who its one all what about more when if than into no so can our also after
""".split())


def english_warning(text: str) -> Optional[str]:
    """A warning when ``text`` does not look like English, else None."""
    words = _WORD.findall(text[:200_000])
    if len(words) < MIN_WORDS:
        return None
    letters = "".join(words)
    latin = len(letters) - len(_NOT_LATIN.findall(letters))
    if latin < len(letters) / 2:
        return ("the text does not look like English (most letters are not Latin); onrecord "
                "analyses English only, so its speakers and statements are unreliable")
    share = sum(1 for w in words if w.lower() in _FUNCTION) / len(words)
    if share < MIN_SHARE:
        return (f"the text does not look like English ({share:.0%} English function words); "
                "onrecord analyses English only, so its speakers and statements are unreliable")
    return None
