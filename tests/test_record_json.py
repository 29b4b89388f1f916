"""Record.from_dict reads back every record onrecord writes, and refuses what is not one."""
import json

import pytest

from onrecord.model import Record, RecordFormatError


@pytest.fixture(scope="module")
def record():
    from onrecord.pipeline import analyze_text

    return analyze_text("Russia accused Ukraine of shelling the plant on Saturday, the ministry said.\n\n"
                        "“We demand an explanation,” Maria Zakharova told reporters in Moscow.")


def test_round_trip_is_exact(record):
    d = json.loads(json.dumps(record.to_dict()))
    back = Record.from_dict(d)
    assert back.to_dict() == d
    # fields a later stage adds to events and sentences are kept, in order
    assert [list(e) for e in back.to_dict()["events"]] == [list(e) for e in d["events"]]
    assert back.attributions[0].kind in ("direct", "mixed", "indirect")


def test_missing_fields_get_their_defaults():
    rec = Record.from_dict({"text": "Hello.", "attributions": [
        {"id": "a1", "kind": "indirect", "content": {"start": 0, "end": 5}}]})
    assert rec.attributions[0].confidence == 0.5 and rec.attributions[0].targets == []
    assert rec.to_dict()["schema"] == "onrecord/1"


@pytest.mark.parametrize("bad, why", [
    ({"text": 1}, "needs its text"),
    ({"schema": "other/2", "text": ""}, "schema 'other/2'"),
    ({"text": "ab", "attributions": [{"id": "a1", "kind": "quote", "content": {"start": 0, "end": 1}}]},
     "attribution kind 'quote'"),
    ({"text": "ab", "attributions": [{"id": "a1", "kind": "direct", "content": {"spans": []}}]},
     "no content span"),
    ({"text": "ab", "sentences": [{"start": 0, "end": 1, "voice": "narrator"}]}, "sentence voice"),
    ({"text": "ab", "speakers": [{"id": "x", "mentions": [{"start": "0", "end": 1}]}]}, "integer 'start'"),
])
def test_what_is_not_a_record_is_refused(bad, why):
    with pytest.raises(RecordFormatError, match=why):
        Record.from_dict(bad)


def test_the_store_refuses_a_record_of_another_shape(tmp_path):
    from onrecord.store import StoreError, open_store

    with open_store(str(tmp_path / "s.db"), create=True) as store:
        with pytest.raises(StoreError, match="not a record: attribution kind 'quote'"):
            store.put({"text": "ab", "source": {"sha256": "x"}, "attributions": [
                {"id": "a1", "kind": "quote", "content": {"start": 0, "end": 1}}]})
