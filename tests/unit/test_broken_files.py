"""Each file in tests/data/broken/ must fail with its expected message at its expected line.

The first line of every broken file reads ``# expect: LINE: fragment``.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import DATA
from tutor.content.errors import ContentError
from tutor.library.loader import load_module

BROKEN = sorted((DATA / "broken").glob("*.yaml"))
_EXPECT = re.compile(rb"^# expect: (\d+): (.*)$", re.MULTILINE)


def expectation(path):
    found = _EXPECT.search(path.read_bytes())
    assert found, f"{path.name} has no '# expect:' header"
    return int(found.group(1)), found.group(2).decode()


def test_there_are_many_broken_files():
    assert len(BROKEN) >= 25


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_reports_message_and_line(path, articles):
    line, fragment = expectation(path)
    with pytest.raises(ContentError) as caught:
        load_module(path, articles)
    diagnostics = caught.value.diagnostics
    assert diagnostics, "a ContentError must carry diagnostics"
    matching = [d for d in diagnostics if fragment in str(d)]
    assert matching, f"no diagnostic contains {fragment!r}: {[str(d) for d in diagnostics]}"
    assert matching[0].line == line, str(matching[0])
    assert str(matching[0]).startswith(f"{path}:{line}:")


def test_valid_minimal_module_loads(articles):
    module = load_module(DATA / "valid" / "minimal.yaml", articles)
    assert module.id == "minimal"
    assert [q.id for q in module.questions] == ["recognisers", "tf"]
    assert module.questions[1].correct == ("true",)


def test_alias_bomb_is_refused_quickly(articles):
    """The billion-laughs file must be refused before anything walks the aliases."""
    import time

    start = time.perf_counter()
    with pytest.raises(ContentError):
        load_module(DATA / "broken" / "alias-bomb.yaml", articles)
    assert time.perf_counter() - start < 2.0
