"""Thai formatting: Buddhist Era dates, Thai numerals, fiscal years and Thai text.

Owns every conversion between machine values and the way Thai government
documents write them: the Jinja filters used by the theme, the date parser
used by the front-matter reader, and the normal form of a Thai name. It never
relies on an installed th_TH locale, because Pelican's strftime cannot produce
Buddhist Era years anyway.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from pelican import signals

BE_OFFSET = 543

# (full name, abbreviation) for months 1..12, as Thai official letters write them.
THAI_MONTHS = (
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
)

# Invisible characters that text copied from PDFs and web pages carries: a
# name made only of them looks filled in but shows nothing.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

# A fiscal year N runs from 1 October of N-1 to 30 September of N.
FISCAL_YEAR_FIRST_MONTH = 10


def thai_digits(value) -> str:
    """Write every Arabic digit of ``value`` as a Thai digit."""
    return str(value).translate(_TO_THAI)


def arabic_digits(value) -> str:
    """Write every Thai digit of ``value`` as an Arabic digit."""
    return str(value).translate(_TO_ARABIC)


def be_year(date: _dt.date) -> int:
    """Buddhist Era year of a date."""
    return date.year + BE_OFFSET


def fiscal_year(date: _dt.date) -> int:
    """Thai fiscal year (BE) a date falls in: October starts the next year."""
    return be_year(date) + (1 if date.month >= FISCAL_YEAR_FIRST_MONTH else 0)


def fiscal_year_bounds(year_be: int) -> tuple[_dt.date, _dt.date]:
    """First and last day of fiscal year ``year_be``."""
    year_ce = year_be - BE_OFFSET
    return _dt.date(year_ce - 1, 10, 1), _dt.date(year_ce, 9, 30)


def month_end(date: _dt.date) -> _dt.date:
    """The last day of ``date``'s month."""
    following = _dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
    return following - _dt.timedelta(days=1)


def month_number(name: str) -> int | None:
    """1-12 for a Thai month name, full or abbreviated ("ตุลาคม", "ต.ค.", "ตค"); else None."""
    return _MONTH_BY_NAME.get(" ".join(str(name).split()))


def numerals(value, digits: str = "thai") -> str:
    """``value`` as text with ``digits`` numerals ("thai" or "arabic")."""
    return _digits(str(value), digits)


def _digits(text: str, digits: str) -> str:
    if digits == "thai":
        return thai_digits(text)
    if digits == "arabic":
        return arabic_digits(text)
    raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")


class MonthDate(_dt.date):
    """A date whose day the source does not give ("ตุลาคม ๒๕๖๐"): the first of its
    month for sorting, ITA periods and feeds, shown and exported without a day."""

    __slots__ = ()


def thai_date(value, style: str = "full", digits: str = "thai") -> str:
    """A date as Thai documents write it.

    ``style``: ``full`` gives "๑๖ พฤษภาคม ๒๕๖๘", ``short`` gives "๑๖ พ.ค. ๒๕๖๘",
    ``long`` gives "วันที่ ๑๖ พฤษภาคม พ.ศ. ๒๕๖๘".
    ``digits``: ``thai`` or ``arabic``.
    """
    if value is None or value == "":
        return ""
    full, abbr = THAI_MONTHS[value.month - 1]
    if isinstance(value, MonthDate):
        text = {"short": f"{abbr} {be_year(value)}",
                "long": f"เดือน{full} พ.ศ. {be_year(value)}"}.get(style, f"{full} {be_year(value)}")
        return _digits(text, digits)
    if style == "full":
        text = f"{value.day} {full} {be_year(value)}"
    elif style == "short":
        text = f"{value.day} {abbr} {be_year(value)}"
    elif style == "long":
        text = f"วันที่ {value.day} {full} พ.ศ. {be_year(value)}"
    else:
        raise ValueError(f"style must be full, short or long, not {style!r}")
    return _digits(text, digits)


def thai_fiscal_year(value, digits: str = "thai") -> str:
    """ "ปีงบประมาณ พ.ศ. ๒๕๖๘" for a date or a fiscal year number."""
    year = fiscal_year(value) if isinstance(value, _dt.date) else value
    return _digits(f"ปีงบประมาณ พ.ศ. {year}", digits)


def iso_date(value) -> str:
    """ISO 8601 (Gregorian, Arabic digits) for <time datetime> and exports."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, MonthDate):
        return value.isoformat()[:7]  # "2017-10": a valid <time datetime> for a month
    return value.isoformat()


def file_size(size: int) -> str:
    """Human file size for download links: "245 KB", "1.2 MB"."""
    if size < 1024:
        return f"{size} ไบต์"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}" if size < 10 else f"{size:.0f} {unit}"
    raise AssertionError("unreachable")


# ---------------------------------------------------------------- parsing

class ThaiDateError(ValueError):
    """A date string that could not be understood; the message and the hint are Thai."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint or FORMATS_HINT


_MONTH_BY_NAME = {}
for _number, (_full, _abbr) in enumerate(THAI_MONTHS, start=1):
    _MONTH_BY_NAME[_full] = _number
    _MONTH_BY_NAME[_abbr] = _number
    _MONTH_BY_NAME[_abbr.replace(".", "")] = _number

