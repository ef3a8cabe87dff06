"""Server-drawn SVG charts: well-formed, accessible, no inline styles, and points where the levels say."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from wayfinder.core import charts

NS = {"svg": charts.SVG_NS}
AXES = ["Purpose and direction", "Governance and structure", "Leadership", "Knowledge", "Impact"]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def points(element: ET.Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in element.attrib["points"].split())]


def series_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{{{charts.SVG_NS}}}g") if "wf-radar__series" in g.attrib.get("class", "")]


def test_the_radar_parses_as_xml_and_is_labelled_for_screen_readers() -> None:
    svg = charts.radar_chart(AXES, [charts.Series("This round", [1, 2, 3, 4, 5])], 5, "Results <2025>")

    root = parse(svg)

    assert root.tag == f"{{{charts.SVG_NS}}}svg"
    assert root.attrib["role"] == "img"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and title.text == "Results <2025>"
    assert desc is not None and desc.text is not None and "Purpose and direction 1" in desc.text
    assert root.attrib["aria-labelledby"] == "radar-title radar-desc"


def test_each_complete_series_is_one_polygon_with_a_point_per_axis() -> None:
    series = [
        charts.Series("This round", [1, 2, 3, 4, 5]),
        charts.Series("Agreed", [1, 1, 1, 1, 1]),
        charts.Series("Target", [5, 5, 5, 5, 5]),
    ]

    groups = series_groups(parse(charts.radar_chart(AXES, series, 5, "Results")))

    assert len(groups) == 3
    for group in groups:
        (polygon,) = group.findall("svg:polygon", NS)
        assert len(points(polygon)) == len(AXES)
        assert len(group.findall("svg:g/*", NS)) == len(AXES)  # a marker at every point


def test_points_sit_at_the_radius_for_their_level() -> None:
    geometry = charts.radar_geometry(len(AXES), 5)
    svg = charts.radar_chart(AXES, [charts.Series("This round", [1, 2, 3, 4, 5])], 5, "Results")
    (group,) = series_groups(parse(svg))
    (polygon,) = group.findall("svg:polygon", NS)

    for axis, (x, y) in enumerate(points(polygon)):
        level = axis + 1
        assert math.hypot(x - geometry.cx, y - geometry.cy) == pytest.approx(geometry.radius * level / 5, abs=0.02)
    # The first axis points straight up.
    first_x, first_y = points(polygon)[0]
    assert first_x == pytest.approx(geometry.cx) and first_y < geometry.cy


def test_a_series_with_gaps_is_drawn_as_lines_between_the_values_it_has() -> None:
    svg = charts.radar_chart(AXES, [charts.Series("Target", [3, 3, None, 4, None])], 5, "Targets")

    (group,) = series_groups(parse(svg))

    assert group.findall("svg:polygon", NS) == []
    polylines = group.findall("svg:polyline", NS)
    assert [len(points(p)) for p in polylines] == [2]
    assert len(group.findall("svg:g/svg:circle", NS)) == 3  # a marker for every value, even a lone one


def test_series_differ_in_line_pattern_and_marker_as_well_as_colour() -> None:
    styles = charts.STYLES[:4]

    assert len({s.stroke for s in styles}) == 4
    assert len({s.dasharray for s in styles}) == 4
    assert len({s.marker for s in styles}) == 4


def test_no_inline_styles_or_scripts() -> None:
    svg = charts.radar_chart(
        AXES, [charts.Series("A", [1, 2, 3, 4, 5]), charts.Series("B", [2, 2, 2, 2, 2])], 5, "R", legend=True
    )
    bars = charts.bar_chart(["One", "Two"], [3.5, None], 5, "Bars")

    for chart in (svg, bars, charts.legend_swatch(charts.STYLES[1])):
        root = parse(chart)
        for element in root.iter():
            assert "style" not in element.attrib
            assert not element.tag.endswith("script")


def test_text_is_escaped() -> None:
    svg = charts.radar_chart(["<b>", "A & B", "C"], [charts.Series('"quoted"', [1, 2, 3])], 3, "<script>")

    root = parse(svg)

    assert root.find("svg:title", NS) is not None
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_long_axis_names_wrap_onto_lines() -> None:
    long_name = "Leadership, planning and partnerships across the whole system"
    root = parse(charts.radar_chart([long_name, "B", "C"], [], 4, "R"))

    names = [t for t in root.iter(f"{{{charts.SVG_NS}}}text") if t.attrib.get("class") == "wf-radar__name"]
    first_lines = [span.text or "" for span in names[0]]
    assert 1 < len(first_lines) <= charts.LABEL_LINES
    assert all(len(line) <= charts.LABEL_WRAP for line in first_lines)


def test_the_legend_names_every_series_when_asked() -> None:
    series = [charts.Series("This round", [1, 2, 3]), charts.Series("Target", [3, 3, 3])]

    root = parse(charts.radar_chart(["A", "B", "C"], series, 3, "R", legend=True))

    legend = next(g for g in root.iter(f"{{{charts.SVG_NS}}}g") if g.attrib.get("class") == "wf-radar__legend")
    assert [t.text for t in legend.iter(f"{{{charts.SVG_NS}}}text")] == ["This round", "Target"]


def test_a_radar_needs_three_axes() -> None:
    with pytest.raises(ValueError, match="three axes"):
        charts.radar_chart(["A", "B"], [], 5, "R")


def test_bar_chart_draws_one_bar_per_value() -> None:
    root = parse(charts.bar_chart(["One", "Two", "Three"], [1, 2.5, None], 5, "Bars", id_prefix="b"))

    bars = root.findall("svg:rect", NS)
    assert len(bars) == 2
    assert float(bars[1].attrib["width"]) == pytest.approx(2.5 * float(bars[0].attrib["width"]))
    assert root.attrib["aria-labelledby"] == "b-title b-desc"
    desc = root.find("svg:desc", NS)
    assert desc is not None and desc.text == "One 1; Two 2.5; Three no value"


def test_many_axes_show_numbers_only_so_labels_do_not_overlap() -> None:
    axes = [f"Dimension {n}" for n in range(1, 21)]

    root = parse(charts.radar_chart(axes, [charts.Series("This round", [3] * 20)], 5, "R"))

    texts = list(root.iter(f"{{{charts.SVG_NS}}}text"))
    assert not [t for t in texts if t.attrib.get("class") == "wf-radar__name"]
    assert [t.text for t in texts if t.attrib.get("class") == "wf-radar__number"] == [str(n) for n in range(1, 21)]
    assert "wf-radar--named" not in root.attrib["class"]


def test_text_is_large_enough_to_read() -> None:
    root = parse(charts.radar_chart(AXES, [charts.Series("A", [1, 2, 3, 4, 5])], 5, "R"))

    sizes = [float(g.attrib["font-size"]) for g in root.iter() if "font-size" in g.attrib]
    # The chart is drawn 740 units wide and shown about 500 pixels wide: 14 units is about 10 points.
    assert sizes and min(sizes) >= 14


@pytest.mark.parametrize(
    ("max_value", "end", "ticks"),
    [
        (1, 1, [0, 1]),
        (5, 5, [0, 1, 2, 3, 4, 5]),
        (7, 8, [0, 2, 4, 6, 8]),
        (12, 12, [0, 2, 4, 6, 8, 10, 12]),
        (604, 800, [0, 200, 400, 600, 800]),
        (2500, 2500, [0, 500, 1000, 1500, 2000, 2500]),
    ],
)
def test_axis_ticks_are_few_and_round(max_value: float, end: float, ticks: list[float]) -> None:
    assert charts.axis_ticks(max_value) == (end, ticks)


def test_a_bar_chart_of_large_counts_keeps_a_handful_of_gridlines() -> None:
    root = parse(charts.bar_chart(["One", "Two"], [604, 12], 604, "Bars", id_prefix="big"))

    assert len(root.findall(".//{http://www.w3.org/2000/svg}line")) == 5
