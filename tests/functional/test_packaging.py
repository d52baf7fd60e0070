"""A wheel carries the lessons and articles, so an installed tutor works without the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import ROOT


def test_wheel_ships_lessons_seeds_and_styles(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    [wheel] = tmp_path.glob("tutor-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_lessons = {p.name for p in (ROOT / "lessons").glob("*.yaml")}
    assert {f"tutor/_data/lessons/{n}" for n in shipped_lessons} <= names
    assert {f"tutor/_data/seeds/{p.name}" for p in (ROOT / "seeds").iterdir()} <= names
    assert "tutor/ui/styles/app.tcss" in names
    assert not any(n.startswith("tests/") for n in names)
    # installed from the wheel, tutor finds its data inside the package
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = "from tutor.paths import shipped_lessons_dir, shipped_seeds_dir; print(shipped_lessons_dir()); print(shipped_seeds_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, check=True,
    ).stdout.split()
    assert out == [str(target / "tutor" / "_data" / "lessons"), str(target / "tutor" / "_data" / "seeds")]
