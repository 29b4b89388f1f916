"""The provenance view in a real headless Chromium: from the article page, a quotation's
"provenance" link opens its variants side by side, the changed words highlighted.  Screenshot:
tests/screenshots/provenance.png."""
from __future__ import annotations

import threading
import time

import pytest
from provenance_data import debate_store
from test_browser import SHOTS, _console_errors, _free_port, browser  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def prov_site(tmp_path_factory):
    import uvicorn

    from onrecord.serve.app import create_app

    db = str(tmp_path_factory.mktemp("prov-browser") / "ui.db")
    store = debate_store(db)
    rows = store.statements(limit=1000)
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
    yield f"http://127.0.0.1:{port}", rows
    server.should_exit = True
    thread.join(10)


def test_provenance_view_from_the_article_page(prov_site, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    base, rows = prov_site
    quote = next(r for r in rows if "total disaster" in r["content"])
    browser.get(f"{base}/documents/{quote['doc_id']}")
    links = browser.find_elements(By.CSS_SELECTOR, "#statements li.statement a.prov")
    assert len(links) == sum(1 for r in rows if r["doc_id"] == quote["doc_id"])  # every quotation links
    link = next(a for a in links if a.get_attribute("href").endswith(f"/statements/{quote['id']}/provenance"))
    link.click()
    browser.find_element(By.ID, "variants")
    assert browser.find_element(By.ID, "verdict").text.lower() == "altered"  # shown in capitals
    variants = browser.find_elements(By.CSS_SELECTOR, "#variants tr.variant")
    assert variants and variants[0].get_attribute("data-fidelity") == "altered"
    changed = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#variants mark.chg")]
    assert "total" in changed
    assert browser.find_elements(By.CSS_SELECTOR, "#variants del.elided")  # the ellipsis' words
    assert "primary source" in browser.find_element(By.CSS_SELECTOR, "p.verdict").text
    browser.save_screenshot(str(SHOTS / "provenance.png"))
    assert not _console_errors(browser)
    # a quotation no other document carries says so
    other = next(r for r in rows if "most delegates" in r["content"])
    browser.get(f"{base}/statements/{other['id']}/provenance")
    assert "No other document" in browser.find_element(By.ID, "verdict").text
