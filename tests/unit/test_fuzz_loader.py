"""Random damage to a valid lesson must only ever produce the loader's own error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tutor.content.errors import ContentError
from tutor.library.loader import load_module_text

ARTICLES = None
VALID = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
LINES = VALID.splitlines(keepends=True)
NASTY = [
    "&a ",
    "*a",
    "!!python/object ",
    "---\n",
    "- ",
    ": ",
    "{",
    "[",
    "]",
    '"',
    "'",
    "\t",
    "\x1b",
    "\x00",
    "no",
    "10:00",
    "2024-01-02",
    "~",
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "\ufeff",
    # F1, F11, F18, F28: complex keys, deep nesting, line breaks YAML knows but Python's ^ does not,
    # escapes that make lone surrogates, integers past int()'s limit, ids with a trailing newline
    "? ",
    "? ? ? ? ",
    ": - ",
    "[" * 300,
    "- " * 300,
    "\r",
    "\x85",
    "\u2028",
    '"\\ud800"',
    '"x\\udfff"',
    "9" * 5000,
    '"minimal\\n"',
    "\u202e",
]


def shipped_articles():
    """Loaded once, and kept out of hypothesis' reports (it would print every article)."""
    global ARTICLES
    if ARTICLES is None:
        from tutor.library.folders import lesson_folders, load_articles

        ARTICLES = load_articles(lesson_folders(None))[0]
    return ARTICLES


@st.composite
def mutated(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "swap", "truncate"]))
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "insert":
            text = lines[index]
            at = draw(st.integers(0, len(text)))
            piece = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)))
            lines[index] = text[:at] + piece + text[at:]
        elif kind == "replace":
            text = lines[index]
            at = draw(st.integers(0, max(0, len(text) - 1)))
            lines[index] = text[:at] + draw(st.sampled_from(NASTY)) + text[at + 1 :]
        elif kind == "swap" and len(lines) > 1:
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "truncate":
            lines = lines[: index + 1]
    return "".join(lines)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_lesson_raises_only_content_error(text):
    try:
        module = load_module_text(text, "fuzz.yaml", shipped_articles())
    except ContentError as exc:
        assert exc.diagnostics
        for diag in exc.diagnostics:
            assert diag.path == "fuzz.yaml"
            assert diag.line >= 1 and diag.col >= 1
            assert diag.message
    else:
        assert module.id and module.questions
