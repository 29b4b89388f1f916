"""Property-based fuzzing of the whole analysis (a few hundred cases; scripts/fuzz.py runs 10,000+)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_surfaces import feed_kind, feed_links, queries, speaker_filters
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


@pytest.mark.slow
def test_thousands_of_quote_marks_are_fast():
    import time

    # 10,000 quote marks, balanced and not, in one paragraph
    data = ("“a " * 6000 + "\" b ” " * 2000).encode()
    t0 = time.monotonic()
    assert run_one(data, limit_s=60) == "ok"
    assert time.monotonic() - t0 < 60


# ---- hostile surfaces (tests/fuzz_surfaces.py; scripts/fuzz.py --target query|feed|serve) --

@settings(max_examples=150, **SETTINGS)
@given(q=queries, speaker=speaker_filters)
def test_any_query_and_speaker_filter_give_rows_or_a_clear_error(tmp_path_factory, q, speaker):
    from fuzz_surfaces import run_query

    run_query(_query_store(tmp_path_factory), q, speaker)


_STORE = {}


def _query_store(tmp_path_factory):
    if "s" not in _STORE:
        from conftest_pg import record_sanctions, record_treaty

        from onrecord.store import open_store

        s = open_store(str(tmp_path_factory.mktemp("fuzzq") / "q.db"))
        for r in (record_treaty(), record_sanctions()):
            s.put(r)
        _STORE["s"] = s
    return _STORE["s"]


@settings(max_examples=25, **SETTINGS)
@given(links=feed_links, kind=feed_kind)
def test_hostile_feeds_fetch_nothing_internal(tmp_path_factory, links, kind):
    from fuzz_surfaces import Canary, run_feed

    if "canary" not in _STORE:
        _STORE["canary"] = Canary()
        _STORE["feeddir"] = tmp_path_factory.mktemp("feeds")
    run_feed(links, kind, _STORE["canary"], _STORE["feeddir"])
