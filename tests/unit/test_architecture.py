"""Architecture rules that tests can hold: a UI-free core, safe YAML, a fast CLI."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "tutor"


def core_modules() -> list[str]:
    """Every module outside the Textual front ends (tutor/ui, tutor/web): the core must never import textual or rich."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        if "ui" in rel.parts or "web" in rel.parts or rel.name == "__main__":
            continue
        names.append(".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts))
    return names


def imported_after(statement: str, roots: tuple[str, ...]) -> list[str]:
    """Run an import in a fresh interpreter and list which of ``roots`` it loaded."""
    code = f"import json, sys; {statement}; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {roots!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return json.loads(out)


@pytest.mark.parametrize("module", core_modules())
def test_core_module_imports_no_ui(module):
    assert imported_after(f"import {module}", ("textual", "rich", "questionary", "prompt_toolkit")) == [], f"{module} pulls in UI libraries"


def test_cli_help_imports_nothing_heavy():
    assert imported_after("from tutor import cli", ("yaml", "textual", "rich", "platformdirs", "questionary", "fsrs")) == []


UNSAFE_CALLS = {"load", "load_all", "full_load", "full_load_all", "unsafe_load", "unsafe_load_all"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader", "ComposeLoader"}


def test_compose_loader_is_a_base_loader_that_constructs_nothing():
    import yaml

    from tutor.content.yamlsafe import ComposeLoader

    assert issubclass(ComposeLoader, (yaml.BaseLoader, getattr(yaml, "CBaseLoader", yaml.BaseLoader)))
    assert not issubclass(ComposeLoader, (yaml.FullLoader, yaml.UnsafeLoader, yaml.Loader))


def yaml_calls(tree: ast.AST):
    for node in ast.walk(tree):
        func = getattr(node, "func", None)
        if isinstance(node, ast.Call) and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "yaml":
            yield node


def loader_name(call: ast.Call) -> str | None:
    for kw in call.keywords:
        if kw.arg == "Loader":
            return ast.unparse(kw.value).split(".")[-1]
    return ast.unparse(call.args[1]).split(".")[-1] if len(call.args) > 1 else None


def test_no_unsafe_yaml_loader_anywhere():
    offenders = []
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "benchmarks").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in yaml_calls(tree):
            name = call.func.attr
            if name in UNSAFE_CALLS or name in ("compose", "compose_all", "parse"):
                loader = loader_name(call)
                if name in UNSAFE_CALLS and name.startswith(("full", "unsafe")):
                    offenders.append(f"{path}:{call.lineno}: yaml.{name}")
                elif loader not in SAFE_LOADERS:
                    offenders.append(f"{path}:{call.lineno}: yaml.{name} with Loader={loader}")
    assert offenders == []


def test_the_unsafe_call_detector_works(tmp_path):
    bad = "import yaml\nyaml.load(open('x'), Loader=yaml.Loader)\nyaml.unsafe_load('x')\nyaml.compose('x', Loader=yaml.CSafeLoader)\n"
    found = [(c.func.attr, loader_name(c)) for c in yaml_calls(ast.parse(bad))]
    assert found == [("load", "Loader"), ("unsafe_load", None), ("compose", "CSafeLoader")]


def test_no_module_grew_past_budget():
    """Small modules that say what they hold: none over 400 lines (posting's 1,500-line app module is the thing to avoid)."""
    too_big = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py") if (n := p.read_text(encoding="utf-8").count("\n")) > 400}
    assert too_big == {}


def test_import_contracts_hold():
    """The layers in pyproject.toml: front ends call the session; the core imports no UI library; no cycles across layers."""
    linter = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(linter), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout[-2000:]
    assert "3 kept, 0 broken" in out.stdout


def test_no_import_cycles_between_tutor_modules():
    """Even lazy (function-level) imports count: a cycle means two modules that cannot be understood apart."""
    import grimp

    graph = grimp.build_graph("tutor", exclude_type_checking_imports=True)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported != module and graph.chain_exists(importer=imported, imported=module):
                cycles.append((module, imported))
    assert cycles == []


def test_a_new_question_kind_touches_at_most_three_production_files():
    """Only the kinds registry, the kind's module and its answer widget name a kind: e.g. 'matching' (today named in 7 files)."""
    for kind in ("matching", "ordering", "short_answer", "evidence"):
        named = (f'"{kind}"', f"'{kind}'", f"{kind.upper()} =")
        # tutor/exports speaks export *shapes* (tutor.kinds.base.ExportItem), some of which share a kind's name.
        files = [p for p in PACKAGE.rglob("*.py") if "exports" not in p.parts]
        mentions = {str(p.relative_to(ROOT)) for p in files if any(n in p.read_text(encoding="utf-8") for n in named)}
        allowed = {"tutor/kinds/__init__.py", f"tutor/kinds/{kind}.py", f"tutor/ui/answers/{kind}.py"}
        assert mentions <= allowed | {"tutor/kinds/base.py"}, (kind, sorted(mentions - allowed))
