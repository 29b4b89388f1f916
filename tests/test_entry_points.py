"""Entry points that the other tests reach only through a subprocess or not at all: the
analysis worker's function, the attribute package's lazy engine, the Spark commands' checks."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.ingest import InputItem

runner = CliRunner()


def test_the_analysis_worker_returns_the_record_or_the_error(nlp_loaded):
    from onrecord.serve.workers import _run

    text = ('Foreign Minister Sergey Lavrov said on Monday that Moscow was ready to talk. '
            '"We are open to dialogue," Lavrov told reporters.')
    body, error = _run(InputItem(name="request", data=text.encode(), content_type="text"),
                       1_000_000, 60)
    assert error is None
    rec = json.loads(body)                            # the worker sends back finished JSON
    assert [(a["kind"], a["content"]["text"], a["speaker"]["name"]) for a in rec["attributions"]] == [
        ("indirect", "that Moscow was ready to talk", "Sergey Lavrov"),
        ("direct", '"We are open to dialogue,"', "Sergey Lavrov")]
    rec, error = _run(InputItem(name="request", data=b"x" * 50, content_type="text"), 10, 60)
    assert rec is None and error == ("request: article text is 50 characters, above the limit of 10 "
                                         "(raise it with --max-chars)")


def test_the_engine_is_loaded_on_first_use():
    import onrecord.attribute as attribute
    from onrecord.attribute.decide import extract

    assert attribute.extract is extract
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        attribute.nothing  # noqa: B018


def test_spark_needs_an_input_and_an_output(tmp_path):
    r = runner.invoke(app, ["spark", str(tmp_path / "out")])
    assert r.exit_code == 2 and "give at least one INPUT and an OUTPUT folder" in r.output


def test_spark_load_refuses_a_store_it_cannot_open(tmp_path):
    r = runner.invoke(app, ["spark-load", str(tmp_path), "--db",
                            "postgresql://x@127.0.0.1:1/none?connect_timeout=2"])
    assert r.exit_code == 2 and "cannot connect to PostgreSQL" in r.output
