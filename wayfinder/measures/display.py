"""One chart as a page shows it: the SVG, its icons and its words (measures pages and panels)."""

from __future__ import annotations

from typing import Any

from wayfinder.measures import queries
from wayfinder.measures.chart import assurance_icon, variation_icon, xmr_chart


def drawn(chart: queries.Chart, *, small: bool = False) -> dict[str, Any]:
    """What a template needs to show one chart: the SVG, its icons and words."""
    measure = chart.measure
    return {
        "chart": chart,
        "svg": xmr_chart(
            chart.analysis,
            chart.short_labels,
            f"{measure.name}: {measure.unit} by {'week' if measure.frequency == 'weekly' else measure.frequency[:-2]}",
            chart.summary,
            id_prefix=f"xmr-{measure.pk}{'-small' if small else ''}",
            small=small,
        ),
        "variation_icon": variation_icon(chart.analysis.variation),
        "assurance_icon": assurance_icon(chart.analysis.assurance),
    }
