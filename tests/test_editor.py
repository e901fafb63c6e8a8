"""The editor's configuration agrees with the document schema, /admin/ is published only
with a backend, and the check the editor runs before a save says what the build says."""

import json
import os

import pytest
from conftest import ROOT

from portal import ita_catalog
from portal.editor import check, config
from portal.front_matter.schema import DOCUMENT_TYPES, FIELDS, TYPES_BY_NAME

CATALOGS = ita_catalog.load_catalogs(os.path.join(ROOT, "data", "ita"))
GITHUB = {"name": "github", "repo": "abt-example/website", "branch": "main",
          "base_url": "https://oauth.example.go.th"}


def made(backend=GITHUB, divisions=("กองคลัง", "สำนักปลัด")):
    return config.decap_config(backend, CATALOGS, list(divisions))


def test_every_type_is_a_collection_with_every_field_of_the_schema():
    collections = made()["collections"]
    assert [c["label"] for c in collections] == [t.label for t in DOCUMENT_TYPES]
    for collection, doc_type in zip(collections, DOCUMENT_TYPES, strict=True):
        fields = {f["name"]: f for f in collection["fields"]}
        assert list(fields) == [f.key for f in FIELDS] + ["body"]
        for field in FIELDS:
            shown = fields[field.key]
            assert shown["label"] == field.label
            assert shown["hint"].startswith(field.help)
            if field.key != "fiscal_year":
                assert shown["required"] == field.required_for(doc_type), (doc_type, field)
        assert collection["filter"] == {"field": "type", "value": doc_type.label}
        assert fields["type"] == {**fields["type"], "widget": "hidden", "default": doc_type.label}


def test_every_form_of_the_schema_has_a_widget():
    forms = {field.form for field in FIELDS} - {"records", "ita"}
    assert forms <= set(config.WIDGETS)
    parts = {part.form for field in FIELDS for part in field.parts}
    assert parts <= {"text", "date", "file"}


def test_record_lists_take_their_parts_from_the_schema():
    fields = {f["name"]: f for f in made()["collections"][0]["fields"]}
    signatories = fields["signatories"]
    assert signatories["widget"] == "list"
    assert [(p["name"], p["label"], p["required"]) for p in signatories["fields"]] == [
        ("name", "ชื่อ", True), ("position", "ตำแหน่ง", True),
        ("acting_for", "การปฏิบัติหน้าที่แทน (ถ้ามี)", False)]
    attachment = {p["name"]: p for p in fields["attachments"]["fields"]}
    # Files picked in the form are stored beside the document.
    assert attachment["file"]["widget"] == "file" and attachment["file"]["media_folder"] == ""


def test_ita_choices_are_the_items_of_each_years_catalog():
    ita = {f["name"]: f for f in made()["collections"][0]["fields"]}["ita"]
    years = {choice["name"]: choice for choice in ita["fields"]}
    assert set(years) == {str(year) for year in CATALOGS}
    options = years["2569"]["options"]
    assert [o["value"] for o in options] == list(CATALOGS[2569].items)
    assert options[0]["label"] == "O1 โครงสร้าง หน้าที่และอำนาจ"


def test_new_documents_go_where_invoke_new_files_them():
    by_name = {c["name"]: c for c in made()["collections"]}
    assert by_name["announcement"]["folder"] == "content/documents"
    # Decap turns "." into "-" in a path template, so the field is named without "fields.".
    assert by_name["announcement"]["path"] == "{{fiscal_year}}/{{slug}}/{{slug}}"
    assert by_name["manual"]["path"] == "standing/{{slug}}/{{slug}}"
    assert by_name["page"]["folder"] == "content/pages"
    assert by_name["announcement"]["slug"] == "{{fields.slug}}"
    fields = {f["name"]: f for f in by_name["report"]["fields"]}
    assert fields["fiscal_year"]["required"] is True  # it names the folder
    assert "ที่ใช้อยู่: กองคลัง, สำนักปลัด" in fields["division"]["hint"]


