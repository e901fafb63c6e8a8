"""The complaint form as an A4 PDF: Thai text shaped by HarfBuzz, the font embedded.

Drawn with fpdf2 from the same ``data.Form`` the printable HTML page shows.
Sarabun (SIL Open Font License, files in ``fonts/``) is embedded as a subset.
Text stays text: it can be selected, searched and read back with ``pdftotext``.

One correction to fpdf2's text shaping: HarfBuzz draws SARA AM (ำ) as two
glyphs, NIKHAHIT and SARA AA, and fpdf2 gives the character to the first,
zero-width one, so text extraction sees a gap and reads "ตำ บล". Here the
characters of a cluster go to its widest glyph instead.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import TTFFont

from . import data, linebreak

FONT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fonts")
FONT_FILES = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}
FAMILY = "Sarabun"

# Layout, in millimetres and points. Margins follow Thai official letters
# (left 3 cm, right 2 cm); the body size suits Sarabun, which is larger per
# point than TH Sarabun PSK.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 30, 20, 12, 12
BODY_PT, TITLE_PT = 14, 16
LINE_MM = 7.0
INDENT_MM = 15
SPACE_MM = 3  # extra space above a part with ``space: yes``
GAP_MM = 1  # between a word and a fill-in line
MIN_STRETCH_CHARS = 3  # a [*] fill-in space narrower than this means the line is too full
DOT_WIDTH_MM, DOT_DASH_MM, DOT_GAP_MM = 0.35, 0.05, 0.9


class LayoutError(Exception):
    """A line of the form that does not fit the page; ``line`` is in the data file."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


class _ThaiFont(TTFFont):
    """fpdf2's TrueType font, giving a cluster's characters to its widest glyph."""

    __slots__ = ()

    def shape_text(self, text, font_size_pt, text_shaping_params):
        if not text:
            return []
        infos, positions = self.perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
        starts = sorted({int(info.cluster) for info in infos})
        ends = starts[1:] + [len(text)]
        characters = {start: text[start:end] for start, end in zip(starts, ends, strict=True)}
        carrier = {}  # cluster -> index of the glyph that carries its characters
        for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
            best = carrier.get(info.cluster)
            if best is None or position.x_advance > positions[best].x_advance:
                carrier[info.cluster] = index
        shaped = []
        for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
            codes = ()
            if carrier[info.cluster] == index:
                codes = tuple(ord(character) for character in characters[info.cluster])
            name = self.ttfont.getGlyphName(info.codepoint)
            width = round(self.scale * self.ttfont["hmtx"].metrics[name][0])
            glyph = self.subset.get_glyph(glyph=info.codepoint, unicode=codes,
                                          glyph_name=name, glyph_width=width)
            if glyph is None:
                continue
            shaped.append({
                "mapped_char": self.subset.pick_glyph(glyph),
                "x_advance": position.x_advance,
                "y_advance": position.y_advance,
                "x_offset": position.x_offset,
                "y_offset": position.y_offset,
                "force_positioning": bool(width != position.x_advance or position.x_offset
                                          or position.y_offset or position.y_advance),
            })
        return shaped


@dataclass
class Laid:
    """One line or paragraph as the PDF placed it, for the DOCX (see docx.py).

    ``runs``: (text, or None for a fill-in space; start and end in mm from the
    left margin). A wrapped paragraph has ``text`` and ``indent`` instead.
    """

    space: bool = False
    runs: tuple = ()
    text: str = ""
    indent: float = 0


