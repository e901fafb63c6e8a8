"""The settings schema: a wrong setting fails the build with the settings file,
the line and what is allowed, every wrong setting at once, no traceback."""

import ast
import os

import pytest
from conftest import DEV_SETTINGS, PUBLISH_SETTINGS, announcement

from portal import settings_schema


def line_of(path: str, start: str) -> int:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.startswith(start):
                return number
    raise AssertionError(f"{start!r} not in {path}")


def test_wrong_settings_fail_the_build_all_at_once_naming_file_and_line(site, tmp_path):
    site.add({"documents/a.md": announcement()})
    result = site.build(NUMERALS="roman", COMPLAINTS_EMAIL="complaints.example.org",
                        ITA_CATALOG_DIR=str(tmp_path / "nowhere"))
    assert not result.ok
    message = result.message
    assert "Traceback" not in message
    for name, allowed in (("NUMERALS", '"thai", "arabic"'), ("COMPLAINTS_EMAIL", "อีเมล"),
                          ("ITA_CATALOG_DIR", "โฟลเดอร์ที่มีอยู่จริง")):
        line = line_of(DEV_SETTINGS, f"{name} =")
        assert f"pelicanconf.py:{line}: ค่าตั้ง {name} (" in message, message
        assert allowed in message
    assert "'roman' ซึ่งใช้ไม่ได้: ต้องเป็นหนึ่งใน \"thai\", \"arabic\"" in message
    assert "วิธีแก้ (fix): แก้บรรทัด NUMERALS = ... ใน pelicanconf.py เช่น NUMERALS = \"thai\"" \
        in message
    assert "พบข้อผิดพลาด 3 รายการ" in message
    assert not site.output.exists()
    assert len(result.errors) == 3


def test_a_settings_file_of_its_own_with_a_misspelt_and_a_wrong_setting(site, tmp_path):
    settings = tmp_path / "localconf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({DEV_SETTINGS!r}).items()\n"
        "                  if k.isupper()})\n"
        "NUMERAL = \"arabic\"\n"
        "ARTICLE_URL = \"documents/{date}/\"\n"
        "ORGANISATION = \"  \"\n", encoding="utf-8")
    site.add({"documents/a.md": announcement()})
    result = site.build(str(settings))
    assert not result.ok
    assert "localconf.py:4: ไม่รู้จักค่าตั้ง NUMERAL (unknown setting)" in result.message
    assert "หมายถึง NUMERALS หรือไม่" in result.message
    assert "localconf.py:5: ค่าตั้ง ARTICLE_URL" in result.message
    assert "{slug}" in result.message
    assert "localconf.py:6: ค่าตั้ง ORGANISATION" in result.message
    assert "Traceback" not in result.message


def test_a_publish_site_address_without_https_names_publishconf(site):
    site.add({"documents/a.md": announcement()})
    result = site.build(PUBLISH_SETTINGS, SITEURL="example.go.th/ita")
    assert not result.ok
    line = line_of(PUBLISH_SETTINGS, "SITEURL =")
    assert f"publishconf.py:{line}: ค่าตั้ง SITEURL" in result.message, result.message
    assert "https://" in result.message


def test_a_required_setting_that_is_missing():
    settings = {setting.name: "x" for setting in settings_schema.SETTINGS}
    del settings["ITA_CATALOG_DIR"]
    found = settings_schema.check(settings, os.path.join("nowhere", "conf.py"))
    missing = [error for error in found.errors if "ITA_CATALOG_DIR" in error.message]
    assert missing[0].message.startswith("ไม่มีค่าตั้ง ITA_CATALOG_DIR")
    assert "เพิ่มบรรทัด ITA_CATALOG_DIR = " in missing[0].hint


@pytest.mark.parametrize("setting", settings_schema.SETTINGS, ids=lambda s: s.name)
def test_each_example_is_allowed_by_its_own_rule(setting, tmp_path):
    value = ast.parse(setting.example).body[0].value
    try:
        example = ast.literal_eval(value)
    except ValueError:  # os.path.join(ROOT, ...): a path
        example = str(tmp_path)
    assert setting.rule.test(example), setting.name
    assert setting.meaning and setting.rule.allowed


@pytest.mark.parametrize("mistake, line, shown", [
    ('SITENAME = "ศูนย์ข้อมูล\n', 4, "SyntaxError"),  # a quote left open
    ("ORGANISATION = องค์การบริหารส่วนตำบล\n", 4, "NameError"),  # text without quotes
])
def test_a_settings_file_python_cannot_run_names_its_line(site, tmp_path, mistake, line, shown):
    settings = tmp_path / "localconf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({DEV_SETTINGS!r}).items()\n"
        "                   if k.isupper()})\n" + mistake, encoding="utf-8")
    site.add({"documents/a.md": announcement()})
    result = site.build(str(settings))
    assert not result.ok
    assert "Traceback" not in result.message
    assert f"localconf.py:{line}: อ่านไฟล์ค่าตั้งไม่ได้ ({shown}" in result.message, result.message
    assert "เครื่องหมายคำพูดและวงเล็บต้องครบคู่" in result.message
    assert not site.output.exists()
