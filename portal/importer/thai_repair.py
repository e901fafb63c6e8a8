"""Thai text damaged by PDF extraction, mended where Thai spelling makes the mend certain.

Owns the repair of Thai text that a PDF text layer or a text extractor broke: glyphs
of old Windows Thai fonts in the Private Use Area, sara am lost to a space, spaces
before combining marks, and marks that a left-to-right sort by position moved past
the next letter. ``repair`` applies the rules below in order, line by line, and ends
with ``thai_format.normalise_text`` (sara am from nikhahit + sara aa, tone marks after
vowel marks, no doubled marks, one space between words).

How the damage arises: Thai vowel and tone marks are zero-width glyphs drawn over or
under a consonant. Their x position is at, or just past, the start of the *next*
letter, so an extractor that sorts letters by x moves a mark one letter forward:
ร้อง (ร ้ อ ง) comes out as รอ้ง, จัด as จดั, องค์การ as องคก์าร. A mark moves
forward, never back, and past one letter (with that letter's own marks).

The rules only mend what correct Thai can never contain: a mark after a space or a
spacing vowel, two vowels above one consonant, mai han-akat (ั) without a final
consonant, a mark on a consonant that sara aa follows. A mark that moved onto a
letter that can carry it is left alone, because correct Thai looks the same: รอ้ง
is two syllables by spelling (ร + อ้ง) even though no such word exists, and telling
them apart needs a dictionary, which this module does not have. The PDF reader
(pdf.py) avoids that damage at the source by keeping each mark with its letter.
"""

from __future__ import annotations

import re

from portal.thai_format import normalise_text

CONSONANT = "\u0e01-\u0e2e"  # ก..ฮ
# Consonants that never close a syllable: after mai han-akat they cannot be the final.
NEVER_FINAL = "หอฮฉผฝ"
LEADING_VOWELS = "\u0e40-\u0e44"  # เ แ โ ใ ไ: written before their consonant
SPACING_VOWELS = "\u0e30\u0e32\u0e33"  # ะ า ำ: written after their consonant, never carry a mark
HAN_AKAT = "\u0e31"  # ั
UPPER_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
LOWER_VOWELS = "\u0e38\u0e39\u0e3a"  # ุ ู ฺ
TONES = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
THANTHAKHAT = "\u0e4c"  # ์
# Everything drawn over or under a consonant: vowels, tone marks, ็ ์ ํ ๎.
MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"

# Old Windows Thai fonts (Tahoma, Angsana, the TH Sarabun family) keep shifted
# forms of marks, and ฐ ญ without their tail, in the Private Use Area; a PDF whose
# ToUnicode map points at these glyphs gives the PUA code points as text.
PRIVATE_USE_THAI = {
    0xF700: "\u0e10",  # ฐ without its tail
    0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
    0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
    0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
    0xF70F: "\u0e0d",  # ญ without its tail
    0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47",
    0xF713: "\u0e48", 0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c",
    0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",
}


def map_private_use_glyphs(text: str) -> str:
    """PUA glyphs of old Thai fonts (U+F700-U+F71A) as the letters they draw.

    Safe: the PUA is never correct text, and each of these code points has one
    meaning in every Thai font that uses it (a shifted or tail-less form)."""
    return text.translate(PRIVATE_USE_THAI)


_CID_BEFORE_SARA_AM = re.compile(r"\(cid:\d+\)(?=\u0e33)")


def drop_cid_before_sara_am(text: str) -> str:
    """"ต(cid:16)ำบล" -> "ตำบล": a font draws sara am as nikhahit + sara aa and maps the
    whole character to the sara aa glyph, leaving the nikhahit glyph unmapped.

    Safe: the ำ that follows already holds the nikhahit; other (cid:N) are left for
    the reader to count, since their letter cannot be known."""
    return _CID_BEFORE_SARA_AM.sub("", text)


_SPACE_BEFORE_MARK = re.compile(f"(?<=[{CONSONANT}{MARKS}]) +(?=[{MARKS}])")


