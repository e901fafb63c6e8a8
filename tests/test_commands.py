"""The staff commands, run as staff run them, on a copy of this repository."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, announcement, write_files

COPIED = ("tasks.py", "pelicanconf.py", "publishconf.py", "plugins", "theme", "data", "content")


@pytest.fixture
def repo(tmp_path):
    for name in COPIED:
        source = os.path.join(ROOT, name)
        if os.path.isdir(source):
            shutil.copytree(source, tmp_path / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / name)
    return tmp_path


def invoke(repo, *args):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=repo,
                          capture_output=True, text=True, timeout=300)


def test_check_passes_on_the_example_content(repo):
    run = invoke(repo, "check")
    assert run.returncode == 0, run.stderr
    assert "ไม่พบข้อผิดพลาด" in run.stdout


def test_check_on_a_broken_document_prints_file_line_and_thai_and_fails(repo):
    write_files(repo / "content", {"documents/2568/ผิด.md": announcement(
        slug="broken-2568-001", date="31 กันยายน 2568")})
    run = invoke(repo, "check")
    assert run.returncode == 1
    assert "content/documents/2568/ผิด.md:5: ช่อง date (วันที่ออกเอกสาร): " \
           "วันที่ 31 กันยายน 2568 ไม่มีจริงในปฏิทิน" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert not (repo / "output").exists()


def test_build_keeps_the_previous_site_when_content_breaks(repo):
    assert invoke(repo, "build").returncode == 0
    home = (repo / "output" / "index.html").read_text(encoding="utf-8")
    write_files(repo / "content", {"documents/x.md": announcement(type="ประกาศศ")})
    run = invoke(repo, "build")
    assert run.returncode == 1
    assert "ไม่รู้จักประเภทเอกสาร" in run.stderr
    assert (repo / "output" / "index.html").read_text(encoding="utf-8") == home


@pytest.mark.parametrize("doc_type, folder", [("ประกาศ", "documents/2569"), ("page", "pages")])
def test_new_scaffolds_a_document_that_passes_check(repo, doc_type, folder):
    run = invoke(repo, "new", "--type", doc_type, "--title", "ประกาศเจตนารมณ์ No Gift Policy",
                 "--date", "15/10/2568")
    assert run.returncode == 0, run.stderr
    slug = "announcement-2569-001" if doc_type == "ประกาศ" else "page-2569-001"
    path = repo / "content" / folder / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "ประกาศเจตนารมณ์ No Gift Policy"' in text
    assert f"slug: {slug}" in text
    assert "date: 15 ตุลาคม 2568" in text
    assert "# ส่วนราชการ / กอง (ไม่บังคับ)" in text  # optional fields come with their help
    assert invoke(repo, "check").returncode == 0
    again = invoke(repo, "new", "--type", doc_type, "--title", "ฉบับที่สอง", "--date", "15/10/2568")
    assert again.returncode == 0
    assert (repo / "content" / folder / f"{slug[:-1]}2.md").exists()


def test_new_memo_asks_for_the_memo_fields(repo):
    assert invoke(repo, "new", "--type", "บันทึกข้อความ", "--title", "ขออนุมัติ",
                  "--date", "2025-11-03").returncode == 0
    run = invoke(repo, "check")
    assert run.returncode == 1
    assert "memo-2569-001.md" in run.stderr
    # The scaffold wrote the lines; they are empty until the staff fill them.
    assert "ช่อง subject (เรื่อง) ว่างเปล่า แต่เอกสารประเภทบันทึกข้อความต้องมี" in run.stderr
    assert "ช่อง addressee (เรียน) ว่างเปล่า แต่เอกสารประเภทบันทึกข้อความต้องมี" in run.stderr
    assert "เขียนค่าต่อท้ายบรรทัดนี้ เช่น subject:" in run.stderr


def test_new_rejects_an_unknown_type_in_thai(repo):
    run = invoke(repo, "new", "--type", "จดหมาย", "--title", "ก")
    assert run.returncode == 2
    assert "ไม่รู้จักประเภทเอกสาร \"จดหมาย\"" in run.stderr


def test_publish_writes_absolute_urls_for_the_given_site_url(repo):
    run = subprocess.run([sys.executable, "-m", "invoke", "publish"], cwd=repo,
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "SITEURL": "https://example.go.th/ita-portal/"})
    assert run.returncode == 0, run.stderr
    home = (repo / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.go.th/ita-portal/theme/css/portal.css"' in home
