"""The events table (CSV and Parquet) and the link between outlets telling the same event."""
from __future__ import annotations


def _records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    texts = [  # two outlets tell the same accusation; a third tells another event (feed date given)
        "On Saturday, Armenia accused Azerbaijan of using white phosphorous "
        "in the enclave.\n",
        "Armenia on Saturday accused Azerbaijan of using banned weapons.\n",
        "On October 30, foreign ministers of both warring sides met with OSCE "
        "Minsk Group representatives in Geneva.\n",
    ]
    items = [InputItem(name=f"outlet{i}.txt", data=t.encode(), meta={"published": "2020-10-31"})
             for i, t in enumerate(texts)]
    return [o.record for o in analyze_items(items)]


def test_same_event_in_two_documents_is_linked(tmp_path):
    import csv

    import pyarrow.parquet as pq

    from onrecord.events.export import event_rows, write

    rows = event_rows(_records())
    acc = [r for r in rows if r["plover"] == "ACCUSE"]
    assert [(r["actor"], r["recipient"], r["date"], r["documents"]) for r in acc] == \
        [("armenia", "azerbaijan", "2020-10-31", 2)] * 2
    assert acc[0]["event_key"] == acc[1]["event_key"]
    [meet] = [r for r in rows if r["plover"] == "CONSULT"]
    assert (meet["date"], meet["location"], meet["documents"]) == ("2020-10-30", "Geneva", 1)
    assert meet["actor_type"] == "unknown" and acc[0]["actor_type"] == "government"
    write(rows, tmp_path / "events.csv")
    got = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    assert [r["plover"] for r in got] == [r["plover"] for r in rows]
    write(rows, tmp_path / "events.parquet")
    t = pq.read_table(tmp_path / "events.parquet")
    assert t.num_rows == len(rows) and t.column("documents").to_pylist() == [r["documents"] for r in rows]
