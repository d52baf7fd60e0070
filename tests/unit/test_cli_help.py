"""``tutor --help`` prints a prepared text (no argparse on that path); it must be exactly what argparse would print."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

HEADER = '''"""The text of ``tutor --help`` as argparse lays it out at 80 columns, prepared so that printing it needs no argparse.

Generated from :func:`tutor.cli.build_parser`: tests/unit/test_cli_help.py fails
when the two differ, and rewrites this file when run with TUTOR_REGENERATE_HELP=1.
"""

'''


def module_text(help_text: str) -> str:
    body = help_text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return f'{HEADER}HELP = """\\\n{body}"""\n'


def test_the_prepared_help_is_argparses(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    from tutor import cli, cli_help

    expected = cli.build_parser().format_help()
    if os.environ.get("TUTOR_REGENERATE_HELP"):
        (ROOT / "tutor" / "cli_help.py").write_text(module_text(expected), encoding="utf-8")
        return
    assert expected == cli_help.HELP, "the parser changed: rerun this test with TUTOR_REGENERATE_HELP=1 to rewrite tutor/cli_help.py"


def test_help_is_prepared_only_where_it_fits(monkeypatch, capsys):
    from tutor import cli

    monkeypatch.setenv("COLUMNS", "120")
    assert cli.main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: tutor [-h] [--version] [--data-dir DIR] [--lessons DIR] [--no-shipped]\n")
    assert cli.main([]) == 2 and "COMMAND ..." in capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "50")
    try:
        cli.main(["--help"])
    except SystemExit as exit_:
        assert exit_.code == 0
    narrow = capsys.readouterr().out
    assert max(len(line) for line in narrow.splitlines()) <= 50  # argparse lays it out for a narrow terminal


def test_help_loads_no_argparse_and_nothing_of_tutor_but_the_cli():
    code = "import sys; from tutor.cli import main; main(['--help']); print(__import__('json').dumps(sorted(sys.modules)), file=sys.stderr)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "80"}, check=True)
    loaded = set(json.loads(out.stderr))
    assert "argparse" not in loaded and "shutil" not in loaded
    assert {m for m in loaded if m.startswith("tutor")} == {"tutor", "tutor.cli", "tutor.cli_help", "tutor.errors"}
