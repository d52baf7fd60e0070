"""Shared fixtures: every test gets its own data folder, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point tutor's data folder at a fresh temporary folder for each test."""
    home = tmp_path / "tutor-home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)
    return home


@pytest.fixture(scope="session")
def articles():
    """The shipped articles, loaded once."""
    from tutor.content.library import lesson_folders, load_articles

    index, diagnostics = load_articles(lesson_folders(None))
    assert diagnostics == []
    return index


@pytest.fixture(scope="session")
def shipped_library():
    from tutor.content.library import lesson_folders, load_library

    return load_library(lesson_folders(None))
