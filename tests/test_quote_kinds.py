"""What a quotation is — statement, title, name, term or slogan — on real sentences
(from the corpus pages, PolNeAR train and the issue's examples), and the record's
``rejected_quotations``."""
import json

import pytest

import onrecord
from onrecord.attribute.quote_kinds import KINDS, kind_of, load_model, probabilities


def _kinds(text: str) -> dict[str, str]:
    rec = onrecord.analyze(text)
    return {q.text: q.quote_kind for q in rec.rejected_quotations}


def _covered(rec, phrase: str) -> bool:
    s = rec.text.index(phrase)
    chars = set(range(s, s + len(phrase)))
    return any(len(chars & set(range(c.start, c.end))) >= 0.5 * len(chars)
               for a in rec.attributions for c in a.content)


def test_title_of_a_report_is_not_a_statement():
    text = ('The group published a report titled "The Price of Offshore Revisited" on Monday. '
            'It found that the elite hid billions abroad.')
    rec = onrecord.analyze(text)
    assert {q.text: q.quote_kind for q in rec.rejected_quotations} == {"The Price of Offshore Revisited": "title"}
    assert not _covered(rec, "The Price of Offshore Revisited")


def test_title_of_a_programme():
    text = 'Sanders said during an interview on CNN\'s "State of the Union" Sunday that he was healthy.'
    assert _kinds(text) == {"State of the Union": "title"}


def test_name_of_an_organisation():
    text = ('The Ted Cruz Super PAC "Keep the Promise" has now become the "Defeat Crooked Hillary PAC," '
            'with pollster Kellyanne Conway handing the reins.')
    rec = onrecord.analyze(text)
    kinds = _kinds(text)
    # both refused as statements; the model of feature version 4 gives them the wrong one of the
    # other classes ("Keep the Promise", worded like a motto, a slogan; the PAC, a title)
    assert set(kinds) == {"Keep the Promise", "Defeat Crooked Hillary PAC,"}
    assert set(kinds.values()) <= {"name", "slogan", "title"}
    assert not rec.attributions


def test_term_after_called():
    text = ('Russia is no longer dependent on revenues from the oil and gas sector. '
            'Russia can no longer be called a "gas station".')
    rec = onrecord.analyze(text)
    assert {q.text: q.quote_kind for q in rec.rejected_quotations} == {"gas station": "term"}
    assert not rec.attributions


def test_slogans_and_chants():
    assert _kinds('Trump supporters held signs high above their heads as they celebrated. '
                  'Some chanted "USA! USA!"') == {"USA! USA!": "slogan"}
    assert _kinds('Hillary Clinton\'s campaign slogan is "I\'m with her." But now she wants voters '
                  'to know that she is with them.') == {"I'm with her.": "slogan"}


def test_statements_stay_statements():
    rec = onrecord.analyze('"We\'re fighting a very politically correct war," he said in a different media appearance.')
    assert not rec.rejected_quotations
    assert [a.kind for a in rec.attributions] == ["direct"]
    rec = onrecord.analyze('Trump called the deal "a disaster" on Tuesday.')
    assert not rec.rejected_quotations
    assert [a.kind for a in rec.attributions] == ["mixed"]


def test_terms_in_scare_quotes():
    # PolNeAR train (the cued2 sample): a determiner or possessive before, no verb of saying near
    assert _kinds('They are surprisingly skeptical of the "sharing economy" that their generation pioneered, '
                  'including the explosion of app-based services such as Uber.') == {"sharing economy": "term"}
    assert _kinds('Within half an hour of initial reports of the incident, Facebook had activated its '
                  '"safety check" feature for people in Nice.') == {"safety check": "term"}
    assert _kinds('She has called for increased regulation of the \u201cshadow banking\u201d that occurs at hedge '
                  'funds and other alternative investment vehicles.') == {"shadow banking": "term"}


def test_names_and_nicknames():
    assert _kinds('Donald Trump was not at the "Three Amigos" summit of North American leaders Wednesday, '
                  'but his presence hung over the continental conference.') == {"Three Amigos": "name"}
    kinds = _kinds('Trump cruised to the Republican nomination on the strength of his willingness to savage '
                   'the other 16 people running against him ("Low energy" Jeb Bush, "Little Marco" Rubio, '
                   '"Lyin\' " Ted Cruz).')
    # ("Low energy", a nickname before a name too, is still taken for a statement)
    assert kinds["Little Marco"] == "name" and kinds["Lyin' "] == "name"


def test_title_of_a_programme_in_a_dateline_phrase():
    text = ('Sunday on CNN\u2019s \u201cFareed Zakaria GPS,\u201d when asked about Republican presidential nominee '
            'Donald Trump, President Barack Obama said he expected that Americans will say \u201cno\u201d to '
            'Trump\u2019s policy measures.')
    assert _kinds(text) == {"Fareed Zakaria GPS,": "title"}


def test_short_words_of_a_speaker_stay_statements():
    for text in ('Graham said she was \u201cimpressed\u201d with Trump\u2019s children, but lamented that Ivanka '
                 'Trump\u2019s presentation of Trump didn\u2019t match up to reality.',
                 'It was less than three years ago that Michael Bloomberg said it was "impossible" for him or any '
                 'independent candidate to reach the White House.'):
        rec = onrecord.analyze(text)
        assert not rec.rejected_quotations
        assert "mixed" in [a.kind for a in rec.attributions]



# each non-statement class on real sentences of PolNeAR train articles (the short8b and cued3
# samples) and of a tune-site page, and short words of a speaker that stay statements

