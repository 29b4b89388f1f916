"""Property-based fuzzing of the whole analysis (a few hundred cases; scripts/fuzz.py runs 10,000+)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_surfaces import feed_kind, feed_links, queries, serve_cases, speaker_filters
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


@settings(max_examples=40, **SETTINGS)
@given(case=serve_cases.filter(lambda c: c[0] in ("query", "id", "body")))
def test_the_server_answers_hostile_requests_without_a_500(tmp_path_factory, case):
    from fuzz_surfaces import run_serve_case

    # (a hang is a read over 5 s, as in scripts/fuzz.py: the 1 s bound of quiet conditions
    # is tests/test_hardening_analyze.py's)
    run_serve_case(case, _stub_client(tmp_path_factory), None, None, read_limit=5.0)


def _stub_client(tmp_path_factory):
    if "stub" not in _STORE:
        import warnings

        from conftest_pg import record_sanctions, record_treaty
        from fuzz_surfaces import stub_init, stub_run

        from onrecord.serve.app import create_app
        from onrecord.serve.workers import AnalysisPool
        from onrecord.store import open_store

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from fastapi.testclient import TestClient
        db = str(tmp_path_factory.mktemp("fuzzs") / "s.db")
        with open_store(db) as s:
            for r in (record_treaty(), record_sanctions()):
                s.put(r)
        c = TestClient(create_app(db, analysis_pool=AnalysisPool(
            1, 1, 5.0, run=stub_run, init=stub_init)), raise_server_exceptions=False)
        c.__enter__()
        _STORE["stub"] = c
    return _STORE["stub"]
