"""Speech tags of narrative dialogue on passages written for these tests: a "he" tag next to
another speaker's turn, "she" among a man and a woman, an inverted description tag whose noun
is a person's title, untagged turns of an interview, a party known by a bare noun."""
from onrecord.pipeline import analyze


def _speakers(text: str) -> list[tuple[str, str | None, str | None]]:
    rec = analyze(text)
    return [(" ".join(rec.text[a.start:a.end].split())[:24], a.speaker.name if a.speaker else None,
             a.speaker_basis) for a in rec.attributions]


VISIT = ('The lamp was lit when Edward Crane came into the study, where Holmes sat by the fire.\n\n'
         '"Sit down, Mr. Crane," said Holmes. "You look tired."\n\n'
         '"I would rather stand," said he, turning his hat in his hands.\n\n'
         '"As you please," said Holmes.\n\n'
         '"I have not slept for three nights," said he. "Every night the same footsteps."\n\n'
         '"Whose footsteps?" asked Holmes.\n\n'
         '"That is what I do not know," said he, and sat down at last.\n')


def test_a_he_tag_next_to_holmess_turn_is_the_other_party():
    got = _speakers(VISIT)
    assert [s for _, s, _ in got] == ["Holmes", "Edward Crane"] * 3
    assert [b for _, _, b in got][1::2] == ["pronoun turn"] * 3


def test_she_is_the_woman_not_the_last_named_man():
    text = ('Walter Grange opened the door, and his sister Lucy came in from the rain.\n\n'
            '"You are soaked through," said Walter.\n\n'
            '"It does not matter," she answered. "Is the letter here?"\n\n'
            '"On the table," said Walter.\n')
    assert [s for _, s, _ in _speakers(text)] == ["Walter Grange", "Lucy", "Walter Grange"]


def test_a_first_name_is_not_taken_with_the_word_before_it():
    text = ('Mr. Harrow had come in from the garden with mud on his boots, and Margaret looked up from her '
            'sewing.\n\n"You are late again," she said.\n\n"The gate was stuck," said Harrow.\n')
    assert [s for _, s, _ in _speakers(text)] == ["Margaret", "Harrow"]


def test_retorted_the_doctor_is_the_man_titled_doctor():
    text = ('The carriage stopped at the inn, and Dr. Wade climbed down first, followed by Thomas Bell.\n\n'
            '"We shall not reach the town tonight," said Bell, as he looked at the sky.\n\n'
            '"Nonsense," retorted the doctor. "The road is dry and the horses are fresh."\n')
    got = _speakers(text)
    assert [s for _, s, _ in got] == ["Thomas Bell", "Wade"]
    assert got[1][2] == "head noun"


def test_untagged_turns_of_an_interview_alternate():
    text = ('Inspector Grey sat down opposite the widow, Mrs. Lane, and opened his notebook.\n\n'
            '"When did you last see your husband?" asked Grey.\n\n"On Tuesday morning," said Mrs. Lane.\n\n'
            '"Where was he going?"\n\n"To the bank, he told me."\n\n"Did he come back?"\n\n"No. Never."\n')
    assert [s for _, s, _ in _speakers(text)] == ["Inspector Grey", "Lane"] * 3


def test_a_bare_noun_takes_the_possessive_the_page_writes_it_with():
    text = ("Old Ebenezer Crabb kept the shop alone. One morning Crabb's nephew came in, stamping the snow "
            'from his boots.\n\n"Good morning, uncle!" cried the nephew.\n\n"What is good about it?" said Crabb.\n\n'
            '"Everything," returned the nephew. "It is Christmas."\n\n"Humbug," said Crabb.\n\n'
            '"Do not say so, uncle," said the nephew.\n')
    assert [s for _, s, _ in _speakers(text)] == ["Crabb's nephew", "Ebenezer Crabb"] * 2 + ["Crabb's nephew"]
