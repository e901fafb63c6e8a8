"""The handling process as an SVG flow chart, drawn from the same steps as the ordered list.

One box per step, top to bottom, joined by arrows. Thai text is wrapped at
word boundaries (see linebreak) from an estimate of its width, since SVG text
does not wrap by itself. The chart is an image to assistive technology
(role="img") named by its <title> and described step by step in its <desc>.
"""

from __future__ import annotations

import unicodedata
from html import escape

from . import linebreak

WIDTH = 640
BOX_X, BOX_WIDTH = 20, 600
PADDING = 12
FONT_PX, SMALL_PX = 17, 15
LINE_PX, SMALL_LINE_PX = 26, 22
ARROW_PX = 30
# Widest likely advance of one letter that takes space, as a share of the font
# size (generous, so that a line never runs out of its box in any Thai font).
ADVANCE, BOLD_ADVANCE = 0.6, 0.66


def _advance(text: str, size: int, bold: bool = False) -> float:
    """Rough width in px: combining marks (above and below vowels, tone marks) take none."""
    spacing = sum(1 for character in text if unicodedata.category(character) not in ("Mn", "Me"))
    return spacing * size * (BOLD_ADVANCE if bold else ADVANCE)


def wrap(text: str, size: int, width: float, bold: bool = False) -> list[str]:
    lines, line = [], ""
    for piece in linebreak.pieces(text):
        if line and _advance((line + piece).rstrip(), size, bold) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def svg(steps, title: str, digits) -> str:
    """The chart as an inline <svg> element; ``digits`` writes a number (Thai or Arabic)."""
    inner = BOX_WIDTH - 2 * PADDING
    boxes, y = [], 10
    for step in steps:
        rows = [(line, FONT_PX, LINE_PX, "step")
                for line in wrap(f"{digits(step.number)}. {step.step}", FONT_PX, inner, True)]
        if step.time:
            rows += [(line, FONT_PX, LINE_PX, "time") for line in wrap(step.time, FONT_PX, inner)]
        if step.by:
            rows += [(line, SMALL_PX, SMALL_LINE_PX, "by")
                     for line in wrap(f"ผู้ดำเนินการ: {step.by}", SMALL_PX, inner)]
        height = 2 * PADDING + sum(row[2] for row in rows)
        boxes.append((y, height, rows))
        y += height + ARROW_PX
    total = y - ARROW_PX + 10

    description = " ".join(
        f"{digits(step.number)}. {step.step}"
        + (f" ({step.time})" if step.time else "")
        + (f" ผู้ดำเนินการ: {step.by}" if step.by else "")
        for step in steps
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="complaints-flow" role="img" '
        f'aria-labelledby="complaints-flow-title complaints-flow-desc" '
        f'viewBox="0 0 {WIDTH} {total}" width="{WIDTH}" height="{total}">',
        f'<title id="complaints-flow-title">{escape(title)}</title>',
        f'<desc id="complaints-flow-desc">{escape(description)}</desc>',
    ]
    for number, (top, height, rows) in enumerate(boxes):
        parts.append('<g class="flow-step">')
        parts.append(f'<rect x="{BOX_X}" y="{top}" width="{BOX_WIDTH}" height="{height}" rx="8" '
                     'fill="#f3f6fa" stroke="#1d4e89" stroke-width="2"/>')
        baseline = top + PADDING
        for text, size, line_height, kind in rows:
            baseline += line_height
            weight = ' font-weight="bold"' if kind == "step" else ""
            colour = {"step": "#111111", "time": "#8a3300", "by": "#333333"}[kind]
            parts.append(f'<text x="{BOX_X + PADDING}" y="{baseline - line_height * 0.3:.0f}" '
                         f'font-size="{size}"{weight} fill="{colour}">{escape(text)}</text>')
        parts.append("</g>")
        if number < len(boxes) - 1:
            start, end, middle = top + height, top + height + ARROW_PX, WIDTH // 2
            parts.append(f'<path d="M{middle},{start} V{end - 9}" stroke="#1d4e89" '
                         'stroke-width="2" fill="none"/>')
            parts.append(f'<path d="M{middle - 7},{end - 10} H{middle + 7} L{middle},{end} z" '
                         'fill="#1d4e89"/>')
    parts.append("</svg>")
    return "\n".join(parts)
