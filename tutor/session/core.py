"""The tutorial's state for one learner, free of any UI: the one place for the rules.

The Textual app, plain mode, the commands and the tests all drive a
:class:`TutorSession`. It starts runs (refusing past an assignment's attempt
limit), resumes them, records answers (once per run and question, so a
double key press or a second process changes nothing), finishes runs and
scores them (one definition: tutor.progress.summary.run_score), decides
which modules are available, and writes result files under an assignment.
Front ends only display and call it. Nothing here imports textual or rich.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tutor.content.models import Article, Module, Question
from tutor.errors import UserError, shown
from tutor.kinds import Arrangement, Grade, kind_of
from tutor.library import BrokenModule, Library
from tutor.progress.runs import RunAnswer
from tutor.progress.store import Store
from tutor.progress.summary import ModuleProgress, Place, summarise
from tutor.progress.xapi import Answered, Finished
from tutor.session import assignments
from tutor.session.runs import Availability, QuizRun, ReviewItem, RunResult


class AttemptsUsed(UserError):
    """Every attempt the assignment allows for a module has been used."""


class TutorSession:
    """One learner working through the library, saving every answer to a store."""

    def __init__(self, library: Library, store: Store, profile: str, assignment=None, results_dir: Path | str | None = None) -> None:
        self.library = library
        self.store = store
        self.profile = profile
        #: A teacher's assignment (tutor.teacher.assignment.Assignment) limits the
        #: modules, fixes the shuffling and makes finishing write a result file.
        self.assignment = assignment
        self.results_dir = Path(results_dir) if results_dir else Path("tutor-results")
        _ = store.xapi_settings  # a broken config.toml is reported now, not at the first answer

    @property
    def _assignment_id(self) -> str:
        return self.assignment.id if self.assignment is not None else ""

    # -- catalogue -----------------------------------------------------------
    @property
    def modules(self) -> list[Module]:
        """The modules this learner works on: the assignment's, or all."""
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
        """A module this learner may open (under an assignment, only the assigned ones)."""
        found = self.library.modules.get(module_id)
        return found if found is not None and (self.assignment is None or module_id in self.assignment.modules) else None

    def require_module(self, module_id: str) -> Module:
        module = self.module(module_id)
        if module is None:
            where = "in this assignment" if self.assignment is not None else "here"
            known = ", ".join(m.id for m in self.modules)
            raise UserError(f"no module '{shown(module_id)}' {where}", f"modules: {known}" if known else "see 'tutor list'")
        return module

    def article(self, article_id: str) -> Article | None:
        return self.library.articles.articles.get(article_id) if self.library.articles else None

    def passage(self, article_id: str, quote: str) -> tuple[int, int] | None:
        """Where a quote sits in its article's full text."""
        return self.library.articles.find_quote(article_id, quote) if self.library.articles else None

    # -- progress -------------------------------------------------------------
    def progress(self) -> dict[str, ModuleProgress]:
        records = self.store.module_records(self.profile)
        return {m.id: summarise(m, records.get(m.id)) for m in self.modules}

    def reading_place(self, module: Module) -> int:
        """The section to reopen a module at (0 when new or finished)."""
        record = self.store.module_records(self.profile).get(module.id)
        place = Place.decode(record.place if record else None)
        if place and place.kind == "section":
            return next((i for i, s in enumerate(module.sections) if s.id == place.id), 0)
        return 0

    def set_reading(self, module: Module, index: int) -> None:
        self.store.set_place(self.profile, module.id, Place("section", module.sections[index].id).encode())

    # -- availability and runs --------------------------------------------------
    def availability(self, module: Module) -> Availability:
        """May the learner take this module's quiz now? Resuming is always allowed."""
        if self.assignment is None:
            return Availability(True)
        runs = self.store.runs(self.profile, module.id)
        left = max(0, self.assignment.attempts - assignments.attempts_used(runs, self.assignment))
        if any(not r.finished for r in runs) or left > 0:
            return Availability(True, attempts_left=left)
        used = self.assignment.attempts
        return Availability(False, f"you have used the {used} attempt{'s' if used != 1 else ''} the assignment allows for this module", 0)

    def resume_run(self, module: Module) -> QuizRun | None:
        """The learner's unfinished run of this module, if any."""
        run = self.store.open_run(self.profile, module.id)
        return None if run is None else QuizRun(module, run.id, self.store.run_answers(run.id))

    def start_run(self, module: Module, now: datetime | None = None) -> QuizRun:
        """Resume the unfinished run, or start a new one; AttemptsUsed past the assignment's limit."""
        limit = self.assignment.attempts if self.assignment is not None else None
        assignment_id = self.assignment.id if self.assignment is not None else ""
        run = self.store.start_run(self.profile, module.id, assignment_id, now=now, limit=limit)
        if run is None:
            self.require_available(module)
            raise AttemptsUsed(f"{module.title}: no attempt is left", "ask your teacher if you need another attempt")
        return QuizRun(module, run.id, self.store.run_answers(run.id))

    def require_available(self, module: Module) -> None:
        """AttemptsUsed, saying why, when the learner may not take this module's quiz now (before they read it all)."""
        availability = self.availability(module)
        if not availability.available:
            raise AttemptsUsed(f"{module.title}: {availability.reason}", "ask your teacher if you need another attempt")

    def new_attempt_note(self, module: Module) -> str:
        """What starting this module's quiz again means, when it would start a new run after a finished one ("" otherwise).

        Said before the quiz starts, in the app (a question to confirm) and in
        plain mode (before "press Enter to start"): a new run begins at
        question 1 and, under an assignment, uses one of its attempts.
        """
        summary = summarise(module, self.store.module_records(self.profile).get(module.id))
        if summary.run_open or not summary.runs:
            return ""
        times = "once" if summary.runs == 1 else f"{summary.runs} times"
        best = f"; your best score, {round(summary.best * 100)}%, is kept" if summary.best is not None else ""
        note = f"You have finished this quiz {times}. Starting it again begins a new attempt at question 1{best}."
        left = self.availability(module).attempts_left
        if left is not None:
            note += f" The assignment allows {left} more attempt{'s' if left != 1 else ''}."
        return note

    def arrange(self, module: Module, question: Question) -> Arrangement:
        """The options in this learner's order: shuffled (unless the assignment says not), the same every time."""
        seed = f"{self.assignment.seed if self.assignment is not None else ''}\x1f{self.profile}\x1f{module.id}\x1f{question.id}"
        shuffle = self.assignment.shuffle if self.assignment is not None else True
        return kind_of(question.type).arrange(question, seed, shuffle)

    def answer(self, quiz: QuizRun, question: Question, response: object, seconds: float, now: datetime | None = None) -> Grade:
        """Grade and save an answer in a run; answering the same question again returns the first grade.

        Raises InvalidResponse (nothing saved) for a response that does not fit the question.
        """
        given = quiz.answered(question)
        if given is not None:
            return kind_of(question.type).grade(question, given.response)
        result = kind_of(question.type).grade(question, response)
        attempt, new = self.store.record_answer(
            self.profile, quiz.module.id, question.id, question.content_hash, response, result.correct, result.score,
            round(seconds, 3), mode="lesson", run_id=quiz.run_id, now=now, about=Answered(quiz.module, question, self._assignment_id),
        )
        if not new:  # another process (or a repeated event) got there first: its answer stands
            quiz.answers = self.store.run_answers(quiz.run_id)
            stored = quiz.answered(question)
            return kind_of(question.type).grade(question, stored.response) if stored else result
        quiz.answers[question.id] = RunAnswer(attempt, question.id, question.content_hash, response, result.correct, result.score, "")
        return result

    def practise(self, module: Module, question: Question, response: object, seconds: float, mode: str = "review") -> Grade:
        """Grade and save an answer outside a run (review, retrying missed questions): it updates review, not scores."""
        result = kind_of(question.type).grade(question, response)
        self.store.record_answer(
            self.profile, module.id, question.id, question.content_hash, response, result.correct, result.score, round(seconds, 3), mode=mode,
            about=Answered(module, question, self._assignment_id),
        )
        return result

    def result_of(self, quiz: QuizRun) -> RunResult:
        """The whole run's score and misses, whatever sitting each answer came from."""
        missed = tuple(q for q in quiz.module.questions if (a := quiz.answered(q)) is None or not a.correct)
        return RunResult(quiz.module, quiz.score, missed)

    def finish(self, quiz: QuizRun, now: datetime | None = None) -> RunResult:
        """Close the run with its score; under an assignment, write the result file too."""
        result = self.result_of(quiz)
        if not quiz.finished:
            mark = self.assignment.pass_mark if self.assignment is not None else None
            about = Finished(quiz.module, self._assignment_id, mark)
            self.store.finish_run(self.profile, quiz.run_id, round(result.score.fraction, 6), now=now, about=about)
            quiz.finished = True
        if self.assignment is None:
            return result
        try:
            written = self.write_result()
        except UserError as exc:
            return RunResult(result.module, result.score, result.missed, None, exc.message)
        return RunResult(result.module, result.score, result.missed, written)

    def write_result(self) -> Path:
        """(Re)write this learner's result file for the assignment, from the store."""
        from tutor.teacher.results import write_result

        result = assignments.build_result(self.store, self.profile, self.assignment, self.modules)
        return write_result(result, self.results_dir)

    def prepare(self) -> None:
        """Load what answering needs (the review scheduler) ahead of need; safe in a background thread (no store access).

        A front end calls this in idle time, so the learner's first answer
        does not pay for an import that start-up deliberately skipped.
        """
        from tutor.progress.review import prepare

        prepare()

    # -- review -------------------------------------------------------------------
    def reviews_due(self, now: datetime | None = None) -> list[ReviewItem]:
        """Due review questions that still exist in the current lessons."""
        items = []
        for due in self.store.due_reviews(self.profile, now):
            module = self.module(due.module_id)
            question = module.question(due.question_id) if module else None
            if question is not None:
                items.append(ReviewItem(module, question))
        return items

    # -- settings ---------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        return self.store.setting(self.profile, key)

    def set_setting(self, key: str, value: str) -> None:
        self.store.set_setting(self.profile, key, value)
