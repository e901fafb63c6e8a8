"""The data period of a document (data_period): the days its data covers, which the ITA
rules use instead of the day it was issued."""

import pytest
from conftest import document
from table_html import body_rows, table
from test_ita import DOCUMENTS_ONLY, year_rows

# ITA 2568 evaluates fiscal year 2568; its O12 wants data of the first half,
# 1 October 2567 to 31 March 2568. A six-month report comes out in April.
FIRST_HALF = "1 ตุลาคม 2567 - 31 มีนาคม 2568"


def procurement(date="20 เมษายน 2568", **fields) -> str:
    return document(title="รายงานผลการจัดซื้อจัดจ้าง รอบ 6 เดือน", type="รายงาน",
                    slug="report-2568-006", date=date, ita="\n  2568: [O12]", **fields)


def o12(site) -> tuple:
    """(status on the year page, the item page)."""
    return (year_rows(site.read("ita/2568/index.html"))["O12"][0],
            site.read("ita/2568/o12/index.html"))


def test_a_six_month_report_issued_in_april_counts_for_the_first_half(site):
    site.add({"documents/report.md": procurement(data_period=FIRST_HALF)})
    result = site.build(**DOCUMENTS_ONLY)
    assert result.ok, result.message
    status, item = o12(site)
    assert status == "เผยแพร่แล้ว"
    evidence = body_rows(table(item, "เอกสารหลักฐานของข้อ O12 ITA ปี ๒๕๖๘ (๑ ฉบับ)"))
    _document, year, date, fits = (cell["text"] for cell in evidence[0]["cells"])
    assert year == "๒๕๖๘"
    assert " ".join(date.split()) == ("ข้อมูลช่วง ๑ ตุลาคม ๒๕๖๗ ถึง ๓๑ มีนาคม ๒๕๖๘ "
                                      "(ลงวันที่ ๒๐ เมษายน ๒๕๖๘)")
    assert fits == ("ตรง: เป็นข้อมูลช่วง ๑ ตุลาคม ๒๕๖๗ ถึง ๓๑ มีนาคม ๒๕๖๘ "
                    "ซึ่งอยู่ในช่วง ๖ เดือนแรกของปีงบประมาณ ๒๕๖๘")
    page = site.read("documents/report-2568-006/index.html")
    assert ('<dt>ข้อมูลช่วงวันที่</dt><dd><time datetime="2024-10-01">๑ ตุลาคม ๒๕๖๗</time> ถึง '
            '<time datetime="2025-03-31">๓๑ มีนาคม ๒๕๖๘</time></dd>') in page


def test_the_same_report_without_a_data_period_is_the_wrong_period(site):
    site.add({"documents/report.md": procurement()})
    assert site.build(**DOCUMENTS_ONLY).ok
    status, item = o12(site)
    assert status == "หลักฐานไม่ตรงช่วงเวลา"
    assert "ลงวันที่ ๒๐ เมษายน ๒๕๖๘ ซึ่งอยู่นอกช่วง ๖ เดือนแรกของปีงบประมาณ" in item


def test_month_only_ends_cover_whole_months(site):
    site.add({"documents/report.md": procurement(data_period="ตุลาคม 2567 ถึง มีนาคม 2568")})
    assert site.build(**DOCUMENTS_ONLY).ok
    assert o12(site)[0] == "เผยแพร่แล้ว"
    assert '<time datetime="2025-03-31">๓๑ มีนาคม ๒๕๖๘</time>' in site.read(
        "documents/report-2568-006/index.html")


def test_a_period_in_the_second_half_is_the_wrong_period_and_says_why(site):
    site.add({"documents/report.md": procurement(date="20 ตุลาคม 2568",
                                                 data_period="1 เมษายน 2568 – 30 กันยายน 2568")})
    assert site.build(**DOCUMENTS_ONLY).ok
    status, item = o12(site)
    assert status == "หลักฐานไม่ตรงช่วงเวลา"
    assert ("ไม่ตรง: เป็นข้อมูลช่วง ๑ เมษายน ๒๕๖๘ ถึง ๓๐ กันยายน ๒๕๖๘ ซึ่งไม่อยู่ในช่วง "
            "๖ เดือนแรกของปีงบประมาณ ๒๕๖๘ (๑ ตุลาคม ๒๕๖๗ ถึง ๓๑ มีนาคม ๒๕๖๘)") in item


