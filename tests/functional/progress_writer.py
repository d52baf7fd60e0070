"""Helper processes for the crash and concurrency tests.

``python -m tests.functional.progress_writer DB PROFILE COUNT``
    records COUNT answers through the store in a loop, printing each attempt
    id after its commit returns.

``python -m tests.functional.progress_writer zygote DB LESSONS``
    loads the library once, then on each ``fork PROFILE`` line read from
    stdin forks a child that answers quizzes through the session (start or
    resume a run, answer every question, finish, again) and prints
    ``ack RUN QUESTION HASH RESPONSE`` after each answer is saved and
    ``done RUN`` after each run is finished. ``reap PID`` waits for a child
    (killed by the test) and prints ``reaped PID``: since the child is dead
    by then, every line it printed comes before that one. Forking from a
    loaded parent makes a hundred kills take seconds, not minutes.

``python -m tests.functional.progress_writer race DB LESSONS PROFILE CHOICE``
    waits for a line on stdin, then answers every question of the open run
    of ``bridge-basics`` with the right (CHOICE=right) or a wrong response,
    printing ``got QUESTION RESPONSE`` with what the session says was saved.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

from tutor.progress.store import Store


def say(line: str) -> None:
    """One line in one write(2): a child killed mid-print (print writes the newline separately when
    PYTHONUNBUFFERED is set) left half a line that ran into the parent's next one."""
    os.write(1, (line + "\n").encode())


def writer(path: Path, profile: str, count: int) -> None:
    store = Store.open(path)
    for n in range(count):
        attempt, _new = store.record_answer(profile, "history", f"q{n % 50}", "hash", ["a"], n % 3 == 0, 1.0, 0.5)
        say(str(attempt))
    store.close()


def _library(lessons: str):
    from tutor.library import lesson_folders, load_library

    return load_library(lesson_folders(None, [lessons], shipped=False))


def response(question, right: bool) -> object:
    from tutor.kinds import model_answer, wrong_answer

    return model_answer(question) if right else wrong_answer(question)


def answering_child(db: Path, library, profile: str) -> None:
    from tutor.session.core import TutorSession

    rng = random.Random(os.getpid())
    session = TutorSession(library, Store.open(db), profile)
    modules = list(library.modules.values())
    while True:
        module = rng.choice(modules)
        quiz = session.start_run(module)
        while (index := quiz.next_index()) is not None:
            question = module.questions[index]
            given = response(question, rng.random() < 0.6)
            session.answer(quiz, question, given, 0.1)
            saved = quiz.answered(question).response
            say(f"ack {quiz.run_id} {question.id} {question.content_hash} {json.dumps(saved, separators=(',', ':'))}")
        session.finish(quiz)
        say(f"done {quiz.run_id}")


def zygote(db: Path, lessons: str) -> None:
    from tutor.progress import schema

    library = _library(lessons)
    schema.expected_shape()  # computed once here, inherited by every child
    import fsrs  # noqa: F401  (everything a child needs is imported before forking)

    import tutor.kinds
    import tutor.session.core  # noqa: F401
    Store.open(db).close()
    say("ready")
    for line in sys.stdin:
        command, arg = line.split()
        if command == "fork":
            pid = os.fork()
            if pid == 0:
                try:
                    answering_child(db, library, arg)
                finally:
                    os._exit(0)
            say(f"child {pid}")
        elif command == "reap":
            os.waitpid(int(arg), 0)
            say(f"reaped {arg}")


def race(db: Path, lessons: str, profile: str, choice: str) -> None:
    from tutor.session.core import TutorSession

    library = _library(lessons)
    session = TutorSession(library, Store.open(db), profile)
    module = library.modules["bridge-basics"]
    say("ready")
    sys.stdin.readline()
    quiz = session.start_run(module)
    for question in module.questions:
        session.answer(quiz, question, response(question, choice == "right"), 0.1)
        say(f"got {question.id} {json.dumps(quiz.answered(question).response, separators=(',', ':'))}")
    session.store.close()


def main() -> None:
    if sys.argv[1] == "zygote":
        zygote(Path(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "race":
        race(Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        writer(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))


if __name__ == "__main__":
    main()
