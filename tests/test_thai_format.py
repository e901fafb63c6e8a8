import datetime as dt
import string
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from portal import thai_format as tf


def test_be_date_with_thai_month_and_thai_digits():
    assert tf.thai_date(dt.date(2025, 5, 16)) == "๑๖ พฤษภาคม ๒๕๖๘"


def test_be_date_arabic_digits_and_short_and_long_styles():
    day = dt.date(2024, 10, 1)
    assert tf.thai_date(day, digits="arabic") == "1 ตุลาคม 2567"
    assert tf.thai_date(day, style="short") == "๑ ต.ค. ๒๕๖๗"
    assert tf.thai_date(day, style="long", digits="arabic") == "วันที่ 1 ตุลาคม พ.ศ. 2567"


def test_datetime_is_formatted_like_its_date():
    assert tf.thai_date(dt.datetime(2026, 1, 2, 15, 30)) == "๒ มกราคม ๒๕๖๙"


def test_numerals_both_ways():
    assert tf.thai_digits("กพ 53307/072") == "กพ ๕๓๓๐๗/๐๗๒"
    assert tf.arabic_digits("๑,๒๕๐,๐๐๐ บาท") == "1,250,000 บาท"
    assert tf.arabic_digits(tf.thai_digits("0123456789")) == "0123456789"


@pytest.mark.parametrize("day, year", [
    (dt.date(2025, 9, 30), 2568),  # last day of FY2568
    (dt.date(2025, 10, 1), 2569),  # first day of FY2569
    (dt.date(2026, 9, 30), 2569),
    (dt.date(2026, 1, 1), 2569),
])
def test_fiscal_year_turns_on_1_october(day, year):
    assert tf.fiscal_year(day) == year


def test_fiscal_year_bounds():
    assert tf.fiscal_year_bounds(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))


def test_thai_fiscal_year_label():
    assert tf.thai_fiscal_year(dt.date(2025, 10, 1)) == "ปีงบประมาณ พ.ศ. ๒๕๖๙"
    assert tf.thai_fiscal_year(2566, digits="arabic") == "ปีงบประมาณ พ.ศ. 2566"


@pytest.mark.parametrize("text", [
    "๑๖ พฤษภาคม ๒๕๖๘",
    "16 พฤษภาคม 2568",
    "16 พ.ค. 2568",
    "16 พ.ค.2568",
    "วันที่ 16 พฤษภาคม พ.ศ. 2568",
    "๑๖ พฤษภาคม พ.ศ.๒๕๖๘",
    "16/05/2568",
    "16/5/2025",
    "2025-05-16",
    "2568-05-16",
])
def test_parse_dates_staff_write(text):
    assert tf.parse_date(text) == dt.date(2025, 5, 16)


@pytest.mark.parametrize("text, message", [
    ("30 กุมภาพันธ์ 2568", "ไม่มีจริงในปฏิทิน"),
    ("29/02/2567", None),  # 2024 is a leap year: valid
    ("16 พฤษภา 2568", "ไม่รู้จักชื่อเดือน"),
    ("16 พ.ค. 68", "ปีเต็ม 4 หลัก"),
    ("2025-13-01", "ไม่มีเดือนที่ 13"),
    ("เมื่อวาน", "อ่านวันที่"),
])
def test_parse_date_errors_are_thai(text, message):
    if message is None:
        assert tf.parse_date(text) == dt.date(2024, 2, 29)
        return
    with pytest.raises(tf.ThaiDateError, match=message):
        tf.parse_date(text)


def test_file_size():
    assert tf.file_size(512) == "512 ไบต์"
    assert tf.file_size(250 * 1024) == "250 KB"
    assert tf.file_size(int(1.5 * 1024 * 1024)) == "1.5 MB"


def test_years_no_document_can_carry_are_refused():
    for text in ("0001-01-01", "1/1/0100", "31/12/9999", "2300-01-01"):
        with pytest.raises(tf.ThaiDateError, match="ต้องอยู่ระหว่าง พ.ศ. 2400 ถึง 2700"):
            tf.parse_date(text)
    assert tf.parse_date("1/1/2401") == dt.date(1858, 1, 1)


def test_a_year_written_in_ce_too_far_ahead_is_refused_and_its_be_reading_suggested():
    with pytest.raises(tf.ThaiDateError) as caught:
        tf.parse_date("1 มกราคม 2068", today=dt.date(2025, 10, 1))
    assert str(caught.value) == (
        "ปี 2068 ใน \"1 มกราคม 2068\" ไม่น่าจะถูกต้อง: อ่านเป็นปี ค.ศ. ตรงกับ พ.ศ. 2611 "
        "ซึ่งเลยปีปัจจุบันไปเกิน 10 ปี (หลัง พ.ศ. 2578) (implausible year)")
    assert caught.value.hint.startswith("หมายถึง พ.ศ. 2568 หรือไม่ (did you mean 2568?)")


def test_a_be_year_too_far_ahead_is_refused_with_a_suggestion_only_when_it_fits():
    with pytest.raises(tf.ThaiDateError) as caught:
        tf.parse_date("๑ ม.ค. ๒๖๖๘", today=dt.date(2025, 10, 1))
    assert str(caught.value) == (
        "ปี 2668 ใน \"๑ ม.ค. ๒๖๖๘\" ไม่น่าจะถูกต้อง: พ.ศ. 2668 "
        "ซึ่งเลยปีปัจจุบันไปเกิน 10 ปี (หลัง พ.ศ. 2578) (implausible year)")
    assert caught.value.hint.startswith("หมายถึง พ.ศ. 2568 หรือไม่")
    with pytest.raises(tf.ThaiDateError) as caught:
        tf.parse_date("1/1/2098", today=dt.date(2025, 10, 1))  # 2598 is too far ahead as well
    assert "ปี 2098 ใน \"1/1/2098\" ไม่น่าจะถูกต้อง" in str(caught.value)
    assert caught.value.hint == tf.FORMATS_HINT