def test_the_editor_is_thai_and_its_backend_as_configured():
    made_config = made()
    assert made_config["locale"] == "th"
    assert made_config["backend"] == GITHUB


@pytest.mark.parametrize(("backend", "problem"), [
    (GITHUB, ""),
    ({"name": "gitlab", "repo": "group/site"}, ""),
    ({"name": "gitea", "repo": "org/site", "base_url": "https://git.example.go.th"}, ""),
    ({"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1"}, ""),
    ({"name": "gitea", "repo": "org/site"}, "gitea ต้องมี base_url ที่ขึ้นต้นด้วย https://"),
    ({"name": "github", "repo": "website"}, "ต้องมี repo แบบ เจ้าของ/ชื่อ"),
    ({"name": "github", "repo": "a/b"}, "github ต้องมี base_url ของตัวกลางเข้าสู่ระบบ (OAuth)"),
    ({"name": "bitbucket", "repo": "a/b"}, "ชื่อ backend ต้องเป็น github, gitlab, gitea, proxy"),
])
def test_backends_an_organisation_can_use(backend, problem):
    found = config.backend_problem(backend)
    assert found.startswith(problem) and bool(found) == bool(problem)


def test_no_admin_without_a_backend(site):
    assert site.build().ok
    assert not (site.output / "admin").exists()


def test_admin_published_with_the_backend_and_decaps_own_files(site):
    result = site.build(EDITOR_BACKEND=GITHUB)
    assert result.ok, result.message
    admin = site.output / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="th">' in page and '<script src="decap-cms.js"></script>' in page
    assert "http" not in page  # nothing from another host
    script = (admin / "config.js").read_text(encoding="utf-8")
    assert script.startswith("window.CMS_MANUAL_INIT = true;\nwindow.PORTAL_EDITOR_CONFIG = ")
    made_config = json.loads(script.split("= ", 2)[2].rstrip(";\n"))
    assert made_config["backend"] == GITHUB
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert (admin / "editor.js").exists()


def test_a_wrong_backend_setting_fails_the_build_in_thai(site):
    result = site.build(EDITOR_BACKEND={"name": "github", "repo": "website"})
    assert not result.ok
    assert "EDITOR_BACKEND" in result.message
    assert "ที่เก็บเนื้อหาของหน้าแก้ไข /admin/" in result.message


def test_check_before_save_says_what_the_build_says(tmp_path):
    folder = tmp_path / "content" / "documents" / "2569" / "announcement-2569-050"
    data = {"title": "ประกาศ", "type": "ประกาศ", "slug": "announcement-2569-050",
            "date": "31 กุมภาพันธ์ 2569", "fiscal_year": "2569", "status": "published"}
    problems = check.check_entry(data, str(folder), str(tmp_path / "content"), lambda: CATALOGS)
    assert problems == [
        "ช่อง date (วันที่ออกเอกสาร): วันที่ 31 กุมภาพันธ์ 2569 ไม่มีจริงในปฏิทิน (impossible date) "
        "(เขียนวันที่แบบ ๑๖ พฤษภาคม ๒๕๖๘, 16 พ.ค. 2568, 16/05/2568 หรือ 2025-05-16 "
        "ถ้าต้นฉบับระบุแค่เดือนและปี เขียน ตุลาคม 2560 (ห้ามเดาวันที่))"]
    data["date"] = "15 ตุลาคม 2568"
    data["attachments"] = [{"file": "ลงนาม.pdf", "title": "ฉบับลงนาม"}]
    # The attachment is uploaded in the same save: not on disk yet, not missing.
    assert check.check_entry(data, str(folder), str(tmp_path / "content"), lambda: CATALOGS,
                             frozenset({"ลงนาม.pdf"})) == []
    problems = check.check_entry(data, str(folder), str(tmp_path / "content"), lambda: CATALOGS)
    assert problems and problems[0].startswith("ช่อง attachments (ไฟล์แนบ): ไม่พบไฟล์แนบ \"ลงนาม.pdf\"")
    assert TYPES_BY_NAME["ประกาศ"].requires == ("date",)


