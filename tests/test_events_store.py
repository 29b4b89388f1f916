"""The store keeps each document's PLOVER events and links the same happening reported by
several documents (same type, actor, recipient, country and date): stored with the document,
queryable, and taken out when a document is replaced or deleted (SQLite and PostgreSQL)."""
from __future__ import annotations

from onrecord.store import open_store


def _records():
    from onrecord.ingest import InputItem
    from onrecord.pipeline import analyze_items

    texts = [  # two outlets tell the same accusation; a third tells another event
        "On Saturday, Armenia accused Azerbaijan of using white phosphorous in the enclave.\n",
        "Armenia on Saturday accused Azerbaijan of using banned weapons.\n",
        "On October 30, foreign ministers of both warring sides met with OSCE "
        "Minsk Group representatives in Geneva.\n",
    ]
    items = [(f"outlet{i}.txt", InputItem(name=f"outlet{i}.txt", data=t.encode(),
                                          meta={"published": "2020-10-31"}))
             for i, t in enumerate(texts)]
    return [(name, o.record) for (name, _), o in zip(items, analyze_items([it for _, it in items]))]


def test_same_happening_in_two_documents_is_linked_in_the_store(store_url):
    recs = _records()
    s = open_store(store_url)
    ids = {name: s.put(rec, key=name)[1] for name, rec in recs}
    [link] = s.event_links()
    assert (link["plover"], link["actor"], link["recipient"], link["date"], link["documents"],
            link["events"]) == ("ACCUSE", "armenia", "azerbaijan", "2020-10-31", 2, 2)
    assert [r["doc_key"] for r in link["reports"]] == ["outlet0.txt", "outlet1.txt"]
    assert link["reports"][1]["evidence"] == \
        "Armenia on Saturday accused Azerbaijan of using banned weapons."
    # the export's key is the store's
    from onrecord.events.export import event_rows

    keys = {r["event_key"] for r in event_rows([rec for _, rec in recs]) if r["plover"] == "ACCUSE"}
    assert keys == {link["event_key"]}
    # every event is stored, reported by one document or more
    once = s.event_links(min_documents=1)
    assert sorted((x["plover"], x["documents"]) for x in once) == [("ACCUSE", 2), ("CONSULT", 1)]
    assert s.event_links(plover="consult", min_documents=1)[0]["reports"][0]["doc_key"] == "outlet2.txt"
    assert s.event_links(plover="ASSAULT", min_documents=1) == []
    # deleting one of the two reports undoes the link; its event stays reported once
    assert s.delete(ids["outlet1.txt"])
    assert s.event_links() == []
    assert s.event_reports(link["event_key"])["documents"] == 1
    s.put(recs[1][1], key="outlet1.txt")
    assert [x["documents"] for x in s.event_links()] == [2]
    # a timeline reads only the documents whose events can match (both back ends)
    assert sorted(r["key"] for r, _ in s.event_records(actor="azerbaijan")) == ["outlet0.txt", "outlet1.txt"]
    assert sorted(r["key"] for r, _ in s.event_records(actor="Minsk")) in ([], ["outlet2.txt"])
    assert len(list(s.event_records())) == 3 and len(list(s.event_records(limit=2))) == 2
    assert list(s.event_records(speaker="nobody-at-all")) == []
    s.close()


def test_event_link_arguments_are_checked(tmp_path):
    import pytest

    from onrecord.errors import StoreError

    s = open_store(str(tmp_path / "x.db"))
    with pytest.raises(StoreError):
        s.event_links(min_documents=0)
    assert s.event_reports("no-such-key") == {"event_key": "no-such-key", "documents": 0, "reports": []}
    s.close()


def test_links_command_lists_the_stored_links(tmp_path):
    import json

    from typer.testing import CliRunner

    from onrecord.cli import app

    db = str(tmp_path / "links.db")
    s = open_store(db)
    for name, rec in _records():
        s.put(rec, key=name)
    s.close()
    res = CliRunner().invoke(app, ["links", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    [link] = json.loads(res.stdout)
    assert (link["plover"], link["actor_name"], link["documents"]) == ("ACCUSE", "Armenia", 2)
    res = CliRunner().invoke(app, ["links", "--db", db, "--min-documents", "3"])
    assert res.exit_code == 0 and "no happening reported by several documents" in res.output
    res = CliRunner().invoke(app, ["links", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code == 2 and "Traceback" not in res.output