_THAI_WRITTEN = re.compile(
    r"^(?:วันที่\s*)?(?P<day>\d{1,2})\s*(?P<month>[ก-๛.]+?)\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{2,4})$"
)
_NUMERIC = re.compile(r"^(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})$")

# A month and year only, where the source gives no day: "ตุลาคม 2560",
# "ต.ค. ๒๕๖๐", "เดือนตุลาคม พ.ศ. 2560", "10/2560", "2017-10".
_THAI_MONTH_YEAR = re.compile(
    r"^(?:เดือน\s*)?(?P<month>[ก-๛][ก-๛.]*?)\s*(?:พ\.?\s*ศ\.?\s*)?(?P<year>\d{4})$")
_NUMERIC_MONTH_YEAR = re.compile(r"^(?P<a>\d{1,4})[-/.](?P<b>\d{1,4})$")

FORMATS_HINT = (
    "เขียนวันที่แบบ ๑๖ พฤษภาคม ๒๕๖๘, 16 พ.ค. 2568, 16/05/2568 หรือ 2025-05-16 "
    "ถ้าต้นฉบับระบุแค่เดือนและปี เขียน ตุลาคม 2560 (ห้ามเดาวันที่)"
)


def _month_only(cleaned: str, original: str, today):
    """A MonthDate for a month and year without a day, else None."""
    match = _THAI_MONTH_YEAR.match(cleaned)
    if match:
        month = _MONTH_BY_NAME.get(match["month"].rstrip(" "))
        if month is None:
            return None  # not a month name: the day-first formats say what is wrong
        day = _make_date(int(match["year"]), month, 1, original, today)
        return MonthDate(day.year, day.month, 1)
    match = _NUMERIC_MONTH_YEAR.match(cleaned)
    if match:
        first, second = match["a"], match["b"]
        if len(first) == 4 and len(second) <= 2:  # ISO: 2017-10
            day = _make_date(int(first), int(second), 1, original, today)
        elif len(second) == 4 and len(first) <= 2:  # Thai: 10/2560
            day = _make_date(int(second), int(first), 1, original, today)
        else:
            return None
        return MonthDate(day.year, day.month, 1)
    return None


def parse_date(text: str, today: _dt.date | None = None) -> _dt.date:
    """Parse a date the way Thai staff write one.

    Accepts Thai or Arabic digits; "๑๖ พฤษภาคม ๒๕๖๘", "16 พ.ค. 2568",
    "วันที่ 16 พฤษภาคม พ.ศ. 2568", "16/05/2568" (day first) and ISO
    "2025-05-16"; a month and year alone ("ตุลาคม 2560", "10/2560", "2017-10")
    gives a MonthDate. A year above 2400 is Buddhist Era, otherwise Common Era.
    A year later than ``latest_year(today)`` is refused.
    Raises ThaiDateError with a Thai message and hint.
    """
    cleaned = " ".join(arabic_digits(str(text)).split())
    month_only = _month_only(cleaned, text, today)
    if month_only is not None:
        return month_only
    match = _THAI_WRITTEN.match(cleaned)
    if match:
        month = _MONTH_BY_NAME.get(match["month"].rstrip(" "))
        if month is None:
            raise ThaiDateError(
                f"ไม่รู้จักชื่อเดือน \"{match['month']}\" (unknown month name)"
            )
        return _make_date(int(match["year"]), month, int(match["day"]), text, today,
                          len(match["year"]))
    match = _NUMERIC.match(cleaned)
    if match:
        first, second, third = match["a"], match["b"], match["c"]
        if len(first) == 4:  # ISO order: year-month-day
            return _make_date(int(first), int(second), int(third), text, today)
        if len(third) == 4:  # Thai order: day/month/year
            return _make_date(int(third), int(second), int(first), text, today)
    raise ThaiDateError(f"อ่านวันที่ \"{text}\" ไม่ได้ (unrecognised date)")


# Years no document of a living organisation can carry, whatever today is
# (BE 2400-2700); they also keep the arithmetic below inside CE 1-9999.
PLAUSIBLE_YEARS_CE = (2400 - BE_OFFSET, 2700 - BE_OFFSET)

# Plans and budgets look a few years ahead; a date further than this is a typo,
# most often a BE year typed with a wrong second digit (2068 for 2568) and
# then read as CE.
FUTURE_YEARS = 10


def latest_year(today: _dt.date | None = None) -> int:
    """The last BE year a document's date may carry: this year + FUTURE_YEARS.

    Counted from today rather than fixed, so the window grows every year
    and never starts refusing real dates.
    """
    return be_year(today or _dt.date.today()) + FUTURE_YEARS


