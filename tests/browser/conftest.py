"""Browser fixtures: the example site published under a sub-path, served on
127.0.0.1, and Debian's chromium driven by Playwright (never a downloaded browser)."""

import functools
import http.server
import os
import shutil
import threading

import pytest

from portal import site_build

from . import site_content

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUB_PATH = "ita-portal"
SCREENSHOTS = os.path.join(ROOT, "artifacts", "screenshots")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A static server on 127.0.0.1; the site is built after the port is known."""
    root = tmp_path_factory.mktemp("www")
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site_url(server, tmp_path_factory):
    """The real content (pages, documents) plus the browser test documents,
    built with the publish settings at http://127.0.0.1:<port>/ita-portal."""
    root, origin = server
    content = tmp_path_factory.mktemp("content")
    shutil.copytree(os.path.join(ROOT, "content"), content, dirs_exist_ok=True)
    for relative, body in site_content.FILES.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    statistics = tmp_path_factory.mktemp("complaint-statistics")
    for name, text in site_content.COMPLAINT_STATISTICS.items():
        (statistics / name).write_text(text, encoding="utf-8")
    procurement = tmp_path_factory.mktemp("procurement")
    for name, text in site_content.PROCUREMENT.items():
        (procurement / name).write_text(text, encoding="utf-8-sig")
    url = f"{origin}/{SUB_PATH}"
    result = site_build.build(
        os.path.join(ROOT, "publishconf.py"),
        overrides={"PATH": str(content), "OUTPUT_PATH": str(root / SUB_PATH), "SITEURL": url,
                   "COMPLAINT_STATISTICS_DIR": str(statistics),
                   "PROCUREMENT_DIR": str(procurement)},
    )
    assert result.ok, result.message
    return url


class Visit:
    """A fresh browser context that records every request it makes."""

    def __init__(self, browser, width=1280, height=900):
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           locale="th-TH", service_workers="block")
        self.requests = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_context(width=1280, height=900):
        visit = Visit(browser, width, height)
        opened.append(visit)
        return visit

    yield open_context
    for visit in opened:
        visit.close()


@pytest.fixture(scope="session")
def screenshots():
    os.makedirs(SCREENSHOTS, exist_ok=True)
    return SCREENSHOTS
