"""The lesson and source models: plain, immutable dataclasses.

They hold only data (no I/O, no UI), so the loader, the progress store, the
grader, the app and the teacher tools can all share them. Every id is a
stable name chosen by the author; progress is keyed by these ids, never by
positions, so reordering a lesson loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

FORMAT_VERSION = 1

KNOWN_TOPICS = ("history", "legal", "motives", "reactions", "contested", "sources")
KINDS_OF_TEXT = ("news-report", "explainer", "opinion", "analysis")
SKILLS = ("recall", "why", "compare", "infer", "judge-source")
#: What each skill asks of a learner, in their words: the skill names are the authors' jargon.
SKILL_WORDS = {
    "recall": "remembering what an article says",
    "why": "explaining why something happened",
    "compare": "comparing what the articles say",
    "infer": "working out what follows from what the articles say",
    "judge-source": "judging how far to trust a source",
}

# Question types are not listed here: each is a kind in tutor.kinds (the registry).


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A verbatim passage of one article: ``{source: <article id>, quote: ...}``."""

    source: str
    quote: str
    line: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Article:
    """One source text and what the text itself says about it."""

    id: str
    file: str
    label: str
    title: str
    kind: str
    author: str
    outlet: str
    date: str
    description: str
    notes: str
    text: str
    body_start: int
    body_end: int
    origin: str = ""

    @property
    def body(self) -> str:
        """The article without the web-page debris around it."""
        return self.text[self.body_start : self.body_end]


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    body: str
    sources: tuple[SourceRef, ...]
    outside_knowledge: str = ""


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    term: str
    definition: str
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str
    event: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class ClaimVersion:
    """What one article says about a contested point."""

    source: str
    says: str
    quote: str


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    claim: str
    versions: tuple[ClaimVersion, ...]
    conclusion: str
    outside_knowledge: str = ""


@dataclass(frozen=True, slots=True)
class Option:
    """Something a learner picks, orders or pairs, with feedback on choosing it.

    For evidence questions ``quote`` holds the passage and ``source`` its
    article; for source-attribution questions ``id`` is an article id.
    """

    id: str
    text: str
    feedback: str
    sources: tuple[SourceRef, ...] = ()
    source: str = ""
    line: int = field(default=0, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Question:
    """One quiz question; which fields are used depends on ``type`` (its kind in tutor.kinds).

    * choice types: ``options`` and ``correct`` (ids of the right options);
      true/false questions get two synthetic options, ``true`` and ``false``;
    * ordering: ``options`` are the items, ``correct`` their right order;
    * matching: ``options`` the left column, ``right`` the right column and
      ``pairs`` maps each left id to its right id;
    * short answer: ``accept`` lists every accepted answer, first the model one.
    """

    id: str
    type: str
    prompt: str
    skill: str
    explanation: str
    sources: tuple[SourceRef, ...]
    options: tuple[Option, ...] = ()
    correct: tuple[str, ...] = ()
    right: tuple[Option, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    accept: tuple[str, ...] = ()
    feedback_correct: str = ""
    feedback_incorrect: str = ""
    outside_knowledge: str = ""
    #: The question's identity (tutor.library.identity): changes when what it asks or accepts changes.
    content_hash: str = field(default="", repr=False, compare=False)
    line: int = field(default=0, repr=False, compare=False)

    def option(self, option_id: str) -> Option | None:
        for opt in (*self.options, *self.right):
            if opt.id == option_id:
                return opt
        return None


@dataclass(frozen=True, slots=True)
class Module:
    """One lesson module, as loaded from one YAML file."""

    id: str
    title: str
    topic: str
    summary: str
    objectives: tuple[str, ...]
    minutes: int
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    claims: tuple[Claim, ...] = ()
    format_version: int = FORMAT_VERSION
    path: str = ""
    line: int = 1
    content_hash: str = ""
    origin: str = ""
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def question(self, question_id: str) -> Question | None:
        """Look a question up by id; unknown ids (from old progress) give None."""
        if not self._by_id:
            self._by_id.update((q.id, q) for q in self.questions)
        return self._by_id.get(question_id)

    def references(self) -> Iterator[SourceRef]:
        """Every passage this module cites, wherever it is cited (claim versions included)."""
        for part in (*self.sections, *self.glossary, *self.timeline):
            yield from part.sources
        for q in self.questions:
            yield from q.sources
            for opt in (*q.options, *q.right):
                yield from opt.sources
        for claim in self.claims:
            for version in claim.versions:
                yield SourceRef(version.source, version.quote)

    def cited_sources(self) -> set[str]:
        """Every article id this module quotes anywhere."""
        return {ref.source for ref in self.references()}
