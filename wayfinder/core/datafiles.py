"""Read the content that ships as data files (YAML, and Markdown with YAML front matter) next to the code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The C parser when PyYAML was built with it, else the pure-Python one; both build only plain values.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FRONT_MATTER_FENCE = "---"


def read_yaml(path: Path) -> Any:
    """The plain values (dicts, lists, strings, numbers) in a YAML file."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)  # noqa: S506 - a safe loader


def read_markdown(path: Path) -> tuple[dict[str, Any], str]:
    """A Markdown file's front matter (the YAML between its first two `---` lines) and the text after it."""
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    if first.strip() != FRONT_MATTER_FENCE:
        raise ValueError(f"{path}: starts with no front matter")
    front, fence, body = rest.partition(f"\n{FRONT_MATTER_FENCE}\n")
    if not fence:
        raise ValueError(f"{path}: front matter has no closing {FRONT_MATTER_FENCE}")
    values = yaml.load(front, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    if not isinstance(values, dict):
        raise ValueError(f"{path}: front matter is not a set of names and values")
    return values, body


def data_files(folder: Path, suffix: str) -> list[Path]:
    """The files in a folder with this suffix, in name order (a number at the front of a name sets the order)."""
    return sorted(path for path in folder.iterdir() if path.suffix == suffix)
