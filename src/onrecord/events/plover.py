"""PLOVER: which of the 16 event types (and which mode) a candidate event is, and what kind
of actor its actor and recipient are.

The types and modes follow the PLOVER codebook's CAMEO conversion table (Open Event Data
Alliance, draft 0.8, 2021: ``CAMEO2PLOVER-2021.txt``): e.g. an accusation, criticism or
condemnation is ``ACCUSE``/``disapprove``, an investigation ``ACCUSE``/``investigate``; an
intent to give aid, meet or cooperate ("Moscow will render Yerevan all necessary assistance",
"we offer …") is ``AGREE`` with the material type as ``context``; a formal signature is
``SUPPORT``; a promise to act on others by force or restriction ("vowed to block Syrian
refugees", "pledging to bomb …") is ``THREATEN``; arrests and raids are ``COERCE``;
fighting, shelling, bombing and killing are ``ASSAULT`` (``firearms``, ``heavy-weapons``,
``aerial``, ``explosives``, ``assassinate`` …); a ceasefire, withdrawal or release is
``RETREAT``.  ``REQUEST`` is the codebook's DEMAND
(appeals, calls, demands).

:func:`plover_of` decides from the candidate's project type (``accuse``, ``attack`` … of
:mod:`.extract`), its trigger token and its object; ``None`` means the candidate is no PLOVER
event (a ``suggest``, a ``warn`` with nobody warned, an ``agree that`` opinion).
:func:`actor_type` types an actor as government, military, police, rebel, civilian, person,
organisation, media or unknown.
"""
from __future__ import annotations

import re
from typing import Optional

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT")

_AIR = re.compile(r"\b(?:air|aerial|jets?|warplanes?|planes?|aircraft|helicopters?|f-\d+s?|"
                  r"bombers?|missiles?|airstrikes?)\b", re.I)
_DRONE = re.compile(r"\bdrones?\b", re.I)
_HEAVY = re.compile(r"\b(?:artillery|tanks?|rockets?|mortars?|shell(?:s|ing|ed)?|howitzers?|"
                    r"grad|multiple-launch)\b", re.I)
_GUNS = re.compile(r"\b(?:shot|shoot(?:ing)?|gun(?:s|fire|men)?|rifles?|snipers?|firearms?|"
                   r"bullets?|opened fire)\b", re.I)
_AID_MODE = (("military", re.compile(r"\b(?:military|weapons?|arms|ammunition|equipment|"
                                     r"defen[cs]e|troops|missiles?|vehicles|training)\b", re.I)),
             ("humanitarian", re.compile(r"\b(?:humanitarian|food|medical|medicine|shelter|"
                                         r"relief|refugees?|water|vaccines?)\b", re.I)),
             ("economic", re.compile(r"\b(?:economic|financial|funds?|funding|money|loans?|"
                                     r"budget|grants?|\$|dollars?|million|billion)\b", re.I)))
AID_OBJECTS = re.compile(r"\b(?:aid|assistance|support|help|weapons?|arms|ammunition|"
                         r"equipment|funding|funds|relief|supplies|money|loans?|grants?|"
                         r"vaccines?|humanitarian)\b", re.I)
_REQUEST_MODE = (("meet", re.compile(r"\b(?:talks?|meet(?:ing)?|negotiat\w*|dialogue|"
                                      r"mediat\w*|settle\w*)\b", re.I)),
                 ("yield", re.compile(r"\b(?:release|ceasefire|cease-fire|truce|pause|withdraw\w*|"
                                      r"de-?escalat\w*|halt|stop|end|lift|free)\b", re.I)),
                 ("assist", re.compile(r"\b(?:aid|assistance|help|support|supplies|weapons)\b",
                                       re.I)),
                 ("change", re.compile(r"\b(?:reform|resign\w*|change|repeal|policy)\b", re.I)))

# project type → PLOVER type (before the lemma and context refine it)
_BY_TYPE = {"accuse": "ACCUSE", "deny": "REJECT", "reject": "REJECT", "demand": "REQUEST",
            "call_for": "REQUEST", "propose": "REQUEST", "pledge": "AGREE", "meet": "CONSULT",
            "agree": "AGREE", "warn": "THREATEN", "threaten": "THREATEN", "attack": "ASSAULT",
            "detain": "COERCE", "protest": "PROTEST", "support": "SUPPORT", "aid": "AID",
            "cooperate": "COOPERATE", "retreat": "RETREAT", "concede": "CONCEDE",
            "sanction": "SANCTION", "mobilize": "MOBILIZE", "coerce": "COERCE",
            "consult": "CONSULT", "investigate": "ACCUSE"}
