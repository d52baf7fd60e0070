"""Build a :class:`Module` from a lesson file, strictly.

Every field is checked as it is read and every problem becomes a
diagnostic with the file, line and column; reading goes on after an error so
that a single run reports everything. Cross-references are checked here too:
source ids must name known articles, quotes must be verbatim in the article
they cite, answers must be among the options, ordering and matching items
must line up, and ids must be unique within the module.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from yaml.nodes import Node

from tutor.content import models as m
from tutor.content.errors import ContentError, Diagnostic
from tutor.content.reader import STR_TAG, NodeReader, nearest, tag_of
from tutor.content.sources import MIN_QUOTE_CHARS, ArticleIndex
from tutor.content.yamlsafe import compose_file, compose_text
from tutor.kinds import KINDS, NAMES
from tutor.library.identity import module_hash, question_hash

MODULE_REQUIRED = ("format_version", "id", "title", "topic", "summary", "objectives", "minutes", "sections", "questions")
MODULE_OPTIONAL = ("glossary", "timeline", "claims")
QUESTION_COMMON = ("id", "type", "prompt", "skill", "explanation", "sources")
QUESTION_OPTIONAL = ("outside_knowledge",)

class ModuleReader(NodeReader):
    """Reads one lesson module, checking it against the known articles."""

    def __init__(self, shown: str, articles: ArticleIndex) -> None:
        super().__init__(shown)
        self.articles = articles

    # -- source references -------------------------------------------------
    def source_id(self, node: Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        if value not in self.articles:
            guess = nearest(value, self.articles.ids())
            known = ", ".join(self.articles.ids())
            hint = f"did you mean '{guess}'? known ids: {known}" if guess else f"known ids: {known}"
            self.error(node, f"unknown article id '{value}' in {where}", hint)
            return None
        return value

    def quote(self, node: Node, article_id: str | None, where: str) -> str | None:
        value = self.text(node, where)
        if value is None or article_id is None:
            return None
        if len(value.strip()) < MIN_QUOTE_CHARS:
            self.error(node, f"{where} is too short to pin a passage", f"quote at least {MIN_QUOTE_CHARS} characters")
            return None
        if not self.articles.contains_quote(article_id, value):
            closest = self.articles.closest_passage(article_id, value)
            hint = f'closest passage in the article: "{closest}"' if closest else "no passage of the article shares its words; copy the quote from it"
            self.error(node, f"{where} is not verbatim in article '{article_id}'", hint)
            return None
        return value

    def ref(self, node: Node, where: str) -> m.SourceRef | None:
        fields = self.mapping(node, f"a source reference in {where}", ("source", "quote"))
        if fields is None or "source" not in fields or "quote" not in fields:
            return None
        source = self.source_id(fields["source"], f"{where} source")
        quote = self.quote(fields["quote"], source, f"quote in {where}")
        if source is None or quote is None:
            return None
        return m.SourceRef(source, quote, node.start_mark.line + 1)

    def refs(self, node: Node, where: str, min_len: int = 1) -> tuple[m.SourceRef, ...]:
        found = (self.ref(item, where) for item in self.sequence(node, f"{where} sources", min_len))
        return tuple(r for r in found if r is not None)

    # -- helpers -----------------------------------------------------------
    def unique(self, items: list[tuple[str | None, Node]], noun: str, where: str = "") -> None:
        """Report ids used twice: ``noun`` names what the ids belong to."""
        seen: dict[str, int] = {}
        place = f" in {where}" if where else ""
        for value, node in items:
            if value is None:
                continue
            if value in seen:
                self.error(node, f"duplicate {noun} id '{value}'{place} (first on line {seen[value]})", f"give each {noun} its own id")
            else:
                seen[value] = node.start_mark.line + 1

    def opt_text(self, fields: dict[str, Node], key: str, where: str) -> str:
        return (self.text(fields[key], where) or "") if key in fields else ""

    # -- module parts ------------------------------------------------------
    def section(self, node: Node) -> m.Section | None:
        fields = self.mapping(node, "a section", ("id", "title", "body", "sources"), ("outside_knowledge",))
        if fields is None or not all(k in fields for k in ("id", "title", "body", "sources")):
            return None
        sid = self.identifier(fields["id"], "section id")
        title = self.text(fields["title"], "section title")
        body = self.text(fields["body"], "section body")
        sources = self.refs(fields["sources"], f"section '{sid}'")
        outside = self.opt_text(fields, "outside_knowledge", "outside_knowledge")
        if None in (sid, title, body):
            return None
        return m.Section(sid, title, body, sources, outside)

    def glossary_term(self, node: Node) -> m.GlossaryTerm | None:
        fields = self.mapping(node, "a glossary entry", ("term", "definition"), ("sources",))
        if fields is None or "term" not in fields or "definition" not in fields:
            return None
        term = self.text(fields["term"], "term")
        definition = self.text(fields["definition"], "definition")
        sources = self.refs(fields["sources"], f"term '{term}'", 0) if "sources" in fields else ()
        return m.GlossaryTerm(term, definition, sources) if term and definition else None

    def timeline_event(self, node: Node) -> m.TimelineEvent | None:
        fields = self.mapping(node, "a timeline event", ("date", "event", "sources"))
        if fields is None or len(fields) < 3:
            return None
        date = self.text(fields["date"], "timeline date")
        event = self.text(fields["event"], "timeline event")
        sources = self.refs(fields["sources"], "timeline event")
        return m.TimelineEvent(date, event, sources) if date and event else None

    def claim(self, node: Node) -> m.Claim | None:
        fields = self.mapping(node, "a claim", ("id", "claim", "versions", "conclusion"), ("outside_knowledge",))
        if fields is None or not all(k in fields for k in ("id", "claim", "versions", "conclusion")):
            return None
        cid = self.identifier(fields["id"], "claim id")
        versions = []
        for vnode in self.sequence(fields["versions"], f"claim '{cid}' versions", 2):
            vf = self.mapping(vnode, "a claim version", ("source", "says", "quote"))
            if vf is None or len(vf) < 3:
                continue
            source = self.source_id(vf["source"], "claim version")
            says = self.text(vf["says"], "says")
            quote = self.quote(vf["quote"], source, "quote in claim version")
            if source and says and quote:
                versions.append(m.ClaimVersion(source, says, quote))
        claim = self.text(fields["claim"], "claim")
        conclusion = self.text(fields["conclusion"], "conclusion")
        outside = self.opt_text(fields, "outside_knowledge", "outside_knowledge")
        if None in (cid, claim, conclusion):
            return None
        return m.Claim(cid, claim, tuple(versions), conclusion, outside)

    # -- questions -----------------------------------------------------------
    def question(self, node: Node) -> m.Question | None:
        peek = self.mapping_keys(node)
        qtype_node = peek.get("type")
        qtype = qtype_node.value if qtype_node is not None and tag_of(qtype_node) == STR_TAG else None
        where = f"question '{peek['id'].value}'" if isinstance(getattr(peek.get("id"), "value", None), str) else "a question"
        if qtype is not None and qtype not in KINDS:
            guess = nearest(qtype, NAMES)
            hint = f"did you mean '{guess}'?" if guess else "types: " + ", ".join(NAMES)
            self.error(qtype_node, f"unknown question type '{qtype}' in {where}", hint)
            return None
        kind = KINDS.get(qtype or "")
        required = QUESTION_COMMON + (kind.keys if kind else ())
        optional = QUESTION_OPTIONAL + (kind.optional if kind else ())
        fields = self.mapping(node, where, required, optional)
        if fields is None or qtype is None or not all(k in fields for k in required):
            return None
        qid = self.identifier(fields["id"], "question id")
        prompt = self.text(fields["prompt"], f"prompt of {where}")
        explanation = self.text(fields["explanation"], f"explanation of {where}")
        skill = self.text(fields["skill"], f"skill of {where}")
        if skill is not None and skill not in m.SKILLS:
            guess = nearest(skill, m.SKILLS)
            self.error(
                fields["skill"], f"unknown skill '{skill}' in {where}", f"did you mean '{guess}'?" if guess else "skills: " + ", ".join(m.SKILLS)
            )
            skill = None
        sources = self.refs(fields["sources"], where)
        outside = self.opt_text(fields, "outside_knowledge", "outside_knowledge")
        before = len(self.diagnostics)
        parts = kind.read(self, fields, where)
        if None in (qid, prompt, explanation, skill) or parts is None or len(self.diagnostics) > before:
            return None
        question = m.Question(
            id=qid,
            type=qtype,
            prompt=prompt,
            skill=skill,
            explanation=explanation,
            sources=sources,
            outside_knowledge=outside,
            line=node.start_mark.line + 1,
            **parts,
        )
        return dataclasses.replace(question, content_hash=question_hash(question))

    def mapping_keys(self, node: Node) -> dict[str, Node]:
        """The raw key -> value nodes of a mapping, without any checks (for peeking)."""
        value = getattr(node, "value", None)
        if not isinstance(value, list):
            return {}
        return {k.value: v for k, v in value if isinstance(getattr(k, "value", None), str)}

    def options(self, node: Node, where: str, kind: str) -> list[m.Option]:
        """Options of a choice question; ``kind`` says what each option holds."""
        keys = {
            "text": ("id", "text", "feedback"),
            "article": ("id", "feedback"),
            "passage": ("id", "source", "quote", "feedback"),
            "item": ("id", "text", "feedback"),
            "right": ("id", "text"),
        }[kind]
        optional = {"text": ("sources",), "item": ("sources",), "article": ("text", "sources"), "passage": (), "right": ("feedback",)}[kind]
        result: list[m.Option] = []
        ids: list[tuple[str | None, Node]] = []
        for onode in self.sequence(node, f"options of {where}", 2):
            fields = self.mapping(onode, f"an option of {where}", keys, optional)
            if fields is None or not all(k in fields for k in keys):
                continue
            oid = self.source_id(fields["id"], f"option of {where}") if kind == "article" else self.identifier(fields["id"], f"option id in {where}")
            ids.append((oid, fields["id"]))
            feedback = self.opt_text(fields, "feedback", f"feedback in {where}")
            sources = self.refs(fields["sources"], f"option '{oid}'", 1) if "sources" in fields else ()
            source = ""
            if kind == "passage":
                source = self.source_id(fields["source"], f"option '{oid}'") or ""
                text = self.quote(fields["quote"], source or None, f"quote of option '{oid}'")
                if text and source:
                    sources = (m.SourceRef(source, text, onode.start_mark.line + 1),)
            elif kind == "article":
                article = self.articles.articles.get(oid or "")
                text = self.opt_text(fields, "text", "option text") or (article.label if article else None)
            else:
                text = self.text(fields["text"], f"option text in {where}")
            if oid and text and (feedback or kind == "right"):
                result.append(m.Option(oid, text, feedback, sources, source, onode.start_mark.line + 1))
        self.unique(ids, "option", where)
        return result

    def answer_ids(self, node: Node, where: str, known: list[str], many: bool) -> tuple[str, ...] | None:
        values = self.id_list(node, f"answer of {where}") if many else (self.text(node, f"answer of {where}"),)
        if None in values:
            return None
        for value in values:
            if value not in known:
                guess = nearest(value, known)
                hint = f"did you mean '{guess}'?" if guess else "option ids: " + ", ".join(known)
                self.error(node, f"answer '{value}' of {where} is not among the options", hint)
                return None
        if len(set(values)) != len(values):
            self.error(node, f"answer of {where} names an option twice", "list each option once")
            return None
        return tuple(values)


def read_module(root: Node, shown: str, articles: ArticleIndex) -> tuple[m.Module | None, list[Diagnostic]]:
    """Turn a composed document into a Module, or the reasons it cannot be one."""
    reader = ModuleReader(shown, articles)
    top = reader.mapping(root, "the module", MODULE_REQUIRED, MODULE_OPTIONAL)
    if top is None:
        return None, reader.diagnostics
    if "format_version" in top:
        reader.integer(top["format_version"], "format_version", m.FORMAT_VERSION, m.FORMAT_VERSION)
    get = top.get
    module_id = reader.identifier(top["id"], "module id") if "id" in top else None
    title = reader.text(top["title"], "title") if "title" in top else None
    topic = reader.identifier(top["topic"], "topic") if "topic" in top else None
    summary = reader.text(top["summary"], "summary") if "summary" in top else None
    objectives = reader.text_list(top["objectives"], "objectives") if "objectives" in top else ()
    minutes = reader.integer(top["minutes"], "minutes", 1, 600) if "minutes" in top else None
    sections = _many(reader, get("sections"), "sections", reader.section, 1)
    glossary = _many(reader, get("glossary"), "glossary", reader.glossary_term, 0)
    timeline = _many(reader, get("timeline"), "timeline", reader.timeline_event, 0)
    claims = _many(reader, get("claims"), "claims", reader.claim, 0)
    questions = _many(reader, get("questions"), "questions", reader.question, 1)
    reader.unique(_ids_with_nodes(get("sections"), "id"), "section")
    reader.unique(_ids_with_nodes(get("questions"), "id"), "question")
    reader.unique(_ids_with_nodes(get("claims"), "id"), "claim")
    if reader.failed:
        return None, sorted(reader.diagnostics, key=lambda d: (d.line, d.col))
    module = m.Module(
        id=module_id,
        title=title,
        topic=topic,
        summary=summary,
        objectives=objectives,
        minutes=minutes,
        sections=tuple(sections),
        questions=tuple(questions),
        glossary=tuple(glossary),
        timeline=tuple(timeline),
        claims=tuple(claims),
        path=shown,
        line=top["id"].start_mark.line + 1,
        content_hash=module_hash((q.id, q.content_hash) for q in questions),
    )
    return module, []


def _items(node: Node | None) -> list[Node]:
    value = getattr(node, "value", None)
    return value if isinstance(value, list) else []


def _ids_with_nodes(node: Node | None, key: str) -> list[tuple[str | None, Node]]:
    """(id, node) for each mapping in a list that has a text ``key``."""
    found = []
    for item in _items(node):
        for k, v in _items(item):
            if getattr(k, "value", None) == key and isinstance(getattr(v, "value", None), str):
                found.append((v.value, v))
    return found


def _many(reader: ModuleReader, node: Node | None, where: str, read_one, min_len: int) -> list:
    if node is None:
        return []
    results = (read_one(item) for item in reader.sequence(node, where, min_len))
    return [r for r in results if r is not None]


def load_module_text(text: str, shown: str, articles: ArticleIndex) -> m.Module:
    """Load a module from text; raises ContentError with every diagnostic."""
    return _module_or_raise(*compose_text(text, shown), shown, articles)


def load_module(path: Path, articles: ArticleIndex, shown: str | None = None) -> m.Module:
    """Load a module file; raises ContentError with every diagnostic."""
    shown = shown or str(path)
    return _module_or_raise(*compose_file(path, shown), shown, articles)


def _module_or_raise(root: Node | None, diags: list[Diagnostic], shown: str, articles: ArticleIndex) -> m.Module:
    if root is None:
        raise ContentError(diags)
    module, diags = read_module(root, shown, articles)
    if module is None:
        raise ContentError(diags)
    return module
