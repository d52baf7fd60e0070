"""The plain-mode dialogue: choose a module, read it, answer its questions, see why.

Everything it decides comes from the session (runs, scores, attempts) and
each question's kind (how options are printed, how a typed line becomes an
answer, what the feedback explains); this module only words the
conversation. Every menu is numbered, every answer is a typed line, and the
same line ("q") stops anywhere, answers kept.

In a terminal the learner goes on from module to module (and can retry what
they missed, or review what is due); piped answers take one module's quiz
and end, as the piped format describes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO, TypeVar

from tutor.content.models import Module, Question, SourceRef
from tutor.content.text import quoted
from tutor.errors import UserError
from tutor.kinds import InvalidResponse, kind_of
from tutor.plain.feedback import cited, feedback_lines, outside
from tutor.plain.lines import EndOfInput, LineSource, NotALine, is_interactive, is_stop
from tutor.plain.output import Printer
from tutor.plain.render import render_groups
from tutor.session import AttemptsUsed, QuizRun, ReviewItem, RunResult, TutorSession

T = TypeVar("T")
#: The module list's extra entry (no module id has a colon).
REVIEW = ":review"
GO_ON = "Press Enter to go on (q and Enter stops): "
MORE = "More follows: press Enter (q and Enter stops): "


class Stop(Exception):
    """The learner asked to stop; answers so far are saved."""


class PlainTutor:
    def __init__(self, session: TutorSession, lines: LineSource, printer: Printer) -> None:
        self.session = session
        self.lines = lines
        self.printer = printer
        #: Piped lines that did not fit their question (each was reported, and the next line tried).
        self.refused = 0
        #: Lines printed since the learner last typed one: a screenful, and plain mode waits for Enter.
        self.shown = 0

    # -- printing ----------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.show(self.printer.format(text))

    def show(self, groups: list[list[str]]) -> None:
        """Print groups of lines; in a terminal, a screenful at a time, not breaking a group that fits on one."""
        if not self.interactive:
            self.printer.lines([line for group in groups for line in group])
            return
        room = self.printer.height - 2
        for group in _headed(groups):
            if self.shown + len(group) > room and len(group) <= room and self.shown > 1 and group != [""]:
                self.pause(MORE)
            for line in group:
                if self.shown >= room:
                    self.pause(MORE)
                self.printer.lines([line])
                self.shown += 1

    @property
    def interactive(self) -> bool:
        return self.lines.interactive

    # -- asking -------------------------------------------------------------------
    def ask(self, prompt: str, parse: Callable[[str], T]) -> T:
        """Ask until a line parses; a line that does not fit is explained and asked again (or, piped, the next tried)."""
        while True:
            try:
                line = self.lines.read(self.printer.prompt(prompt) if self.interactive else "")
                self.shown = 1
                if self.interactive and is_stop(line):
                    raise Stop
                return parse(line)
            except (InvalidResponse, NotALine) as exc:
                self.refuse(str(exc))

    def refuse(self, message: str) -> None:
        if self.interactive:
            self.say(f"That does not fit: {message}. Try again (q stops).")
        else:
            self.refused += 1
            self.say(f"Line {self.lines.line_number}: that does not fit: {message}. Trying the next line.")

    def pause(self, prompt: str = GO_ON) -> None:
        """Wait for Enter in a terminal (any line goes on; the stop word stops)."""
        if not self.interactive:
            return
        going_on = self.lines.pause(self.printer.prompt(prompt))
        self.shown = 1
        if not going_on:
            raise Stop

    def menu(self, title: str, choices: list[tuple[str, str]], extra: Callable[[str], T | None] | None = None) -> str | T:
        """A numbered menu; returns the chosen key (or what ``extra`` makes of a line that is not a number)."""
        self.say(title)
        for number, (_key, label) in enumerate(choices, 1):
            self.say(f"  {number}. {label}")
        span = f"1-{len(choices)}" if len(choices) > 1 else "1"

        def parse(line: str) -> str | T:
            if line.isascii() and line.isdigit() and len(line) <= 3 and 1 <= int(line) <= len(choices):
                return choices[int(line) - 1][0]
            found = extra(line) if extra is not None else None
            if found is None:
                raise InvalidResponse(f"type a number from {span}" + (" or a module id" if extra else ""))
            return found

        return self.ask(f"Number ({span}){' or id' if extra else ''}, q to quit:", parse)

    # -- choosing a module ------------------------------------------------------
    def choose(self) -> Module | list[ReviewItem]:
        """The module list (with progress), and reviewing what is due when there is any."""
        progress = self.session.progress()
        choices = [(m.id, self.describe(m, progress[m.id])) for m in self.session.modules]
        due = self.session.reviews_due() if self.interactive else []
        if due:
            choices.append((REVIEW, f"Review the {len(due)} question{'s' if len(due) != 1 else ''} due (missed earlier)"))
        title = "Modules:"
        if self.session.assignment is not None:
            a = self.session.assignment
            title = f"Assignment: {a.title} (due {a.due.isoformat() if a.due else 'any time'}; pass mark {a.pass_mark}%; " \
                    f"{a.attempts} attempt{'s' if a.attempts != 1 else ''} per module)\n{title}"
        for broken in self.session.broken:
            first = broken.diagnostics[0] if broken.diagnostics else ""
            title += f"\n  Unavailable: {broken.module_id or broken.path}: {first}"
        picked = self.menu(title, choices, extra=self.session.module)
        if picked == REVIEW:
            return due
        return picked if isinstance(picked, Module) else self.session.require_module(picked)

    def describe(self, module: Module, progress) -> str:
        facts = [f"id {module.id}", f"{module.minutes} min", f"{progress.done} of {progress.total} answered"]
        if progress.best is not None:
            facts.append(f"best {round(progress.best * 100)}%")
        if progress.run_open:
            facts.append("quiz under way")
        elif progress.completed:
            facts.append("finished")
        availability = self.session.availability(module)
        if not availability.available:
            facts.append("no attempts left")
        elif availability.attempts_left is not None:
            facts.append(f"{availability.attempts_left} attempt{'s' if availability.attempts_left != 1 else ''} left")
        return f"{module.title} ({'; '.join(facts)})"

    # -- a module ---------------------------------------------------------------
    def run_module(self, module: Module, quiz_only: bool = False) -> RunResult:
        quiz = self.session.resume_run(module)
        if quiz is not None:
            at = quiz.next_index()
            self.say(f"\nResuming {module.title} (module {module.id}) at question "
                     f"{(at if at is not None else len(module.questions) - 1) + 1} of {len(module.questions)}.")
        else:
            self.session.require_available(module)
            if not quiz_only:
                self.read_sections(module, self.session.reading_place(module))
            elif note := self.session.new_attempt_note(module):
                self.say("\n" + note)
        return self.quiz(quiz or self.session.start_run(module))

    def read_sections(self, module: Module, first: int) -> None:
        self.say(f"\n{module.title} (module {module.id})\n{module.summary}")
        if first:
            self.say(f"\nGoing on where you left off, at section {first + 1} of {len(module.sections)}.")
        for index in range(first, len(module.sections)):
            section = module.sections[index]
            self.session.set_reading(module, index)
            self.say(f"\nSection {index + 1} of {len(module.sections)}: {section.title}\n")
            self.show(render_groups(section.body, self.printer.width))
            if section.outside_knowledge:
                self.say("\n" + outside(section.outside_knowledge))
            self.passages("\nPassages this section cites:", section.sources)
            if index + 1 < len(module.sections):
                self.pause()
        note = self.session.new_attempt_note(module)
        if note:
            self.say("\n" + note)
        self.pause("That was the last section. Press Enter to start the questions (q and Enter stops): ")

    def passages(self, title: str, refs: list[SourceRef] | tuple[SourceRef, ...]) -> None:
        if refs:
            self.say(title)
        for ref in refs:
            article = self.session.article(ref.source)
            self.say(f"  - {article.label if article else ref.source}: {quoted(ref.quote)}")

    # -- questions ------------------------------------------------------------------
    def quiz(self, quiz: QuizRun) -> RunResult:
        module = quiz.module
        while (index := quiz.next_index()) is not None:
            question = module.questions[index]
            self.question(module, question, f"Question {index + 1} of {len(module.questions)}",
                          lambda response, seconds, q=question: self.session.answer(quiz, q, response, seconds),
                          lambda q=question: quiz.answered(q))
        finished = self.session.finish(quiz)
        self.results(finished)
        return finished

    def question(self, module: Module, question: Question, heading: str, record, stored=lambda: None):
        """Ask one question, record it through ``record`` and explain the verdict; returns the grade."""
        kind = kind_of(question.type)
        arranged = self.session.arrange(module, question)
        self.say(f"\n{heading} ({kind.label}): {question.prompt}")
        for line in kind.plain_lines(question, arranged):
            self.say(f"  {line}")
        started = time.monotonic()

        def parse(text: str):
            response = kind.parse(text, question, arranged)
            return response, record(response, time.monotonic() - started)

        # The hint on its own line and a prompt that ends in a colon: after "answer." the typing ran on as if part of the sentence.
        self.say(kind.plain_hint)
        response, grade = self.ask("Your answer:", parse)
        given = stored()  # in a run, the answer that stands (another sitting may have got there first)
        if given is not None:
            response = given.response
        self.say("\n".join(feedback_lines(question, kind, arranged, response, grade)))
        self.passages("Where this comes from:", cited(question, arranged))
        if self.interactive:
            self.pause()
        return grade

    def results(self, finished: RunResult) -> None:
        module, score = finished.module, finished.score
        partly = ", partly right answers counted in part" if score.credit != score.right else ""
        self.say(f"\nEnd of {module.title} (module {module.id}).")
        self.say(f"Score for this run: {round(score.fraction * 100)}% ({score.right} of {score.total} right{partly}).")
        if finished.missed:
            self.say("Missed (they come back for review later):")
            for question in finished.missed:
                self.say(f"  - {question.prompt}")
        if finished.result_file is not None:
            self.say(f"Result file saved: {finished.result_file}")
        elif finished.result_error:
            self.say(f"Your answers are saved, but the result file could not be written: {finished.result_error}")

    def practise(self, items: list[ReviewItem], title: str, mode: str) -> None:
        """Questions outside a run (review, missed ones again): they update review, not the score."""
        self.say(f"\n{title}")
        right = 0
        for number, item in enumerate(items, 1):
            grade = self.question(item.module, item.question, f"{title}, {number} of {len(items)}",
                                  lambda response, seconds, i=item: self.session.practise(i.module, i.question, response, seconds, mode))
            right += grade.correct
        self.say(f"\nYou answered {len(items)} question{'s' if len(items) != 1 else ''}; {right} right.")

    # -- the whole dialogue -----------------------------------------------------------
    def after(self, finished: RunResult, more: bool) -> bool:
        """What next, after a module's results: retry the missed questions, go back, or stop. False: stop."""
        while True:
            choices = []
            if finished.missed:
                many = len(finished.missed) != 1
                choices.append(("retry", f"Retry the {len(finished.missed)} missed question{'s' if many else ''} (practice: the score stays)"))
            if more:
                choices.append(("back", "Back to the module list"))
            choices.append(("quit", "Quit"))
            picked = self.menu("\nWhat next?", choices)
            if picked != "retry":
                return picked == "back"
            self.practise([ReviewItem(finished.module, q) for q in finished.missed], f"Missed questions again: {finished.module.title}", "retry")
            finished = RunResult(finished.module, finished.score, ())

    def run(self, module: Module | None, quiz_only: bool) -> None:
        if module is not None:
            finished = self.run_module(module, quiz_only)
            if self.interactive:
                self.after(finished, more=False)
            return
        while True:
            chosen = self.choose()
            if isinstance(chosen, list):
                self.practise(chosen, "Review", "review")
                continue
            try:
                finished = self.run_module(chosen)
            except AttemptsUsed as exc:
                if not self.interactive:
                    raise
                self.say(f"Not available: {exc.message}. ({exc.hint})\n")
                continue
            except Stop:  # q inside a module goes back to the list, as Esc does in the app; q at the list quits
                self.say("\nBack to the module list. Your answers so far are saved; q here quits.\n")
                continue
            if not self.interactive or not self.after(finished, more=True):
                return
            self.say("")