class _FormPDF(FPDF):
    """FPDF that also keeps the place of every line it draws."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.laid: list[Laid] = []
        self.space_pending = False


@dataclass
class _Placed:
    """One run of a laid-out line: words or a fill-in space, ``width`` in mm."""

    run: object
    width: float


# `invoke serve` builds again on every save; laying out the form costs 0.2 s
# and depends only on these arguments (a frozen Form, the fonts of this package).
@functools.lru_cache(maxsize=1)
def lay_out(form: data.Form, title: str, author: str, language: str = "th", created=None):
    """(PDF bytes, [Laid]): the PDF and where each of its lines went.

    ``created`` (a datetime) is written as the file's creation date: the same
    form gives the same bytes on every build. Raises LayoutError for a line
    that cannot fit the page. The result is shared by the builds of one
    process: nothing may change it.
    """
    pdf = _FormPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
    pdf.set_auto_page_break(True, MARGIN_BOTTOM)
    for style, file_name in FONT_FILES.items():
        pdf.add_font(FAMILY, style, os.path.join(FONT_DIR, file_name))
    for font in pdf.fonts.values():
        font.__class__ = _ThaiFont
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(form.title)
    pdf.set_lang(language)
    pdf.set_creator("ITA transparency portal")
    if created is not None:
        pdf.set_creation_date(created)
    pdf.set_display_mode("fullwidth")
    pdf.add_page()

    pdf.set_font(FAMILY, "B", TITLE_PT)
    pdf.cell(0, LINE_MM + 1, form.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", BODY_PT)
    if form.subtitle:
        pdf.cell(0, LINE_MM, form.subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(SPACE_MM)
    for part in form.parts:
        if part.space:
            pdf.ln(SPACE_MM)
            pdf.space_pending = True
        if part.kind == "blank_lines":
            for _ in range(part.count):
                _draw(pdf, _layout(pdf, (data.Blank(None),), part.line, _width(pdf)), MARGIN_LEFT)
        elif part.kind == "text":
            _paragraph(pdf, part)
        else:
            _lines(pdf, part)
    return bytes(pdf.output()), pdf.laid


def _width(pdf: FPDF) -> float:
    return pdf.w - MARGIN_LEFT - MARGIN_RIGHT


def _paragraph(pdf: FPDF, part: data.FormPart) -> None:
    """Wrapped text, breaking between Thai words (see linebreak)."""
    indent = INDENT_MM if part.indent else 0
    line, lines = "", []
    for piece in linebreak.pieces(part.text):
        room = _width(pdf) - (indent if not lines else 0)
        if line and pdf.get_string_width((line + piece).rstrip()) > room:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    lines.append(line.rstrip())
    pdf.laid.append(Laid(pdf.space_pending, text=part.text, indent=indent))
    pdf.space_pending = False
    for number, text in enumerate(lines):
        placed = [_Placed(data.Words(text), pdf.get_string_width(text))]
        _draw(pdf, placed, MARGIN_LEFT + (indent if number == 0 else 0), record=False)


def _lines(pdf: FPDF, part: data.FormPart) -> None:
    """Fixed lines. ``right``: a block at the right margin, each line centred in it
    (a signature block); ``left`` and ``center`` align each line by itself."""
    laid = []
    for number, form_line in enumerate(part.lines):
        indent = INDENT_MM if part.indent and number == 0 else 0
        placed = _layout(pdf, form_line.runs, form_line.line, _width(pdf) - indent)
        laid.append((indent, placed, sum(item.width for item in placed)))
    block = max(width for _, _, width in laid)
    for indent, placed, width in laid:
        if part.align == "right":
            x = MARGIN_LEFT + _width(pdf) - block + (block - width) / 2
        elif part.align == "center":
            x = MARGIN_LEFT + (_width(pdf) - width) / 2
        else:
            x = MARGIN_LEFT + indent
        _draw(pdf, placed, x)


def _layout(pdf: FPDF, runs: tuple, line: int, available: float) -> list[_Placed]:
    """Widths of the runs of one line; ``[*]`` spaces share what is left of ``available``."""
    unit = pdf.get_string_width("0")  # one "character" of a fill-in space, like CSS ch
    placed = []
    for number, run in enumerate(runs):
        if run.is_blank:
            gaps = GAP_MM * ((number > 0) + (number < len(runs) - 1))
            placed.append(_Placed(run, (run.width or 0) * unit + gaps))
        else:
            placed.append(_Placed(run, pdf.get_string_width(run.text)))
    stretch = [item for item in placed if item.run.is_blank and item.run.width is None]
    left_over = available - sum(item.width for item in placed)
    if stretch and left_over / len(stretch) < MIN_STRETCH_CHARS * unit or left_over < 0:
        raise LayoutError(line, "บรรทัดนี้ยาวเกินความกว้างของกระดาษ A4 (line too long for the page)",
                          "ลดความยาวของช่องกรอก [n] หรือแยกเป็นสองบรรทัด")
    for item in stretch:
        item.width += left_over / len(stretch)
    return placed


def _draw(pdf: _FormPDF, placed: list[_Placed], x: float, record: bool = True) -> None:
    """Draw one line from ``x``: words as text, fill-in spaces as dotted lines on the baseline."""
    if record:
        runs, left = [], x - MARGIN_LEFT
        for item in placed:
            runs.append((None if item.run.is_blank else item.run.text, left, left + item.width))
            left += item.width
        pdf.laid.append(Laid(pdf.space_pending, tuple(runs)))
        pdf.space_pending = False
    if pdf.will_page_break(LINE_MM):
        pdf.add_page()
    y = pdf.get_y()
    baseline = y + 0.5 * LINE_MM + 0.3 * pdf.font_size
    for number, item in enumerate(placed):
        if item.run.is_blank:
            start = x + (GAP_MM if number > 0 else 0)
            end = x + item.width - (GAP_MM if number < len(placed) - 1 else 0)
            with pdf.local_context(line_width=DOT_WIDTH_MM):
                pdf.set_dash_pattern(dash=DOT_DASH_MM, gap=DOT_GAP_MM)
                pdf.line(start, baseline + 0.6, end, baseline + 0.6)
                pdf.set_dash_pattern()
        else:
            pdf.set_xy(x, y)
            pdf.cell(item.width, LINE_MM, item.run.text)
        x += item.width
    pdf.set_xy(MARGIN_LEFT, y + LINE_MM)