def test_the_fiscal_year_follows_the_period_not_the_issue_date(site):
    # ITA 2569 O14 wants the human-resources report of fiscal year 2568; the report
    # on fiscal year 2568 comes out in October 2568, which is in fiscal year 2569.
    def report(**fields):
        return document(title="รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล", type="รายงาน",
                        slug="report-2568-020", date="20 ตุลาคม 2568",
                        ita="\n  2569: [O14]", **fields)

    site.add({"documents/hr.md": report()})
    assert site.build(**DOCUMENTS_ONLY).ok
    assert year_rows(site.read("ita/2569/index.html"))["O14"][0] == "หลักฐานไม่ตรงช่วงเวลา"

    site.add({"documents/hr.md": report(data_period="1 ตุลาคม 2567 - 30 กันยายน 2568")})
    assert site.build(**DOCUMENTS_ONLY).ok
    assert year_rows(site.read("ita/2569/index.html"))["O14"][0] == "เผยแพร่แล้ว"
    assert "เป็นข้อมูลช่วง ๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘ ซึ่งอยู่ในปีงบประมาณ ๒๕๖๘" in \
        site.read("ita/2569/o14/index.html")
    page = site.read("documents/report-2568-020/index.html")
    assert "<dt>ปีงบประมาณ</dt><dd>๒๕๖๘</dd>" in page
    assert "report-2568-020" in site.read("documents/year/2568/index.html")


@pytest.mark.parametrize("period, message", [
    ("31 มีนาคม 2568 - 1 ตุลาคม 2567",
     "ช่อง data_period (ข้อมูลช่วงวันที่): ช่วงวันที่ \"31 มีนาคม 2568 - 1 ตุลาคม 2567\" สิ้นสุด "
     "(๑ ตุลาคม ๒๕๖๗) ก่อนวันเริ่มต้น (๓๑ มีนาคม ๒๕๖๘)"),
    ("1 ตุลาคม 2567 - 31 กันยายน 2568",
     "ช่อง data_period (ข้อมูลช่วงวันที่): ช่วงวันที่ \"1 ตุลาคม 2567 - 31 กันยายน 2568\": "
     "วันที่ 31 กันยายน 2568 ไม่มีจริงในปฏิทิน"),
    ("ครึ่งปีแรก",
     "ช่อง data_period (ข้อมูลช่วงวันที่): อ่านช่วงวันที่ \"ครึ่งปีแรก\" ไม่ได้ "
     "ต้องเป็นวันที่สองวันคั่นด้วย - หรือ ถึง"),
])
def test_a_wrong_period_is_told_with_file_line_and_how_to_write_it(site, period, message):
    site.add({"documents/report.md": procurement(data_period=period)})
    result = site.build(**DOCUMENTS_ONLY)
    assert not result.ok
    path = site.content / "documents" / "report.md"
    assert f"{path}:8: {message}" in result.message, result.message
    assert "1 ตุลาคม 2567 - 31 มีนาคม 2568" in result.message  # the hint's example
    assert "Traceback" not in result.message


def test_a_fiscal_year_outside_the_period_is_an_error(site):
    site.add({"documents/report.md": procurement(data_period=FIRST_HALF, fiscal_year="2566")})
    result = site.build(**DOCUMENTS_ONLY)
    assert not result.ok
    path = site.content / "documents" / "report.md"
    assert (f"{path}:9: ปีงบประมาณ 2566 ขัดกับช่วงข้อมูล ๑ ตุลาคม ๒๕๖๗ ถึง ๓๑ มีนาคม ๒๕๖๘ "
            "ซึ่งอยู่ในปีงบประมาณ ๒๕๖๘") in result.message, result.message