def join_space_before_mark(text: str) -> str:
    """"ถ ึง" -> "ถึง", "โคกแย ้" -> "โคกแย้": a space between a letter and its mark.

    Safe: a mark is drawn on the letter before it and never follows a space in
    correct text. Where the space was a real word gap that the mark jumped over
    ("ร้องทุกข ์องค์การ"), the gap is lost: the words still read right."""
    return _SPACE_BEFORE_MARK.sub("", text)


_SARA_AM_AS_SPACE = re.compile(f"(?<=[{CONSONANT}])([{TONES}]?) +\u0e32")


def restore_sara_am_from_space(text: str) -> str:
    """"ต าบล" -> "ตำบล", "ค าน า" -> "คำนำ", "น ้ า" -> "น้ำ": sara am whose nikhahit
    glyph had no text mapping, so only a gap and sara aa are left.

    Safe: no Thai syllable starts with sara aa, so a space before า after a
    consonant is always damage; the lost glyph is the nikhahit of sara am, the only
    mark that the font draws as a separate glyph before า. (Text letter-spaced by
    justification would split other letters too; this rule assumes it is not.)"""
    return _SARA_AM_AS_SPACE.sub("\\1\u0e33", text)


_MARK_AFTER_VOWEL = re.compile(
    f"([{CONSONANT}][{UPPER_VOWELS}{LOWER_VOWELS}]?)"
    f"([{SPACING_VOWELS}{LEADING_VOWELS}])([{TONES}{THANTHAKHAT}])")


def move_mark_off_spacing_vowel(text: str) -> str:
    """"เจา้หนา้ที่" -> "เจ้าหน้าที่", "ไมเ่ป็น" -> "ไม่เป็น", "สมำ่เสมอ" -> "สม่ำเสมอ":
    a tone mark or thanthakhat after ะ, า, ำ or a leading vowel (เ แ โ ใ ไ).

    Safe: those vowels are spacing letters that cannot carry a mark, so the mark
    belongs to the consonant before them, the one it moved past; a consonant that
    already has a tone mark is left alone."""
    return _MARK_AFTER_VOWEL.sub("\\1\\3\\2", text)


_MARK_BEFORE_SARA_AA = re.compile(
    f"(?<![{LEADING_VOWELS}])([{CONSONANT}])([{CONSONANT}])"
    f"([\u0e34-\u0e37{LOWER_VOWELS}{THANTHAKHAT}])(?=[{SPACING_VOWELS}])")


def move_mark_before_spacing_vowel(text: str) -> str:
    """"บรหิาร" -> "บริหาร", "องคก์าร" -> "องค์การ": a vowel mark (ิ ี ึ ื ุ ู ฺ) or
    thanthakhat on a consonant that ะ, า or ำ follows.

    Safe: no Thai vowel is written as one of those marks plus ะ/า/ำ, and a letter
    silenced by thanthakhat takes no vowel, so the mark belongs to the consonant
    before, which it moved past; that consonant must be bare (no mark of its own,
    no leading vowel)."""
    return _MARK_BEFORE_SARA_AA.sub("\\1\\3\\2", text)


def _can_close_han_akat(final: str, after: str) -> bool:
    """Whether ``final`` can be the final consonant of a syllable with ั, ``after``
    being the character that follows it ("" at the end).

    A final closes the syllable, so sara aa/a/am or another ั right after it would
    make it the first letter of the next syllable instead (ัวะ is the one vowel
    spelt with a letter between, so ว may take ะ)."""
    if not re.fullmatch(f"[{CONSONANT}]", final) or final in NEVER_FINAL:
        return False
    if final == "\u0e27" and after == "\u0e30":  # ผัวะ
        return True
    return not (after and after in SPACING_VOWELS + HAN_AKAT)


_HAN_AKAT_RUN = re.compile(
    f"(?<![{LEADING_VOWELS}])([{CONSONANT}])([{CONSONANT}])"
    f"({HAN_AKAT}[{TONES}]*)(?=([{CONSONANT}]?)(.?))", re.S)


