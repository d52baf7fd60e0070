"""Limits the loader enforces on whole files: size, nesting, every error in one run."""

from __future__ import annotations

import pytest

from tests.conftest import DATA
from tutor.content import yamlsafe
from tutor.content.errors import ContentError
from tutor.library.folders import lesson_folders, validate_paths
from tutor.library.loader import load_module, load_module_text


def test_file_over_one_mebibyte_is_refused(tmp_path, articles):
    big = tmp_path / "big.yaml"
    big.write_text("summary: " + "x" * (yamlsafe.MAX_BYTES + 10))
    with pytest.raises(ContentError, match="larger than 1024 KiB"):
        load_module(big, articles)


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_deep_nesting_is_refused_without_recursion_error(monkeypatch, articles, loader):
    """libyaml copes with deep input; the pure-Python parser raises RecursionError, not a YAMLError."""
    import yaml

    if loader == "pure-python":
        monkeypatch.setattr(yamlsafe, "SafeLoader", yaml.SafeLoader)
    with pytest.raises(ContentError, match="nested too deeply"):
        load_module_text("id: " + "[" * 5000 + "]" * 5000, "deep.yaml", articles)


def test_all_errors_in_all_files_in_one_run(tmp_path):
    for name in ("typo-key", "answer-yes", "unknown-source"):
        (tmp_path / f"{name}.yaml").write_bytes((DATA / "broken" / f"{name}.yaml").read_bytes())
    (tmp_path / "ok.yaml").write_bytes((DATA / "valid" / "minimal.yaml").read_bytes())
    library = validate_paths([tmp_path], lesson_folders(None))
    assert library.files == 4
    assert sorted(b.path.rsplit("/", 1)[-1] for b in library.broken) == ["answer-yes.yaml", "typo-key.yaml", "unknown-source.yaml"]


@pytest.mark.parametrize(
    "text",
    ["id: " + "[" * 200_000 + "]" * 200_000, "id: " + "{a: " * 100_000 + "}" * 100_000, "- " * 200_000 + "x"],
    ids=["flow-lists", "flow-maps", "block-sequences"],
)
def test_nesting_that_crashes_libyaml_is_refused_in_a_child_process(tmp_path, text):
    """libyaml's C composer segfaults on ~100,000 nested brackets; the loader must never hand it such text."""
    import subprocess
    import sys

    path = tmp_path / "deep.yaml"
    path.write_text(text)
    out = subprocess.run([sys.executable, "-m", "tutor", "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, (out.returncode, out.stderr[-300:])
    assert "deep.yaml:1:" in out.stdout and "Traceback" not in out.stderr


def test_nesting_bounds_overestimate_only():
    from tutor.content.yamlsafe import nesting_bounds

    assert nesting_bounds("a: [1, [2, [3]]]\nb: {c: [d]}\n") == (3, 0)
    assert nesting_bounds("a:\n  - b:\n      - c\n")[1] == 8
    assert nesting_bounds('q: "[[[ not yaml brackets"')[0] == 3
