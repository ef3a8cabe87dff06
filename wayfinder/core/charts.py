"""Charts drawn on the server as SVG: no JavaScript, no inline styles, readable by screen readers."""

from __future__ import annotations

import math
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "Frutiger W01, Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#212b32"
GRID_COLOUR = "#aeb7bd"
MUTED_COLOUR = "#4c6272"

Marker = Literal["circle", "square", "triangle", "diamond"]


@dataclass(frozen=True)
class SeriesStyle:
    """How a series looks. Each default style differs in line pattern and marker as well as colour, so the
    chart still reads in black and white and for people who do not see colour."""

    stroke: str
    marker: Marker
    dasharray: str = ""
    stroke_width: float = 3
    fill_opacity: float = 0.0


STYLES: tuple[SeriesStyle, ...] = (
    SeriesStyle(stroke="#005eb8", marker="circle", fill_opacity=0.12),  # NHS blue, solid
    SeriesStyle(stroke="#007f3b", marker="square", dasharray="10 5"),  # green, dashed
    SeriesStyle(stroke="#4c6272", marker="triangle", dasharray="2 5", stroke_width=3.5),  # grey, dotted
    SeriesStyle(stroke="#330072", marker="diamond", dasharray="14 5 3 5"),  # purple, dash-dot
    SeriesStyle(stroke="#d5281b", marker="circle", dasharray="6 3"),  # red, short dashes
)


@dataclass(frozen=True)
class Series:
    name: str
    # One value per axis; None where there is nothing to plot (the line breaks there).
    values: Sequence[float | None]
    style: SeriesStyle | None = None


def style_for(index: int, series: Series) -> SeriesStyle:
    return series.style or STYLES[index % len(STYLES)]


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _number(value: float) -> str:
    return _fmt(value) if value != int(value) else str(int(value))


