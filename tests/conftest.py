"""Shared fixtures: every test gets its own data folder, never the user's.

Behaviour tests run on the small fixture lessons in ``tests/fixtures/lessons``
(two modules on two invented articles, every question kind), so editing the
shipped lessons never breaks them; ``tests/shipped/`` checks the shipped ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LESSONS = FIXTURES / "lessons"
#: Global CLI options that load only the fixture lessons.
FIXTURE_ARGS = ["--no-shipped", "--lessons", str(LESSONS)]


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
    from tutor.library import lesson_folders, load_articles

    index, diagnostics = load_articles(lesson_folders(None))
    assert diagnostics == []
    return index


@pytest.fixture(scope="session")
def shipped_library():
    from tutor.library import lesson_folders, load_library

    return load_library(lesson_folders(None))


@pytest.fixture(scope="session")
def library():
    """The fixture lessons (shipped modules left out, shipped articles still known)."""
    from tutor.library import lesson_folders, load_library

    loaded = load_library(lesson_folders(None, [LESSONS], shipped=False))
    assert loaded.diagnostics == [] and set(loaded.modules) == {"bridge-basics", "bridge-sources"}
    return loaded


@pytest.fixture
def session(tmp_path):
    """A session for learner 'kim' on the fixture lessons, with its own store."""
    from tutor.session import open_session

    opened = open_session(tmp_path / "home", [LESSONS], "kim", shipped=False)
    yield opened
    opened.store.close()
