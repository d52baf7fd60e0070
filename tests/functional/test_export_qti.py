"""tutor export qti: the package's manifest, files and keys, and qti_package_maker's package checker."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from tests.clients.harness import FIXTURE_LESSONS, fixture_library, unavailable
from tutor.cli import main
from tutor.exports.common import choice_text, ordinal

CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def check_with_qti_package_maker(path: Path) -> None:
    try:
        from qti_package_maker.common.package_integrity import check_package
    except ImportError:
        unavailable("qti_package_maker is not installed (pip install qti_package_maker); run 'make test'")
    assert check_package(str(path)) == []


def read_package(path: Path) -> tuple[dict[str, bytes], ET.Element]:
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return files, ET.fromstring(files["imsmanifest.xml"])


def items_by_title(files: dict[str, bytes], manifest: ET.Element) -> dict[str, dict[str, ET.Element]]:
    """Every referenced file is present; returns the items of each assessment, by question id."""
    found: dict[str, dict[str, ET.Element]] = {}
    resources = manifest.find(f"{CP}resources")
    ids = {r.get("identifier") for r in resources}
    for resource in resources:
        for file in resource.iter(f"{CP}file"):
            assert file.get("href") in files, file.get("href")
        for dependency in resource.iter(f"{CP}dependency"):
            assert dependency.get("identifierref") in ids
        if resource.get("type") == "imsqti_xmlv1p2":
            root = ET.fromstring(files[resource.find(f"{CP}file").get("href")])
            assessment = root.find(f"{QTI}assessment")
            found[assessment.get("title")] = {item.get("title"): item for item in root.iter(f"{QTI}item")}
    return found


def keyed(item: ET.Element) -> dict[str, list[str]]:
    """response id -> the values that score, with the label texts they stand for."""
    labels = {
        label.get("ident"): text.text
        for label in item.iter(f"{QTI}response_label")
        if (text := label.find(f"{QTI}material/{QTI}mattext")) is not None
    }
    out: dict[str, list[str]] = {}
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        if setvar is None or setvar.get("action") == "Subtract":
            continue
        for equal in condition.iter(f"{QTI}varequal"):
            out.setdefault(equal.get("respident"), []).append(labels.get(equal.text, equal.text))
    return out


def test_package_is_complete_keyed_and_passes_the_checker(tmp_path):
    out = tmp_path / "tutor-qti.zip"
    assert main(["--no-shipped", "--lessons", str(FIXTURE_LESSONS), "export", "qti", "--out", str(out)]) == 0
    check_with_qti_package_maker(out)
    files, manifest = read_package(out)
    library = fixture_library(tmp_path / "home")
    assessments = items_by_title(files, manifest)
    assert set(assessments) == {m.title for m in library.modules.values()}
    for module in library.modules.values():
        items = assessments[module.title]
        assert set(items) == {q.id for q in module.questions}
        for q in module.questions:
            key = keyed(items[q.id])
            texts = {o.id: choice_text(library, o.text, o.source) for o in (*q.options, *q.right)}
            if q.type in ("single_choice", "multiple_select", "evidence"):
                assert sorted(key["response1"]) == sorted(texts[c] for c in q.correct)
            elif q.type == "source_attribution":
                assert key["response1"] == [library.articles.articles[q.correct[0]].label]
            elif q.type == "true_false":
                assert key["response1"] == [q.correct[0].title()]
            elif q.type == "short_answer":
                assert key["response1"] == list(q.accept)
            elif q.type == "matching":
                assert [v for _k, v in sorted(key.items())] == [[texts[b]] for _a, b in q.pairs]
            elif q.type == "ordering":
                assert [v for _k, v in sorted(key.items())] == [[texts[i]] for i in q.correct]
                lefts = [r.find(f"{QTI}material/{QTI}mattext").text for r in items[q.id].iter(f"{QTI}response_lid")]
                assert lefts == [ordinal(n) for n in range(1, len(q.correct) + 1)]
            else:
                raise AssertionError(f"no check for kind {q.type}")
            # every option's feedback is there, and the explanation
            feedback = " ".join(m.text for m in items[q.id].iter(f"{QTI}mattext") if m.text)
            assert q.explanation in feedback
            assert all(o.feedback in feedback for o in q.options if q.type not in ("matching", "ordering"))
