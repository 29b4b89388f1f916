"""onrecord eval web: the scorer of the annotated corpus, checked with records made from the gold."""
from pathlib import Path

from onrecord.evaluate import bad_speaker_name, load_corpus, map_quotes, pages_of, score

ROOT = Path(__file__).resolve().parents[1] / "corpus"


def _record_from_gold(name, gold, page):
    atts, speakers = [], {}
    for q in gold["documents"][name]["quotes"]:
        if q["status"] != "required":
            continue
        key = q["speaker"]
        sid = key.split(":")[1].lower()
        speakers[sid] = {"id": sid, "name": gold["speakers"][key][0],
                         "type": {"organisation": "organization"}.get(gold["speaker_types"][key], gold["speaker_types"][key])}
        atts.append({"kind": "direct", "content": {"start": q["start"], "end": q["end"]},
                     "speaker": {"id": sid, "name": gold["speakers"][key][0]}})
    return {"text": page, "attributions": atts, "speakers": list(speakers.values()),
            "document": {"title": gold["documents"][name]["document"].get("title")}}


def test_split_is_by_site_and_covers_every_page():
    gold, split = load_corpus(ROOT)
    assert not set(split["tune"]) & set(split["report"])
    assert sorted(pages_of(gold, split, "tune") + pages_of(gold, split, "report")) == sorted(gold["documents"])


def test_gold_as_prediction_scores_perfectly_and_nothing_scores_zero():
    gold, _ = load_corpus(ROOT)
    name = next(n for n in sorted(gold["documents"]) if n.startswith("pclob-gov__")
                and any(q["status"] == "required" for q in gold["documents"][n]["quotes"]))
    with open(ROOT / "web" / "pages" / name, encoding="utf-8", newline="") as f:
        page = f.read()
    perfect = score(ROOT, {name: _record_from_gold(name, gold, page)}, [name])["overall"]
    assert perfect["quote_recall"] == 1.0 and perfect["speaker_accuracy_on_found"] == 1.0
    assert perfect["speaker_type_accuracy"] == 1.0 and perfect["title_ok"] == "1/1"
    empty = score(ROOT, {name: {"text": page, "attributions": []}}, [name])["overall"]
    assert empty["quote_recall"] == 0.0 and empty["required_quotes"] == perfect["required_quotes"] > 0


def test_html_gold_is_found_in_the_extracted_text():
    quotes = [{"start": 3, "end": 22, "text": "it&rsquo;s <b>over</b>"}]
    text = "Lavrov said: “it’s over”, and left."
    (s, e), = map_quotes("<p>it&rsquo;s <b>over</b></p>", text, quotes)
    assert text[s:e] == "it’s over"


def test_bad_speaker_names():
    assert bad_speaker_name("**ADL**") == "markup"
    assert bad_speaker_name("title") == "markup"
    assert bad_speaker_name("you") == "pronoun"
    assert bad_speaker_name("editors, who have also disrupted the relationship") == "clause"
    assert bad_speaker_name("Maria Zakharova") is None