def test_titles_of_shows_and_books():
    assert _kinds('ABC is axing its revival of "The Muppets," and on Monday, CBS said it was canceling '
                  'the low-rated "Rush Hour."') == {"The Muppets,": "title", "Rush Hour.": "title"}
    assert _kinds("Ms. Sherry's novel is a breezy comedy in the style of ''Bridget Jones's Diary.''") \
        == {"Bridget Jones's Diary.": "title"}


def test_names_of_a_website_and_a_movement():
    rec = onrecord.analyze('Rob Calabrese, a radio host in Cape Breton, Nova Scotia, has set up a website called '
                           '\u201cCape Breton If Donald Trump Wins\u201c that pitches the island as a new home for '
                           'anyone seeking refuge.')
    assert {q.text: q.quote_kind for q in rec.rejected_quotations} == {"Cape Breton If Donald Trump Wins": "name"}
    assert not rec.attributions
    assert _kinds('Cruz responded with vitriol, promoting a "Stop Trump" movement that focused on defeating '
                  'an opponent.') == {"Stop Trump": "name"}


def test_slogans_printed_and_campaigned_under():
    assert _kinds("Even a Sikh man wearing a turban printed with Donald Trump's signature slogan, "
                  '"Make America Great Again."') == {"Make America Great Again.": "slogan"}
    assert _kinds('The party stuck to the tax even as the left-leaning New Democratic Party challenged it in '
                  'provincial elections the next year under the slogan "Axe the tax." The conservatives won '
                  'soundly at the polls.') == {"Axe the tax.": "slogan"}


def test_terms_mentioned_not_said():
    rec = onrecord.analyze('In the past 48 hours, the senator, his aides and his fundraising emails have all used '
                           'the term \u201ckitchen sink\u201d\u2014 as in, everything but the kitchen sink is going '
                           'to be thrown at him.')
    assert {q.text: q.quote_kind for q in rec.rejected_quotations} == {"kitchen sink": "term"}
    assert not _covered(rec, "kitchen sink")
    # a tune-site page (privacyguides): scare quotes after "supposedly"
    kinds = _kinds('Of course the exact definition is up to the legislators: it is the same kind of deceptive '
                   'argument trying to justify weakening the protections we have to supposedly catch '
                   '"criminals" and "terrorists".')
    assert kinds.get("terrorists") == "term"


def test_a_speakers_short_words_after_a_verb_of_saying_stay_statements():
    for text in ('U.S. President Joe Biden said Monday he is "very concerned" by Moscow\'s crackdown on '
                 'opposition leader Alexei Navalny.',
                 'Republican presidential hopeful Donald Trump says he doesn\u2019t watch professional football '
                 'much anymore because the NFL has gone \u201csoft\u201d like the United States.'):
        rec = onrecord.analyze(text)
        assert not rec.rejected_quotations
        assert [a.kind for a in rec.attributions] == ["mixed"]

def test_record_field():
    rec = onrecord.analyze('Some chanted "USA! USA!" as Trump spoke.')
    d = rec.to_dict()
    assert d["rejected_quotations"] == [
        {"start": 14, "end": 23, "text": "USA! USA!", "quote_kind": "slogan",
         "probability": d["rejected_quotations"][0]["probability"],
         "p_statement": d["rejected_quotations"][0]["p_statement"]}]
    q = d["rejected_quotations"][0]
    assert rec.text[q["start"]:q["end"]] == q["text"]
    assert 0.0 <= q["p_statement"] < load_model()["threshold"] <= 1.0
    json.dumps(d)


def test_model_is_plain_json_and_decision():
    model = load_model()
    assert model["classes"] == list(KINDS)
    p = probabilities(model, ["b", "p1=titled", "titlecase"])
    assert abs(sum(p) - 1.0) < 1e-9
    assert kind_of([0.9, 0.05, 0.02, 0.02, 0.01], 0.3).kind == "statement"
    k = kind_of([0.2, 0.1, 0.1, 0.5, 0.1], 0.3)
    assert (k.kind, k.probability, k.p_statement) == ("term", 0.5, 0.2)


@pytest.mark.parametrize("path", ["corpus/quote_kinds/polnear_train.json"])
def test_labelled_set_is_well_formed(path):
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    data = json.loads((root / path).read_text(encoding="utf-8"))
    classes = {q["class"] for q in data["quotations"]}
    assert classes == set(KINDS)
    assert all(q["end"] > q["start"] and len(q["text"]) == q["end"] - q["start"] for q in data["quotations"])


def test_a_quoted_count_stays_a_statement():
    # a seed page (Lavrov's count, P(statement) well under the threshold without the rule)
    rec = onrecord.analyze('Compared to around 100,000 people who took to the streets earlier, only '
                           '\u201c3,000 to 5,000\u201d turned out on November 15.')
    assert not rec.rejected_quotations
    # a figure named as such (PolNeAR train) is left to the classifier
    from onrecord.attribute.quote_cues import doc_quotes
    from onrecord.attribute.quote_kinds import figure_given
    from onrecord.parse import load_base
    from onrecord.text import original_text
    for text, given in (('Clinton suggested Sanders was being hypocritical because he accepted "about $200,000" '
                         'from Wall Street firms.', True),
                        ('First, the State Department is correct. The "90 to 95 percent" figure came from the '
                         'Clinton campaign.', False)):
        doc = load_base()(text)
        (q,) = doc_quotes(doc)
        assert figure_given(doc, original_text(doc), q) is given
