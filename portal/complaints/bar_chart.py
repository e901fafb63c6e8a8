"""The monthly complaint statistics as an SVG bar chart, drawn from the same months as the table.

One stacked bar per month written: the complaints done at the bottom, those in
progress on top, so the bar's height is the number received, written above it.
The chart is an image to assistive technology (role="img"), named by its
<title> and described month by month in its <desc>; the month table on the
same page is its full text equivalent. Colours are SVG attributes, never
style="": the site's Content-Security-Policy forbids inline styles. Nothing is
loaded from anywhere.
"""

from __future__ import annotations

import math
from html import escape

WIDTH = 520  # narrow enough that its text stays legible scaled down to a phone
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 52, 34  # the plot area's margins (legend above)
PLOT_HEIGHT = 200
HEIGHT = TOP + PLOT_HEIGHT + BOTTOM
FONT_PX = 15
# Both keep 3:1 against the white page and against each other's text (WCAG 1.4.11).
DONE_COLOUR, PROGRESS_COLOUR, AXIS_COLOUR, TEXT_COLOUR = "#1d4e89", "#b34700", "#555555", "#111111"
TITLE_ID, DESC_ID = "complaint-statistics-chart-title", "complaint-statistics-chart-desc"


def axis_step(highest: int) -> int:
    """A round step (1, 2, 5, 10, 20, ...) giving at most five grid lines up to ``highest``."""
    scale = 1
    while True:
        for multiple in (1, 2, 5):
            if math.ceil(highest / (multiple * scale)) <= 5:
                return multiple * scale
        scale *= 10


def svg(months, title: str, digits) -> str:
    """The chart as an inline <svg> element. ``months``: statistics.Month objects;
    ``digits`` writes a number (Thai or Arabic)."""
    highest = max((month.total.received for month in months), default=0) or 1
    step = axis_step(highest)
    top = math.ceil(highest / step) * step
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / max(len(months), 1)

    def y_of(value: float) -> float:
        return TOP + PLOT_HEIGHT - PLOT_HEIGHT * value / top

    description = "; ".join(
        f"{month.name}: ได้รับ {month.total.received} เรื่อง แล้วเสร็จ {month.total.done} "
        f"อยู่ระหว่างดำเนินการ {month.total.in_progress}" for month in months)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="complaint-statistics-chart" role="img" '
        f'aria-labelledby="{TITLE_ID} {DESC_ID}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">',
        f'<title id="{TITLE_ID}">{escape(title)}</title>',
        f'<desc id="{DESC_ID}">{escape(digits(description))}</desc>',
        *_legend(),
    ]
    for value in range(0, top + 1, step):
        y = y_of(value)
        parts.append(f'<path d="M{LEFT},{y:.1f} H{WIDTH - RIGHT}" stroke="#d0d0d0" '
                     'stroke-width="1" fill="none"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 5:.1f}" font-size="{FONT_PX}" '
                     f'text-anchor="end" fill="{TEXT_COLOUR}">{digits(value)}</text>')
    for index, month in enumerate(months):
        parts += _bar(month, LEFT + slot * index, slot, y_of, digits)
    parts.append(f'<path d="M{LEFT},{TOP + PLOT_HEIGHT} H{WIDTH - RIGHT}" stroke="{AXIS_COLOUR}" '
                 'stroke-width="1.5" fill="none"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _legend() -> list[str]:
    entries = (("ดำเนินการแล้วเสร็จ", DONE_COLOUR), ("อยู่ระหว่างดำเนินการ", PROGRESS_COLOUR))
    parts, x = [], LEFT
    for label, colour in entries:
        parts.append(f'<rect x="{x}" y="12" width="14" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{x + 20}" y="24" font-size="{FONT_PX}" '
                     f'fill="{TEXT_COLOUR}">{escape(label)}</text>')
        x += 200
    return parts


def _bar(month, left: float, slot: float, y_of, digits) -> list[str]:
    """One month: its stacked bar, the number received above it, its name below."""
    width = min(slot * 0.6, 36)
    x = left + (slot - width) / 2
    middle = left + slot / 2
    figures = month.total
    parts = ['<g class="bar">']
    done_top = y_of(figures.done)
    if figures.done:
        parts.append(f'<rect x="{x:.1f}" y="{done_top:.1f}" width="{width:.1f}" '
                     f'height="{y_of(0) - done_top:.1f}" fill="{DONE_COLOUR}"/>')
    if figures.in_progress:
        top = y_of(figures.received)
        parts.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
                     f'height="{done_top - top:.1f}" fill="{PROGRESS_COLOUR}"/>')
    parts.append(f'<text x="{middle:.1f}" y="{y_of(figures.received) - 6:.1f}" '
                 f'font-size="{FONT_PX}" text-anchor="middle" fill="{TEXT_COLOUR}">'
                 f"{digits(figures.received)}</text>")
    parts.append(f'<text x="{middle:.1f}" y="{y_of(0) + 22:.1f}" font-size="{FONT_PX}" '
                 f'text-anchor="middle" fill="{TEXT_COLOUR}">{escape(month.short_name)}</text>')
    parts.append("</g>")
    return parts