# lemmas whose mode the lemma alone gives
_LEMMA_MODE = {
    "bomb": "aerial", "bombing": "aerial", "airstrike": "aerial", "shell": "heavy-weapons",
    "shelling": "heavy-weapons", "shoot": "firearms", "assassinate": "assassinate",
    "behead": "beat", "beat": "beat", "torture": "torture", "kidnap": "abduct",
    "abduct": "abduct", "hijack": "abduct", "arrest": "arrest", "detain": "arrest",
    "imprison": "arrest", "jail": "arrest", "indict": "arrest", "prosecute": "arrest",
    "detention": "arrest", "arrest_n": "arrest", "deport": "deport", "expel": "expel",
    "ban": "ban", "censor": "censor", "block": "ban", "seize": "confiscate",
    "confiscate": "confiscate", "raid": "seize", "visit": "visit", "host": "host",
    "phone": "phone", "telephone": "phone", "call": "phone", "release": "release", "free": "release",
    "withdraw": "withdraw", "retreat": "withdraw", "surrender": "disarm", "ceasefire": "ceasefire",
    "truce": "ceasefire", "investigate": "investigate", "probe": "investigate",
    "demonstrate": "demo", "rally": "demo", "march": "demo", "protest": "demo",
    "boycott": "boycott", "deploy": "troops", "mobilize": "troops", "mobilise": "troops",
    "negotiate": "negotiation", "mediate": "mediation",
}
_SIGN = {"sign", "ratify"}


def _mode_of_attack(lemma: str, sentence: str) -> Optional[str]:
    if lemma in ("bomb", "bombing", "airstrike") or _AIR.search(sentence):
        return "aerial"
    if _DRONE.search(sentence):
        return "drone"
    if lemma in ("shell", "shelling") or _HEAVY.search(sentence):
        return "heavy-weapons"
    if lemma == "shoot" or _GUNS.search(sentence):
        return "firearms"
    return _LEMMA_MODE.get(lemma)


def _first(table, text: str) -> Optional[str]:
    for mode, rx in table:
        if rx.search(text):
            return mode
    return None


# a promise whose deed acts on others by force or restriction (within the promise's clause)
_COERCIVE_PROMISE = re.compile(r"\bto\s+(?:[\w.,'-]+\s+){0,12}?(?:block|ban|bar|deport|bomb|sanction|punish|"
                               r"jail|imprison|prosecute|expel|attack|invade|destroy|arrest|"
                               r"retaliate|crush|penali[sz]e|kill|wipe\s+out|impose\s+tariffs)\b", re.I)
_VIOLENT = re.compile(r"\b(?:bomb|attack|invade|destroy|crush|kill|wipe)", re.I)


def plover_of(kind: str, lemma: str, obj: Optional[str], clause: str, sentence: str,
              has_target: bool, future_pledge: bool,
              first_person: bool = False) -> Optional[tuple[str, Optional[str], Optional[str]]]:
    """(PLOVER type, mode, context) of a candidate, or ``None`` when it is no PLOVER event.

    ``clause`` is the words the trigger governs (its subtree), ``sentence`` its sentence;
    ``future_pledge`` marks a material act the actor says it *will* do (an intent: AGREE);
    ``first_person``: the subject is "we" or "I" (a speaker's own proposal is made to someone).
    """
    ptype = _BY_TYPE.get(kind)
    if ptype is None:
        return None
    mode = _LEMMA_MODE.get(lemma)
    context = None
    if kind == "propose" and lemma in ("suggest", "recommend"):
        return None          # an opinion, not an appeal
    if kind == "propose" and lemma == "propose" and not (has_target or first_person
                                                          or _first(_REQUEST_MODE, clause)):
        return None          # "proposed such laws", "proposed a package": no appeal to anyone
    if kind == "propose" and lemma == "offer":
        if not obj or not (AID_OBJECTS.search(obj) or re.search(r"\b(?:talks?|help|truce|deal|"
                                                                 r"ceasefire|mediat\w*)\b", obj, re.I)):
            return None      # "offered reassurance", "offered a view"
        return "AGREE", None, "aid" if AID_OBJECTS.search(obj) else "diplomatic"
    if kind == "warn" and not has_target and not re.search(
            r"\b(?:could|would|will|might)\b.{0,40}\b(?:sanction\w*|retaliat\w*|force|strikes?|"
            r"attack\w*|tariffs?|consequences)\b", clause, re.I):
        return None          # "warned that …": a prediction, not a threat to someone
    if kind == "agree" and lemma in _SIGN:
        return "SUPPORT", None, "diplomatic"
    if kind == "pledge":
        body = " ".join(x for x in (obj, clause) if x)
        context = "aid" if AID_OBJECTS.search(body) else None
        if context is None and _COERCIVE_PROMISE.search(clause):
            # "vowed to block Syrian refugees", "promised to deport millions": a promise to act
            # on others by force or restriction is a threat (the codebook's THREATEN)
            return "THREATEN", "restrict" if not _VIOLENT.search(clause) else "violence", None
        return "AGREE", None, context
    if future_pledge:
        # "we will provide …", "will withdraw …": an intent to do it
        return "AGREE", None, ptype.lower()
    if ptype == "ASSAULT":
        if lemma in ("raid",):
            return "COERCE", "seize", None
        mode = _mode_of_attack(lemma, sentence)
    elif ptype == "REQUEST":
        mode = _first(_REQUEST_MODE, clause)
    elif ptype == "REJECT":
        mode = _first(_REQUEST_MODE, obj or "") if kind == "reject" else None
    elif ptype == "AID":
        mode = _first(_AID_MODE, clause)
    elif ptype == "ACCUSE" and mode is None:
        mode = "disapprove"
    elif ptype == "THREATEN":
        if re.search(r"\b(?:attack|strike|invade|kill|bomb|war|force|military|nuclear|"
                     r"retaliat\w*|destroy)\b", clause, re.I):
            mode = "violence"
        elif re.search(r"\b(?:sanction\w*|tariffs?|embargo|boycott)\b", clause, re.I):
            mode = "restrict"
    elif ptype == "SANCTION":
        if re.search(r"\bsanction", lemma + " " + (obj or ""), re.I):
            mode = "restrict"
        elif re.search(r"\b(?:relations|ties|ambassador)\b", clause, re.I):
            mode = "withdraw"
        elif re.search(r"\b(?:aid|assistance|funding)\b", clause, re.I):
            mode = "discontinue"
    return ptype, mode, context