def test_the_latest_year_follows_today_so_the_window_only_grows():
    assert tf.parse_date("1/1/2578", today=dt.date(2025, 10, 1)) == dt.date(2035, 1, 1)
    with pytest.raises(tf.ThaiDateError, match="หลัง พ.ศ. 2578"):
        tf.parse_date("1/1/2579", today=dt.date(2025, 10, 1))
    assert tf.parse_date("1/1/2579", today=dt.date(2026, 1, 1)) == dt.date(2036, 1, 1)
    this_year = tf.be_year(dt.date.today())
    assert tf.parse_date(f"31/12/{this_year + 10}").year == this_year + 10 - tf.BE_OFFSET
    with pytest.raises(tf.ThaiDateError, match="implausible year"):
        tf.parse_date(f"1/1/{this_year + 11}")


SARA_AM, NIKHAHIT, SARA_AA = "\u0e33", "\u0e4d", "\u0e32"
MAI_EK, MAI_THO, SARA_I, SARA_II, SARA_UU = "\u0e48", "\u0e49", "\u0e34", "\u0e35", "\u0e39"


@pytest.mark.parametrize("written", [
    "สำนักปลัด",
    "ส" + NIKHAHIT + SARA_AA + "นักปลัด",  # sara am as two characters, as pasted from a PDF
    "สำ\u200bนักปลัด",  # a zero-width space inside
    " ส" + NIKHAHIT + "\u200b" + SARA_AA + "นัก\ufeffปลัด\n",
])
def test_normalise_text_writes_one_name_one_way(written):
    assert tf.normalise_text(written) == "สำนักปลัด"
    assert tf.normalise_text(written) == "ส" + SARA_AM + "นักปลัด"


@pytest.mark.parametrize("written", [
    "น" + NIKHAHIT + MAI_THO + SARA_AA + "ประปา",  # tone between nikhahit and sara aa
    "น" + MAI_THO + NIKHAHIT + SARA_AA + "ประปา",  # tone before both
])
def test_normalise_text_puts_the_tone_mark_before_sara_am(written):
    assert tf.normalise_text(written) == "น" + MAI_THO + SARA_AM + "ประปา" == "น้ำประปา"


def test_normalise_text_puts_a_tone_mark_after_the_vowel_above_or_below():
    assert tf.normalise_text("ท" + MAI_EK + SARA_II + "ทำการ") == "ที่ทำการ"
    assert tf.normalise_text("ผ" + MAI_THO + SARA_UU + "ใหญ่บ้าน") == "ผู้ใหญ่บ้าน"


def test_normalise_text_collapses_a_doubled_mark():
    assert tf.normalise_text("ก" + MAI_EK + MAI_EK + "อสร้าง") == "ก่อสร้าง"
    assert tf.normalise_text("ก" + SARA_I + SARA_I + "จกรรม") == "กิจกรรม"
    assert tf.normalise_text("ท" + MAI_EK + SARA_II + MAI_EK + "ดิน") == "ที่ดิน"


def test_normalise_text_removes_zero_width_characters_and_extra_whitespace():
    pasted = "\ufeff กอง\u200cคลัง \t\u00a0 งาน\u200d\u2060พัสดุ \n"
    assert tf.normalise_text(pasted) == "กองคลัง งานพัสดุ"
    assert tf.normalise_text("Cafe\u0301 อเมซอน") == "Caf\u00e9 อเมซอน"  # NFC


THAI_MARKS = "".join(map(chr, [*range(0x0E31, 0x0E3B), *range(0x0E47, 0x0E4F)]))
NAMES = st.text(alphabet="กขนสท" + SARA_AM + SARA_AA + THAI_MARKS + "เแโ \t\n\u00a0"
                + tf.ZERO_WIDTH + "aZ1-\u0301", max_size=30)


@given(NAMES)
@example("\u0301\u0e4d\u0e48\u0e32")  # sara am joined beside another script's mark: NFC again
@settings(max_examples=500, deadline=None)
def test_normalise_text_is_idempotent(text):
    once = tf.normalise_text(text)
    assert tf.normalise_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not set(once) & set(tf.ZERO_WIDTH)


@given(st.text(alphabet=string.printable + "\x1c\x1d\x1e\x1f\x00", max_size=40))
@settings(max_examples=300, deadline=None)
def test_normalise_text_changes_plain_ascii_only_in_whitespace(text):
    assert tf.normalise_text(text) == " ".join(text.split())


@pytest.mark.parametrize("written", ["ตุลาคม 2560", "ต.ค. ๒๕๖๐", "เดือนตุลาคม พ.ศ. ๒๕๖๐",
                                     "10/2560", "2017-10"])
def test_a_month_and_year_without_a_day_is_read_shown_and_exported_without_one(written):
    day = tf.parse_date(written)
    assert isinstance(day, tf.MonthDate)
    assert tf.thai_date(day) == "ตุลาคม ๒๕๖๐"
    assert tf.thai_date(day, digits="arabic") == "ตุลาคม 2560"  # invoke new writes it back
    assert tf.iso_date(day) == "2017-10"
    assert tf.fiscal_year(day) == 2561


@pytest.mark.parametrize("written", ["ตุลาคม 2800", "13/2560", "ตุลาคา 2560"])
def test_a_wrong_month_and_year_is_refused_in_thai(written):
    with pytest.raises(tf.ThaiDateError) as refused:
        tf.parse_date(written)
    assert "(" in str(refused.value) and refused.value.hint