def test_eval_web_command_scores_a_folder_of_records(tmp_path):
    """`onrecord eval web --pred DIR` on a corpus of two pages: one predicted from its gold, one
    with no record (every quotation of it missed)."""
    import json
    import shutil

    from typer.testing import CliRunner

    from onrecord.cli import app

    gold, split = load_corpus(ROOT)
    # (a Markdown page first: a record is looked up by the page's stem, whatever its extension)
    names = sorted((n for n in pages_of(gold, split, "report")
                    if any(q["status"] == "required" for q in gold["documents"][n]["quotes"])),
                   key=lambda n: not n.endswith(".md"))[:2]
    assert names[0].endswith(".md")
    corpus = tmp_path / "corpus"
    (corpus / "web" / "pages").mkdir(parents=True)
    small = dict(gold, documents={n: gold["documents"][n] for n in names})
    (corpus / "web" / "gold.json").write_text(json.dumps(small), encoding="utf-8")
    shutil.copy(ROOT / "split.json", corpus / "split.json")
    pred = tmp_path / "pred"
    pred.mkdir()
    for n in names:
        shutil.copy(ROOT / "web" / "pages" / n, corpus / "web" / "pages" / n)
    with open(ROOT / "web" / "pages" / names[0], encoding="utf-8", newline="") as f:
        page = f.read()
    (pred / (names[0].rsplit(".", 1)[0] + ".json")).write_text(
        json.dumps(_record_from_gold(names[0], gold, page)), encoding="utf-8")
    required = [sum(q["status"] == "required" for q in gold["documents"][n]["quotes"]) for n in names]

    res = CliRunner().invoke(app, ["eval", "web", "--corpus", str(corpus), "--pred", str(pred),
                                   "--misses"])
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    assert got["overall"]["required_quotes"] == sum(required)
    assert got["overall"]["quote_recall"] == round(required[0] / sum(required), 4)
    assert got["overall"]["speaker_accuracy_on_found"] == 1.0
    assert got == score(corpus, {names[0]: _record_from_gold(names[0], gold, page)}, names)
    assert sum(m.startswith(names[1]) for m in got["misses"]) >= required[1]
    # the tune sites of this corpus have no page: nothing to score
    res = CliRunner().invoke(app, ["eval", "web", "--corpus", str(corpus), "--pred", str(pred),
                                   "--split", "tune"])
    assert res.exit_code == 0 and json.loads(res.stdout)["overall"]["pages"] == 0
    # bad arguments
    res = CliRunner().invoke(app, ["eval", "web", "--corpus", str(corpus), "--split", "every"])
    assert res.exit_code == 2 and "--split is report, tune or all" in res.output
    res = CliRunner().invoke(app, ["eval", "web", "--corpus", str(tmp_path / "pred")])
    assert res.exit_code == 2 and "needs web/gold.json and split.json" in " ".join(res.output.split())


def test_dialogue_pages_gold_is_consistent():
    """The narrative-dialogue pages: every entry is its page's slice, every required turn has a
    speaker with a name and one of the four tag kinds, and the six works are split three and
    three by the stated rule (sorted site ids, alternately tune and report)."""
    gold, split = load_corpus(ROOT)
    names = [n for n in gold["documents"] if n.startswith("gutenberg-")]
    sites = sorted({n.split("__")[0] for n in names})
    assert len(names) == 12 and len(sites) == 6
    assert [s in split["tune"] for s in sites] == [True, False] * 3
    assert [s in split["report"] for s in sites] == [False, True] * 3
    tags = {"named": 0, "pronoun": 0, "description": 0, "untagged": 0}
    for n in names:
        with open(ROOT / "web" / "pages" / n, encoding="utf-8", newline="") as f:
            page = f.read()
        for q in gold["documents"][n]["quotes"]:
            assert page[q["start"]:q["end"]] == q["text"]
            if q["status"] == "required":
                assert gold["speakers"][q["speaker"]] and q["speaker"].startswith(n.split("__")[0] + ":")
                tags[q["tag"]] += 1
    assert tags == {"named": 245, "pronoun": 115, "description": 118, "untagged": 387}


def test_figures_by_shape_keep_dialogue_apart_from_web_pages():
    gold, split = load_corpus(ROOT)
    web = next(n for n in sorted(gold["documents"]) if n.startswith("pclob-gov__")
               and any(q["status"] == "required" for q in gold["documents"][n]["quotes"]))
    talk = next(n for n in sorted(gold["documents"]) if split["shapes"].get(n.split("__")[0]) == "dialogue")
    pages = {}
    for n in (web, talk):
        with open(ROOT / "web" / "pages" / n, encoding="utf-8", newline="") as f:
            pages[n] = f.read()
    records = {web: _record_from_gold(web, gold, pages[web]), talk: {"text": pages[talk], "attributions": []}}
    res = score(ROOT, records, [web, talk])
    assert sorted(res["by_shape"]) == ["dialogue", "web"]
    assert res["by_shape"]["web"]["quote_recall"] == 1.0
    assert res["by_shape"]["dialogue"]["quote_recall"] == 0.0
    assert 0.0 < res["overall"]["quote_recall"] < 1.0
