"""A horizontal bar chart as inline SVG, for figures a page also gives as a table.

Not a Pelican plugin: a drawing any page's data can use (procurement by
month, ...). One bar per row, label on the left, value at the end of the bar.
Horizontal bars keep long Thai labels readable and fit a phone. The chart is
an image to assistive technology (role="img", named by its <title>, its
<desc> saying where the figures are as text); the page's table beside it is
the text equivalent. Colours are attributes, not style="" (the site's
Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

WIDTH = 640
LABEL_WIDTH = 150
VALUE_WIDTH = 130
BAR_HEIGHT, GAP = 22, 10
FONT_PX = 15
TOP = 10


def svg(element_id: str, title: str, rows, shown, description: str) -> str:
    """``rows``: (label, value) pairs; ``shown(value)`` writes a value as the page does."""
    rows = list(rows)
    largest = max((value for _, value in rows), default=Decimal(0)) or Decimal(1)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        top = TOP + index * (BAR_HEIGHT + GAP)
        middle = top + BAR_HEIGHT * 0.72
        length = float(value / largest) * room if value else 0
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle:.0f}" font-size="{FONT_PX}" '
                     f'text-anchor="end" fill="#111111">{escape(label)}</text>')
        if length:
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{top}" width="{max(length, 2):.1f}" '
                         f'height="{BAR_HEIGHT}" fill="#1d4e89"/>')
        parts.append(f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:.0f}" '
                     f'font-size="{FONT_PX}" fill="#111111">{escape(shown(value))}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
