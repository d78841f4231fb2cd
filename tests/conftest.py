"""Shared fixtures: in-memory, file and PostgreSQL stores, and the sample workshop.

PostgreSQL and browser tests skip when their server or browser is missing, except when
`KIT_REQUIRE_POSTGRES=1` / `KIT_REQUIRE_BROWSER=1` (set by `.ci/run`): then a missing part
fails the run instead of hiding behind a skip.
"""

from __future__ import annotations

import os
import secrets
import shutil

import pytest

import kit
from kit import config, serve

from helpers import SAMPLE, require_or_skip


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """No test touches the user's default store."""
    monkeypatch.setenv("KIT_HOME", str(tmp_path_factory.mktemp("kit-home")))
    monkeypatch.delenv("KIT_DATABASE_URL", raising=False)


@pytest.fixture
def store():
    """A private in-memory store."""
    s = kit.open_store("sqlite://")
    yield s
    s.close()


@pytest.fixture(scope="session")
def postgres_admin_url() -> str | None:
    return os.environ.get("KIT_TEST_POSTGRES_URL")


def _new_pg_database(admin_url: str) -> str:
    import psycopg

    name = "kit_test_" + secrets.token_hex(4)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return admin_url.rsplit("/", 1)[0] + "/" + name


def _drop_pg_database(admin_url: str, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(postgres_admin_url):
    """The URL of a fresh, empty PostgreSQL database, dropped afterwards."""
    if not postgres_admin_url:
        require_or_skip("KIT_REQUIRE_POSTGRES", "KIT_TEST_POSTGRES_URL is not set")
    try:
        url = _new_pg_database(postgres_admin_url)
    except Exception as exc:  # noqa: BLE001
        require_or_skip("KIT_REQUIRE_POSTGRES", f"PostgreSQL unreachable: {exc}")
    yield url
    _drop_pg_database(postgres_admin_url, url)


@pytest.fixture(params=["sqlite-memory", "sqlite-file", "postgres"])
def any_store(request, tmp_path):
    """The same test on every kind of store the kit supports."""
    if request.param == "sqlite-memory":
        s = kit.open_store("sqlite://")
    elif request.param == "sqlite-file":
        s = kit.open_store(f"sqlite:///{tmp_path / 'kit.sqlite'}")
    else:
        s = kit.open_store(request.getfixturevalue("pg_url"))
    yield s
    s.close()


@pytest.fixture
def sample(store):
    """The sample workshop, imported into the in-memory store (with facilitator rights)."""
    return kit.import_workshop(SAMPLE, store)


# -- real browsers and servers (the browser tests' fixtures) -------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        require_or_skip("KIT_REQUIRE_BROWSER", f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_or_skip("KIT_REQUIRE_BROWSER", "playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    url = f"sqlite:///{tmp / 'kit.sqlite'}"
    kit.open_store(url)  # migrate before the kernels start
    port, fport = serve.free_port(), serve.free_port()
    public = f"http://127.0.0.1:{port}/"
    procs = serve.start("127.0.0.1", port, "127.0.0.1", fport, url, public, 0.3, 60,
                        preheat=config.get("preheat"), log_dir=tmp)
    yield {"url": url, "public": public, "facilitator": f"http://127.0.0.1:{fport}/",
           "port": port, "logs": tmp,
           # the servers' private run folder (its throttle file: waits after wrong codes)
           "run": serve._RUN_DIRS.get(procs[0].pid)}
    serve.stop(procs)


@pytest.fixture(scope="module")
def shots(tmp_path_factory, request):
    """Where a browser test saves its screenshots: `KIT_SCREENS_DIR` (to look at them), else
    a temporary folder named after the test module."""
    from pathlib import Path

    where = os.environ.get("KIT_SCREENS_DIR")
    folder = Path(where) if where else tmp_path_factory.mktemp(request.module.__name__)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


# -- what a failed browser test leaves to read -----------------------------------------------
# A browser test that fails on a loaded CI machine is read from its output alone: the pages
# still open (address and text), and the tail of each server's log, where a kernel's
# traceback or a dropped websocket shows.
LOG_LINES = 40
PAGE_CHARS = 1500


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    browser, server = funcargs.get("browser"), funcargs.get("server")
    if browser is not None:
        report.sections.append(("open pages", _pages_seen(browser, server)))
    if isinstance(server, dict) and server.get("logs") is not None:
        report.sections.append(("server logs", _log_tails(server["logs"])))


def _pages_seen(browser, server) -> str:
    out = []
    try:
        pages = [page for context in browser.contexts for page in context.pages]
    except Exception as exc:  # noqa: BLE001 - the browser itself may be what failed
        return f"(no pages: {exc})"
    for n, page in enumerate(pages):
        try:
            text = page.inner_text("body", timeout=5000)
        except Exception as exc:  # noqa: BLE001 - a hung page says so
            text = f"(no text: {exc})"
        text = " ".join(text.split())[:PAGE_CHARS]
        out.append(f"page {n}: {page.url}\n  {text}")
        if isinstance(server, dict) and server.get("logs") is not None:
            try:
                page.screenshot(path=str(server["logs"] / f"failed-page-{n}.png"), timeout=5000)
            except Exception:  # noqa: BLE001
                pass
    return "\n".join(out) or "(none)"


def _log_tails(folder) -> str:
    out = []
    for log in sorted(folder.glob("voila-*.log")):
        lines = log.read_text("utf-8", "replace").splitlines()
        kept = [x for x in lines if not any(n in x for n in serve._NOISE)]
        out.append(f"== {log.name} ({len(lines)} lines), last {LOG_LINES}:")
        out += kept[-LOG_LINES:]
    return "\n".join(out) or "(no logs)"
