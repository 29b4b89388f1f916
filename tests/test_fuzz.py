"""Property-based fuzzing of the whole analysis (a few hundred cases; scripts/fuzz.py runs 10,000+)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fuzz_targets import inputs, run_one, texts

SETTINGS = dict(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@settings(max_examples=150, **SETTINGS)
@given(inputs)
def test_any_bytes_give_a_record_or_a_clear_error(data):
    run_one(data)


@settings(max_examples=60, **SETTINGS)
@given(texts)
def test_any_text_as_html_gives_a_record_or_a_clear_error(text):
    run_one(text.encode("utf-8", "surrogatepass"), content_type="html")


def test_thousands_of_quote_marks_are_fast():
    import time

    # 10,000 quote marks, balanced and not, in one paragraph
    data = ("“a " * 6000 + "\" b ” " * 2000).encode()
    t0 = time.monotonic()
    assert run_one(data, limit_s=60) == "ok"
    assert time.monotonic() - t0 < 60
