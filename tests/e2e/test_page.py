"""End-to-end: the web page served by the real API, driven in headless Chromium (Debian's ``chromium`` and
``chromium-driver`` packages, through Selenium; no browser is downloaded).

The module builds a graph from the committed samples (``rskg demo --data-dir DIR --no-screen``), creates a
screening key (``rskg keys create``), starts the API with uvicorn on a free loopback port, then: types
'Harbin Engineering University', is asked for the key (the API answers 401 without one), gives it, screens,
sees the verdicts, and reads the cytoscape picture through ``window.__rskgGraph``: the organisation (ringed as
the subject) and its listed links (coloured by legal effect). A second test uploads a CSV to the batch form.

Set ``RSKG_E2E_DATA_DIR`` to a folder already holding the demo graph to skip the ~90 s build.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "api" / "static" / "index.html"
SUBJECT = "Harbin Engineering University"
SUBJECT_IRI = "https://ror.org/03x80pn82"
# The page's colours by legal effect (web/src/labels.ts), as cytoscape reports them.
EFFECT_RGB = {
    "binding_restriction": "rgb(198,40,40)",
    "policy_exclusion": "rgb(239,108,0)",
    "advisory": "rgb(249,168,37)",
    "informational": "rgb(117,117,117)",
    "none": "rgb(30,136,229)",
}
WAIT_S = 60

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium chromium-driver)",
    ),
    pytest.mark.skipif(
        not CHROMEDRIVER.exists(),
        reason="needs Debian's chromedriver at /usr/bin/chromedriver (apt-get install -y chromium-driver)",
    ),
    pytest.mark.skipif(not STATIC.exists(), reason="the page is not built (cd web && npm ci && npm run build)"),
]

webdriver = pytest.importorskip("selenium.webdriver", reason="needs the selenium package (pip install selenium)")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _rskg(*args: str, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from rskg.cli import main; main()", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the API exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as res:  # noqa: S310 (loopback)
                if res.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    pytest.fail(f"the API did not answer /health within {WAIT_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("RSKG_E2E_DATA_DIR")
    if given and (Path(given) / "graph.lbdb").exists():
        return Path(given)
    folder = tmp_path_factory.mktemp("rskg-e2e")
    _rskg("demo", "--data-dir", str(folder), "--no-screen", env={**os.environ, "RSKG_DATA_DIR": str(folder)})
    return folder


@pytest.fixture(scope="module")
def api(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    env = {**os.environ, "RSKG_DATA_DIR": str(data_dir)}
    created = _rskg("keys", "create", "--role", "screening", "--name", "e2e-browser-test", env=env)
    found = re.search(r"\brskg_[A-Za-z0-9_-]{20,}", created.stdout + created.stderr)
    assert found, f"no token in the output of `rskg keys create`: {created.stdout!r}"
    port = _free_port()
    log = tmp_path_factory.mktemp("api-log") / "uvicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.app:create_app",
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield {"url": url, "key": found.group(0)}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)))
    driver.set_script_timeout(WAIT_S)
    try:
        yield driver
    finally:
        shots = os.environ.get("RSKG_E2E_SCREENSHOTS")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            test = os.environ.get("PYTEST_CURRENT_TEST", "page").split(":")[-1].split(" ")[0]
            driver.save_screenshot(str(Path(shots) / f"{test}.png"))
        driver.quit()


def _give_key(driver: Any, wait: WebDriverWait[Any], key: str) -> None:
    """Without a key the API answers 401 and the page shows its key field."""
    panel = wait.until(ec.visibility_of_element_located((By.ID, "key-panel")))
    panel.find_element(By.ID, "key-input").send_keys(key)
    panel.find_element(By.CSS_SELECTOR, "#key-form button[type=submit]").click()
    wait.until(ec.invisibility_of_element_located((By.ID, "key-panel")))


def test_search_shows_verdicts_and_picture(api: dict[str, str], browser: Any) -> None:
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(api["url"] + "/")
    box = wait.until(ec.element_to_be_clickable((By.ID, "q")))
    box.send_keys(SUBJECT)
    _give_key(browser, wait, api["key"])  # asked for by the suggestions call

    # Suggestions (GET /resolve, debounced) name the organisation.
    wait.until(lambda d: any(SUBJECT in li.text for li in d.find_elements(By.CSS_SELECTOR, "#suggestions li")))
    browser.find_element(By.ID, "q").send_keys(Keys.ENTER)  # submits the typed text (no suggestion chosen)

    # The report: a summary naming the organisation, then one verdict row per policy.
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#verdicts tr.verdict-row")))
    assert SUBJECT in browser.find_element(By.ID, "summary-h").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#verdicts tr.verdict-row")
    verdicts = {r.get_attribute("data-profile"): r.get_attribute("data-verdict") for r in rows}
    assert len(rows) >= 1, "no verdict rows"
    assert all(v for v in verdicts.values()), verdicts
    assert any(v != "clear" for v in verdicts.values()), f"a listed university screened all clear: {verdicts}"
    assert browser.find_elements(By.CSS_SELECTOR, "#listings tr.listing-row"), "no direct listing shown"
    assert browser.find_elements(By.CSS_SELECTOR, "#coverage tr.coverage-row"), "no coverage shown"

    # The picture: cytoscape's own state, read through the page's hook.
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#graph[data-ready='true']")))
    nodes = browser.execute_script(
        "return window.__rskgGraph.nodes().map(n => Object.assign({}, n.data(), "
        "{bg: n.style('background-color'), border: n.style('border-width')}))"
    )
    edges = browser.execute_script("return window.__rskgGraph.edges().map(e => e.data())")
    subject = [n for n in nodes if n["subject"]]
    assert len(subject) == 1, nodes
    assert subject[0]["id"] == SUBJECT_IRI
    assert subject[0]["name"] == SUBJECT
    listed = [n for n in nodes if n["effect"] != "none"]
    assert listed, f"no listed node in the picture: {nodes}"
    for n in listed:
        assert n["bg"].replace(" ", "") == EFFECT_RGB[n["effect"]], n
    assert any(n["effect"] == "binding_restriction" for n in listed), [n["effect"] for n in listed]
    linked = {e["source"] for e in edges} | {e["target"] for e in edges}
    assert any(n["id"] in linked for n in listed)
    assert all(" · " in e["label"] for e in edges), edges


def test_batch_upload_gives_a_download(api: dict[str, str], browser: Any, tmp_path: Path) -> None:
    wait = WebDriverWait(browser, WAIT_S)
    csv_file = tmp_path / "partners.csv"
    csv_file.write_text(f"name\n{SUBJECT}\nUniversity of Amsterdam\n", encoding="utf-8")
    browser.get(api["url"] + "/")
    browser.execute_script("sessionStorage.setItem('rskg.apiKey', arguments[0])", api["key"])
    browser.find_element(By.ID, "batch-file").send_keys(str(csv_file))
    browser.find_element(By.CSS_SELECTOR, "#batch-form button[type=submit]").click()
    link = wait.until(ec.presence_of_element_located((By.ID, "batch-download")))
    assert (link.get_attribute("href") or "").startswith("blob:")
    assert (link.get_attribute("download") or "").endswith(".csv")
    table = browser.find_element(By.ID, "batch-table").text
    assert SUBJECT in table
    assert "University of Amsterdam" in table
    assert "restricted" in table


def test_a_clear_verdict_beside_binding_listings_says_so(api: dict[str, str], browser: Any) -> None:
    """Hytera is on the FCC Covered List and under NDAA s. 889, which no policy profile counts: the verdict is
    clear, and the summary says that clear does not mean "not listed" (as `rskg screen` does)."""
    wait = WebDriverWait(browser, WAIT_S)
    browser.get(api["url"] + "/#q=" + urllib.parse.quote("Hytera Communications Corporation"))
    _give_key(browser, wait, api["key"])
    note = wait.until(ec.visibility_of_element_located((By.ID, "uncounted")))
    assert "2 direct listings in force" in note.text
    assert "FCC Covered List" in note.text
    badge = browser.find_element(By.CSS_SELECTOR, "#summary .badge")
    assert badge.get_attribute("data-verdict") == "clear"