def move_han_akat_to_its_syllable(text: str) -> str:
    """"จงัหวัด" -> "จังหวัด", "จดัการ" -> "จัดการ", "หนังสือจังหวดั" -> "หนังสือจังหวัด":
    mai han-akat (ั, with its tone mark) on a consonant that no final follows.

    ั is always closed by a final consonant (or ว of ัว). When the letter after it
    cannot be one (the text ends, a space, ห อ ฮ ฉ ผ ฝ, a vowel letter, or a
    consonant that า/ะ/ำ follows and so starts the next syllable), it moved one letter
    forward: it goes back to the consonant before, if that one then has a valid final.
    Left alone when the spelling allows both places ("จงัหวดัสระบุรี": ส can close
    ดัส, so วดั stays), and when the first consonant has a leading vowel or mark."""

    def mend(match: re.Match) -> str:
        first, second, mark, final, after = match.groups()
        if final and _can_close_han_akat(final, after):
            return match.group()  # correct spelling, or a damage that looks like it
        if not final and re.fullmatch(f"[{MARKS}]", after):
            return match.group()  # two vowels over one letter: split_two_upper_vowels
        following = final or after
        if not _can_close_han_akat(second, following):
            return match.group()
        return first + mark + second

    return _HAN_AKAT_RUN.sub(mend, text)


_TWO_UPPER_VOWELS = re.compile(
    f"([{LEADING_VOWELS}]?)([{CONSONANT}])([{CONSONANT}])"
    f"([{UPPER_VOWELS}])([{UPPER_VOWELS}])(?![{MARKS}])(?=([{CONSONANT}]?)(.?))", re.S)


def split_two_upper_vowels(text: str) -> str:
    """"แนวปฏิบติัการ" -> "แนวปฏิบัติการ": two vowels above one consonant, one of
    them moved there from the consonant before.

    Which one moved is decided by spelling alone: each way of splitting them is
    tried, and the rule mends only when exactly one gives valid Thai (ั must be
    followed by a consonant that can close its syllable; ั never follows a leading
    vowel). บติั|การ: บิ + ตั would leave ตั with ก, which า follows, as its final,
    so only บั + ติ is valid. Tone marks in the run make it unclear which vowel they
    sit over: left alone."""

    def mend(match: re.Match) -> str:
        leading, first, second, vowel_a, vowel_b, next_letter, after = match.groups()
        candidates = [
            split for split in ((vowel_b, vowel_a), (vowel_a, vowel_b))
            if _valid_split(leading, second, split, next_letter, after)]
        if len(set(candidates)) != 1:
            return match.group()
        on_first, on_second = candidates[0]
        return leading + first + on_first + second + on_second

    return _TWO_UPPER_VOWELS.sub(mend, text)


def _valid_split(leading: str, second: str, split: tuple[str, str],
                 next_letter: str, after: str) -> bool:
    on_first, on_second = split
    if on_first == HAN_AKAT and (leading or not _can_close_han_akat(second, on_second)):
        return False
    if on_second == HAN_AKAT:
        return bool(next_letter) and _can_close_han_akat(next_letter, after)
    return True


RULES = (
    map_private_use_glyphs,
    drop_cid_before_sara_am,
    join_space_before_mark,
    restore_sara_am_from_space,
    move_mark_off_spacing_vowel,
    move_mark_before_spacing_vowel,
    move_han_akat_to_its_syllable,
    split_two_upper_vowels,
)


def repair_line(line: str) -> str:
    """One line through every rule, then ``normalise_text`` (which also makes its
    whitespace one space between words and none at either end)."""
    line = normalise_text(line)  # marks in one order first: the rules match that order
    for rule in RULES:
        line = rule(line)
    return normalise_text(line)


def repair(text: str) -> str:
    """``text`` with the damage above mended, line by line (line breaks are kept,
    spaces inside a line become single)."""
    return "\n".join(repair_line(line) for line in text.split("\n"))
