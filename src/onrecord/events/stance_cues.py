"""What a statement does to one of its targets, read from the parse: features for the stance model.

Decides nothing by itself (:mod:`.stance_model` weighs the features with weights learned from
``corpus/whom/train.json``, ``scripts/train_whom.py``):

- **own side**: is the target the speaker's own side?  A mention the speaker calls "our" or
  "my" ("our Board", "my colleagues"), a name sharing a word with the speaker's name, aliases
  or role ("the Board" for the chairman of the Board; "Republicans" for a Republican senator),
  or the country the speaker's name or role names ("New Zealand" for New Zealand's prime
  minister, "Russia" for the Russian Foreign Ministry's spokeswoman).  A speaker rarely attacks
  their own side, and often thanks it.
- **speech acts toward the target**: thanking or praising, supporting, accusing or blaming,
  demanding or urging, threatening or harming — the act's word in the content or the cue (its
  lemma, by a small lexicon of classes), negated or not, and how the target stands to it: its
  object ("thank *the Board*", "accused *Washington*", "demand … from *X*"), its subject ("*X*
  must …", "*Russia* attacked …"), or only in the same statement.
"""
from __future__ import annotations

from typing import Callable, Optional

from onrecord.events import valence
from onrecord.events.actors import country

ACTS = {
    **dict.fromkeys("""thank thanks grateful gratitude appreciate appreciation congratulate
        congratulations commend applaud praise salute hail laud honor honour proud admire credit
        celebrate tribute welcome""".split(), "praise"),
    **dict.fromkeys("""support back endorse defend stand solidarity ally partner partnership friend
        friendship cooperate cooperation""".split(), "support"),
    **dict.fromkeys("""accuse accusation blame fault lie liar deceive mislead betray fail failure
        refuse violate violation responsible responsibility guilty hypocrisy hypocrite corrupt fraud
        illegal unlawful crime criminal""".split(), "accuse"),
    **dict.fromkeys("""demand must urge insist should""".split(), "demand"),
    **dict.fromkeys("""attack threaten threat invade invasion aggression kill destroy bomb
        sanction condemn denounce oppose reject""".split(), "harm"),
}
# verbs of blaming: their object is the one blamed, their subject the one who blames
_BLAMING = frozenset({"accuse", "blame", "fault", "accusation"})
# the polarity toward the target of each act, by how the target stands to it (obj, subj, in the
# same sentence, elsewhere in the statement); a negated act counts reversed
_POLARITY = {
    "praise": {"obj": 1.0, "subj": 0.0, "sent": 0.5, None: 0.2},
    "support": {"obj": 1.0, "subj": 0.0, "sent": 0.3, None: 0.1},
    "accuse": {"obj": -1.0, "subj": -1.0, "sent": -0.3, None: -0.1},
    "demand": {"obj": -0.5, "subj": -0.5, "sent": -0.2, None: -0.1},
    "harm": {"obj": 0.0, "subj": -1.0, "sent": -0.2, None: -0.1},
}
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX", "ADV"})
# (a name after "thank you" is its npadvmod: "Thank you @POTUS @JoeBiden for …")
_OBJ_DEPS = ("dobj", "dative", "pobj", "nsubjpass", "attr", "oprd", "poss", "compound", "nmod", "amod",
             "npadvmod")
_SUBJ_DEPS = ("nsubj", "agent", "csubj")
# words of a role that say nothing of a side
_TITLES = frozenset("""the and for of a an in on at to mr mrs ms dr sen rep gov president vice
    minister prime foreign secretary senator spokesman spokeswoman spokesperson chairman chairwoman
    chair director leader member official head chief deputy former candidate nominee governor mayor
    representative ambassador general press affairs office executive senior spokesperson adviser
    advisor counsel attorney host anchor reporter correspondent editor writer author founder ceo
    new""".split())
# institution words: a side only when the target's name is nothing more ("the Board" of its chairman)
_GENERIC = frozenset("""ministry department government party committee council board house state states
    united national office agency court union commission administration campaign group people
    european american international federal world global""".split())


def side_of(name: str, aliases, role: Optional[str], kind: str = "unknown") -> tuple[frozenset, frozenset]:
    """(the words, the countries) of a speaker's role, and of its name and aliases unless the
    speaker is a person (a first name shared is no side: "David Nevins", "David Lynch")."""
    texts = [t for t in ((name, *aliases) if kind != "person" else ()) + (role or "",) if t]
    words: set[str] = set()
    countries: set[str] = set()
    for t in texts:
        ws = [w.strip(".,'’()") for w in t.split()]
        words.update(w.lower() for w in ws if len(w) >= 3 and w.lower() not in _TITLES and w.isalpha())
        for n in (1, 2, 3):
            for k in range(len(ws) - n + 1):
                gram = " ".join(ws[k:k + n])
                if gram[:1].isupper():
                    hit = country(gram)
                    if hit is not None:
                        countries.add(hit[0])
    return frozenset(words), frozenset(countries)


