"""onrecord.text: one notion of a paragraph (line breaks, or blank lines on hard-wrapped pages)."""
import textwrap
from pathlib import Path

from onrecord.attribute.quotes import find_quotes
from onrecord.text import clean_name, hard_wrapped, paragraphs, same_paragraph, slug, soft_wraps

SEED = Path(__file__).resolve().parents[1] / "examples" / "seeds" / "000_da6073b65d0faf15.txt"


def _body_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if len(p) > 200][:8]


def test_seed_page_is_not_hard_wrapped_and_every_line_is_a_paragraph():
    text = SEED.read_text(encoding="utf-8")
    assert not hard_wrapped(text)
    single = "\n".join(_body_paragraphs())           # one paragraph per line, no blank lines
    assert not hard_wrapped(single)
    assert len([p for p in paragraphs(single) if p[1] > p[0]]) == len(_body_paragraphs())


def test_hard_wrapped_page_keeps_paragraphs_across_wrapped_lines():
    paras = _body_paragraphs()
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paras)
    assert hard_wrapped(wrapped)
    spans = [(s, e) for s, e in paragraphs(wrapped) if wrapped[s:e].strip()]
    assert [" ".join(wrapped[s:e].split()) for s, e in spans] == [" ".join(p.split()) for p in paras]
    first_nl = wrapped.index("\n")
    assert same_paragraph(wrapped, 0, first_nl + 5)
    assert not same_paragraph(wrapped, 0, spans[1][0])


def test_quotation_over_a_wrapped_line_is_found_whole():
    paras = _body_paragraphs()
    flat_quotes = [len(q.inner) and "\n".join(paras)[q.inner_start:q.inner_end] for q in find_quotes("\n".join(paras))]
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paras)
    got = [" ".join(wrapped[q.inner_start:q.inner_end].split()) for q in find_quotes(wrapped)]
    assert got == [" ".join(q.split()) for q in flat_quotes]
    assert any("\n" in wrapped[q.inner_start:q.inner_end] for q in find_quotes(wrapped))


def test_soft_wraps_are_the_wrapping_line_breaks_and_nothing_else():
    paras = _body_paragraphs()
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in paras)
    wraps = soft_wraps(wrapped)
    inner = [i for i, c in enumerate(wrapped) if c == "\n" and wrapped[i - 1] != "\n" and wrapped[i + 1] != "\n"]
    assert wraps == inner and len(wraps) > 10           # every wrap inside a paragraph, no blank line
    unwrapped = "".join(" " if i in set(wraps) else c for i, c in enumerate(wrapped))
    assert [" ".join(p.split()) for p in unwrapped.split("\n\n")] == [" ".join(p.split()) for p in paras]
    # one paragraph per line (the seed as published) has none; nor has a list of short lines
    assert soft_wraps(SEED.read_text(encoding="utf-8")) == []
    bullets = wrapped + "\n\n" + "\n".join(f"- item number {i} of a list" for i in range(8))
    assert all(b < len(wrapped) for b in soft_wraps(bullets))


def test_names():
    assert clean_name("the Kremlin’s ") == "Kremlin"
    assert clean_name("Sergey  Lavrov,") == "Sergey Lavrov"
    # a seed page: 'So-called “outside players” in the US and West consistently reject calls …'
    assert clean_name("So-called “outside players") == "outside players"
    assert clean_name("O’Brien") == "O’Brien"
    assert slug("Maria Zakharova") == "maria-zakharova"
    assert slug("!!!") == "unknown"
