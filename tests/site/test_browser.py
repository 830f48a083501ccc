"""The report in a real headless Chromium, opened from file:// with the network cut off.

Runs wherever Debian's chromium is installed (CI installs it); elsewhere it is skipped, except
under CI=true, where a missing browser is a failure rather than a silent skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "vault-example"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI needs Debian's chromium for the browser tests (.ci/run installs it)")
    pytest.skip("chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    out = tmp_path_factory.mktemp("site")
    result = run_cli("report", "-o", str(out), vault=EXAMPLE, today="2026-11-23")
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, site):
    """Open a page of the site; every request that is not file:// fails and is recorded."""
    contexts, outside, errors = [], [], []

    def open_(name: str, scheme: str = "light"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        contexts.append(context)

        def guard(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / name).as_uri())
        return page

    yield open_
    for context in contexts:
        context.close()
    assert outside == [], f"requests left file://: {outside}"
    assert errors == [], f"console errors: {errors}"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_week_page_shows_the_plan(open_page) -> None:
    page = open_page("index.html")
    names = page.locator("#due .name > a").all_inner_texts()
    assert names == ["Ana Costa", "Rosa Alvarez", "Jonas Berg", "Elena Rossi", "Mia Johansson"]
    assert "birthday (38) on Friday" in page.inner_text("#due")
    assert "waiting on you since 2026-11-19" in page.inner_text("#due")  # Rosa's message
    page.click("#due .more a")
    page.wait_for_load_state()  # the page's script ticks the box once it has run
    assert page.url.endswith("people.html#due")
    sync_api.expect(page.locator("#due-only")).to_be_checked()
    page.go_back()
    assert page.locator("#activity rect.bar").count() == 26
    _shot(page, "index.png")


def test_people_search_sort_and_tag_filter(open_page) -> None:
    page = open_page("people.html", scheme="dark")
    rows = page.locator("#people tbody tr")
    assert rows.count() == 30
    page.fill("#search", "westbrook")
    visible = page.locator("#people tbody tr:not([hidden]) td.name").all_inner_texts()
    assert visible == [
        "Dr. Helen Brooks",
        "Tomás Peres",
        "Uma Patel",
        "Victor Nguyen",
        "Wen Zhao",
        "Yara Haddad",
    ]
    assert page.inner_text("#count") == "6 of 30"
    for query in ("tomas", "TOMÁS", "tomás peres", "peres, tomas"):  # accents, case, order
        page.fill("#search", query)
        shown = page.locator("#people tbody tr:not([hidden]) td.name").all_inner_texts()
        assert shown == ["Tomás Peres"], query
    page.fill("#search", "chloe")
    assert page.locator("#people tbody tr:not([hidden]) td.name").all_inner_texts() == [
        "Chloé Martin"
    ]
    page.fill("#search", "zzzz nobody")
    assert page.is_visible("#nobody")
    page.fill("#search", "")
    page.select_option("#tag", "globex")
    assert page.locator("#people tbody tr:not([hidden])").count() == 7
    page.select_option("#tag", "")
    page.click("th[data-key=last] button")
    first = page.locator("#people tbody tr td.name").first.inner_text()
    assert first == "Farid Haddad"  # oldest last contact first
    _shot(page, "people.png")


def test_person_page_shows_the_timeline(open_page) -> None:
    page = open_page("people/ana-costa.html")
    items = page.locator("#timeline li").all_inner_texts()
    assert items[0].startswith("2026-08-20") and "hiring two seniors" in items[0]
    assert len(items) == 2
    assert page.get_attribute("a.button", "href").startswith("obsidian://open?vault=")
    draft = page.inner_text("#write pre.draft")
    assert draft.startswith("Subject: Happy early birthday, Ana!")  # on Monday, for Friday
    assert "Happy early birthday!" in draft
    assert page.get_attribute("#write a.write", "href").startswith("mailto:ana.costa@")
    _shot(page, "person.png")


def test_links_between_pages_work(open_page) -> None:
    page = open_page("index.html")
    page.click("#due a:text('Elena Rossi')")
    page.wait_for_load_state()
    assert page.url.endswith("/people/elena-rossi.html")
    assert "Umbrella Health" in page.inner_text("h1 + p")
    page.click("nav a:text('Problems')")
    page.wait_for_load_state()
    assert "No problems" in page.inner_text("main")


def _overlapping_labels(page) -> list[tuple[str, str]]:
    boxes = page.eval_on_selector_all(
        "svg.network .node text",
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom, e.textContent]; })",
    )
    return [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def test_network_page_labels_do_not_overlap(open_page) -> None:
    page = open_page("network.html")
    assert page.locator("svg.network .node").count() == 30
    assert _overlapping_labels(page) == []
    mine = page.locator("svg.network text.mine").all_text_contents()
    assert "you were there 2014–2017" in mine  # Initech, my years
    assert page.locator("svg.network path.tie").count() >= 5
    page.click("svg.network a:has(text:text('Yara Haddad'))")
    page.wait_for_load_state()
    assert page.url.endswith("/people/yara-haddad.html")
    assert "Yara Haddad knows Farid Haddad" in page.inner_text("#connections")
    _shot(open_page("network.html", "dark"), "network.png")


def test_network_page_at_300_people(browser, tmp_path: Path) -> None:
    import sys

    from conftest import run_cli

    sys.path.insert(0, str(EXAMPLE.parent / "bench"))
    from generate import generate

    vault = tmp_path / "vault"
    generate(vault, 300)
    result = run_cli("report", "-o", str(tmp_path / "site"), vault=vault)
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((tmp_path / "site" / "network.html").as_uri())
    assert page.locator("svg.network .node").count() == 300
    assert _overlapping_labels(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "network-300.png"), full_page=True)
    page.close()
