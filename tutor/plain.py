"""Plain mode: the lessons and quizzes as a line-by-line dialogue.

For screen readers, braille displays and terminals where a full-screen app
misbehaves: no screen takeover, no box drawing, one thing at a time. In a
terminal the prompts are questionary's; with answers piped in (see
:data:`PIPED_FORMAT`), it reads one answer per line, so scripts and tests
can drive it. Progress goes to the same store as the app's, so either mode
resumes where the other stopped.
"""

from __future__ import annotations

import string
import sys
import time
from collections.abc import Iterator
from typing import TextIO

from tutor.content import models as m
from tutor.content.text import printable
from tutor.grading import Grade, InvalidResponse
from tutor.plain_format import PIPED_FORMAT  # noqa: F401  (re-exported for the help text)
from tutor.progress.summary import Place
from tutor.session import TutorSession

LETTERS = string.ascii_lowercase




class PlainError(Exception):
    """An answer line that cannot be used; carries the line number."""


class Answers:
    """Where answers come from: questionary prompts, or lines piped in."""

    def __init__(self, stdin: TextIO, interactive: bool) -> None:
        self.interactive = interactive
        self._lines: Iterator[tuple[int, str]] = (
            (n, line.rstrip("\n")) for n, line in enumerate(stdin, 1) if line.strip() and not line.lstrip().startswith("#")
        )
        self.line_number = 0

    def next_line(self) -> str | None:
        for number, line in self._lines:
            self.line_number = number
            return line.strip()
        return None


