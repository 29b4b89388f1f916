"""The author profile: a page with no year of its own is dated by its author's stored year,
the same whether it is analysed with the author's other pages or alone afterwards."""
import json

from typer.testing import CliRunner

from conftest import SEED_000, SEED_002
from onrecord.clean import authors
from onrecord.cli import app

runner = CliRunner()


def _document(out, seed):
    return json.loads((out / f"{seed.stem}.json").read_text(encoding="utf-8"))["document"]


def test_profile_dates_a_page_without_a_year_the_same_alone_or_in_a_batch(tmp_path, nlp_loaded, seeds_dir):
    out = tmp_path / "out"
    r = runner.invoke(app, ["analyze", str(SEED_000), str(SEED_002), "--out", str(out)])
    assert r.exit_code == 0, r.output
    profile = json.loads((out / ".onrecord-authors.json").read_text(encoding="utf-8"))
    assert profile["authors"]["stephen lendman"]["year"] == 2020
    batch = _document(out, SEED_000)
    assert batch["published"] == "2020-10-31"
    assert batch["published_basis"].endswith("year from the author profile of Stephen Lendman")
    # later, alone, with the stored profile: the same record
    (out / f"{SEED_000.stem}.json").unlink()
    r = runner.invoke(app, ["analyze", str(SEED_000), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert _document(out, SEED_000) == batch
    # with no profile at all, the page has no year to give
    fresh = tmp_path / "fresh"
    r = runner.invoke(app, ["analyze", str(SEED_000), "--out", str(fresh)])
    assert r.exit_code == 0, r.output
    assert _document(fresh, SEED_000)["published"] is None


def test_profile_keeps_the_most_documented_year_and_ignores_its_own_years(tmp_path):
    from onrecord.model import DocumentInfo, Record, Source

    def rec(author, published, basis):
        d = DocumentInfo(author=author, published=published, published_basis=basis)
        return Record(text="x", source=Source(), document=d)

    p = authors.learn({"authors": {}}, [rec("Jane Doe", "2019-05-01", "explicit"),
                                        rec("Jane Doe", "2021-02-01", "explicit"),
                                        rec("Jane Doe", "2021-03-01", "explicit:front-matter"),
                                        rec("John Roe", "2018-01-01", "inferred:x; year from the author profile of John Roe")])
    assert authors.years(p) == {"jane doe": 2021}
    path = tmp_path / "authors.json"
    authors.save(p, path)
    assert authors.years(authors.load(path)) == {"jane doe": 2021}
    path.write_text("{not json", encoding="utf-8")
    assert authors.load(path) == {"authors": {}}
