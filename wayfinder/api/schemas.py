"""What the API sends and receives. Results carry aggregates only: never a rater's name, email or own rating."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Path, Query, Schema
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError


class Message(Schema):
    detail: str = Field(description="What went wrong, in plain English")


class Refusal(Message):
    errors: list[dict[str, Any]] | None = Field(
        None, description="For a body or parameter of the wrong shape: each field's problem, from the validator"
    )


def responses(ok: Any, *errors: int) -> dict[int, Any]:
    """An operation's answers for the OpenAPI document: `ok` for 200, and a JSON body for each error status.

    Every operation may answer 400 (a NUL character in the address, a query or a cookie) and 401 (no usable
    token); 422 carries the validator's `errors` when the request had the wrong shape."""
    answers: dict[int, Any] = {200: ok, 400: Message, 401: Message}
    for status in errors:
        answers[status] = Refusal if status == 422 else Message
    return answers


# What the addresses and queries take ------------------------------------------------------------------------

FrameworkSlug = Annotated[str, Path(description="The framework's slug, as GET /frameworks gives it")]
VersionNumber = Annotated[int, Path(description="The version's number, as GET /frameworks/{slug} lists them")]
RoundId = Annotated[int, Path(description="The round's id, as GET /rounds gives it")]
DimensionKey = Annotated[str, Path(description="The dimension's key, as GET /rounds/{round_id}/my-ratings lists them")]
NetworkSlug = Annotated[
    str | None, Query(description="Only rounds of this network, by its slug; one you may not see gives none")
]


# Frameworks --------------------------------------------------------------------------------------------------


class FrameworkOut(Schema):
    slug: str
    name: str
    kind: str = Field(description="matrix, survey or check")
    summary: str
    built_in: bool
    owner_system: str | None = Field(description="The system that tailored it; null for built-in and national ones")
    latest_version: int | None = Field(description="The number of the newest published version, if any")


class VersionSummaryOut(Schema):
    number: int
    status: str = Field(description="draft, published or retired")
    published_at: datetime | None
    change_notes: str


class FrameworkDetailOut(FrameworkOut):
    versions: list[VersionSummaryOut] = Field(description="The versions you may read, newest first")


class LevelOut(Schema):
    position: int = Field(description="1 is the lowest level")
    name: str
    summary: str


class DescriptorOut(Schema):
    level: int = Field(description="The level's position")
    perspective: str = Field(description='"network", "system", or "" when each cell has one description')
    text: str


class DimensionOut(Schema):
    key: str = Field(description="Stable across versions of the framework")
    position: int
    name: str
    group: str
    summary: str
    descriptors: list[DescriptorOut]


class VersionOut(Schema):
    framework: str = Field(description="The framework's slug")
    number: int
    status: str
    published_at: datetime | None
    introduction: str
    change_notes: str
    perspectives: list[str]
    levels: list[LevelOut]
    dimensions: list[DimensionOut]


# Rounds ------------------------------------------------------------------------------------------------------


class NetworkRef(Schema):
    slug: str
    name: str


class FrameworkRef(Schema):
    slug: str
    name: str
    version: int


class RoundOut(Schema):
    id: int
    title: str = Field(description="The round's title, or its purpose and the month it opened")
    purpose: str
    network: NetworkRef
    framework: FrameworkRef
    opens_on: date
    closes_on: date
    closed_early_at: datetime | None
    is_open: bool = Field(description="Raters can save and submit ratings now")


class SummaryOut(Schema):
    count: int
    median: float | None
    lowest: int | None
    highest: int | None
    spread: int | None = Field(description="highest - lowest")


class ConsensusOut(Schema):
    level: int | None
    level_name: str
    agreed: bool = Field(description="true once the network has recorded it; false for the default (the lowest rating)")
    lowest: int | None
    highest: int | None
    notes: str


class TargetOut(Schema):
    level: int
    level_name: str
    due_on: date


class DimensionResultOut(Schema):
    key: str
    number: int
    name: str
    group: str
    suppressed: bool = Field(description="Survey statements answered by fewer than the minimum show no figures")
    all: SummaryOut | None
    internal: SummaryOut | None = Field(description="Members and steering group")
    external: SummaryOut | None
    flagged: bool = Field(description="Raters differ by two levels or more")
    distribution: list[int] = Field(description="How many ratings fell on each level, in the order of `levels`")
    consensus: ConsensusOut | None
    current: float | None = Field(description="The agreed level once recorded, the median until then")
    target: TargetOut | None
    gap: float | None


class RaterCountsOut(Schema):
    invited: int
    rated: int
    submitted: int
    rated_internal: int
    rated_external: int


class SurveyOut(Schema):
    respondents: int
    minimum: int = Field(description="Results are shown only once this many people have answered")
    enough: bool
    comments: list[str] = Field(description="Anonymous comments, only once enough people have answered")


class ResultLevelOut(Schema):
    position: int
    name: str


class ResultsOut(Schema):
    round: RoundOut
    is_survey: bool
    levels: list[ResultLevelOut]
    raters: RaterCountsOut
    rates_itself_higher: bool = Field(description="The network consistently rates itself above external raters")
    flagged_count: int
    dimensions: list[DimensionResultOut]
    survey: SurveyOut | None


# My ratings --------------------------------------------------------------------------------------------------

Confidence = Literal["", "low", "medium", "high"]


def _without_nul(text: str) -> str:
    # The database cannot store a NUL character in text (PostgreSQL refuses it), and it never means anything.
    if "\x00" in text:
        raise PydanticCustomError("nul_character", "Text cannot contain a NUL character (\\u0000). Remove it.")
    return text


# The pattern tells callers (and the OpenAPI document) the same rule; the validator gives the clear message.
FreeText = Annotated[str, AfterValidator(_without_nul), Field(json_schema_extra={"pattern": "^[^\\u0000]*$"})]


class RatingIn(Schema):
    level: int = Field(description="The level's position in the framework (1 is the lowest)")
    evidence: FreeText = Field("", max_length=5000, description="Optional; up to 5,000 characters")
    confidence: Confidence = ""


class MyRatingOut(Schema):
    dimension: str = Field(description="The dimension's key")
    dimension_name: str
    level: int | None = Field(description="The level's position; null while not rated")
    level_name: str
    evidence: str
    confidence: str


class MyRatingsOut(Schema):
    round_id: int
    is_open: bool
    perspective: str
    submitted_at: datetime | None
    ratings: list[MyRatingOut] = Field(
        description="Every dimension of the round, in order; unrated ones have level null"
    )