_GOVERNMENT = re.compile(r"\b(?:government|ministry|minister|embassy|consulate|president|"
                         r"prime minister|premier|chancellor|parliament|administration|"
                         r"state department|foreign office|kremlin|white house|cabinet|"
                         r"secretary|ambassador|envoy|diplomat|mayor|governor|senate|congress)\b",
                         re.I)
_MILITARY = re.compile(r"\b(?:army|armies|military|troops?|forces?|soldiers?|navy|air force|"
                       r"jets?|warplanes?|f-\d+s?|drones?|artillery|commanders?|defen[cs]e "
                       r"ministry)\b", re.I)
_POLICE = re.compile(r"\b(?:police|officers|security services?|gendarmerie|prosecutors?|"
                     r"investigators?|fbi|intelligence)\b", re.I)
_REBEL = re.compile(r"\b(?:rebels?|militants?|insurgents?|jihadists?|terrorists?|militias?|"
                    r"separatists?|gunmen|guerrillas?|hamas|hezbollah|taliban|isis|al[- ]qaeda)\b",
                    re.I)
_CIVILIAN = re.compile(r"\b(?:protesters?|demonstrators?|civilians?|people|residents?|students?|"
                       r"workers?|crowds?|activists?|citizens?|villagers?|journalists?)\b", re.I)


def actor_type(name: Optional[str], speaker_type: Optional[str], is_country: bool) -> Optional[str]:
    """The actor's kind: ``government`` (a country, its ministries and officials),
    ``military``, ``police``, ``rebel``, ``civilian``, else the speaker's type (``person``,
    ``organization``, ``media``, ``government``), else ``unknown``."""
    if not name:
        return None
    if _MILITARY.search(name):
        return "military"
    if _POLICE.search(name):
        return "police"
    if _REBEL.search(name):
        return "rebel"
    if is_country or _GOVERNMENT.search(name):
        return "government"
    if _CIVILIAN.search(name):
        return "civilian"
    if speaker_type and speaker_type not in ("unknown", "none", "document"):
        return {"organisation": "organization", "group": "organization"}.get(speaker_type, speaker_type)
    return "unknown"


_AGREEMENTS = re.compile(r"^(?:deal|agreement|accord|treaty|pact|bargain|compromise|truce|ceasefire|"
                         r"cease-fire|memorandum|letter|declaration|arrangement|contract|"
                         r"partnership|protocol|charter|convention)s?$", re.I)
_REJECTABLE = re.compile(r"^(?:offer|proposal|plan|demand|request|call|charges?|claims?|accusations?|"
                         r"allegations?|reports?|results?|deal|agreement|bill|idea|appeal|"
                         r"invitation|ultimatum|resolution|suggestion|assertion|notion|"
                         r"characterization|terms|peace|talks|mediation|candidate|nominee)s?$", re.I)
_ACCEPTABLE = _REJECTABLE
_CROWD = re.compile(r"^(?:protesters?|demonstrators?|people|thousands|hundreds|dozens|students?|"
                    r"workers?|supporters?|crowds?|activists?|residents?|citizens?|opponents?|"
                    r"women|men|farmers|teachers|nurses|doctors|voters|fans|members|employees)$", re.I)
_PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")


def _kids(tok, *deps):
    return [c for c in tok.children if c.dep_ in deps]


def sense_of(kind: str, tok) -> Optional[str]:
    """The project type of a verb trigger once its arguments are read, or ``None`` when the
    verb is used in another sense: "struck a deal" (AGREE, not an attack), "thank you" (a
    courtesy), "demonstrated the ability" (showed), "hosted an event", "visited bars",
    "agreed" with nothing agreed to (an opinion), "signed an executive order" (no agreement
    with anyone), "rejecting ideologies", "it turns out", a participle modifying a noun
    ("people killed", "users requesting access")."""
    lemma = tok.lemma_.lower()
    dobj = next(iter(_kids(tok, "dobj")), None)
    dl = dobj.lemma_.lower() if dobj is not None else ""
    if tok.dep_ in ("acl", "amod") and tok.tag_ in ("VBN", "VBG"):
        return None
    if kind == "attack" and lemma == "strike" and tok.dep_ == "relcl" and _AGREEMENTS.match(tok.head.lemma_):
        return "agree"       # "the deal that we struck"
    if kind == "attack" and lemma == "strike" and dobj is not None and (
            _AGREEMENTS.match(dl) or dl in ("balance", "tone", "chord", "note", "blow")):
        return "agree" if _AGREEMENTS.match(dl) else None
    if kind == "support":
        if dobj is not None and dobj.lower_ in ("you", "u", "ya") or lemma == "thank" and dobj is None:
            return None
        if lemma in ("recognize", "recognise") and not (
                any(c.lower_ == "as" and c.dep_ == "prep" for c in tok.children)
                or dobj is not None and dobj.ent_type_ in _PLACE_LABELS):
            return None
        if lemma == "welcome" and dobj is not None and dobj.ent_type_ not in _PLACE_LABELS \
                and not _AGREEMENTS.match(dl) and dl not in ("decision", "announcement", "move", "step",
                                                             "release", "visit", "return"):
            return None
    if kind == "protest" and lemma in ("demonstrate", "march", "rally"):
        subj = next(iter(_kids(tok, "nsubj")), None)
        against = any(c.dep_ == "prep" and c.lower_ in ("against", "outside", "in") for c in tok.children)
        if dobj is not None or _kids(tok, "ccomp", "dative", "advmod") and not against or (
                subj is not None and not _CROWD.match(subj.lemma_) and subj.ent_type_ not in ("CARDINAL",)
                and not against):
            return None
    if kind == "protest" and lemma == "turn":
        subj = next(iter(_kids(tok, "nsubj")), None)
        if subj is None or subj.lower_ in ("it", "this", "that", "which"):
            return None
        if _kids(tok, "xcomp", "acomp", "ccomp", "oprd"):
            return None      # "turned out to be a lot like the old Nixon", "turned out calmer"
    if kind == "consult" and lemma == "visit" or kind == "meet" and lemma == "host":
        if dobj is None or dobj.ent_type_ not in _PLACE_LABELS and dobj.pos_ != "PROPN" \
                and not re.match(r"^(?:leaders?|president|minister|delegation|counterparts?|senators?|"
                                 r"officials?|troops|king|queen|pope)$", dl):
            return None
    if kind == "agree" and lemma == "agree":
        if not (_kids(tok, "xcomp", "dobj") or any(c.dep_ == "prep" and c.lower_ in ("on", "to", "upon")
                                                    for c in tok.children)):
            return None
    if kind == "agree" and lemma == "accept" and not (dobj is not None and _ACCEPTABLE.match(dl)):
        return None
    if kind == "agree" and lemma in ("sign", "ratify") and not (dobj is not None and _AGREEMENTS.match(dl)):
        return None
    if kind == "reject" and lemma in ("reject", "dismiss") and not (dobj is not None and _REJECTABLE.match(dl)):
        return None
    if kind == "call_for" and lemma == "call" and dobj is not None and not _kids(tok, "oprd", "xcomp") \
            and (dobj.ent_type_ in _PLACE_LABELS or dobj.lower_ in ("him", "her", "them", "me", "us")) \
            and not any(c.dep_ == "prep" and (c.lower_ == "for" or c.lower_ in ("on", "upon") and not any(
                g.lower_ in ("phone", "telephone") for g in c.children)) for c in tok.children):
        return "consult"     # "called him on the phone": a telephone call
    if kind == "threaten" and tok.tag_ == "VBN" and not _kids(tok, "aux", "auxpass", "agent", "nsubj"):
        return None          # "see their positions threatened"
    return kind