class PlainTutor:
    def __init__(self, session: TutorSession, answers: Answers, out: TextIO = sys.stdout) -> None:
        self.session = session
        self.answers = answers
        self.out = out

    def say(self, text: str = "") -> None:
        print(printable(text), file=self.out, flush=True)

    # -- choosing a module ------------------------------------------------------
    def choose_module(self) -> m.Module | None:
        modules = self.session.modules
        progress = self.session.progress()
        self.say("Modules:")
        for i, module in enumerate(modules, 1):
            p = progress[module.id]
            self.say(f"  {i}. {module.title} ({module.topic}, {module.minutes} min, {p.done} of {p.total} answered)")
        for broken in self.session.broken:
            self.say(f"  unavailable: {broken.module_id or broken.path}: {broken.diagnostics[0] if broken.diagnostics else ''}")
        if self.answers.interactive:
            import questionary

            choice = questionary.select("Which module?", choices=[questionary.Choice(mod.title, value=mod.id) for mod in modules]).ask()
            return self.session.module(choice) if choice else None
        line = self.answers.next_line()
        if line is None:
            return None
        if line.isdigit() and 1 <= int(line) <= len(modules):
            return modules[int(line) - 1]
        found = self.session.module(line)
        if found is None or found not in modules:
            raise PlainError(f"line {self.answers.line_number}: no module {line!r}; give its number (1-{len(modules)}) or id")
        return found

    # -- a module ---------------------------------------------------------------
    def run_module(self, module: m.Module, quiz_only: bool = False) -> None:
        place = self.session.resume_place(module)
        start_question = 0
        if place and place.kind == "question":
            start_question = [q.id for q in module.questions].index(place.id)
            self.say(f"Resuming {module.title} at question {start_question + 1} of {len(module.questions)}.")
        elif not quiz_only:
            first = 0
            if place and place.kind == "section":
                first = [s.id for s in module.sections].index(place.id)
            self.read_sections(module, first)
        self.quiz(module, start_question)

    def read_sections(self, module: m.Module, first: int) -> None:
        self.say(f"\n{module.title}\n{module.summary}")
        for index in range(first, len(module.sections)):
            section = module.sections[index]
            self.session.set_place(module, Place("section", section.id))
            self.say(f"\nSection {index + 1} of {len(module.sections)}: {section.title}\n")
            self.say(section.body.strip())
            if section.outside_knowledge:
                self.say(f"\nOutside the articles: {section.outside_knowledge}")
            self.say("\nPassages this section cites:")
            for ref in section.sources:
                self.say(f"  - {self.label(ref.source)}: \u201c{ref.quote}\u201d")
            if self.answers.interactive:
                import questionary

                if questionary.press_any_key_to_continue("Press any key to go on.").ask() is None:
                    raise KeyboardInterrupt

    def label(self, article_id: str) -> str:
        article = self.session.article(article_id)
        return article.label if article else article_id

    def quiz(self, module: m.Module, start: int) -> None:
        total = len(module.questions)
        for index in range(start, total):
            question = module.questions[index]
            self.session.set_place(module, Place("question", question.id))
            self.say(f"\nQuestion {index + 1} of {total} ({question.type.replace('_', ' ')}): {question.prompt}")
            started = time.monotonic()
            response = self.ask(module, question)
            if response is None:
                self.say("\nStopped. Your answers so far are saved; run again to go on from here.")
                return
            following = Place("question", module.questions[index + 1].id) if index + 1 < total else Place("done")
            result = self.session.answer(module, question, response, time.monotonic() - started, next_place=following)
            self.show_result(question, result)
        progress = self.session.progress()[module.id]
        written = self.session.finish(module, progress.correct / progress.total if progress.total else 0.0)
        self.say(f"\nEnd of {module.title}: {progress.correct} of {progress.total} right.")
        if written is not None:
            self.say(f"Result file saved: {written}")

    # -- asking -------------------------------------------------------------------
    def ask(self, module: m.Module, question: m.Question) -> object | None:
        shown = self.session.ordered(module, question)
        right = self.session.right_column(module, question)
        if question.type == m.MATCHING:
            self.say("Match each item on the left with one on the right:")
            for i, item in enumerate(shown, 1):
                self.say(f"  {i}. {item.text}")
            for i, item in enumerate(right):
                self.say(f"  {LETTERS[i]}) {item.text}")
        elif question.type != m.SHORT_ANSWER:
            for i, option in enumerate(shown, 1):
                self.say(f"  {i}. {option.text}")
        while True:
            try:
                return self._interactive(question, shown, right) if self.answers.interactive else self._piped(question, shown, right)
            except InvalidResponse as exc:
                if not self.answers.interactive:
                    raise PlainError(f"line {self.answers.line_number}: {exc}") from None
                self.say(f"That answer does not fit: {exc}. Try again.")

    def _piped(self, question: m.Question, shown: list[m.Option], right: list[m.Option]) -> object | None:
        line = self.answers.next_line()
        if line is None:
            return None
        if question.type == m.SHORT_ANSWER:
            return line
        if question.type == m.MATCHING:
            letters = line.replace(",", " ").split()
            if len(letters) != len(shown) or any(len(x) != 1 or LETTERS.find(x.lower()) not in range(len(right)) for x in letters):
                raise InvalidResponse(f"give {len(shown)} letters from a to {LETTERS[len(right) - 1]}, one per item on the left")
            return [[item.id, right[LETTERS.index(x.lower())].id] for item, x in zip(shown, letters, strict=True)]
        numbers = line.replace(",", " ").split()
        if not all(n.isdigit() and 1 <= int(n) <= len(shown) for n in numbers) or not numbers:
            raise InvalidResponse(f"give option numbers from 1 to {len(shown)}")
        return [shown[int(n) - 1].id for n in numbers]

    def _interactive(self, question: m.Question, shown: list[m.Option], right: list[m.Option]) -> object | None:
        import questionary

        if question.type == m.SHORT_ANSWER:
            return questionary.text("Your answer:").ask()
        if question.type == m.MULTIPLE_SELECT:
            picked = questionary.checkbox("Tick every right option (Space ticks, Enter answers):",
                                          choices=[questionary.Choice(o.text, value=o.id) for o in shown]).ask()
            return None if picked is None else (picked or [])
        if question.type == m.ORDERING:
            remaining, order = list(shown), []
            while remaining:
                pick = questionary.select(f"Which comes {'first' if not order else 'next'}?",
                                          choices=[questionary.Choice(o.text, value=o.id) for o in remaining]).ask()
                if pick is None:
                    return None
                order.append(pick)
                remaining = [o for o in remaining if o.id != pick]
            return order
        if question.type == m.MATCHING:
            pairs = []
            for item in shown:
                pick = questionary.select(f"Match for: {item.text}", choices=[questionary.Choice(o.text, value=o.id) for o in right]).ask()
                if pick is None:
                    return None
                pairs.append([item.id, pick])
            return pairs
        pick = questionary.select("Your answer:", choices=[questionary.Choice(o.text, value=o.id) for o in shown]).ask()
        return None if pick is None else [pick]

    # -- feedback -------------------------------------------------------------------
    def show_result(self, question: m.Question, result: Grade) -> None:
        verdict = "Right." if result.correct else ("Partly right." if result.score > 0 else "Not quite.")
        self.say(f"{verdict} {question.explanation}")
        names = {o.id: o.text for o in (*question.options, *question.right)}
        if question.type in (m.ORDERING, m.MATCHING):
            self.say("The right order:" if question.type == m.ORDERING else "The right pairs:")
        for option_id, feedback in result.feedback:
            self.say(f"  - {names[option_id]}: {feedback}" if option_id else f"  {feedback}")
        if not result.correct and question.type in m.CHOICE_TYPES:
            self.say("The right answer: " + "; ".join(names[c] for c in question.correct))
        if question.outside_knowledge:
            self.say(f"Outside the articles: {question.outside_knowledge}")
        self.say("Where this comes from:")
        for ref in question.sources:
            self.say(f"  - {self.label(ref.source)}: \u201c{ref.quote}\u201d")


class _Lines(list):
    """Already-read piped lines, iterable like the stream they came from."""

    def isatty(self) -> bool:
        return False


def run_plain(session: TutorSession, module_id: str | None, quiz_only: bool, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    """Run plain mode; returns the exit status."""
    interactive = stdin.isatty() and out.isatty()
    if not stdin.isatty():
        lines = stdin.readlines()
        if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            print("tutor: no terminal is attached and no answers were piped in; see 'tutor quiz --help' for the piped format.", file=sys.stderr)
            return 2
        stdin = _Lines(lines)
    elif not interactive:
        print("tutor: plain mode needs its output on a terminal too, or answers piped in; see 'tutor quiz --help'.", file=sys.stderr)
        return 2
    tutor = PlainTutor(session, Answers(stdin, interactive), out)
    try:
        module = session.module(module_id) if module_id else tutor.choose_module()
        if module_id and (module is None or module not in session.modules):
            print(f"tutor: no module {module_id!r}; see 'tutor list'", file=sys.stderr)
            return 2
        if module is None:
            return 1
        tutor.run_module(module, quiz_only)
    except PlainError as exc:
        print(f"tutor: {exc}. Answers before it are saved.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        tutor.say("\nStopped. Your answers so far are saved.")
        return 130
    return 0
