"""The shapes of built-in content as read from its YAML files: plain dicts and lists, typed for mypy."""

from __future__ import annotations

from typing import NotRequired, TypedDict

# A cell is either one text, or one text per perspective ({"network": ..., "system": ...}).
CellData = str | dict[str, str]


class LevelData(TypedDict):
    name: str
    summary: NotRequired[str]


class DimensionData(TypedDict):
    key: str
    name: str
    summary: NotRequired[str]
    group: NotRequired[str]
    # Level name -> descriptor; left out for surveys, whose levels are an answer scale.
    descriptors: NotRequired[dict[str, CellData]]


class VersionData(TypedDict):
    introduction: str
    # What raters from outside the network read instead of the introduction, which is written to members.
    external_introduction: str
    perspectives: list[str]
    levels: list[LevelData]
    dimensions: list[DimensionData]


class FrameworkData(TypedDict):
    slug: str
    name: str
    kind: str
    summary: str
    # Version 1; published versions are frozen, so later content becomes a new version, never an edit.
    version: VersionData


class SupportDomainData(TypedDict):
    key: str
    name: str
    summary: str
    components: list[str]
