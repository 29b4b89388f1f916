"""Speakers in narrative dialogue, on passages of the corpus's tune works (A Christmas Carol,
The Adventures of Sherlock Holmes; public domain): inverted tags, a description tag that is
another person, and untagged turns of a two-party exchange."""
from onrecord.pipeline import analyze

CAROL = ('"A merry Christmas, uncle! God save you!" cried\na cheerful voice. It was the voice of Scrooge\'s\n'
         'nephew, who came upon him so quickly that this was\nthe first intimation he had of his approach.\n\n'
         '"Bah!" said Scrooge, "Humbug!"\n\n'
         'He had so heated himself with rapid walking in the\nfog and frost, this nephew of Scrooge\'s, that he was\n'
         'all in a glow; his face was ruddy and handsome; his\neyes sparkled, and his breath smoked again.\n\n'
         '"Christmas a humbug, uncle!" said Scrooge\'s\nnephew. "You don\'t mean that, I am sure?"\n\n'
         '"I do," said Scrooge. "Merry Christmas! What\nright have you to be merry? What reason have you\n'
         'to be merry? You\'re poor enough."\n')


def _by_quote(text: str) -> dict[str, tuple]:
    rec = analyze(text)
    return {rec.text[a.start:a.end][:12]: (a.speaker.name if a.speaker else None,
                                          a.source.text if a.source else None) for a in rec.attributions}


def test_inverted_tag_never_takes_the_quotation_as_its_source():
    got = _by_quote(CAROL)
    assert got['"Bah!" said '] == ("Scrooge", "Scrooge")


def test_someones_nephew_is_another_person():
    got = _by_quote(CAROL)
    name, source = got['"Christmas a']
    assert " ".join(source.split()) == "Scrooge's nephew"
    assert " ".join(name.split()) == "Scrooge's nephew"
    assert got['"I do," said'][0] == "Scrooge"


HOLMES = ("The Count shrugged his broad shoulders. “Then I must begin,” said he, “by binding you both to absolute "
          "secrecy for two years.”\n\n“I promise,” said Holmes.\n\n“And I.”\n\n"
          "“You will excuse this mask,” continued our strange visitor. “The august person who employs me wishes "
          "his agent to be unknown to you.”\n\n“I was aware of it,” said Holmes dryly.\n\n"
          "“The circumstances are of great delicacy, and every precaution has to be taken to quench what might "
          "grow to be an immense scandal.”\n\n“I was also aware of that,” murmured Holmes, settling himself down in "
          "his armchair and closing his eyes.\n")


def test_untagged_turn_after_a_two_party_exchange_is_the_other_partys():
    rec = analyze(HOLMES)
    turn = next(a for a in rec.attributions if rec.text[a.start:a.end].startswith("“The circumstances"))
    assert turn.speaker_basis == "exchange"
    # the visitor (named by the tag of his last turn), not Holmes who spoke just before
    assert turn.speaker.name == "our strange visitor"
