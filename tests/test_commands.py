"""The staff commands, run as staff run them, on a copy of this repository."""

import os
import subprocess
import sys

import pytest
import yaml
from conftest import announcement, invoke, write_files


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


def test_new_never_guesses_a_date_and_files_by_the_fiscal_year_given(repo):
    run = invoke(repo, "new", "--type", "รายงาน", "--title", "รายงานประจำปี",
                 "--fiscal-year", "๒๕๖๗")
    assert run.returncode == 0, run.stderr
    assert "ยังไม่ได้ใส่วันที่" in run.stdout and "ไม่เดาวันที่" in run.stdout
    text = (repo / "content/documents/2567/report-2567-001.md").read_text(encoding="utf-8")
    assert "\nfiscal_year: 2567\n" in text and "\ndate:" not in text
    assert invoke(repo, "check").returncode == 0
    # Neither: filed under undated/, and a type that needs its date asks for it.
    run = invoke(repo, "new", "--type", "ประกาศ", "--title", "ประกาศไม่ลงวันที่")
    assert run.returncode == 0, run.stderr
    text = (repo / "content/documents/undated/announcement-001.md").read_text(encoding="utf-8")
    assert "\ndate:\n" in text and "\nfiscal_year:" not in text
    # A draft may wait for its date (the preview keeps building); publishing it may not.
    check = invoke(repo, "check")
    assert check.returncode == 0, check.stderr
    assert "content/documents/undated/announcement-001.md" in check.stderr
    assert "ฉบับร่าง: ช่อง date (วันที่ออกเอกสาร) ว่างเปล่า แต่เอกสารประเภทประกาศต้องมี" in check.stderr
    published = repo / "content/documents/undated/announcement-001.md"
    published.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    check = invoke(repo, "check")
    assert check.returncode == 1
    assert "content/documents/undated/announcement-001.md" in check.stderr
    assert "\nช่อง date (วันที่ออกเอกสาร) ว่างเปล่า" in check.stderr or \
        ": ช่อง date (วันที่ออกเอกสาร) ว่างเปล่า" in check.stderr
    run = invoke(repo, "new", "--type", "รายงาน", "--title", "ก", "--fiscal-year", "2567-66")
    assert run.returncode == 2
    assert "ปีงบประมาณ (--fiscal-year): ปีงบประมาณ \"2567-66\" ไม่ถูกต้อง" in run.stderr


def test_new_memo_asks_for_the_memo_fields(repo):
    assert invoke(repo, "new", "--type", "บันทึกข้อความ", "--title", "ขออนุมัติ",
                  "--date", "2025-11-03").returncode == 0
    run = invoke(repo, "check")
    assert run.returncode == 0  # a draft: told, not refused, until it is published
    assert "memo-2569-001.md" in run.stderr
    # The scaffold wrote the lines; they are empty until the staff fill them.
    assert "ช่อง subject (เรื่อง) ว่างเปล่า แต่เอกสารประเภทบันทึกข้อความต้องมี" in run.stderr
    assert "ช่อง addressee (เรียน) ว่างเปล่า แต่เอกสารประเภทบันทึกข้อความต้องมี" in run.stderr
    assert "เขียนค่าต่อท้ายบรรทัดนี้ เช่น subject:" in run.stderr


def test_new_rejects_an_unknown_type_in_thai(repo):
    run = invoke(repo, "new", "--type", "จดหมาย", "--title", "ก")
    assert run.returncode == 2
    assert "ไม่รู้จักประเภทเอกสาร \"จดหมาย\"" in run.stderr


def files_under(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])


def test_new_refuses_a_slug_that_leaves_the_content_folder(repo):
    before = files_under(repo)
    run = invoke(repo, "new", "--type", "ประกาศ", "--title", "ก", "--date", "15/10/2568",
                 "--slug", "../../../x")
    assert run.returncode == 2
    assert ("ชื่อในลิงก์ (--slug): \"../../../x\" ใช้เป็นชื่อในลิงก์ไม่ได้ "
            "(slug may only use a-z, 0-9 and -)") in run.stderr
    assert "Traceback" not in run.stderr
    assert files_under(repo) == before


@pytest.mark.parametrize("title, one_line", [
    # a blank line, as pasted from a PDF
    ("ประกาศ อบต.\n\nเรื่อง นโยบาย No Gift Policy", "ประกาศ อบต. เรื่อง นโยบาย No Gift Policy"),
    # a line that would end the front matter
    ("ประกาศ อบต.\n---\nเรื่อง นโยบาย", "ประกาศ อบต. --- เรื่อง นโยบาย"),
])
def test_new_writes_a_title_with_line_breaks_as_one_line_of_valid_yaml(repo, title, one_line):
    run = invoke(repo, "new", "--type", "ประกาศ", "--title", title, "--date", "15/10/2568")
    assert run.returncode == 0, run.stderr
    fields = front_matter(repo / "content" / "documents" / "2569" / "announcement-2569-001.md")
    assert fields["title"] == one_line
    assert fields["slug"] == "announcement-2569-001"


@pytest.mark.parametrize("title", ["\u200b", " \u200b \ufeff\u2060 "])
def test_new_refuses_a_title_of_invisible_characters_only(repo, title):
    before = files_under(repo)
    run = invoke(repo, "new", "--type", "ประกาศ", "--title", title, "--date", "15/10/2568")
    assert run.returncode == 2
    assert "ชื่อเรื่อง (--title): ว่างเปล่า มีแต่อักขระที่มองไม่เห็น (empty title)" in run.stderr
    assert files_under(repo) == before


def test_new_never_overwrites_a_file_and_says_so_in_thai(repo):
    path = repo / "content" / "documents" / "2569" / "announcement-2569-001.md"
    write_files(repo / "content", {"documents/2569/announcement-2569-001.md": announcement(
        slug="renamed-2569-001")})
    kept = path.read_text(encoding="utf-8")
    run = invoke(repo, "new", "--type", "ประกาศ", "--title", "ก", "--date", "15/10/2568",
                 "--slug", "announcement-2569-001")
    assert run.returncode == 2
    assert ("มีไฟล์ content/documents/2569/announcement-2569-001.md อยู่แล้ว (file exists)"
            in run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    assert path.read_text(encoding="utf-8") == kept


def test_publish_writes_absolute_urls_for_the_given_site_url(repo):
    run = subprocess.run([sys.executable, "-m", "invoke", "publish"], cwd=repo,
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "SITEURL": "https://example.go.th/ita-portal/"})
    assert run.returncode == 0, run.stderr
    home = (repo / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.go.th/ita-portal/theme/css/portal.css"' in home
