"""A dozen signed signals of the speaker's stance toward one target: the features of the compact
stance model.

Decides nothing by itself (:mod:`.stance_model` weighs them; ``scripts/train_whom.py`` fits the
weights on ``corpus/whom/train.json``).  Each signal is one number, positive toward support:

- ``sig_cue_obj`` / ``sig_cue_other``: the cue's lexicon class — accuse, condemn, criticise,
  attack … critical (−1); praise, thank, welcome, support, defend … supportive (+1) — negated
  reversed ("did not criticise"), split by whether the target is what the cue takes ("accused
  *Washington* of …") or only named in the content ("accused X of attacking *Washington*");
  a critical cue whose object is a harm done to the target ("condemned the attacks on *NATO*")
  counts reversed;
- ``sig_act``: the speech acts of :mod:`.stance_cues` by how the target stands to them;
- ``sig_content``, ``sig_clause``, ``sig_near``: VADER's compound score of the content and of
  the target's clause, and the lexicon valence of the few words around the mention
  (:mod:`.valence`);
- ``sig_gov``: the valence of what the parse says of the target (the verb or noun that governs
  it, the predicate of which it is the subject);
- ``sig_own``: the target is the speaker's own side; ``sig_own_pos``: and what is said is positive;
- ``sig_strength`` and ``sig_flat``: how much evaluative language there is at all (none: the
  statement reports);
- ``sig_report``: the cue is a plain verb of reporting or finding (said, told, according to,
  found, showed, asked); ``sig_question``: a question.

All of them cost a few lookups and at most two VADER calls per statement (cached per text).
"""
from __future__ import annotations

from typing import Callable

from onrecord.events import stance_cues, valence

CRITICAL = frozenset("""accuse accusation allege attack assail bash berate blame blast castigate
    chastise chide condemn condemnation criticize criticise criticism decry denounce deplore deride
    disparage excoriate fault lambaste lambast mock rebuke reproach ridicule scold slam smear vilify
    warn threaten oppose reject dismiss""".split())
SUPPORTIVE = frozenset("""praise applaud commend hail laud thank thanks congratulate welcome endorse
    support back defend champion celebrate salute honor honour compliment admire credit
    recommend""".split())
REPORTING = frozenset("""say tell according report find show note add state ask announce explain
    write post reply respond confirm suggest expect indicate estimate predict""".split())
# words of a harm done to someone: a critical cue whose object is one of these ("condemned the
# attacks on NATO") is on the side of its victim
HARM = frozenset("""attack attacks assault aggression violence killing murder threat threats
    harassment persecution abuse bombing invasion smear smears""".split())
NAMES = ("sig_cue_obj", "sig_cue_other", "sig_act", "sig_content", "sig_clause", "sig_near", "sig_gov",
         "sig_own", "sig_own_pos", "sig_strength", "sig_flat", "sig_report", "sig_question")


def _cue_sign(cue) -> float:
    lemma = cue.lemma_.lower()
    s = -1.0 if lemma in CRITICAL or cue.lower_ in CRITICAL else \
        1.0 if lemma in SUPPORTIVE or cue.lower_ in SUPPORTIVE else 0.0
    return -s if s and valence.negated(cue) else s


def _under_harm(head, cue) -> bool:
    """Is the target's mention inside a harm noun the cue takes ("condemned the *attacks on*
    NATO", "denounced *Russia's aggression*" — not: the target is the harm's author there)?"""
    t, steps = head, 0
    while t.head.i != t.i and t.head.i != cue.i and steps < 4:
        parent = t.head if t.dep_ != "pobj" else t.head.head
        if parent.lemma_.lower() in HARM or parent.lower_ in HARM:
            return t.dep_ == "pobj" and t.head.lower_ in ("on", "against", "toward", "towards", "of")
        t, steps = t.head, steps + 1
    return False


def for_candidate(cand, cue, tokens: list, inside: Callable[[int], bool], side: tuple[frozenset, frozenset],
                  speaker_type: str) -> dict[str, float]:
    """The signals toward one :class:`.targets.Candidate`, with the speaker's type."""
    question = any(t.text == "?" for t in tokens if inside(t.i))
    f = features(tokens, inside, cand.head, cue, cand.roles, side, cand.who.id, cand.who.name, question)
    f[f"speaker_type={speaker_type}"] = 1.0
    return f


def features(tokens: list, inside: Callable[[int], bool], head, cue, roles, side: tuple[frozenset, frozenset],
             who_id: str, who_name: str, question: bool) -> dict[str, float]:
    """The signals of one statement toward one target (``head``: the mention's token or None;
    ``roles``: its roles of :func:`.targets.candidates`)."""
    f = dict.fromkeys(NAMES, 0.0)
    f["bias"] = 1.0
    if cue is not None:
        s = _cue_sign(cue)
        if s and head is not None and s < 0 and _under_harm(head, cue):
            s = -s
        if s:
            f["sig_cue_obj" if roles & {"cue_obj", "cue_obj_mod", "cue_other"} else "sig_cue_other"] = s
        lemma = cue.lemma_.lower()
        if lemma in REPORTING or cue.lower_ in REPORTING:
            f["sig_report"] = 1.0
    acts = stance_cues.features(tokens, inside, head, cue, side, who_id, who_name)
    f["sig_act"] = acts.get("pol_act", 0.0)
    words = [t for t in tokens if inside(t.i)]
    f["sig_content"] = valence.compound(words)
    val = valence.features(tokens, inside, head, cue, scores=False)
    if head is not None:
        clause = valence._clause(head)
        f["sig_clause"] = valence.compound(t for t in clause.subtree if inside(t.i))
        f["sig_near"] = val.get("val_near_pos", 0.0) - val.get("val_near_neg", 0.0)
        f["sig_gov"] = val.get("val_gov", 0.0) + val.get("val_pred_of_subj", 0.0) + val.get("val_modified", 0.0)
    if acts.get("own_side"):
        f["sig_own"] = 1.0
        f["sig_own_pos"] = max(f["sig_content"], 0.0)
    f["sig_strength"] = abs(f["sig_content"]) + abs(f["sig_clause"]) + abs(f["sig_gov"]) + abs(f["sig_act"]) \
        + abs(f["sig_cue_obj"]) + abs(f["sig_cue_other"])
    f["sig_flat"] = 1.0 if f["sig_strength"] < 0.05 else 0.0
    f["sig_question"] = 1.0 if question else 0.0
    return f
