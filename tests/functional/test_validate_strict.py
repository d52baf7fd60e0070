"""``tutor validate --strict`` as a teacher runs it, on a copy of a fixture module with planted cues."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT
from tests.functional.test_cli import tutor

FIXTURES = ROOT / "tests" / "fixtures" / "lessons"
#: Each keyed option of 01-bridge-basics.yaml's choice questions, and a padded version clearly longer than any distractor.
PADDING = {
    'text: "Because engineers found cracks"': 'text: "Because engineers found cracks in two of its old stone arches"',
    'text: "5 million euros"': 'text: "5 million euros, as the campaign group puts it"',
    'text: "4 million euros"': 'text: "4 million euros, according to the council"',
}


def padded_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lessons"
    shutil.copytree(FIXTURES, folder)
    module = folder / "01-bridge-basics.yaml"
    text = module.read_text(encoding="utf-8")
    for old, new in PADDING.items():
        assert old in text, old
        text = text.replace(old, new)
    module.write_text(text, encoding="utf-8")
    return module


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_strict_names_the_file_and_line_of_each_long_key_and_exits_1(tmp_path):
    module = padded_copy(tmp_path)
    out = tutor("validate", "--strict", str(module))
    assert out.returncode == 1, out.stdout + out.stderr
    for qid in ("why-closed", "who-says-cost"):
        assert f"{module}:{line_of(module, f'- id: {qid}')}: warning: " in out.stdout, out.stdout
    assert "[key-longest]" in out.stdout
    assert "1 file checked: 1 valid, 0 with errors, 0 errors, 2 warnings" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_plain_validate_accepts_the_same_file(tmp_path):
    module = padded_copy(tmp_path)
    out = tutor("validate", str(module))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "warning:" not in out.stdout
    assert "1 file checked: 1 valid, 0 with errors, 0 errors\n" in out.stdout
    assert "--strict" in out.stdout  # the one-line hint


def test_strict_passes_fair_modules(tmp_path):
    out = tutor("validate", "--strict", str(FIXTURES))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 files checked: 2 valid, 0 with errors, 0 errors, 0 warnings" in out.stdout