def _relation(head, word) -> Optional[str]:
    """How a target's mention stands to an act word: "obj", "subj" or None."""
    t, steps = head, 0
    while t.head.i != t.i and steps < 3:
        dep = t.dep_
        if dep == "pobj" and t.head.dep_ in ("prep", "agent"):
            dep = "agent" if t.head.dep_ == "agent" else "pobj"
            t = t.head
        if t.head.i == word.i:
            if dep in ("poss", "compound", "nmod") and word.pos_ == "NOUN":
                return "subj"     # "Russia's aggression", "US strike": the agent
            return "subj" if dep in _SUBJ_DEPS else "obj" if dep in _OBJ_DEPS or dep == "prep" else None
        if dep not in ("compound", "amod", "poss", "nmod", "appos", "conj", "pobj", "prep"):
            break
        t, steps = t.head, steps + 1
    # "X must stop …": the subject of the verb a modal governs; "X is corrupt", "X bears full
    # responsibility": of the predicate or object the act word is
    if word.dep_ in ("aux", "acomp", "attr", "dobj") and head.dep_ in _SUBJ_DEPS and head.head.i == word.head.i:
        return "subj"
    return None


def features(tokens: list, inside: Callable[[int], bool], head, cue, side: tuple[frozenset, frozenset],
             who_id: str, who_name: str) -> dict[str, float]:
    """Own-side and speech-act features of one statement toward one candidate (``head``: its
    best mention's token, or None)."""
    f: dict[str, float] = {}
    words, countries = side
    if who_id in countries:
        f["own_country"] = 1.0
    name_words = {w.lower().strip(".,'’") for w in who_name.split()} - _TITLES
    if words & (name_words - _GENERIC) or name_words and name_words <= words:
        f["own_name"] = 1.0
    if head is not None and any(c.lower_ in ("our", "my") and c.dep_ == "poss" for c in head.children):
        f["own_poss"] = 1.0
    if f:
        f["own_side"] = 1.0
    acts = [t for t in tokens if inside(t.i)]
    if cue is not None:
        acts.append(cue)
    seen: set[str] = set()
    pol = 0.0
    for t in acts:
        cls = ACTS.get(t.lemma_.lower()) or ACTS.get(t.lower_)
        if cls is None or t.pos_ not in _CONTENT_POS:
            continue
        neg = valence.negated(t)
        key = f"act={cls}" + ("|neg" if neg else "")
        rel = _relation(head, t) if head is not None else None
        if rel == "subj" and t.lemma_.lower() in _BLAMING:
            rel = "blamer"
        for k in (key, f"{key}|{rel}" if rel else None):
            if k and k not in seen:
                seen.add(k)
                f[k] = 1.0
        if rel and "own_side" in f:
            f[f"own|act={cls}"] = 1.0
        where = rel if rel in ("obj", "subj") else None if rel == "blamer" else \
            "sent" if head is not None and head.sent.start == t.sent.start else None
        pol += _POLARITY[cls][where] * (-1.0 if neg else 1.0) if rel != "blamer" else 0.0
    f["pol_act"] = pol
    return f


def pooled(f: dict[str, float]) -> dict[str, float]:
    """A few signed sums of the detailed features (positive: toward support), so that a small
    gold set can weigh them: the acts, the cue's polarity, VADER on the content and on the
    target's clause, the lexicon valence of the clause, the words near the mention and the word
    governing it, their total strength, and whether there is none at all."""
    g = {"pol_act": f.get("pol_act", 0.0)}
    cue = 1.0 if "cue_polarity=pos" in f else -1.0 if "cue_polarity=neg" in f else 0.0
    g["pol_cue"] = -cue if "cue_neg" in f else cue
    for k in ("vader_content", "vader_clause", "val_clause", "val_near", "sole|vader_content"):
        g[f"pol_{k}"] = f.get(f"{k}_pos", 0.0) - f.get(f"{k}_neg", 0.0)
    g["pol_gov"] = f.get("val_gov", 0.0) + f.get("val_pred_of_subj", 0.0) + f.get("val_modified", 0.0)
    g["pol_strength"] = sum(abs(v) for v in g.values())
    if not g["pol_strength"]:
        g["pol_none"] = 1.0     # nothing evaluative at all
    return g
