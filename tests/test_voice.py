"""Voice of body sentences (quoted / reported / author / chrome) and persuasion markers."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.resolve.persuasion import find_markers


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    from onrecord.pipeline import analyze_many

    return {Path(o.item.path).name[:3]: o.record for o in
            analyze_many(sorted(seeds_dir.glob("*.txt")))}


def _sentence(rec, begins):
    hits = [s for s in rec.sentences if rec.text[s.start:s.end].startswith(begins)]
    assert hits, f"no sentence starts with {begins!r}"
    return hits[0]


@pytest.mark.parametrize("seed,begins,voice", [
    ("002", "He’s a world-class diplomat — unmatched by anyone in the West.", "author"),
    ("000", "What happened is typical of how police state America operates", "author"),
    ("000", "The terror weapon burns flesh to the bone", "author"),
    ("002", "The US is an imperial outlaw", "author"),
    ("000", "Without just cause, Rozhkov was unacceptably interrogated", "author"),  # quoted fragment
    ("002", "Still US-recruited “aggressive” elements", "author"),                   # scare quotes
    ("000", "No evidence indicates that Armenian or NK forces", "author"),           # not a speaker
    ("000", "On Saturday, Armenia accused Azerbaijan", "reported"),
    ("000", "MZ explained Russia’s efforts", "reported"),
    ("000", "On the same day, Baku denied the accusation, saying:", "reported"),
    ("000", "Russia’s embassy in Washington", "reported"),                           # a speech act
    ("002", "Anti-Belarus actions are being coordinated", "reported"),              # content of a statement
    ("000", "“We officially declare that the Azerbaijani army", "quoted"),
    ("000", "“We demand an explanation from the US State Department.”", "quoted"),
    ("000", "MZ: “It is difficult to see Europe’s position", "quoted"),
    ("002", "Lavrov: “President Vladimir Putin already said", "quoted"),
    ("002", "We would like to extend it.”", "quoted"),                               # inside a quote
    # a stray closing mark extends the quotation (attribute.quotes): the direct statement's
    # content runs to "… Geneva Conventions.”", so its sentence is quoted like the rest
    ("000", "The enemy used weapons containing”", "quoted"),
])
def test_voice_of_seed_sentences(seeds, seed, begins, voice):
    s = _sentence(seeds[seed], begins)
    assert s.voice == voice, (seeds[seed].text[s.start:s.end], s.voice, getattr(s, "why", None))


def test_chrome_sentences(seeds):
    r = seeds["000"]
    chrome = [s for s in r.sentences if s.voice == "chrome"]
    assert chrome and all(any(c.start == s.start and c.end == s.end for c in r.document.chrome)
                          for s in chrome)
    assert _sentence(r, "Leave a Reply").voice == "chrome"


def test_no_quoted_sentence_is_author(seeds):
    from onrecord.attribute.quotes import find_quotes

    for r in seeds.values():
        an = r.document.analyzed
        ranges = [(an.start + q.start, an.start + q.end) for q in find_quotes(r.text[an.start:an.end])]
        for s in r.sentences:
            if s.voice != "author":
                continue
            letters = sum(ch.isalnum() for ch in r.text[s.start:s.end])
            inside = sum(sum(ch.isalnum() for ch in r.text[max(s.start, a):min(s.end, b)])
                         for a, b in ranges if a < s.end and b > s.start)
            assert inside < 0.5 * letters, r.text[s.start:s.end]


def test_every_body_sentence_has_a_voice_and_offsets(seeds):
    for r in seeds.values():
        body = r.document.analyzed
        voiced = [s for s in r.sentences if s.voice != "chrome"]
        assert voiced
        for s in voiced:
            assert body.start <= s.start < s.end <= body.end
            assert s.voice in ("author", "reported", "quoted")
            d = s.to_dict()
            assert d["voice"] == s.voice and "why" in d


def test_markers_on_author_sentences(seeds):
    def kinds(rec, begins):
        s = _sentence(rec, begins)
        return {(m.kind, m.text) for m in s.markers}

    assert kinds(seeds["000"], "What happened is typical of how police state America") == {
        ("name_calling", "police state America"), ("loaded_language", "extrajudicially")}
    assert kinds(seeds["000"], "If the Trump regime follows through") == {
        ("name_calling", "Trump regime"), ("appeal_to_fear", "the brink"),
        ("exaggeration", "all-out")}
    assert kinds(seeds["002"], "The US is an imperial outlaw") == {
        ("name_calling", "imperial outlaw"), ("exaggeration", "endless"),
        ("exaggeration", "exclusively")}
    # "world-class" was a rule fitted to this sentence; it is gone
    assert kinds(seeds["002"], "He’s a world-class diplomat") == {
        ("exaggeration", "unmatched by anyone")}
    assert kinds(seeds["000"], "So-called “outside players”") == {
        ("doubt", "So-called"), ("exaggeration", "consistently")}
    # the seed's own title ("More Straight Talk …") and the author's book titles mark nothing
    assert kinds(seeds["000"], "The terror weapon burns flesh to the bone") == set()
    # only author sentences carry markers, and each marker is its own text
    for r in seeds.values():
        for s in r.sentences:
            d = s.to_dict()
            if s.voice != "author":
                assert "markers" not in d
            for m in d.get("markers", []):
                assert r.text[m["start"]:m["end"]] == m["text"] and m["rule"]


def test_markers_skip_quoted_words():
    text = 'Critics say the “Trump regime” is new. The Trump regime is old.'
    ms = find_markers(text, 0, len(text))
    assert [m.start for m in ms if m.kind == "name_calling"] == [text.rindex("Trump regime")]


def test_flag_waving_and_fear():
    text = "True patriots know our great nation faces catastrophe."
    got = [(m.kind, text[m.start:m.end], m.rule) for m in find_markers(text, 0, len(text))]
    assert got == [("flag_waving", "True patriots", "patriots"),
                   ("flag_waving", "our great nation", "our great nation"),
                   ("appeal_to_fear", "catastrophe", "catastrophe")]


def test_persuasion_lexicon_says_where_each_rule_comes_from():
    import json
    from pathlib import Path

    from onrecord.resolve import persuasion

    data = json.loads((Path(persuasion.__file__).with_name("persuasion_rules.json"))
                      .read_text(encoding="utf-8"))
    assert len(persuasion.RULES) == len(data["rules"])
    for r in data["rules"]:
        assert r["kind"] in persuasion.KINDS and r["source"], r
        # a rule no held-out article uses is kept only as a standard label
        assert r["polnear_train_articles"] > 0 or r["source"].startswith("general propaganda label"), r
    dropped = {d["rule"] for d in data["dropped"]}
    assert {"straight talk", "candidly refreshing", "fleece", "war on humanity",
            "burns flesh"} <= dropped
    assert not dropped & {name for _, name, _ in persuasion.RULES}


def test_voice_on_plain_news():
    from onrecord import pipeline

    r = pipeline.analyze("Senator Maria Lopez rejected the deal on Monday.\n\n"
                         "\"We were promised a fair deal, and this is not it,\" Lopez told reporters.\n\n"
                         "The committee meets again next week.\n")
    voices = [s.voice for s in r.sentences if s.voice != "chrome"]
    assert "quoted" in voices and "author" in voices


def test_one_search_finds_a_sentence_with_markers_exactly_when_some_rule_does(seeds):
    """The combined rule search that lets an unmarked sentence skip the rules one by one
    agrees with the rules on every sentence of the seeds (both ways)."""
    from onrecord.resolve import persuasion

    n = hits = 0
    for rec in seeds.values():
        for s in rec.sentences:
            sent = rec.text[s.start:s.end]
            any_rule = any(rx.search(sent) for _, _, rx in persuasion._COMPILED)
            assert bool(persuasion._ANY.search(sent)) == any_rule, sent
            n, hits = n + 1, hits + any_rule
    assert n > 50 and 0 < hits < n
