"""The browser editor as a clerk uses it: `invoke edit` in a copy of this repository, the
Thai editor at /admin/ in Debian's chromium, a ประกาศ created with an attachment and
published, then found committed in git, accepted by `invoke check` and shown by the
preview; an impossible date refused with the check's Thai message. No request may leave
127.0.0.1."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from fpdf import FPDF

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COPIED = ("tasks.py", "pelicanconf.py", "publishconf.py", "portal", "theme", "data", "content",
          ".gitignore", "package.json", "package-lock.json")
SLUG = "announcement-2569-050"
TITLE = "ประกาศเจตนารมณ์การป้องกันการทุจริต ประจำปีงบประมาณ ๒๕๖๙"


def _git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def _free_port() -> int:
    """A port whose +81 and +82 (decap-server, check server) are free too."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + 82 < 65536 and all(_free(port + offset) for offset in (81, 82)):
            return port
    raise RuntimeError("no free ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """`invoke edit` running in a git repository made of this one's files."""
    if not os.path.isdir(os.path.join(ROOT, "node_modules", "decap-server")):
        pytest.fail("node_modules is missing: run `bash scripts/bootstrap`")
    repo = tmp_path_factory.mktemp("repo")
    for name in COPIED:
        source = os.path.join(ROOT, name)
        if os.path.isdir(source):
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / name)
    os.symlink(os.path.join(ROOT, "node_modules"), repo / "node_modules")
    _git(repo, "init", "-q", "-b", "main")
    (repo / ".git" / "info" / "exclude").write_text("node_modules\n", encoding="utf-8")
    _git(repo, "-c", "user.name=ทดสอบ", "-c", "user.email=test@example.org", "add", ".")
    _git(repo, "-c", "user.name=ทดสอบ", "-c", "user.email=test@example.org", "commit", "-qm",
         "เริ่มต้น")
    _git(repo, "config", "user.name", "เจ้าหน้าที่ธุรการ")
    _git(repo, "config", "user.email", "clerk@example.org")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("log") / "edit.log"  # outside: every save commits all
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "invoke", "edit", "--port", str(port)],
                               cwd=repo, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait(lambda: _status(base + "/admin/") == 200 or process.poll() is not None, 120)
    if process.poll() is not None:
        pytest.fail("invoke edit stopped:\n" + log_path.read_text(encoding="utf-8"))
    yield repo, base
    process.terminate()  # invoke edit stops decap-server on SIGTERM
    process.wait(timeout=20)
    log.close()
    assert _wait(lambda: _status(f"http://127.0.0.1:{port + 81}/api/v1") == 0, 10), \
        "decap-server outlived invoke edit"


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def page(browser, editor):
    _repo, base = editor
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.outside = []
    page.on("request", lambda request: page.outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:")) else None)
    page.goto(base + "/admin/#/collections/announcement/new")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.get_by_label("ชื่อเรื่อง").wait_for(timeout=30000)
    yield page
    context.close()


def _fill_announcement(page, date: str) -> None:
    page.get_by_label("ชื่อเรื่อง").fill(TITLE)
    page.get_by_label("ชื่อในลิงก์").fill(SLUG)
    page.get_by_label("วันที่ออกเอกสาร").fill(date)
    page.get_by_label("ปีงบประมาณ").fill("2569")
    page.get_by_label("ส่วนราชการ / กอง (ทางเลือก)").fill("สำนักปลัด")


def _publish(page) -> None:
    page.get_by_role("button", name="เผยแพร่", exact=True).click()
    page.get_by_role("menuitem", name="เผยแพร่ตอนนี้").click()


def test_editor_is_in_thai_and_fetches_nothing_from_elsewhere(page):
    assert page.get_by_label("ชื่อเรื่อง").is_visible()
    assert page.get_by_role("button", name="เผยแพร่", exact=True).is_visible()
    assert page.outside == []


def test_an_impossible_date_is_refused_with_the_checks_thai_message(page, editor):
    repo, _base = editor
    before = _git(repo, "rev-parse", "HEAD")
    _fill_announcement(page, "31 กุมภาพันธ์ 2569")
    _publish(page)
    toast = page.get_by_text("ไม่มีจริงในปฏิทิน", exact=False)
    toast.wait_for(timeout=15000)
    assert "ช่อง date (วันที่ออกเอกสาร): วันที่ 31 กุมภาพันธ์ 2569 ไม่มีจริงในปฏิทิน" in \
        toast.inner_text()
    assert _git(repo, "rev-parse", "HEAD") == before  # nothing committed
    assert not (repo / "content" / "documents" / "2569" / SLUG).exists()
    assert page.outside == []


def test_a_clerk_creates_and_publishes_an_announcement_with_an_attachment(page, editor,
                                                                          tmp_path):
    repo, base = editor
    scan = tmp_path / "ประกาศ-ลงนาม.pdf"
    signed = FPDF()
    signed.add_page()
    signed.output(str(scan))
    _fill_announcement(page, "15 ตุลาคม 2568")
    page.get_by_role("button", name="เพิ่ม ไฟล์แนบ").click()
    page.get_by_role("button", name="เลือกไฟล์").click()
    page.locator("input[type=file]").set_input_files(str(scan))
    page.get_by_role("button", name="เลือกข้อมูลที่ถูกเลือก").click()
    page.get_by_label("คำอธิบายไฟล์").fill("ฉบับสแกนที่ลงนามแล้ว")
    page.get_by_label("สถานะ (ทางเลือก)").click()  # Decap's select: a list opens below
    page.get_by_text("เผยแพร่", exact=True).last.click()
    page.locator("[contenteditable=true]").last.click()
    page.keyboard.type("องค์การบริหารส่วนตำบลตัวอย่างขอประกาศเจตนารมณ์การป้องกันการทุจริต")
    _publish(page)

    document = repo / "content" / "documents" / "2569" / SLUG / f"{SLUG}.md"
    assert _wait(lambda: document.exists() and "ประกาศ" in _git(repo, "log", "-1", "--format=%s"),
                 30)
    committed = _git(repo, "-c", "core.quotepath=off", "show", "--name-only",
                     "--format=%an: %s", "HEAD").split("\n")
    assert committed[0].startswith("เจ้าหน้าที่ธุรการ: Create ประกาศ")
    assert sorted(line for line in committed[1:] if line) == sorted([
        f"content/documents/2569/{SLUG}/{SLUG}.md", f"content/documents/2569/{SLUG}/{scan.name}"])
    assert (document.parent / scan.name).exists()
    text = document.read_text(encoding="utf-8")
    for line in (f"title: {TITLE}", "type: ประกาศ", f"slug: {SLUG}", "date: 15 ตุลาคม 2568",
                 "division: สำนักปลัด", f"  - file: {scan.name}",
                 "    title: ฉบับสแกนที่ลงนามแล้ว"):
        assert line in text.split("\n"), line
    assert "organisation" not in text  # a field left empty is not written
    check = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=repo,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "status: published" in text.split("\n")
    # The preview shows the document once serve has rebuilt.
    url = f"{base}/documents/{SLUG}/"
    assert _wait(lambda: _status(url) == 200, 60), url
    with urllib.request.urlopen(url) as response:
        shown = response.read().decode("utf-8")
    assert f"<h1>{TITLE}</h1>" in shown
    assert f'href="{scan.name}"' in shown
    assert page.outside == []
