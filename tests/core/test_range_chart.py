"""The range chart: a median and its spread per label and series, either side of zero, readable without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wayfinder.core.charts import SVG_NS, Range, range_chart


def test_it_draws_a_line_and_a_marker_per_value_and_writes_the_note_where_there_is_none() -> None:
    svg = range_chart(
        ["Leadership development", "PCN set-up"],
        [
            ("Supported", [Range(1.5, -0.5, 2.0), Range(None, None, None, "Not shown")]),
            ("Comparison", [Range(-1.0, -2.0, 0.0), Range(0.5, 0.5, 0.5)]),
        ],
        "Movement after support",
        id_prefix="test-ranges",
    )
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted input
    assert root.attrib["role"] == "img"
    description = root.find(f"{{{SVG_NS}}}desc")
    assert description is not None and description.text is not None
    assert "Leadership development: Supported 1.5 (from -0.5 to 2)" in description.text
    assert "PCN set-up: Supported: Not shown" in description.text
    texts = [t.text for t in root.iter(f"{{{SVG_NS}}}text")]
    assert "Not shown" in texts
    # The axis runs either side of zero, so a fall is drawn left of it.
    assert "0" in texts and any(t and t.startswith("-") for t in texts) and any(t and t.startswith("+") for t in texts)
    ranges = [line for line in root.iter(f"{{{SVG_NS}}}line") if line.get("stroke-linejoin") == "round"]
    assert len(ranges) == 3
