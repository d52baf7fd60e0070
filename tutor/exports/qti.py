"""``tutor export qti``: a QTI 1.2 package (.zip) as Canvas imports it (Moodle through its QTI import).

Layout, as Canvas exports quizzes: ``imsmanifest.xml`` at the root, and per
module a folder ``<module>/`` holding ``<module>.xml`` (a questestinterop with
one assessment, one item per question) and ``assessment_meta.xml`` (the
quiz's title), tied together in the manifest by a dependency.

Items use Canvas's question types: multiple_choice (single, source
attribution, evidence), true_false, multiple_answers (with the same partial
credit as tutor: each right tick a share, each wrong tick one share back),
matching (ordering too, as positions matched to items) and short_answer.
Every option carries its feedback (``itemfeedback`` shown by a
``displayfeedback``), and the explanation with the cited passages is the
general feedback. Identifiers are XML-id safe (tutor ids, prefixed so they
start with a letter); text is UTF-8, written by ElementTree, which escapes it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from tutor.content.models import Module
from tutor.exports.common import TUTORIAL, Item, choice_text, ident, items, ordinal
from tutor.fsutil import atomic_write

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
META_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QUESTION_TYPES = {
    "single": "multiple_choice_question", "truefalse": "true_false_question", "multiple": "multiple_answers_question",
    "ordering": "matching_question", "matching": "matching_question", "short": "short_answer_question",
}


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def material(parent: ET.Element, text: str) -> None:
    sub(sub(parent, "material"), "mattext", text, texttype="text/plain")


def _metadata(item_el: ET.Element, fields: dict[str, str]) -> None:
    meta = sub(sub(item_el, "itemmetadata"), "qtimetadata")
    for label, entry in fields.items():
        field = sub(meta, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", entry)


def _feedback(item_el: ET.Element, ident_: str, text: str) -> None:
    fb = sub(item_el, "itemfeedback", ident=ident_)
    material(sub(fb, "flow_mat"), text)


def _condition(proc: ET.Element, test, score: str | None = None, action: str = "Set", feedback: str = "", go_on: bool = True) -> None:
    cond = sub(proc, "respcondition", continue_="Yes" if go_on else "No")
    test(sub(cond, "conditionvar"))
    if score is not None:
        sub(cond, "setvar", score, action=action, varname="SCORE")
    if feedback:
        sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _equal(respident: str, value: str):
    return lambda var: sub(var, "varequal", value, respident=respident)


def _other(var: ET.Element) -> None:
    sub(var, "other")


def general_text(item: Item) -> str:
    parts = [f"Why: {item.question.explanation}"] if item.question.explanation else []
    parts += [f"“{quote}” ({title})" for quote, title in item.sources]
    return "\n".join(parts)


def build_item(library, item: Item) -> ET.Element:
    shape = item.shape
    item_id = ident("q", item.module.id, item.question.id)
    el = ET.Element("item", {"ident": item_id, "title": item.question.id})
    feedbacks: list[tuple[str, str]] = []
    presentation = ET.Element("presentation")
    material(presentation, shape.prompt)
    proc = ET.Element("resprocessing")
    outcomes = sub(proc, "outcomes")
    sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = general_text(item)
    if general:
        feedbacks.append(("general_fb", general))
        _condition(proc, _other, feedback="general_fb")
    answer_ids: list[str] = []
    if shape.shape in ("single", "truefalse", "multiple"):
        many = shape.shape == "multiple"
        lid = sub(presentation, "response_lid", ident="response1", rcardinality="Multiple" if many else "Single")
        render = sub(lid, "render_choice")
        right = sum(c.correct for c in shape.choices) or 1
        for n, choice in enumerate(shape.choices, 1):
            cid = f"c{n}"
            answer_ids.append(cid)
            material(sub(render, "response_label", ident=cid), choice_text(library, choice.text, choice.source))
            if choice.feedback:
                feedbacks.append((f"{cid}_fb", choice.feedback))
            if many:  # each right tick adds a share, each wrong one takes a share back
                share = f"{100 / right:.4f}"
                _condition(proc, _equal("response1", cid), share, "Add" if choice.correct else "Subtract", f"{cid}_fb" if choice.feedback else "")
            elif choice.correct:
                _condition(proc, _equal("response1", cid), "100", feedback=f"{cid}_fb" if choice.feedback else "", go_on=False)
            else:
                _condition(proc, _equal("response1", cid), feedback=f"{cid}_fb" if choice.feedback else "")
    elif shape.shape in ("matching", "ordering"):
        if shape.shape == "matching":
            pairs = [(left, right) for left, right, _fb in shape.pairs]
        else:
            pairs = [(ordinal(i), text) for i, (text, _fb) in enumerate(shape.sequence, 1)]
        targets = list(dict.fromkeys(r for _l, r in pairs))
        share = f"{100 / len(pairs):.4f}"
        for n, (left, right) in enumerate(pairs, 1):
            rid = f"r{n}"
            answer_ids.append(rid)
            lid = sub(presentation, "response_lid", ident=rid)
            material(lid, left)
            render = sub(lid, "render_choice")
            for m, target in enumerate(targets, 1):
                material(sub(render, "response_label", ident=f"{rid}_t{m}"), target)
            _condition(proc, _equal(rid, f"{rid}_t{targets.index(right) + 1}"), share, "Add")
    elif shape.shape == "short":
        fib = sub(sub(presentation, "response_str", ident="response1", rcardinality="Single"), "render_fib", fibtype="String")
        sub(fib, "response_label", ident="answer1", rshuffle="No")
        feedbacks += [("correct_fb", shape.feedback_correct), ("general_incorrect_fb", shape.feedback_incorrect)]

        def accepted(var: ET.Element) -> None:
            for answer in shape.answers:
                sub(var, "varequal", answer, respident="response1")

        _condition(proc, accepted, "100", feedback="correct_fb", go_on=False)
        _condition(proc, _other, feedback="general_incorrect_fb")
    else:
        raise ValueError(f"unknown export shape {shape.shape!r}")
    _metadata(el, {
        "question_type": QUESTION_TYPES[shape.shape], "points_possible": "1.0", "original_answer_ids": ",".join(answer_ids),
    })
    el.append(presentation)
    el.append(proc)
    for fid, text in feedbacks:
        if text:
            _feedback(el, fid, text)
    return el


def assessment_xml(library, module: Module, module_items: list[Item]) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = sub(root, "assessment", ident=ident("m", module.id), title=module.title)
    meta = sub(assessment, "qtimetadata")
    field = sub(meta, "qtimetadatafield")
    sub(field, "fieldlabel", "cc_maxattempts")
    sub(field, "fieldentry", "1")
    section = sub(assessment, "section", ident="root_section")
    for item in module_items:
        section.append(build_item(library, item))
    return _bytes(root)


def meta_xml(module: Module) -> bytes:
    root = ET.Element("quiz", {"identifier": ident("m", module.id), "xmlns": META_NS})
    sub(root, "title", module.title)
    sub(root, "description", module.summary)
    sub(root, "shuffle_answers", "false")
    sub(root, "scoring_policy", "keep_highest")
    sub(root, "quiz_type", "practice_quiz")
    sub(root, "points_possible", f"{len(module.questions):.1f}")
    return _bytes(root)


def manifest_xml(modules: Sequence[Module]) -> bytes:
    root = ET.Element("manifest", {"identifier": "tutor_manifest", "xmlns": CP_NS})
    metadata = sub(root, "metadata")
    sub(metadata, "schema", "IMS Content")
    sub(metadata, "schemaversion", "1.1.3")
    sub(metadata, "title", TUTORIAL)
    sub(root, "organizations")
    resources = sub(root, "resources")
    for module in modules:
        folder = ident("m", module.id)
        quiz = sub(resources, "resource", identifier=folder, type="imsqti_xmlv1p2")
        sub(quiz, "file", href=f"{folder}/{folder}.xml")
        sub(quiz, "dependency", identifierref=f"{folder}_meta")
        meta = sub(resources, "resource", identifier=f"{folder}_meta",
                   type="associatedcontent/imscc_xmlv1p1/learning-application-resource", href=f"{folder}/assessment_meta.xml")
        sub(meta, "file", href=f"{folder}/assessment_meta.xml")
    return _bytes(root)


def _bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    # Serialised to text, then encoded once: ElementTree's own UTF-8 writer is several times slower.
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def build(library, modules: Sequence[Module]) -> bytes:
    by_module: dict[str, list[Item]] = {}
    for item in items(modules, library):
        by_module.setdefault(item.module.id, []).append(item)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest_xml(modules))
        for module in modules:
            folder = ident("m", module.id)
            archive.writestr(f"{folder}/{folder}.xml", assessment_xml(library, module, by_module.get(module.id, [])))
            archive.writestr(f"{folder}/assessment_meta.xml", meta_xml(module))
    return buffer.getvalue()


def export(library, modules: Sequence[Module], out: Path) -> int:
    atomic_write(out, build(library, modules), mode=0o644)
    return sum(len(m.questions) for m in modules)
