"""Classes of English cue words: verbs and nouns of saying, judging, feeling and thinking.

A hand-made list after Levin's verb classes (communication 37, judgment 33, psych verbs 31,
characterize 29, and the cognition and intention verbs PolNeAR annotates) with their common
nominalisations.  The frame classifier sees the class of the cue word as a feature, so a word
it met rarely or never in training ("chastise", "seethe", "comprehend") is still scored like
the others of its class.
"""
from __future__ import annotations

_CLASSES = {
    "say": """say tell report announce declare state claim assert argue contend insist maintain
        suggest propose recommend urge implore beg plead demand request ask inquire answer reply
        respond retort explain describe mention note observe remark comment add repeat reiterate
        stress emphasize emphasise warn caution predict forecast promise pledge vow swear threaten
        boast brag complain grumble protest object deny admit acknowledge concede confess confirm
        reveal disclose divulge tweet post write blog testify allege charge accuse quip joke muse
        speculate concur agree disagree dispute counter rebut refute dismiss downplay tout hail
        trumpet proclaim signal hint imply indicate lament bemoan decry tweet recount recall
        recommend advise instruct order command direct summon invite encourage exhort caution
        notify inform brief assure reassure guarantee certify attest affirm reaffirm aver avow
        pronounce preach lecture shout yell scream whisper mutter murmur cry exclaim chant
        sing sigh snap growl gush rave rant vent thunder fume seethe bark gripe whine
        tease taunt jeer heckle mock interject interrupt clarify elaborate outline detail
        specify summarize conclude opine posit theorize hypothesize surmise predict project
        estimate calculate figure reckon insinuate allege suspect acknowledge relay cite quote
        paraphrase echo parrot reiterate restate mention publicize advertise promote campaign
        lobby petition appeal apologize thank congratulate greet welcome
        rejoin return pursue falter stammer stutter interpose ejaculate gasp sob""",
    "judge": """criticize criticise blame castigate censure chastise chide commend compliment
        condemn denounce deride disparage excoriate fault flatter laud lambaste lambast ridicule
        rebuke reprimand reproach reprove scold slam upbraid vilify applaud praise acclaim
        salute honor honour celebrate champion defend attack assail blast rip knock bash hammer
        pan slam skewer savage berate belittle dismiss disdain scorn mock lampoon satirize
        accuse indict impugn question challenge doubt contest dispute oppose reject resist
        repudiate disavow disown denounce endorse back support favor favour advocate embrace
        approve disapprove veto sanction label brand dub term characterize characterise
        portray depict cast paint frame call name hail tout grill interrogate pound""",
    "feel": """admire adore appreciate cherish deplore despise detest dislike distrust dread envy
        esteem fear hate like loathe love miss pity prize regret relish resent respect revere
        tolerate trust value venerate worship marvel rejoice delight grieve despair fret worry
        agonize exult gloat mourn puzzle rage wonder enjoy mind bemoan lament welcome celebrate
        frustrate anger outrage alarm concern disturb trouble bother upset annoy irritate
        dismay disappoint please satisfy surprise shock stun amaze impress embarrass
        humiliate offend insult worry scare frighten terrify""",
    "think": """think believe know realize realise understand comprehend recognize recognise
        consider feel suspect doubt assume presume suppose expect anticipate hope wish want
        guess conclude decide determine judge find see view regard perceive imagine remember
        recall forget learn discover deem reckon figure gather infer deduce sense foresee
        envision envisage contemplate ponder mull weigh examine investigate probe study explore
        review scrutinize analyze analyse assess evaluate debate discuss address acknowledge
        accept grant concede admit insist dream fantasize""",
    "intend": """intend plan aim seek try attempt vie strive endeavor endeavour aspire mean
        wish want hope need prefer choose decide resolve refuse decline agree offer volunteer
        threaten promise pledge vow commit undertake propose push press lobby fight campaign
        work struggle scramble rush move prepare plot scheme conspire""",
}

