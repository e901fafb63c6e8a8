"""The complaint form as an editable Word file (DOCX), written as plain WordprocessingML.

Built from the same lines the PDF laid out (pdf.lay_out): every fill-in space
becomes a tab stop with a dotted leader, so the dots sit where the PDF has
them and a person can type over them in Word or LibreOffice. Wrapped text is
left for the word processor to wrap. The text is set in Sarabun 14 pt like the
PDF; where Sarabun is not installed the word processor substitutes a font and
the dots still end at the same places.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from . import data, pdf

TWIPS_PER_MM = 1440 / 25.4
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Sarabun"
STAMP = (1980, 1, 1, 0, 0, 0)  # zip entry times: the same form gives the same file
# Word processors measure text a little differently from HarfBuzz: lines keep
# this share of the PDF's positions, so the last word of a full line still fits.
SLACK = 0.96


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _run(text: str, bold: bool = False) -> str:
    properties = ('<w:rPr><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
                  if bold else "")
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(content: str, space: bool = False, align: str = "", tabs=(),
               indent: float = 0) -> str:
    properties = []
    if tabs:
        stops = "".join(f'<w:tab w:val="left" w:leader="{leader}" w:pos="{position}"/>'
                        for position, leader in sorted(tabs))
        properties.append(f"<w:tabs>{stops}</w:tabs>")
    before = _twips(pdf.SPACE_MM) if space else 0
    properties.append(f'<w:spacing w:before="{before}" w:after="0" '
                      f'w:line="{_twips(pdf.LINE_MM)}" w:lineRule="exact"/>')
    if indent:
        properties.append(f'<w:ind w:firstLine="{_twips(indent)}"/>')
    if align:
        properties.append(f'<w:jc w:val="{align}"/>')
    return f"<w:p><w:pPr>{''.join(properties)}</w:pPr>{content}</w:p>"


def _line(item: pdf.Laid) -> str:
    """Words at the places the PDF put them; each fill-in space a dotted tab."""
    tabs, content, cursor = {}, [], 0.0
    for text, start, end in item.runs:
        start, end = start * SLACK, end * SLACK
        if text is None:
            tabs[_twips(end)] = "dot"
            content.append("<w:r><w:tab/></w:r>")
            cursor = end
            continue
        if start - cursor > 0.5:  # the line does not start at the margin (centred, right)
            tabs.setdefault(_twips(start), "none")
            content.append("<w:r><w:tab/></w:r>")
        content.append(_run(text))
        cursor = end
    return _paragraph("".join(content), item.space, tabs=tabs.items())


def build(form: data.Form, laid: list, title: str, author: str, language: str = "th-TH") -> bytes:
    body = [_paragraph(_run(form.title, bold=True), align="center")]
    if form.subtitle:
        body.append(_paragraph(_run(form.subtitle), align="center"))
    body.append(_paragraph("", False))
    for item in laid:
        if item.text:
            body.append(_paragraph(_run(item.text), item.space, indent=item.indent))
        else:
            body.append(_line(item))
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        f'<w:pgMar w:top="{_twips(pdf.MARGIN_TOP)}" w:right="{_twips(pdf.MARGIN_RIGHT)}" '
        f'w:bottom="{_twips(pdf.MARGIN_BOTTOM)}" w:left="{_twips(pdf.MARGIN_LEFT)}" '
        'w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>'
    )
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}{section}</w:body></w:document>')
    size = pdf.BODY_PT * 2
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        f'<w:lang w:val="{language}" w:bidi="{language}"/>'
        '</w:rPr></w:rPrDefault></w:docDefaults></w:styles>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp='
        '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<dc:language>{escape(language)}</dc:language></cp:coreProperties>"
    )
    relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/'
            'vnd.openxmlformats-package.core-properties+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns={quoteattr(package)}>'
            f'<Relationship Id="rId1" Type="{relationship}/officeDocument" '
            'Target="word/document.xml"/>'
            f'<Relationship Id="rId2" Type="{package}/metadata/core-properties" '
            'Target="docProps/core.xml"/>'
            "</Relationships>"),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns={quoteattr(package)}>'
            f'<Relationship Id="rId1" Type="{relationship}/styles" Target="styles.xml"/>'
            '</Relationships>'),
        "word/document.xml": document,
        "word/styles.xml": styles,
        "docProps/core.xml": core,
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, STAMP), text.encode("utf-8"),
                             zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
