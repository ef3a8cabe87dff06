"""The XmR chart as SVG: what it draws for each part of the analysis, and that text in it is escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wayfinder.measures import spc
from wayfinder.measures.chart import assurance_icon, number, variation_icon, xmr_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
BASE = [12, 10] * 6


def _draw(analysis: spc.Analysis, title: str = "A chart", id_prefix: str = "xmr") -> ET.Element:
    labels = [f"P{i + 1}" for i in range(len(analysis.points))]
    svg = xmr_chart(analysis, labels, title, spc.summary(analysis, labels), id_prefix=id_prefix)
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted input


def test_the_chart_is_an_image_named_by_its_title_and_summary() -> None:
    svg = _draw(spc.analyse(BASE, direction="up"), id_prefix="m1")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "m1-title m1-desc"
    assert svg.findtext("svg:title", namespaces=NS) == "A chart"
    assert svg.findtext("svg:desc", namespaces=NS, default="").startswith("Common cause variation")


def test_signals_differ_in_shape_as_well_as_colour() -> None:
    analysis = spc.analyse([*BASE, 17, 4], direction="up", baseline_end=11)
    points = _draw(analysis).find("svg:g[@class='wf-xmr__points']", NS)
    assert points is not None
    shapes = [child.tag.split("}")[1] for child in points]
    assert shapes == ["circle"] * 12 + ["rect", "polygon"]  # improvement a square, concern a diamond


def test_each_segment_has_its_own_lines_and_a_step_line() -> None:
    values = [*BASE, *[v + 10 for v in BASE]]
    svg = _draw(spc.analyse(values, step_changes=[12]))
    lines = svg.find("svg:g[@class='wf-xmr__lines']", NS)
    assert lines is not None
    classes = [child.get("class") for child in lines]
    assert classes.count("wf-xmr__mean") == 2 and classes.count("wf-xmr__limit") == 4
    assert classes.count("wf-xmr__step") == 1


def test_provisional_limits_are_drawn_with_short_dashes_and_a_target_line() -> None:
    svg = _draw(spc.analyse(BASE[:6], direction="up", target=11))
    limits = [e for e in svg.iter() if e.get("class") == "wf-xmr__limit"]
    assert {e.get("stroke-dasharray") for e in limits} == {"2 4"}
    assert any(e.get("class") == "wf-xmr__target" for e in svg.iter())


def test_text_is_escaped_and_an_empty_series_says_so() -> None:
    svg = _draw(spc.analyse([]), title="<script>alert(1)</script>")
    assert svg.findtext("svg:title", namespaces=NS) == "<script>alert(1)</script>"
    assert "No values yet" in "".join(svg.itertext())
    assert "<script>" not in str(xmr_chart(spc.analyse([]), [], "<script>", "d"))


def test_icons_are_decorative_and_numbers_are_written_for_people() -> None:
    icon = str(variation_icon(spc.Variation.CONCERN_HIGH))
    assert 'aria-hidden="true"' in icon and ">H<" in icon
    assert ">P<" in str(assurance_icon(spc.Assurance.PASS))
    assert str(variation_icon(None)) == ""
    assert (number(1234.5), number(0.1416), number(-0.0001), number(3.0)) == ("1,234.5", "0.14", "0", "3")