def _headed(groups: list[list[str]]) -> list[list[str]]:
    """Keep a one-line heading ("Where this comes from:") with what follows it, so a pause never comes between them."""
    out: list[list[str]] = []
    for group in groups:
        if out and len(out[-1]) == 1 and out[-1][0].rstrip().endswith(":") and group != [""]:
            out[-1] = out[-1] + group
        else:
            out.append(group)
    return out


def run(session: TutorSession, module: Module | None, quiz_only: bool, stdin: TextIO | None, out: TextIO) -> int:
    """Run plain mode; returns the exit status (1 when piped lines had to be skipped)."""
    interactive = is_interactive(stdin, out)
    printer = Printer(out)
    tutor = PlainTutor(session, LineSource(stdin, printer.write, interactive), printer)
    try:
        tutor.run(module, quiz_only)
    except EndOfInput:
        if not interactive and tutor.lines.line_number == 0:
            raise UserError("no answers were piped in, and no terminal is attached", "see 'tutor quiz --help' for the piped format") from None
        ending = "\nStopped (end of input)." if interactive else "\nStopped at the end of the input."
        printer.say(f"{ending} Your answers so far are saved; run again to go on from here.")
    except Stop:
        printer.say("\nStopped. Your answers so far are saved; run again to go on from here.")
    except KeyboardInterrupt:
        printer.say("\nStopped. Your answers so far are saved; run again to go on from here.")
        return 130
    if tutor.refused:
        many = tutor.refused != 1
        printer.say(f"{tutor.refused} answer line{'s' if many else ''} did not fit and {'were' if many else 'was'} skipped (see above).")
        return 1
    return 0
