"""Negated and refused reports carry ``negated`` and never become plain statements."""
import pytest


@pytest.fixture(scope="module")
def analyze():
    import onrecord
    return onrecord.analyze


# sentences of PolNeAR train articles and of the pages the open-web issue quotes
NEGATED = [
    "Cook declined to say whether it was a violation of Pentagon email policies.",
    "Schilling, through a spokeswoman, declined to comment.",
    "Donald Trump isn't saying much about debate preparation.",
    "She refused to say whether the talks would resume.",
    # a seed page: the subject is nobody (then "Clear evidence shows …" is a plain report)
    "No evidence indicates that Armenian or NK forces have these terror weapons.",
    # PolNeAR dev (Washington Post): a speech act refused
    "The decision is politically risky for Cruz, who pointedly refused to endorse Trump during a "
    "prime-time speech at the Republican National Convention in July.",
]
PLAIN = [
    "Cook said Carter stopped the practice.",
    "Clear evidence shows Azerbaijan used them.",
    "The opposition refused to accept the result of the vote.",
    "Lavrov said the talks would resume on Monday.",
    # PolNeAR dev (New York Times): the quotation's own "not" is no negation of "said"
    '"Are we where we need to be? Probably not," Ms. Moore said. "Are we going to get to where we '
    'need to be? Absolutely."',
]


@pytest.mark.parametrize("sentence", NEGATED)
def test_negated_reports_are_flagged(analyze, sentence):
    rec = analyze(sentence)
    assert rec.attributions, sentence
    assert all(a.negated for a in rec.attributions)
    assert rec.to_dict()["attributions"][0]["negated"] is True


@pytest.mark.parametrize("sentence", PLAIN)
def test_plain_reports_are_not(analyze, sentence):
    rec = analyze(sentence)
    assert not any(a.negated for a in rec.attributions)


def test_text_view_says_not(analyze):
    from io import StringIO

    from rich.console import Console

    from onrecord.render import render_text
    buf = StringIO()
    render_text(analyze(NEGATED[0]), Console(file=buf, width=200, color_system=None))
    assert "did NOT say" in buf.getvalue()


def test_store_keeps_negated_reports_out_of_statements(analyze, tmp_path):
    from onrecord.store import open_store
    rec = analyze("Cook declined to say whether it was a violation of Pentagon email policies. "
                  "Carter said the practice had stopped.")
    assert [a.negated for a in rec.attributions] == [True, False]
    with open_store(str(tmp_path / "s.db")) as st:
        st.put(rec, key="doc-1")
        rows = st.statements()
        assert len(rows) == 1 and "practice had stopped" in rows[0]["content"]