def _svg(width: float, height: float, title: str, description: str, id_prefix: str, classes: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {_fmt(width)} {_fmt(height)}",
            "role": "img",
            "aria-labelledby": f"{id_prefix}-title {id_prefix}-desc",
            "class": classes,
            "font-family": FONT,
            "fill": TEXT_COLOUR,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{id_prefix}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{id_prefix}-desc"}).text = description
    return svg


def _markup(svg: ET.Element) -> Markup:
    return Markup(ET.tostring(svg, encoding="unicode"))  # noqa: S704 - built with ElementTree, which escapes


def _marker(parent: ET.Element, kind: Marker, x: float, y: float, style: SeriesStyle, size: float = 5.5) -> None:
    common = {"fill": style.stroke, "stroke": "#ffffff", "stroke-width": "1.5"}
    if kind == "circle":
        ET.SubElement(parent, "circle", {"cx": _fmt(x), "cy": _fmt(y), "r": _fmt(size), **common})
    elif kind == "square":
        ET.SubElement(
            parent,
            "rect",
            {"x": _fmt(x - size), "y": _fmt(y - size), "width": _fmt(2 * size), "height": _fmt(2 * size), **common},
        )
    elif kind == "triangle":
        s = size * 1.25
        points = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
        ET.SubElement(parent, "polygon", {"points": " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in points), **common})
    else:
        s = size * 1.3
        points = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
        ET.SubElement(parent, "polygon", {"points": " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in points), **common})


def _line_attributes(style: SeriesStyle, *, fill: bool) -> dict[str, str]:
    attributes = {
        "stroke": style.stroke,
        "stroke-width": _fmt(style.stroke_width),
        "stroke-linejoin": "round",
        "fill": style.stroke if fill and style.fill_opacity else "none",
    }
    if fill and style.fill_opacity:
        attributes["fill-opacity"] = _fmt(style.fill_opacity)
    if style.dasharray:
        attributes["stroke-dasharray"] = style.dasharray
    return attributes


def legend_swatch(style: SeriesStyle, width: int = 44, height: int = 16) -> Markup:
    """A small picture of a series' line and marker, for a legend written in HTML beside a chart."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "aria-hidden": "true",
            "focusable": "false",
            "class": "wf-chart-swatch",
        },
    )
    ET.SubElement(
        svg,
        "line",
        {"x1": "2", "y1": _fmt(height / 2), "x2": _fmt(width - 2), "y2": _fmt(height / 2)}
        | _line_attributes(style, fill=False),
    )
    _marker(svg, style.marker, width / 2, height / 2, style, size=4.5)
    return _markup(svg)


# Radar ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RadarGeometry:
    """Where things go on a radar chart; shared by the drawing and its tests."""

    axes: int
    max_level: int
    cx: float
    cy: float
    radius: float

    def angle(self, axis: int) -> float:
        """Axis 0 points straight up; the rest follow clockwise."""
        return -math.pi / 2 + 2 * math.pi * axis / self.axes

    def point(self, axis: int, level: float) -> tuple[float, float]:
        r = self.radius * max(0.0, min(level, self.max_level)) / self.max_level
        a = self.angle(axis)
        return self.cx + r * math.cos(a), self.cy + r * math.sin(a)


RADAR_WIDTH = 740
RADAR_RADIUS = 180
LABEL_FONT = 18
LABEL_LINE = 21
LABEL_WRAP = 14
LABEL_LINES = 3
LEGEND_LINE = 28
# With more axes than this, names round the edge would overlap: the axes show numbers only.
MAX_NAMED_AXES = 12


def radar_geometry(axes: int, max_level: int, *, names: bool = True) -> RadarGeometry:
    """With names round the edge the web is smaller, to leave room for them; with numbers alone it fills the
    picture."""
    margin = (LABEL_LINES * LABEL_LINE + 44) if names else 48
    radius = RADAR_RADIUS if names else RADAR_WIDTH / 2 - margin
    return RadarGeometry(axes=axes, max_level=max_level, cx=RADAR_WIDTH / 2, cy=margin + radius, radius=radius)


def shows_axis_names(axes: int, axis_names: bool | None, number_axes: bool) -> bool:
    if not number_axes:
        return True
    return axes <= MAX_NAMED_AXES if axis_names is None else axis_names


def _wrap(label: str) -> list[str]:
    lines = textwrap.wrap(label, LABEL_WRAP) or [""]
    if len(lines) > LABEL_LINES:
        lines = [
            *lines[: LABEL_LINES - 1],
            textwrap.shorten(" ".join(lines[LABEL_LINES - 1 :]), LABEL_WRAP, placeholder="…"),
        ]
    return lines


def _describe(axes: Sequence[str], series: Sequence[Series], max_level: int) -> str:
    parts = [f"Levels run from 0 at the centre to {max_level} at the edge."]
    for item in series:
        values = [
            f"{axis} {_number(value)}" if value is not None else f"{axis} none"
            for axis, value in zip(axes, item.values, strict=False)
        ]
        parts.append(f"{item.name}: " + "; ".join(values) + ".")
    return " ".join(parts)


def radar_chart(
    axes: Sequence[str],
    series: Sequence[Series],
    max_level: int,
    title: str,
    *,
    description: str | None = None,
    number_axes: bool = True,
    axis_names: bool | None = None,
    legend: bool = False,
    id_prefix: str = "radar",
) -> Markup:
    """A radar (spider) chart: one axis per dimension, level 0 at the centre and `max_level` at the edge.

    Each complete series is one polygon; a series with gaps is drawn as lines between the values it has.
    Axis labels are numbered so they can be matched with a table beside the chart; names are added when
    there is room for them (`axis_names=None` decides by the number of axes). The description lists every
    value, so a screen reader gets the whole chart in words.
    """
    if len(axes) < 3:
        raise ValueError("A radar chart needs at least three axes")
    if max_level < 1:
        raise ValueError("max_level must be at least 1")
    names = shows_axis_names(len(axes), axis_names, number_axes)
    geometry = radar_geometry(len(axes), max_level, names=names)
    legend_height = (len(series) * LEGEND_LINE + 10) if legend else 0
    height = 2 * geometry.cy + legend_height
    svg = _svg(
        RADAR_WIDTH,
        height,
        title,
        description or _describe(axes, series, max_level),
        id_prefix,
        "wf-chart wf-radar" + (" wf-radar--named" if names else ""),
    )
    # Everything but the names is one group, so a small screen can hide the names and enlarge the rest.
    plot = ET.SubElement(svg, "g", {"class": "wf-radar__plot"})

    grid = ET.SubElement(plot, "g", {"class": "wf-radar__grid", "fill": "none", "stroke": GRID_COLOUR})
    for level in range(1, max_level + 1):
        ring = [geometry.point(i, level) for i in range(len(axes))]
        ET.SubElement(
            grid,
            "polygon",
            {
                "points": " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in ring),
                "stroke-width": "1.5" if level == max_level else "1",
            },
        )
    for i in range(len(axes)):
        x, y = geometry.point(i, max_level)
        ET.SubElement(
            grid,
            "line",
            {"x1": _fmt(geometry.cx), "y1": _fmt(geometry.cy), "x2": _fmt(x), "y2": _fmt(y), "stroke-width": "1"},
        )

    scale = ET.SubElement(plot, "g", {"class": "wf-radar__scale", "font-size": "14", "fill": MUTED_COLOUR})
    for level in range(1, max_level + 1):
        # Level numbers sit just right of the upward axis, between axis 0 and axis 1.
        x, y = geometry.point(0, level)
        ET.SubElement(scale, "text", {"x": _fmt(x + 6), "y": _fmt(y + 15)}).text = str(level)

    numbers = ET.SubElement(plot, "g", {"class": "wf-radar__numbers", "font-size": str(LABEL_FONT)})
    labels = ET.SubElement(svg, "g", {"class": "wf-radar__labels", "font-size": str(LABEL_FONT)})
    for i, axis in enumerate(axes):
        angle = geometry.angle(i)
        cos, sin = math.cos(angle), math.sin(angle)
        offset = 14
        if number_axes:
            # The number sits at the end of its axis; the name (hidden on small screens) sits beyond it.
            nx, ny = geometry.cx + (geometry.radius + 16) * cos, geometry.cy + (geometry.radius + 16) * sin
            ET.SubElement(
                numbers,
                "text",
                {
                    "x": _fmt(nx),
                    "y": _fmt(ny),
                    "text-anchor": "middle",
                    "dominant-baseline": "central",
                    "font-weight": "bold",
                    "class": "wf-radar__number",
                },
            ).text = str(i + 1)
            offset = 32
        if not names:
            continue
        x = geometry.cx + (geometry.radius + offset) * cos
        y = geometry.cy + (geometry.radius + offset) * sin
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        lines = _wrap(axis)
        block = len(lines) * LABEL_LINE
        # Above the centre a name grows upwards, below it grows downwards, at the sides it is centred.
        if sin < -0.2:
            first_baseline = y - block + LABEL_LINE * 0.7
        elif sin > 0.2:
            first_baseline = y + LABEL_LINE * 0.8
        else:
            first_baseline = y - block / 2 + LABEL_LINE * 0.75
        text = ET.SubElement(
            labels,
            "text",
            {"x": _fmt(x), "y": _fmt(first_baseline), "text-anchor": anchor, "class": "wf-radar__name"},
        )
        for n, line in enumerate(lines):
            ET.SubElement(text, "tspan", {"x": _fmt(x), "dy": "0" if n == 0 else str(LABEL_LINE)}).text = line

    for index, item in enumerate(series):
        style = style_for(index, item)
        group = ET.SubElement(plot, "g", {"class": f"wf-radar__series wf-radar__series--{index + 1}"})
        ET.SubElement(group, "title").text = item.name
        values = list(item.values)[: len(axes)] + [None] * max(0, len(axes) - len(item.values))
        points = [geometry.point(i, v) if v is not None else None for i, v in enumerate(values)]
        present = [p for p in points if p is not None]
        if len(present) == len(points):
            ET.SubElement(
                group,
                "polygon",
                {"points": " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in present)} | _line_attributes(style, fill=True),
            )
        else:
            for run in _runs(points):
                if len(run) > 1:
                    ET.SubElement(
                        group,
                        "polyline",
                        {"points": " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in run)}
                        | _line_attributes(style, fill=False),
                    )
        markers = ET.SubElement(group, "g", {"class": "wf-radar__markers"})
        for x, y in present:
            _marker(markers, style.marker, x, y, style)

    if legend:
        key = ET.SubElement(svg, "g", {"class": "wf-radar__legend", "font-size": str(LABEL_FONT)})
        top = height - legend_height + 10
        for index, item in enumerate(series):
            style = style_for(index, item)
            y = top + index * LEGEND_LINE + LEGEND_LINE / 2
            ET.SubElement(
                key,
                "line",
                {"x1": "24", "y1": _fmt(y), "x2": "84", "y2": _fmt(y)} | _line_attributes(style, fill=False),
            )
            _marker(key, style.marker, 54, y, style)
            ET.SubElement(key, "text", {"x": "96", "y": _fmt(y + 5)}).text = item.name
    return _markup(svg)


def _runs(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Consecutive present points, joining the last run to the first when the series wraps round."""
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for p in points:
        if p is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(p)
    if current:
        if runs and points[0] is not None:
            runs[0] = current + runs[0]
        else:
            runs.append(current)
    return runs


# Bars -----------------------------------------------------------------------------------------------------

BAR_WIDTH = 640
BAR_LABEL_WIDTH = 250
BAR_HEIGHT = 22
BAR_GAP = 14


def axis_ticks(max_value: float, most: int = 6) -> tuple[float, list[float]]:
    """A "nice" axis for counts from 0 to max_value: a step of 1, 2 or 5 times a power of ten giving at most
    `most` intervals, the axis end (max_value rounded up to a whole step) and the tick values."""
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    magnitude = 10 ** math.floor(math.log10(max_value / most)) if max_value > most else 1
    step: float = magnitude
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if max_value / step <= most:
            break
    end = math.ceil(max_value / step - 1e-9) * step
    ticks = [round(n * step, 10) for n in range(round(end / step) + 1)]
    return end, ticks


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    max_value: float,
    title: str,
    *,
    description: str | None = None,
    style: SeriesStyle | None = None,
    id_prefix: str = "bars",
) -> Markup:
    """Horizontal bars, one per label, with the value written at the end of each bar."""
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    style = style or STYLES[0]
    row = BAR_HEIGHT + BAR_GAP
    wrapped = [textwrap.wrap(label, 30)[:2] or [""] for label in labels]
    height = 20 + row * len(labels) + 30
    if description is None:
        description = "; ".join(
            f"{label} {_number(value) if value is not None else 'no value'}"
            for label, value in zip(labels, values, strict=False)
        )
    svg = _svg(BAR_WIDTH, height, title, description, id_prefix, "wf-chart wf-bars")
    plot = BAR_WIDTH - BAR_LABEL_WIDTH - 50
    axis = ET.SubElement(svg, "g", {"stroke": GRID_COLOUR, "stroke-width": "1"})
    # A handful of gridlines however large the numbers: one per whole number would be thousands at England scale.
    max_value, ticks = axis_ticks(max_value)
    for tick in ticks:
        x = BAR_LABEL_WIDTH + plot * tick / max_value
        ET.SubElement(axis, "line", {"x1": _fmt(x), "y1": "10", "x2": _fmt(x), "y2": _fmt(height - 26)})
        ET.SubElement(
            svg,
            "text",
            {"x": _fmt(x), "y": _fmt(height - 8), "text-anchor": "middle", "font-size": "13", "fill": MUTED_COLOUR},
        ).text = _number(tick)
    for i, (lines, value) in enumerate(zip(wrapped, values, strict=False)):
        y = 20 + i * row
        text = ET.SubElement(svg, "text", {"x": _fmt(BAR_LABEL_WIDTH - 10), "text-anchor": "end", "font-size": "14"})
        first = y + BAR_HEIGHT / 2 + 5 - (8 if len(lines) > 1 else 0)
        text.set("y", _fmt(first))
        for n, line in enumerate(lines):
            ET.SubElement(text, "tspan", {"x": _fmt(BAR_LABEL_WIDTH - 10), "dy": "0" if n == 0 else "16"}).text = line
        if value is None:
            ET.SubElement(
                svg, "text", {"x": _fmt(BAR_LABEL_WIDTH + 6), "y": _fmt(y + BAR_HEIGHT / 2 + 5), "font-size": "14"}
            ).text = "Not shown"
            continue
        width = plot * max(0.0, min(value, max_value)) / max_value
        ET.SubElement(
            svg,
            "rect",
            {
                "x": str(BAR_LABEL_WIDTH),
                "y": _fmt(y),
                "width": _fmt(width),
                "height": str(BAR_HEIGHT),
                "fill": style.stroke,
            },
        )
        ET.SubElement(
            svg,
            "text",
            {"x": _fmt(BAR_LABEL_WIDTH + width + 6), "y": _fmt(y + BAR_HEIGHT / 2 + 5), "font-size": "14"},
        ).text = _number(value)
    return _markup(svg)


@dataclass(frozen=True)
class Range:
    """A middle value and the lowest and highest around it (a median and its spread). Without a middle value
    nothing is drawn and `note` is written instead."""

    middle: float | None
    lowest: float | None
    highest: float | None
    note: str = "No value"


def range_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Range]]],
    title: str,
    *,
    id_prefix: str = "ranges",
) -> Markup:
    """For each label, one row per series: a line from the lowest to the highest value with a marker at the middle,
    on an axis that runs either side of zero (changes can go down as well as up). Each series has its own marker
    and line pattern, so it reads without colour; the page names them in a legend and gives the numbers in a
    table."""
    values = [v for _, ranges in series for r in ranges for v in (r.middle, r.lowest, r.highest) if v is not None]
    extent, ticks = axis_ticks(max([abs(v) for v in values] + [1.0]), most=4)
    row = 22
    block = row * len(series) + 12
    height = 20 + block * len(labels) + 30
    plot = BAR_WIDTH - BAR_LABEL_WIDTH - 30
    zero = BAR_LABEL_WIDTH + plot / 2

    def x_of(value: float) -> float:
        return zero + (plot / 2) * value / extent

    parts = []
    for label, *rows in zip(labels, *[ranges for _, ranges in series], strict=True):
        said = "; ".join(
            f"{name} {_number(r.middle)} (from {_number(r.lowest or 0)} to {_number(r.highest or 0)})"
            if r.middle is not None
            else f"{name}: {r.note}"
            for (name, _), r in zip(series, rows, strict=True)
        )
        parts.append(f"{label}: {said}")
    svg = _svg(BAR_WIDTH, height, title, ". ".join(parts), id_prefix, "wf-chart wf-ranges")
    axis = ET.SubElement(svg, "g", {"stroke": GRID_COLOUR, "stroke-width": "1"})
    for tick in [-t for t in reversed(ticks[1:])] + ticks:
        x = x_of(tick)
        width = "2" if tick == 0 else "1"
        ET.SubElement(
            axis, "line", {"x1": _fmt(x), "y1": "10", "x2": _fmt(x), "y2": _fmt(height - 26), "stroke-width": width}
        )
        ET.SubElement(
            svg,
            "text",
            {"x": _fmt(x), "y": _fmt(height - 8), "text-anchor": "middle", "font-size": "13", "fill": MUTED_COLOUR},
        ).text = ("+" if tick > 0 else "") + _number(tick)
    for i, label in enumerate(labels):
        top = 20 + i * block
        text = ET.SubElement(svg, "text", {"x": _fmt(BAR_LABEL_WIDTH - 10), "text-anchor": "end", "font-size": "14"})
        lines = textwrap.wrap(label, 30)[:2] or [""]
        text.set("y", _fmt(top + block / 2 - (8 if len(lines) > 1 else 0)))
        for n, line in enumerate(lines):
            ET.SubElement(text, "tspan", {"x": _fmt(BAR_LABEL_WIDTH - 10), "dy": "0" if n == 0 else "16"}).text = line
        for s, (_, ranges) in enumerate(series):
            r = ranges[i]
            y = top + s * row + row / 2
            style = STYLES[s % len(STYLES)]
            if r.middle is None:
                ET.SubElement(svg, "text", {"x": _fmt(zero + 6), "y": _fmt(y + 5), "font-size": "13"}).text = r.note
                continue
            low, high = r.lowest if r.lowest is not None else r.middle, r.highest if r.highest is not None else r.middle
            ends = {"x1": _fmt(x_of(low)), "y1": _fmt(y), "x2": _fmt(x_of(high)), "y2": _fmt(y)}
            ET.SubElement(svg, "line", {**ends, **_line_attributes(style, fill=False)})
            _marker(svg, style.marker, x_of(r.middle), y, style)
    return _markup(svg)