_NOUNS = {
    "say": """statement claim allegation accusation assertion argument announcement report
        remark comment message pronouncement rhetoric speech address testimony tweet post
        interview answer reply response retort explanation description mention note warning
        prediction forecast promise pledge vow threat boast complaint protest objection denial
        admission acknowledgment acknowledgement confession confirmation revelation disclosure
        suggestion proposal recommendation request demand call appeal plea question query
        insistence assurance guarantee emphasis charge criticism praise attack rebuke
        condemnation endorsement narrative story account version quote word words""",
    "think": """belief view opinion conclusion determination decision judgment judgement verdict
        ruling finding assessment estimate estimation perception impression notion idea
        feeling sense sentiment attitude outlook position stance reaction theory hypothesis
        suspicion doubt concern worry fear hope expectation desire intention intent goal aim
        plan agreement understanding consensus recognition realization awareness knowledge
        analysis review investigation probe study survey poll""",
    "feel": """anger outrage frustration dismay disappointment alarm chagrin ire despair
        sadness delight joy pride shame embarrassment admiration contempt disdain scorn
        resentment enthusiasm adulation support opposition reluctance willingness refusal""",
}

_ADJECTIVES = {
    "feel": """worried concerned skeptical sceptical confident critical aware hopeful eager angry
        sure proud certain interested nervous wary glad unhappy optimistic pessimistic happy
        impressed supportive reluctant adamant convinced determined afraid fearful furious upset
        pleased satisfied disappointed frustrated outraged dismayed opposed willing unwilling
        keen anxious doubtful bullish bearish grateful thankful sorry ashamed embarrassed
        enthusiastic excited alarmed appalled disgusted horrified shocked surprised uneasy
        comfortable uncomfortable receptive sympathetic hostile fond tired sick""",
    "evid": """clear unclear obvious evident apparent plain likely unlikely possible impossible
        true false wrong right correct accurate inaccurate misleading""",
}


def _build() -> tuple[dict[str, str], dict[str, str]]:
    verbs: dict[str, str] = {}
    for cls, words in _CLASSES.items():
        for w in words.split():
            verbs.setdefault(w, cls)  # (a word in two classes keeps the first)
    nouns: dict[str, str] = {}
    for cls, words in _NOUNS.items():
        for w in words.split():
            nouns.setdefault(w, cls)
    return verbs, nouns


VERB_CLASS, NOUN_CLASS = _build()
ADJ_CLASS = {w: cls for cls, words in _ADJECTIVES.items() for w in words.split()}


def cue_class(lemma: str, pos: str) -> str:
    """"say", "judge", "feel", "think", "intend" or "none" for a cue lemma and its POS."""
    if pos == "NOUN":
        return NOUN_CLASS.get(lemma, "none")
    if pos == "ADJ":
        return ADJ_CLASS.get(lemma, "none")
    return VERB_CLASS.get(lemma, "none")


# predicates that report no statement: a copula ("the reason … is that …", "it is “safe to
# say …”"), existence, obligation ("companies are obliged to …"); alone, 7 of the 22,468 cues of
# PolNeAR train are one of these
NO_REPORT = frozenset({"be", "exist", "oblige", "obligate"})


# permission, obligation and prohibition in the passive with no agent ("the individuals listed
# will not be allowed to enter", "companies are required to disclose …"): a rule the text
# states, said by nobody; with an agent ("were allowed by the court to …") or in the active
# ("the law allows …") the frame is scored as any other ("is expected to" stays a cue:
# PolNeAR train counts about 80 such views)
PASSIVE_RULE = frozenset({"allow", "permit", "require", "force", "compel", "bar", "ban", "forbid",
                          "prohibit", "oblige", "obligate", "authorize", "authorise", "mandate"})


def _agentless_passive_rule(cue) -> bool:
    if cue.lemma_.lower() not in PASSIVE_RULE:
        return False
    kids = list(cue.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in kids) and not any(c.dep_ == "agent" for c in kids)


def no_report(cue) -> bool:
    """True when the cue token (a spaCy token) is a predicate that reports no statement (see
    ``NO_REPORT`` and ``PASSIVE_RULE``); a copula with an adjective of its own reports a view
    ("has been clear that", "I am sure that", "Turkey is concerned about") — unless the
    adjective opens a quotation ("it is “safe to say …”")."""
    if _agentless_passive_rule(cue):
        return True
    if cue.lemma_.lower() not in NO_REPORT or any(c.dep_ == "prt" for c in cue.children):
        return False
    return not any(c.dep_ == "acomp" and not (c.i and c.doc[c.i - 1].is_quote) for c in cue.children)
