"""The web UI in a real headless Chromium (Debian's chromium + chromedriver, via selenium).

The app is served by uvicorn in a thread on a free loopback port over a SQLite
store holding the two seed articles (analysed by the real pipeline) and two
stand-in records.  Screenshots go to tests/screenshots/.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import SEEDS
from conftest_pg import record_sanctions, record_treaty

SHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = Path(os.environ.get("ONRECORD_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("ONRECORD_CHROMEDRIVER", "/usr/bin/chromedriver"))


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, {name: (doc id, record dict)}) of a live server over a filled store."""
    import uvicorn

    from onrecord.pipeline import analyze
    from onrecord.serve.app import create_app
    from onrecord.store import open_store

    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        _unavailable(f"seed articles not found in {SEEDS}")
    db = str(tmp_path_factory.mktemp("browser") / "ui.db")
    store = open_store(db)
    docs = {}
    for p in seeds:
        rec = analyze(p)
        _, doc_id = store.put(rec)
        docs[p.stem] = (doc_id, rec.to_dict())
    for name, rec in (("treaty", record_treaty()), ("sanctions", record_sanctions())):
        _, doc_id = store.put(rec)
        docs[name] = (doc_id, rec.to_dict())
    store.close()

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", docs
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        _unavailable(f"{CHROMIUM} or {CHROMEDRIVER} missing (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed")
    os.environ["SE_OFFLINE"] = "true"  # selenium-manager must never download anything
    profile = tempfile.mkdtemp(prefix="onrecord-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--window-size=1400,1000", f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _console_errors(driver) -> list[str]:
    try:
        logs = driver.get_log("browser")
    except Exception:  # noqa: BLE001 - not every driver exposes logs
        return []
    return [entry["message"] for entry in logs if entry.get("level") == "SEVERE"]


def _seed_names() -> list[str]:
    return [p.stem for p in sorted(SEEDS.glob("*.txt"))] or ["no-seeds"]


@pytest.mark.parametrize("seed", _seed_names())
def test_seed_article_page_highlights_every_statement(site, browser, seed):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    base, docs = site
    doc_id, rec = docs[seed]
    browser.get(f"{base}/documents/{doc_id}")
    assert browser.find_element(By.TAG_NAME, "h1").text == (rec["document"]["title"] or "(untitled)")
    atts = rec["attributions"]
    assert atts, f"the pipeline found no statements in seed {seed}"
    highlighted = browser.find_elements(By.CSS_SELECTOR, "#article-text .stmt")
    ids = {e.get_attribute("data-a") for e in highlighted}
    assert ids == {a["id"] for a in atts}
    # each statement's speaker is named in the page: legend and statement list
    legend = browser.find_element(By.ID, "legend").text
    listed = browser.find_elements(By.CSS_SELECTOR, "#statements li.statement")
    assert len(listed) == len(atts)
    by_id = {li.get_attribute("data-a"): li.text for li in listed}
    for a in atts:
        if a["speaker"]:
            assert a["speaker"]["name"] in legend
            assert a["speaker"]["name"] in by_id[a["id"]]
        else:
            assert "unknown speaker" in by_id[a["id"]]
    # one colour per speaker: segments of the same speaker share a colour class
    colour = {}
    for e in highlighted:
        sp = e.get_attribute("data-speaker")
        cls = [c for c in e.get_attribute("class").split() if c.startswith("sp-")]
        assert len(cls) == 1
        assert colour.setdefault(sp, cls[0]) == cls[0]
    named = {sp: c for sp, c in colour.items() if sp}
    assert len(set(named.values())) == min(len(named), 12)
    # chrome greyed out and author voice marked wherever the record has them
    if rec["document"]["chrome"]:
        assert browser.find_elements(By.CSS_SELECTOR, "#article-text .chrome")
    if any(s["voice"] == "author" for s in rec["sentences"]):
        assert browser.find_elements(By.CSS_SELECTOR, "#article-text .v-author")
    # hover shows speaker, kind and cue in the details panel
    first = highlighted[0]
    a = next(x for x in atts if x["id"] == first.get_attribute("data-a"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    ActionChains(browser).move_to_element(first).perform()
    details = browser.find_element(By.ID, "details").text
    assert (a["speaker"]["name"] if a["speaker"] else "unknown speaker") in details
    assert a["kind"] in details.lower()  # shown upper-case by CSS
    if a["cue"]:
        assert a["cue"]["text"] in details
    browser.save_screenshot(str(SHOTS / f"article-{seed}-hover.png"))
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(SHOTS / f"article-{seed}.png"))
    assert not _console_errors(browser)


def test_click_pins_statement_details(site, browser):
    from selenium.webdriver.common.by import By

    base, docs = site
    doc_id, rec = docs["sanctions"]
    browser.get(f"{base}/documents/{doc_id}")
    target = next(a for a in rec["attributions"] if a["addressee"])
    seg = browser.find_element(By.CSS_SELECTOR, f'#article-text .stmt[data-a="{target["id"]}"]')
    seg.click()
    details = browser.find_element(By.ID, "details").text
    assert "Sergey Lavrov" in details and "Mike Pompeo" in details and "told" in details
    assert "active" in seg.get_attribute("class")
    # tooltip on hover carries the same facts without JavaScript
    assert seg.get_attribute("title") == "Sergey Lavrov · indirect · cue: told · to: Mike Pompeo"


def test_markup_in_article_is_shown_as_text_not_run(site, browser):
    from selenium.webdriver.common.by import By

    base, docs = site
    doc_id, _ = docs["sanctions"]
    browser.get(f"{base}/documents/{doc_id}")  # an alert() would make selenium raise here
    text = browser.find_element(By.ID, "article-text").text
    assert "<script>alert('x')</script>" in text
    assert "<b>earlier rounds</b>" in text
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text b") == []
    assert "<script>alert('x')</script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.execute_script("return document.querySelectorAll('script').length") == 2


def test_speaker_page_lists_statements_and_targets(site, browser):
    from selenium.webdriver.common.by import By

    base, _ = site
    browser.get(f"{base}/speakers/sergey-lavrov")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sergey Lavrov"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "Russian Foreign Minister" in body
    items = browser.find_elements(By.CSS_SELECTOR, "ol.timeline li")
    assert len(items) == 4
    dates = [li.find_element(By.CLASS_NAME, "date").text for li in items]
    assert dates == sorted(dates)
    links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".side ul.links a")]
    assert "Mike Pompeo" in links and "Maria Zakharova" in links
    browser.save_screenshot(str(SHOTS / "speaker.png"))


def test_search_page_and_home(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, docs = site
    browser.get(f"{base}/search")
    box = browser.find_element(By.NAME, "q")
    box.send_keys('"New START"')
    browser.find_element(By.NAME, "speaker").send_keys("Lavrov" + Keys.ENTER)
    # Enter submits the form: wait for the results page (reading at once raced the navigation)
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 20).until(lambda d: "speaker=Lavrov" in d.current_url
                                     and d.find_elements(By.CSS_SELECTOR, "ol.results li, #search-error"))
    results = browser.find_elements(By.CSS_SELECTOR, "ol.results li")
    assert results and all("Lavrov" in r.text for r in results)
    assert any("New START" in r.text for r in results)
    browser.save_screenshot(str(SHOTS / "search.png"))
    browser.get(f"{base}/search?q=%22unclosed")
    assert "never closed" in browser.find_element(By.ID, "search-error").text
    browser.get(base + "/")
    recent = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".recent a")]
    assert len(recent) == len(docs)
    quoted = browser.find_elements(By.CSS_SELECTOR, ".quoted li")
    assert quoted
    browser.save_screenshot(str(SHOTS / "home.png"))
