"""The tutorial's state for one learner, free of any UI.

The Textual app, the plain prompt mode and the tests all drive a
:class:`TutorSession`: which modules exist and how far the learner got, the
options of a question in this learner's order, grading an answer and saving
it the moment it is given, where to resume, and which questions are due for
review. Nothing here imports textual or rich.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from tutor.content.library import BrokenModule, Library
from tutor.content.models import MATCHING, ORDERING, TRUE_FALSE, Article, Module, Option, Question
from tutor.grading import Grade, grade
from tutor.progress.store import Store
from tutor.progress.summary import ModuleProgress, Place, summarise


@dataclass(frozen=True, slots=True)
class ReviewItem:
    module: Module
    question: Question


class TutorSession:
    """One learner working through the library, saving to a store (or not, in tests)."""

    def __init__(self, library: Library, store: Store | None, profile: str, assignment=None, results_dir=None) -> None:
        self.library = library
        self.store = store
        self.profile = profile
        #: A teacher's assignment (tutor.teacher.assignment.Assignment) limits the
        #: modules, fixes the shuffling and makes finishing write a result file.
        self.assignment = assignment
        self.results_dir = results_dir

    # -- catalogue -----------------------------------------------------------
    @property
    def modules(self) -> list[Module]:
        if self.assignment is not None:
            return [self.library.modules[m] for m in self.assignment.modules if m in self.library.modules]
        return list(self.library.modules.values())

    @property
    def reference_modules(self) -> list[Module]:
        """Every module, assigned or not: claims, glossary, timeline and citations come from all of them."""
        return list(self.library.modules.values())

    @property
    def broken(self) -> list[BrokenModule]:
        return self.library.broken

    def module(self, module_id: str) -> Module | None:
        return self.library.modules.get(module_id)

    def article(self, article_id: str) -> Article | None:
        return self.library.articles.articles.get(article_id) if self.library.articles else None

    def passage(self, article_id: str, quote: str) -> tuple[int, int] | None:
        """Where a quote sits in its article's full text."""
        return self.library.articles.find_quote(article_id, quote) if self.library.articles else None

    # -- progress -------------------------------------------------------------
    def progress(self) -> dict[str, ModuleProgress]:
        records = self.store.module_records(self.profile) if self.store else {}
        return {m.id: summarise(m, records.get(m.id)) for m in self.modules}

    def resume_place(self, module: Module) -> Place | None:
        if self.store is None:
            return None
        record = self.store.module_records(self.profile).get(module.id)
        return Place.decode(summarise(module, record).place)

    def set_place(self, module: Module, place: Place) -> None:
        if self.store is not None:
            self.store.set_place(self.profile, module.id, place.encode())

    # -- questions --------------------------------------------------------------
    def ordered(self, module: Module, question: Question, options: tuple[Option, ...] | None = None) -> list[Option]:
        """Options in this learner's order: shuffled, but the same every time for them."""
        items = list(question.options if options is None else options)
        if question.type == TRUE_FALSE or (self.assignment is not None and not self.assignment.shuffle and question.type != ORDERING):
            return items
        seed = self.assignment.seed if self.assignment is not None else ""
        rng = random.Random(f"{seed}\x1f{self.profile}\x1f{module.id}\x1f{question.id}\x1f{len(items)}")
        rng.shuffle(items)
        if question.type == ORDERING and [o.id for o in items] == list(question.correct) and len(items) > 1:
            items.reverse()  # never present an ordering question already solved
        return items

    def right_column(self, module: Module, question: Question) -> list[Option]:
        return self.ordered(module, question, question.right) if question.type == MATCHING else []

    def answer(
        self, module: Module, question: Question, response: object, seconds: float, mode: str = "lesson",
        next_place: Place | None = None, now: datetime | None = None,
    ) -> Grade:
        """Grade a response and save it at once; raises InvalidResponse for a malformed one."""
        result = grade(question, response)
        if self.store is not None:
            self.store.record_answer(
                self.profile, module.id, question.id, question.content_hash, response, result.correct, result.score,
                round(seconds, 3), mode=mode, place=next_place.encode() if next_place else None, now=now,
            )
        return result

    def finish(self, module: Module, score: float):
        """Record a finished run; under an assignment, write the result file (returns its path)."""
        if self.store is None:
            return None
        self.store.complete_module(self.profile, module.id, score)
        self.store.set_place(self.profile, module.id, Place("done").encode())
        return self.write_result() if self.assignment is not None else None

    def write_result(self):
        from pathlib import Path

        from tutor.teacher.results import build_result, write_result

        result = build_result(self.store, self.profile, self.assignment, self.modules)
        return write_result(result, Path(self.results_dir or "tutor-results"))

    def attempts_left(self, module: Module, progress: ModuleProgress | None = None) -> int | None:
        """Runs left under the assignment (None when there is no limit); pass the progress if already loaded."""
        if self.assignment is None or self.store is None:
            return None
        progress = progress or self.progress()[module.id]
        return max(0, self.assignment.attempts - progress.runs)

    def reviews_due(self, now: datetime | None = None) -> list[ReviewItem]:
        """Due review questions that still exist in the current lessons."""
        if self.store is None:
            return []
        items = []
        for due in self.store.due_reviews(self.profile, now):
            module = self.module(due.module_id)
            question = module.question(due.question_id) if module else None
            if question is not None:
                items.append(ReviewItem(module, question))
        return items

    # -- settings ---------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        return self.store.setting(self.profile, key) if self.store else None

    def set_setting(self, key: str, value: str) -> None:
        if self.store is not None:
            self.store.set_setting(self.profile, key, value)
