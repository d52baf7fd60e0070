"""The plain-mode dialogue: choose a module, read it, answer its questions, see why.

Everything it decides comes from the session (runs, scores, attempts) and
each question's kind (how options are printed, how a typed line becomes an
answer); this module only words the conversation.
"""

from __future__ import annotations

import time
from typing import TextIO

from tutor.content.models import Module, Question
from tutor.content.text import printable
from tutor.errors import UserError
from tutor.kinds import Arrangement, Grade, InvalidResponse, kind_of
from tutor.plain.lines import EndOfInput, LineSource, is_interactive
from tutor.session import QuizRun, TutorSession


class Stop(Exception):
    """The learner asked to stop; answers so far are saved."""


class PlainTutor:
    def __init__(self, session: TutorSession, lines: LineSource, out: TextIO) -> None:
        self.session = session
        self.lines = lines
        self.out = out
        #: Piped lines that did not fit their question (each was reported, and the next line tried).
        self.refused = 0

    def say(self, text: str = "") -> None:
        print(printable(text), file=self.out, flush=True)

    def ask_line(self, prompt: str) -> str:
        line = self.lines.read(prompt)
        if self.lines.interactive and line.casefold() in ("q", "quit"):
            raise Stop
        return line

    def refuse(self, message: str) -> None:
        if self.lines.interactive:
            self.say(f"That does not fit: {message}. Try again (q stops).")
        else:
            self.refused += 1
            self.say(f"Line {self.lines.line_number}: that does not fit: {message}. Trying the next line.")

    # -- choosing a module ------------------------------------------------------
    def choose_module(self) -> Module:
        modules = self.session.modules
        progress = self.session.progress()
        self.say("Modules:")
        for i, module in enumerate(modules, 1):
            p = progress[module.id]
            self.say(f"  {i}. {module.title} (id {module.id}; {module.minutes} min; {p.done} of {p.total} answered)")
        for broken in self.session.broken:
            self.say(f"  unavailable: {broken.module_id or broken.path}: {broken.diagnostics[0] if broken.diagnostics else ''}")
        while True:
            line = self.ask_line(f"Module number (1-{len(modules)}) or id, q to quit: ")
            if line.isdigit() and 1 <= int(line) <= len(modules):
                return modules[int(line) - 1]
            found = self.session.module(line)
            if found is not None:
                return found
            self.refuse(f"no module {line[:40]!r}; give its number (1-{len(modules)}) or id")

    # -- a module ---------------------------------------------------------------
    def run_module(self, module: Module, quiz_only: bool = False) -> None:
        quiz = self.session.resume_run(module)
        if quiz is not None:
            at = quiz.next_index()
            self.say(f"\nResuming {module.title} at question {(at if at is not None else len(module.questions) - 1) + 1} of {len(module.questions)}.")
        elif not quiz_only:
            self.read_sections(module, self.session.reading_place(module))
        self.quiz(quiz or self.session.start_run(module))

    def read_sections(self, module: Module, first: int) -> None:
        self.say(f"\n{module.title} (module {module.id})\n{module.summary}")
        for index in range(first, len(module.sections)):
            section = module.sections[index]
            self.session.set_reading(module, index)
            self.say(f"\nSection {index + 1} of {len(module.sections)}: {section.title}\n")
            self.say(section.body.strip())
            if section.outside_knowledge:
                self.say(f"\nOutside the articles: {section.outside_knowledge}")
            self.say("\nPassages this section cites:")
            for ref in section.sources:
                self.say(f"  - {self.label(ref.source)}: \u201c{ref.quote}\u201d")
            if not self.lines.pause():
                raise Stop

    def label(self, article_id: str) -> str:
        article = self.session.article(article_id)
        return article.label if article else article_id

    def quiz(self, quiz: QuizRun) -> None:
        module = quiz.module
        total = len(module.questions)
        while (index := quiz.next_index()) is not None:
            question = module.questions[index]
            kind = kind_of(question.type)
            arranged = self.session.arrange(module, question)
            self.say(f"\nQuestion {index + 1} of {total} ({kind.label}): {question.prompt}")
            for line in kind.plain_lines(question, arranged):
                self.say(f"  {line}")
            started = time.monotonic()
            while True:
                text = self.ask_line(f"{kind.plain_hint} ")
                try:
                    response = kind.parse(text, question, arranged)
                    result = self.session.answer(quiz, question, response, time.monotonic() - started)
                    break
                except InvalidResponse as exc:
                    self.refuse(str(exc))
            self.show_result(question, arranged, result)
        finished = self.session.finish(quiz)
        score = finished.score
        self.say(f"\nEnd of {module.title}: score {round(score.fraction * 100)}% ({score.right} of {score.total} right"
                 f"{', partly right answers counted in part' if score.credit != score.right else ''}).")
        if finished.missed:
            self.say("Missed: " + "; ".join(q.prompt for q in finished.missed))
        if finished.result_file is not None:
            self.say(f"Result file saved: {finished.result_file}")
        elif finished.result_error:
            self.say(f"Your answers are saved, but the result file could not be written: {finished.result_error}")

    # -- feedback -------------------------------------------------------------------
    def show_result(self, question: Question, arranged: Arrangement, result: Grade) -> None:
        verdict = "Right." if result.correct else ("Partly right." if result.score > 0 else "Not quite.")
        if 0 < result.score < 1:
            verdict += f" ({round(result.score * 100)}% of the credit)"
        self.say(f"{verdict} {question.explanation}")
        if result.note:
            self.say(result.note)
        names = {o.id: o.text for o in (*question.options, *question.right)}
        kind = kind_of(question.type)
        if result.marks and not kind.picks_options:
            right = dict(question.pairs)
            self.say("Your answer, item by item:")
            for item_id, ok in result.marks:
                extra = f" -> {names[right[item_id]]}" if item_id in right else ""
                self.say(f"  {'right' if ok else 'wrong'}: {names.get(item_id, item_id)}{extra if not ok else ''}")
            self.say("The right order:" if not question.pairs else "The right pairs:")
        for option_id, feedback in result.feedback:
            self.say(f"  - {names[option_id]}: {feedback}" if option_id else f"  {feedback}")
        if not result.correct and kind.picks_options:
            self.say("The right answer: " + "; ".join(names[c] for c in question.correct))
        if question.outside_knowledge:
            self.say(f"Outside the articles: {question.outside_knowledge}")
        self.say("Where this comes from:")
        for ref in question.sources:
            self.say(f"  - {self.label(ref.source)}: \u201c{ref.quote}\u201d")


def run(session: TutorSession, module: Module | None, quiz_only: bool, stdin: TextIO, out: TextIO) -> int:
    """Run plain mode; returns the exit status (1 when piped lines had to be skipped)."""
    interactive = is_interactive(stdin, out)
    tutor = PlainTutor(session, LineSource(stdin, out, interactive), out)
    try:
        tutor.run_module(module or tutor.choose_module(), quiz_only)
    except EndOfInput:
        if not interactive and tutor.lines.line_number == 0:
            raise UserError("no answers were piped in, and no terminal is attached", "see 'tutor quiz --help' for the piped format") from None
        tutor.say("\nStopped at the end of the input. Your answers so far are saved; run again to go on from here.")
    except Stop:
        tutor.say("\nStopped. Your answers so far are saved; run again to go on from here.")
    except KeyboardInterrupt:
        tutor.say("\nStopped. Your answers so far are saved.")
        return 130
    if tutor.refused:
        many = tutor.refused != 1
        tutor.say(f"{tutor.refused} answer line{'s' if many else ''} did not fit and {'were' if many else 'was'} skipped (see above).")
        return 1
    return 0