def _make_date(year: int, month: int, day: int, original: str,
               today: _dt.date | None = None, year_digits: int = 4) -> _dt.date:
    if year < 100 and year_digits <= 2:
        raise ThaiDateError(
            f"ปีใน \"{original}\" มีเพียง 2 หลัก: ให้เขียนปีเต็ม 4 หลัก เช่น ๒๕๖๘ "
            "(two-digit year)"
        )
    written = year
    if year > 2400:
        year -= BE_OFFSET
    if not PLAUSIBLE_YEARS_CE[0] <= year <= PLAUSIBLE_YEARS_CE[1]:
        raise ThaiDateError(
            f"ปี {written} ใน \"{original}\" ไม่น่าจะถูกต้อง: ต้องอยู่ระหว่าง พ.ศ. 2400 ถึง 2700 "
            "(year out of range)"
        )
    _refuse_far_future(written, year + BE_OFFSET, original, latest_year(today))
    if not 1 <= month <= 12:
        raise ThaiDateError(f"ไม่มีเดือนที่ {month} (month must be 1-12)")
    try:
        return _dt.date(year, month, day)
    except ValueError:
        month_name = THAI_MONTHS[month - 1][0]
        raise ThaiDateError(
            f"วันที่ {day} {month_name} {year + BE_OFFSET} ไม่มีจริงในปฏิทิน "
            "(impossible date)"
        ) from None


def _refuse_far_future(written: int, be: int, original: str, latest: int) -> None:
    if be <= latest:
        return
    reading = f"พ.ศ. {be}" if written == be else f"อ่านเป็นปี ค.ศ. ตรงกับ พ.ศ. {be}"
    raise ThaiDateError(
        f"ปี {written} ใน \"{original}\" ไม่น่าจะถูกต้อง: {reading} "
        f"ซึ่งเลยปีปัจจุบันไปเกิน {FUTURE_YEARS} ปี (หลัง พ.ศ. {latest}) (implausible year)",
        _meant_year_hint(written, latest),
    )


def _meant_year_hint(written: int, latest: int) -> str:
    """Suggest the BE year with the same last two digits (2068 -> 2568) when it fits."""
    meant = 2500 + written % 100
    if meant == written or meant > latest:
        return FORMATS_HINT
    return (f"หมายถึง พ.ศ. {meant} หรือไม่ (did you mean {meant}?): "
            f"ถ้าใช่ ให้แก้ปีเป็น {meant}; {FORMATS_HINT}")


# ---------------------------------------------------------------- text

_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_WITHOUT_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH))
# Many PDFs store sara am as nikhahit + sara aa, the tone mark before or
# between them: it looks like sara am on screen but never compares equal.
_SPLIT_SARA_AM = re.compile("([\u0e48-\u0e4b]*)\u0e4d([\u0e48-\u0e4b]*)\u0e32")
# Tone marks and the vowels written above (U+0E31, U+0E34-U+0E37) or below
# (U+0E38-U+0E3A) a consonant: typed in either order and looking the same.
_MARK_RUN = re.compile("[\u0e31\u0e34-\u0e3a\u0e48-\u0e4b]{2,}")
# What _tidy_marks mends: a tone mark before a vowel mark, or a mark twice.
_MARKS_OUT_OF_ORDER = re.compile(
    "[\u0e48-\u0e4b][\u0e31\u0e34-\u0e3a]|([\u0e31\u0e34-\u0e3a\u0e48-\u0e4b])\\1")


def normalise_text(text: str) -> str:
    """``text`` written the one way, so that names that look alike are equal.

    Unicode NFC, no zero-width characters, sara am as one character with the
    tone mark before it, a tone mark after the vowel above or below it, no
    doubled mark, and whitespace runs as one space with none at either end.
    """
    text = unicodedata.normalize("NFC", text.translate(_WITHOUT_ZERO_WIDTH))
    # Most text has neither: no call per run of marks.
    if "\u0e4d" in text or _MARKS_OUT_OF_ORDER.search(text):
        text = _tidy_thai_marks(text)
    return " ".join(text.split())


def _tidy_thai_marks(text: str) -> str:
    """Sara am joined and marks ordered, then NFC again, until nothing changes:
    joining sara am can put a tone mark beside another script's mark, which NFC
    then orders, and ordering can bring two equal marks together. Each round
    only removes marks or moves them toward one order, so a few rounds end it."""
    for _round in range(8):
        tidy = _SPLIT_SARA_AM.sub("\\1\\2\u0e33", text)
        tidy = _MARK_RUN.sub(_tidy_marks, tidy)
        tidy = unicodedata.normalize("NFC", tidy)
        if tidy == text:
            break
        text = tidy
    return text


def _tidy_marks(match: re.Match) -> str:
    """A run of marks as fonts and NFC order it: vowels, then tone marks; no repeats."""
    run = match.group()
    ordered = [c for c in run if c not in _TONES] + [c for c in run if c in _TONES]
    return "".join(c for i, c in enumerate(ordered) if i == 0 or c != ordered[i - 1])


# ---------------------------------------------------------------- Pelican

FILTERS = {
    "thai_date": thai_date,
    "thai_digits": thai_digits,
    "numerals": numerals,
    "arabic_digits": arabic_digits,
    "fiscal_year": fiscal_year,
    "thai_fiscal_year": thai_fiscal_year,
    "iso_date": iso_date,
    "file_size": file_size,
}


def add_filters(pelican):
    pelican.settings.setdefault("JINJA_FILTERS", {}).update(FILTERS)


def register():
    signals.initialized.connect(add_filters)
