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

    assert 3 <= nesting_bounds("a: [1, [2, [3]]]\nb: {c: [d]}\n")[0] <= 5  # few brackets: their number is bound enough
    assert nesting_bounds("x: [" + "[], " * 40 + "[[[1]]]]")[0] == 4  # many: the real running depth
    assert nesting_bounds("a:\n  - b:\n      - c\n")[1] == 8
    assert nesting_bounds('q: "[[[ not yaml brackets"')[0] == 3


# F1: every construct that nests counts, whatever line breaks the file uses, so
# deep text never reaches libyaml's recursive C composer (some builds segfault).
DEEP = {
    "complex-keys": "? " * 50_000 + "x\n",
    "entries-and-keys": "- ? " * 30_000 + "x\n",
    "complex-values": "? a\n: " + "- " * 50_000 + "x\n",
    "mixed-block-and-flow": "- " * 150 + "[" * 150 + "x" + "]" * 150 + "\n",
    "cr-line-breaks": "".join(" " * i + f"k{i}:\r" for i in range(1200)),
    "nel-line-breaks": "".join(" " * i + f"k{i}:\x85" for i in range(1200)),
    "ls-line-breaks": "".join(" " * i + f"k{i}:\u2028" for i in range(1200)),
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_every_deep_construct_is_kept_from_libyaml(monkeypatch, text):
    class Forbidden:
        def __init__(self, *args):
            raise AssertionError("libyaml's composer was handed deeply nested text")

    monkeypatch.setattr(yamlsafe, "ComposeLoader", Forbidden)
    assert yamlsafe.depth_bound(text) > yamlsafe.SAFE_C_DEPTH
    root, diags = yamlsafe.compose_text(text, "deep.yaml")
    assert root is None and diags and diags[0].path == "deep.yaml"


@pytest.mark.parametrize("name", ["complex-keys", "entries-and-keys", "cr-line-breaks"])
@pytest.mark.parametrize("target", ["lesson", "sources", "assignment"])
def test_deep_complex_keys_in_any_file_are_a_clean_error(tmp_path, name, target):
    """The same guard covers lesson, sources and assignment files: a one-line error, exit 1, no signal."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    text = DEEP[name]
    if target == "lesson":
        (tmp_path / "deep.yaml").write_text(text, newline="")
        argv = ["validate", str(tmp_path / "deep.yaml")]
    elif target == "sources":
        (tmp_path / "seeds").mkdir()
        (tmp_path / "seeds" / "sources.yaml").write_text(text, newline="")
        argv = ["--no-shipped", "--lessons", str(tmp_path), "sources"]
    else:
        (tmp_path / "deep.yaml").write_text(text, newline="")
        argv = ["--no-shipped", "report", str(tmp_path), "--assignment", str(tmp_path / "deep.yaml")]
    out = subprocess.run([sys.executable, "-m", "tutor", *argv], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={**__import__("os").environ, "TUTOR_HOME": str(tmp_path / "home")})
    assert out.returncode == 1, (out.returncode, out.stderr[-300:])
    assert "deep.yaml:" in out.stdout + out.stderr or "sources.yaml:" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