def test_a_draft_without_its_date_may_be_saved():
    data = {"title": "ประกาศ", "type": "ประกาศ", "slug": "announcement-2569-051",
            "fiscal_year": "2569", "status": "draft"}
    assert check.check_entry(data, "/nonexistent", "/nonexistent", lambda: CATALOGS) == []
    data["status"] = "published"
    assert check.check_entry(data, "/nonexistent", "/nonexistent", lambda: CATALOGS) == [
        "เอกสารประเภทประกาศต้องมีช่อง date (วันที่ออกเอกสาร) (missing required field date) "
        "(เพิ่มบรรทัด date: 16 พฤษภาคม 2568)"]


@pytest.mark.parametrize("name", ["github-pages.yml", "gitlab-ci.yml"])
def test_ci_workflows_check_then_publish_with_the_readme_set_up(name):
    import yaml

    with open(os.path.join(ROOT, "deploy", "ci", name), encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    if name == "gitlab-ci.yml":
        commands = workflow["before_script"] + workflow["check"]["script"] \
            + workflow["pages"]["script"]
        assert workflow["pages"]["artifacts"]["paths"] == ["public"]
    else:
        steps = workflow["jobs"]["build"]["steps"]
        commands = [step["run"] for step in steps if "run" in step]
        publish = next(step for step in steps if step.get("run") == ".venv/bin/invoke publish")
        assert set(publish["env"]) == {"SITEURL", "PORTAL_EDITOR_BACKEND"}
    # The README's set-up, then the check that fails a commit the build would refuse.
    order = [c for c in commands if c in ("bash scripts/bootstrap", ".venv/bin/invoke check",
                                          ".venv/bin/invoke publish")]
    assert order == ["bash scripts/bootstrap", ".venv/bin/invoke check",
                     ".venv/bin/invoke publish"]


def test_publish_puts_admin_online_when_the_ci_names_a_backend(site, monkeypatch):
    from conftest import PUBLISH_SETTINGS

    gitlab = {"name": "gitlab", "repo": "abt-example/website", "auth_type": "pkce",
              "app_id": "0123abcd"}
    monkeypatch.setenv("PORTAL_EDITOR_BACKEND", json.dumps(gitlab))
    result = site.build(PUBLISH_SETTINGS)
    assert result.ok, result.message
    script = (site.output / "admin" / "config.js").read_text(encoding="utf-8")
    assert json.loads(script.split("= ", 2)[2].rstrip(";\n"))["backend"] == gitlab
    monkeypatch.delenv("PORTAL_EDITOR_BACKEND")
    result = site.build(PUBLISH_SETTINGS)
    assert result.ok and not (site.output / "admin").exists()


def test_the_check_asks_only_about_documents_inside_content(tmp_path):
    repo = str(tmp_path)
    inside = check.document_dir(repo, "content/documents/2569/a/a.md", {}, "content/documents")
    assert inside == os.path.realpath(tmp_path / "content" / "documents" / "2569" / "a")
    new = check.document_dir(repo, "", {"fiscal_year": "2569", "slug": "b"}, "content/documents")
    assert new.endswith(os.path.join("content", "documents", "2569", "b"))
    for hostile in ("../../etc/passwd", "content/../../x/y.md"):
        with pytest.raises(ValueError, match="เอกสารต้องอยู่ในโฟลเดอร์ content"):
            check.document_dir(repo, hostile, {}, "content/documents")
    with pytest.raises(ValueError, match="เอกสารต้องอยู่ในโฟลเดอร์ content"):
        check.document_dir(repo, "", {"fiscal_year": "../../..", "slug": "x"}, "content/documents")
