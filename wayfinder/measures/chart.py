"""An XmR chart and the Making Data Count icons as server-side SVG, drawn like the charts in core/charts.py: no
JavaScript, no inline styles, a title and description for screen readers, and a table of the same numbers beside
it on the page.

Points in a signal differ in shape as well as colour (improvement a square, concern a diamond, special cause
on a measure with no better direction a triangle; common cause a small circle), so the chart reads without
colour.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from markupsafe import Markup

from wayfinder.core.charts import FONT, GRID_COLOUR, MUTED_COLOUR, SVG_NS, TEXT_COLOUR
from wayfinder.measures import spc
from wayfinder.measures.spc import Assurance, Kind, Variation

COMMON_COLOUR = "#768692"  # NHS mid grey
IMPROVEMENT_COLOUR = "#005eb8"  # NHS blue
CONCERN_COLOUR = "#ed8b00"  # NHS warm yellow (orange), as Making Data Count uses
NEITHER_COLOUR = "#330072"  # NHS purple
LINE_COLOUR = "#4c6272"
TARGET_COLOUR = "#d5281b"  # NHS red

KIND_COLOURS = {
    Kind.COMMON: COMMON_COLOUR,
    Kind.IMPROVEMENT: IMPROVEMENT_COLOUR,
    Kind.CONCERN: CONCERN_COLOUR,
    Kind.NEITHER: NEITHER_COLOUR,
}


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def number(value: float | None) -> str:
    """A figure for people: up to 2 decimal places, thousands separated."""
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _ticks(low: float, high: float, most: int = 5) -> list[float]:
    if high <= low:
        high, low = low + 1, low - 1
    raw = (high - low) / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if raw <= f * magnitude)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _marker(parent: ET.Element, kind: Kind, x: float, y: float, size: float) -> None:
    colour = KIND_COLOURS[kind]
    common = {"fill": colour, "stroke": "#ffffff", "stroke-width": "1"}
    if kind is Kind.COMMON:
        ET.SubElement(parent, "circle", {"cx": _fmt(x), "cy": _fmt(y), "r": _fmt(size * 0.75), **common})
    elif kind is Kind.IMPROVEMENT:
        s = size
        ET.SubElement(
            parent,
            "rect",
            {"x": _fmt(x - s), "y": _fmt(y - s), "width": _fmt(2 * s), "height": _fmt(2 * s), **common},
        )
    elif kind is Kind.CONCERN:
        s = size * 1.3
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
        ET.SubElement(parent, "polygon", {"points": " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in points), **common})
    else:
        s = size * 1.25
        points = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
        ET.SubElement(parent, "polygon", {"points": " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in points), **common})


def xmr_chart(
    analysis: spc.Analysis,
    labels: Sequence[str],
    title: str,
    description: str,
    *,
    id_prefix: str = "xmr",
    small: bool = False,
) -> Markup:
    """The values joined by a line, each segment's mean (solid) and process limits (dashed), the target (red,
    dash-dot) and a dotted upright line where a step change starts new limits."""
    width, height = (360, 200) if small else (720, 380)
    left, right, top, bottom = (44, 10, 12, 30) if small else (64, 16, 16, 56)
    font = 11 if small else 13
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
            "class": "wf-chart wf-xmr" + (" wf-xmr--small" if small else ""),
            "font-family": FONT,
            "fill": TEXT_COLOUR,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{id_prefix}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{id_prefix}-desc"}).text = description
    points = analysis.points
    if not points:
        ET.SubElement(
            svg, "text", {"x": _fmt(width / 2), "y": _fmt(height / 2), "text-anchor": "middle"}
        ).text = "No values yet"
        return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 - built with ElementTree, which escapes

    figures = [p.value for p in points]
    for segment in analysis.segments:
        figures += [segment.limits.lower, segment.limits.upper]
    if analysis.target is not None:
        figures.append(analysis.target)
    ticks = _ticks(min(figures), max(figures))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(points)

    def x_of(index: float) -> float:
        return left + (plot_w * (index + 0.5) / count)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    grid = ET.SubElement(svg, "g", {"class": "wf-xmr__grid", "stroke": GRID_COLOUR, "stroke-width": "1"})
    scale = ET.SubElement(svg, "g", {"class": "wf-xmr__scale", "font-size": str(font), "fill": MUTED_COLOUR})
    for tick in ticks:
        y = y_of(tick)
        ET.SubElement(grid, "line", {"x1": str(left), "y1": _fmt(y), "x2": str(width - right), "y2": _fmt(y)})
        ET.SubElement(scale, "text", {"x": str(left - 6), "y": _fmt(y + 4), "text-anchor": "end"}).text = number(tick)
    every = max(1, math.ceil(count / (6 if small else 12)))
    for i, label in enumerate(labels[:count]):
        if i % every == 0:
            ET.SubElement(
                scale,
                "text",
                {"x": _fmt(x_of(i)), "y": _fmt(height - bottom + font + 6), "text-anchor": "middle"},
            ).text = label

    lines = ET.SubElement(svg, "g", {"class": "wf-xmr__lines", "fill": "none"})
    for number_, segment in enumerate(analysis.segments):
        x1, x2 = x_of(segment.start - 0.5), x_of(segment.end + 0.5)
        limits = segment.limits
        ET.SubElement(
            lines,
            "line",
            {
                "x1": _fmt(x1),
                "x2": _fmt(x2),
                "y1": _fmt(y_of(limits.mean)),
                "y2": _fmt(y_of(limits.mean)),
                "stroke": TEXT_COLOUR,
                "stroke-width": "1.5",
                "class": "wf-xmr__mean",
            },
        )
        for value in (limits.lower, limits.upper):
            ET.SubElement(
                lines,
                "line",
                {
                    "x1": _fmt(x1),
                    "x2": _fmt(x2),
                    "y1": _fmt(y_of(value)),
                    "y2": _fmt(y_of(value)),
                    "stroke": MUTED_COLOUR,
                    "stroke-width": "1.5",
                    "stroke-dasharray": "6 4" if not limits.provisional else "2 4",
                    "class": "wf-xmr__limit",
                },
            )
        if number_:
            ET.SubElement(
                lines,
                "line",
                {
                    "x1": _fmt(x1),
                    "x2": _fmt(x1),
                    "y1": str(top),
                    "y2": _fmt(height - bottom),
                    "stroke": TEXT_COLOUR,
                    "stroke-width": "1.5",
                    "stroke-dasharray": "2 3",
                    "class": "wf-xmr__step",
                },
            )
    if analysis.target is not None:
        y = y_of(analysis.target)
        ET.SubElement(
            lines,
            "line",
            {
                "x1": str(left),
                "x2": str(width - right),
                "y1": _fmt(y),
                "y2": _fmt(y),
                "stroke": TARGET_COLOUR,
                "stroke-width": "1.5",
                "stroke-dasharray": "10 4 2 4",
                "class": "wf-xmr__target",
            },
        )
    for segment in analysis.segments:
        run = [(x_of(p.index), y_of(p.value)) for p in points[segment.start : segment.end + 1]]
        if len(run) > 1:
            ET.SubElement(
                lines,
                "polyline",
                {
                    "points": " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in run),
                    "stroke": LINE_COLOUR,
                    "stroke-width": "1.5" if small else "2",
                    "stroke-linejoin": "round",
                },
            )
    markers = ET.SubElement(svg, "g", {"class": "wf-xmr__points"})
    size = 3.5 if small else 5
    for point in points:
        _marker(markers, point.kind, x_of(point.index), y_of(point.value), size)
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 - built with ElementTree, which escapes


# Icons -----------------------------------------------------------------------------------------------------------

VARIATION_COLOURS = {
    Variation.COMMON: COMMON_COLOUR,
    Variation.IMPROVEMENT_HIGH: IMPROVEMENT_COLOUR,
    Variation.IMPROVEMENT_LOW: IMPROVEMENT_COLOUR,
    Variation.CONCERN_HIGH: CONCERN_COLOUR,
    Variation.CONCERN_LOW: CONCERN_COLOUR,
    Variation.NEITHER_HIGH: NEITHER_COLOUR,
    Variation.NEITHER_LOW: NEITHER_COLOUR,
}
ASSURANCE_COLOURS = {
    Assurance.PASS: IMPROVEMENT_COLOUR,
    Assurance.FAIL: CONCERN_COLOUR,
    Assurance.EITHER: COMMON_COLOUR,
    Assurance.NONE: "#d8dde0",
}


def _icon(colour: str, letter: str, css: str) -> Markup:
    """A round badge with a letter; decorative, because the words beside it say the same."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": "0 0 40 40",
            "width": "40",
            "height": "40",
            "aria-hidden": "true",
            "focusable": "false",
            "class": f"wf-spc-icon {css}",
            "font-family": FONT,
        },
    )
    ET.SubElement(svg, "circle", {"cx": "20", "cy": "20", "r": "18", "fill": "#ffffff", "stroke": colour})
    ET.SubElement(svg, "circle", {"cx": "20", "cy": "20", "r": "14", "fill": colour})
    ET.SubElement(
        svg,
        "text",
        {"x": "20", "y": "26", "text-anchor": "middle", "font-size": "17", "font-weight": "bold", "fill": "#ffffff"},
    ).text = letter
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 - built with ElementTree, which escapes


def variation_icon(variation: Variation | None) -> Markup:
    if variation is None:
        return Markup("")
    letter = "H" if variation.value.endswith("high") else ("L" if variation.value.endswith("low") else "~")
    return _icon(VARIATION_COLOURS[variation], letter, f"wf-spc-icon--{variation.value.replace('_', '-')}")


def assurance_icon(assurance: Assurance) -> Markup:
    letter = {Assurance.PASS: "P", Assurance.FAIL: "F", Assurance.EITHER: "?", Assurance.NONE: "–"}[assurance]
    return _icon(ASSURANCE_COLOURS[assurance], letter, f"wf-spc-icon--assurance-{assurance.value}")
