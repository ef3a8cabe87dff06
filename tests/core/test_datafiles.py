"""Reading the content that ships as data files: YAML, and Markdown with YAML front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wayfinder.core.datafiles import data_files, read_markdown, read_yaml


def test_it_reads_yaml_as_plain_values(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("name: Ravensby\nlevels: [1, 2]\nanswer: 'No'\n", encoding="utf-8")
    assert read_yaml(path) == {"name": "Ravensby", "levels": [1, 2], "answer": "No"}


def test_it_refuses_yaml_that_would_build_a_python_object(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("!!python/object/apply:os.getcwd []\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError, match="python/object"):
        read_yaml(path)


def test_it_splits_front_matter_from_the_markdown_after_it(tmp_path: Path) -> None:
    path = tmp_path / "01-a.md"
    path.write_text("---\ntitle: A guide\ntopics: [data]\n---\nFirst line.\n\n---\n\nAfter a rule.\n", encoding="utf-8")
    assert read_markdown(path) == ({"title": "A guide", "topics": ["data"]}, "First line.\n\n---\n\nAfter a rule.\n")


@pytest.mark.parametrize("text", ["title: no fence\n", "---\ntitle: never closed\n", "---\n- a list\n---\nText\n"])
def test_it_refuses_a_markdown_file_without_front_matter_it_can_use(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=str(path)):
        read_markdown(path)


def test_data_files_come_in_name_order(tmp_path: Path) -> None:
    for name in ("02-b.md", "01-a.md", "10-c.md", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [path.name for path in data_files(tmp_path, ".md")] == ["01-a.md", "02-b.md", "10-c.md"]
