"""The knowledge hub's demo content, read from the files in this folder: resources, case studies and spotlights,
all written by us.

`seed_demo` turns these into Wagtail pages. Each resource is a Markdown file in `resources/` and each case
study one in `case-studies/`, with its fields in YAML front matter; a number at the front of a file's name
sets the order. A case study's text has three parts, each under a heading of its own: "# Problem",
"# What they did" and "# What changed". Bodies use a small part of Markdown, turned into simple HTML by
`body_html`: a blank line starts a new block, "## " a heading, "- " a bulleted item and "1. " a numbered
item; anything else is a paragraph. Text is escaped, so a body can only ever hold <p>, <h2>, <ul>, <ol> and
<li>. Tags use the stable keys of the built-in PCN Maturity Matrix, Network Maturity Matrix and support
domains, so they keep their meaning when a system tailors a matrix.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TypedDict, cast

from wayfinder.core.datafiles import data_files, read_markdown, read_yaml

FOLDER = Path(__file__).resolve().parent


class ResourceData(TypedDict):
    title: str
    kind: str
    summary: str
    body: str
    audience: str
    dimension_keys: list[str]
    support_domain_keys: list[str]
    network_types: list[str]
    topics: list[str]
    external_link: str


class CaseStudyData(TypedDict):
    title: str
    network_name: str
    network_type: str
    summary: str
    problem: str
    what_they_did: str
    what_changed: str
    contact: str
    dimension_keys: list[str]
    support_domain_keys: list[str]


class SpotlightData(TypedDict):
    title: str
    introduction: str
    items: list[str]


# The parts of a case study's text: its heading in the file, and the field it fills.
CASE_STUDY_PARTS = {"Problem": "problem", "What they did": "what_they_did", "What changed": "what_changed"}

_NUMBERED = re.compile(r"^\d+\. ")
_PART_HEADING = re.compile(r"^# (.+)$", re.MULTILINE)


def body_html(text: str) -> str:
    """Turn our small part of Markdown into simple, escaped HTML."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        if lines[0].startswith("## "):
            out.append(f"<h2>{escape(' '.join(lines)[3:], quote=False)}</h2>")
            continue
        bulleted = lines[0].startswith("- ")
        numbered = bool(_NUMBERED.match(lines[0]))
        if not bulleted and not numbered:
            out.append(f"<p>{escape(' '.join(lines), quote=False)}</p>")
            continue
        items: list[str] = []
        for line in lines:
            if line.startswith("- ") or _NUMBERED.match(line):
                items.append(line.split(" ", 1)[1])
            else:
                items[-1] += " " + line
        tag = "ul" if bulleted else "ol"
        listed = "".join(f"<li>{escape(item, quote=False)}</li>" for item in items)
        out.append(f"<{tag}>{listed}</{tag}>")
    return "".join(out)


def read_resource(path: Path) -> ResourceData:
    fields, body = read_markdown(path)
    return cast(ResourceData, {**fields, "body": body_html(body)})


def case_study_parts(path: Path, text: str) -> dict[str, str]:
    """A case study's text split at its "# " headings, as HTML for each part's field."""
    pieces = _PART_HEADING.split(text)
    if pieces[0].strip():
        raise ValueError(f"{path}: text before the first part's heading")
    headings, texts = pieces[1::2], pieces[2::2]
    if headings != list(CASE_STUDY_PARTS):
        raise ValueError(f"{path}: needs the parts {list(CASE_STUDY_PARTS)} in that order, has {headings}")
    return {CASE_STUDY_PARTS[heading]: body_html(part) for heading, part in zip(headings, texts, strict=True)}


def read_case_study(path: Path) -> CaseStudyData:
    fields, text = read_markdown(path)
    return cast(CaseStudyData, {**fields, **case_study_parts(path, text)})


RESOURCES: list[ResourceData] = [read_resource(path) for path in data_files(FOLDER / "resources", ".md")]
CASE_STUDIES: list[CaseStudyData] = [read_case_study(path) for path in data_files(FOLDER / "case-studies", ".md")]
SPOTLIGHTS: list[SpotlightData] = cast(list[SpotlightData], read_yaml(FOLDER / "spotlights.yaml"))

# The small shared vocabulary of topics; every resource uses one to three of these.
TOPICS: tuple[str, ...] = tuple(read_yaml(FOLDER / "topics.yaml"))
