"""Shared helpers: build a tiny content folder with the real settings, theme and plugins."""

import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from portal import rebuild, site_build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV_SETTINGS = os.path.join(ROOT, "pelicanconf.py")
PUBLISH_SETTINGS = os.path.join(ROOT, "publishconf.py")

# The Content-Security-Policy line of each example server configuration in deploy/.
_CSP_LINES = {
    "nginx": ("nginx.conf", r'add_header Content-Security-Policy "([^"]+)" always;'),
    "apache": ("apache.conf", r'Header always set Content-Security-Policy "([^"]+)"'),
}


def deployed_csp(server: str) -> str:
    """The policy deploy/<server>'s configuration sends with every page."""
    name, pattern = _CSP_LINES[server]
    with open(os.path.join(ROOT, "deploy", name), encoding="utf-8") as handle:
        match = re.search(pattern, handle.read())
    assert match, f"deploy/{name} has no Content-Security-Policy line"
    return match[1]


CHROMIUM = "/usr/bin/chromium"  # Debian's package: Playwright's own download does not work here
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """One chromium for the whole run: Playwright's sync API cannot run twice at once."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/bootstrap` "
                    "(Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def write_files(base, files: dict) -> None:
    """Write {relative path: text or bytes}; text is dedented."""
    for relative, body in files.items():
        path = os.path.join(base, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(body, bytes):
            with open(path, "wb") as handle:
                handle.write(body)
        else:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(textwrap.dedent(body).lstrip("\n"))


class Site:
    """A content folder and an output folder inside a test's temporary directory."""

    def __init__(self, tmp_path):
        self.content = tmp_path / "content"
        self.output = tmp_path / "site" / "output"
        self.content.mkdir()
        (self.content / "documents").mkdir()
        (self.content / "pages").mkdir()
        self.session = rebuild.Session()  # for builds with warm=True, as `invoke serve`'s

    def add(self, files: dict) -> "Site":
        write_files(self.content, files)
        return self

    def build(self, settings=DEV_SETTINGS, keep=True, warm=False, **overrides):
        """A one-off build, or with ``warm`` one of the `invoke serve` session ``self.session``."""
        # No organisation data unless a test gives it (data/organisation.yaml names the
        # example's divisions, which a test's documents need not use).
        overrides = {"PATH": str(self.content), "OUTPUT_PATH": str(self.output),
                     "ORGANISATION_DATA": "", **overrides}
        return site_build.build(settings, overrides=overrides, keep=keep,
                                session=self.session if warm else None)

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path)


# What the staff commands need of this repository, for the `repo` fixture.
COPIED = ("tasks.py", "pelicanconf.py", "publishconf.py", "portal", "theme", "data", "content")


@pytest.fixture
def repo(tmp_path):
    """A copy of this repository's commands, settings, code and content, for `invoke`."""
    for name in COPIED:
        source = os.path.join(ROOT, name)
        if os.path.isdir(source):
            shutil.copytree(source, tmp_path / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


def invoke(repo, *args):
    """Run a staff command (`invoke check`, ...) in `repo`, as staff run it."""
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=repo,
                          capture_output=True, text=True, timeout=300)


def built_then_failed(site, good: dict, files: dict, **overrides):
    """Build a site of the ``good`` files, add ``files``, build again: the
    failed result, after checking that the published site did not change and
    that nothing was left beside it."""
    site.add(good)
    first = site.build(**overrides)
    assert first.ok, first.message
    before = {p.relative_to(site.output): p.read_bytes() if p.is_file() else None
              for p in site.output.rglob("*")}
    site.add(files)
    result = site.build(**overrides)
    assert not result.ok
    assert "Traceback" not in result.message
    after = {p.relative_to(site.output): p.read_bytes() if p.is_file() else None
             for p in site.output.rglob("*")}
    assert after == before, "a failed build changed the published site"
    assert os.listdir(site.output.parent) == ["output"], "a staging folder was left behind"
    return result


def document(**fields) -> str:
    """A Markdown document whose front matter has the given fields (YAML text values)."""
    body = fields.pop("body", "เนื้อหาของเอกสาร")
    lines = ["---"]
    for key, value in fields.items():
        lines.append(f"{key}:{value if value.startswith(chr(10)) else ' ' + value}")
    lines += ["---", "", body, ""]
    return "\n".join(lines)


def announcement(**changes) -> str:
    """A valid announcement; keyword arguments replace or add fields (None removes one)."""
    fields = {
        "title": "ประกาศใช้แผนพัฒนาท้องถิ่น",
        "type": "ประกาศ",
        "slug": "announcement-2568-001",
        "date": "๑๗ กรกฎาคม ๒๕๖๘",
    }
    fields.update(changes)
    return document(**{k: v for k, v in fields.items() if v is not None})
