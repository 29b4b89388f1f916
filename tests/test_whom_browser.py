"""The speaker page and the search page show addressees and targets with stance, in a real
headless Chromium (the fixtures of test_browser.py: the seeds analysed by the pipeline, in a
store served by uvicorn).  Screenshots go to tests/screenshots/."""
from __future__ import annotations

from urllib.parse import quote

from test_browser import SHOTS, _console_errors, browser, site  # noqa: F401  (fixtures)


def _speaker_with(rec: dict, test) -> dict:
    for a in rec["attributions"]:
        if a["speaker"] and test(a):
            return a
    raise AssertionError("no such statement in the seed")


def test_speaker_page_lists_targets_with_stance(site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    base, docs = site
    _, rec = docs["000_da6073b65d0faf15"]
    a = _speaker_with(rec, lambda a: "Zakharova" in a["speaker"]["name"] and a["targets"])
    browser.get(f"{base}/speakers/{quote(a['speaker']['id'])}")
    targets = browser.find_element(By.ID, "targets").text
    for t in a["targets"]:
        assert t["name"] in targets
    stances = browser.find_elements(By.CSS_SELECTOR, "#targets .stance")
    assert stances and all(s.text.split()[-1] in ("critical", "supportive", "neutral") for s in stances)
    # each statement of the page shows its targets with their stance
    rows = browser.find_elements(By.CSS_SELECTOR, "li.statement .about")
    assert any(t["name"] in r.text for r in rows for t in a["targets"])
    browser.save_screenshot(str(SHOTS / "speaker-targets.png"))
    assert not _console_errors(browser)


def test_speaker_page_lists_addressees(site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    base, docs = site
    _, rec = docs["000_da6073b65d0faf15"]
    a = _speaker_with(rec, lambda a: a["addressee"] and "State Department" in a["addressee"]["name"])
    browser.get(f"{base}/speakers/{quote(a['speaker']['id'])}")
    assert "State Department" in browser.find_element(By.ID, "addresses").text
    browser.save_screenshot(str(SHOTS / "speaker-addresses.png"))


def test_search_by_target_and_stance(site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    base, docs = site
    _, rec = docs["000_da6073b65d0faf15"]
    a = _speaker_with(rec, lambda a: a["targets"])
    t = a["targets"][0]
    browser.get(f"{base}/search?target={quote(t['id'])}&stance={t['stance']}")
    assert browser.find_element(By.ID, "result-count").text.split()[0] != "0"
    abouts = browser.find_elements(By.CSS_SELECTOR, "li.statement .about")
    assert abouts and all(t["name"] in x.text for x in abouts)
    browser.save_screenshot(str(SHOTS / "search-target-stance.png"))
