"""Addressee and channel patterns on real sentences: the passive of telling, a demand put to
someone, "spoke with X", an outlet named beside its common noun, thanks and vocatives by name,
handle and title, a pronoun addressee, a directive reported in the speaker's words; and the
channel of a programme closing the sentence, of a press call's turns, of "remarks" as what
was said. Each sentence is from PolNeAR train or a tune site of ``corpus/split.json``.
"""
from __future__ import annotations

from test_whom import _one

from onrecord.events import channel


def _addressee(text: str, needle: str):
    _, a = _one(text, needle)
    return a.addressee.name if a.addressee else None, a.addressee_basis


def test_passive_of_urging():   # gov-uk (tune site)
    got = _addressee("People are being urged to take a moment to consider their health and the simple steps "
                     "they can take to improve it in the run up to the New Year.", "consider their health")
    assert got == ("People", "X was urged")


def test_demanding_that_x_do():   # privacyguides (tune site)
    got = _addressee("Last year, the civil and human rights association European Digital Rights (EDRi) put "
                     "together a joint statement from 48 organizations, demanding that the European "
                     "Parliament invest instead in proven strategies to fight child abuse.",
                     "proven strategies")
    assert got == ("European Parliament", "demand that X")


def test_spoke_with_x():   # voanews (tune site)
    got = _addressee("Mr. Biden also spoke Tuesday with NATO Secretary General Jens Stoltenberg, where he "
                     "reassuring him of the United States' commitment to NATO. NATO is the West's post-World "
                     "War II military alliance.", "Stoltenberg")
    assert got == ("Jens Stoltenberg", "speak with X")


def test_told_the_outlet_newspaper_names_the_outlet():   # voanews (tune site)
    got = _addressee("Polish President Andrzej Duda told the Financial Times newspaper that he calls for the "
                     "European Union to step up sanctions against Russia.", "step up sanctions")
    assert got[0] is not None and "Financial Times" in got[0] and got[1] == "tell X", got


def test_thanked_handle_is_the_person_it_spells():   # whitehouse-gov (tune site)
    got = _addressee("Director of National Intelligence Tulsi Gabbard: “Thank you @realDonaldTrump for your "
                     "unwavering leadership in standing up for the interests of the American people, and "
                     "peace.”", "unwavering leadership")
    assert got == ("Donald Trump", "thank X")


def _on_page(page, needle):
    return next(a for a in page.attributions if any(needle in page.text[c.start:c.end] for c in a.content))


def test_press_call_turns(web_page_records):   # whitehouse-gov (tune site): a press call's transcript
    page = web_page_records("whitehouse-gov__steel-aluminum-call-2021.txt")
    a = _on_page(page, "Thank you so much, Gina and Jake")
    assert a.addressee is not None and a.addressee.name == "Gina Raimondo" and a.addressee_basis == "thank X"
    assert a.channel is not None and a.channel.type == "briefing"      # the title's "Press Call"
    b = _on_page(page, "So, good afternoon and good evening")
    assert b.addressee is not None and b.addressee.name == "Jake Sullivan", b.addressee


def test_vocatives_by_handle_and_by_title(web_page_records):   # whitehouse-gov (tune site)
    page = web_page_records("whitehouse-gov__israel-visit-reactions-2023.txt")
    gantz = _on_page(page, "@POTUS Biden,")
    assert gantz.addressee is not None and gantz.addressee.name == "Biden" and gantz.addressee_basis == "vocative"
    # "Mr. President, …": the page's one speaker whose role is "President"
    bibi = _on_page(page, "Mr. President, for")
    assert bibi.addressee is not None and bibi.addressee.name == "Biden", bibi.addressee


def test_programme_of_the_title(web_page_records):   # whitehouse-gov (tune site)
    page = web_page_records("whitehouse-gov__trump-fox-iran-2026.txt")
    a = _on_page(page, "We have a blockade up there right now")
    assert a.channel is not None and a.channel.type == "broadcast" and a.channel.name.startswith("Fox &"), a.channel


def test_replied_to_a_statement_names_no_addressee_and_no_channel():   # kremlin-ru (tune site)
    _, a = _one("Mr Zelensky, the Ukrainian president-elect, replied to your statement in Beijing that you "
                "are prepared to issue Russian passports not only to residents of the Donetsk republic.",
                "prepared to issue")
    assert a.addressee is None and a.channel is None, (a.addressee, a.channel)


def test_pronoun_addressee_when_coreference_takes_the_speaker():   # breitbart_2016-09-28 (PolNeAR dev, train half)
    got = _addressee("In a preview clip for Mary J. Blige’s upcoming Apple Music show The 411, Blige sings "
                     "Bruce Springsteen’s “American Skin” to Hillary Clinton.\n\n“Promise mama you’ll keep your "
                     "hands in sight,” Blige sings to Clinton before asking her, “I just want to know, where do "
                     "we go from here?”\n", "where do we go")
    assert got[0] is not None and "Clinton" in got[0] and got[1] == "ask X", got


def test_reported_call_on():   # silviosiefke-com (tune site)
    got = _addressee("The Russian president said he called on \"all our opponents\" not to be \"guided by "
                     "ambitions\" but to \"present a positive program\".", "positive program")
    assert got == ("opponents", "we call … X")


def test_programme_closing_the_sentence():   # breitbart_2016-02-17 (PolNeAR train)
    _, a = _one("Republican presidential candidate Texas Senator Ted Cruz argued that if fellow candidate "
                "Donald Trump is president “we will see liberals on the court, and we will see our rights "
                "taken away” and that he fears the same is true if fellow candidate Florida Senator Marco "
                "Rubio is elected on Wednesday’s “Sean Hannity Show.”", "liberals on the court")
    assert a.channel is not None and a.channel.type == "broadcast", a.channel


def test_remarks_about_is_no_speech():   # nyt_2016-06-08 (PolNeAR train)
    import onrecord

    rec = onrecord.analyze_text("Her campaign has cycled through a half-dozen slogans, playing on Mr. Trump's "
                                "more divisive remarks about Mexicans, Muslims and other groups.")
    assert all(a.channel is None for a in rec.attributions), [a.channel for a in rec.attributions]


def test_press_call_title_is_a_briefing():   # whitehouse-gov (tune site)
    assert channel.from_title("On-The-Record Press Call by National Security Advisor Jake Sullivan, Commerce "
                              "Secretary Gina Raimondo, and U.S. Trade Representative Katherine Tai") == "briefing"
    assert channel.title_programme("President Trump on Fox & Friends: America’s Unrelenting Strength")[:2] == \
        ("broadcast", "Fox & Friends")
