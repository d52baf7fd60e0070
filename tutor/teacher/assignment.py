"""Assignment files: which modules, pass mark, due date, attempts and shuffling.

An assignment is a small YAML file a teacher hands out. It carries a hash of
the assigned modules' content, so a result made against different lesson
files is recognisable in the class report. Loading is strict, with the same
``file:line:col`` diagnostics as lesson files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tutor.content.errors import ContentError
from tutor.content.models import Module
from tutor.content.reader import NodeReader, nearest
from tutor.content.text import unsafe_character
from tutor.content.yamlsafe import compose_file
from tutor.errors import UserError, shown
from tutor.library.identity import modules_hash

FORMAT = "tutor-assignment"
REQUIRED = ("format", "format_version", "id", "title", "modules", "pass_mark", "due", "attempts", "shuffle", "content_hash")
OPTIONAL = ("seed",)

# One set of limits for what ``tutor assign`` accepts and what ``tutor start``
# reads back, so that whatever one writes the other accepts (and the result
# files made from it fit their schema: tutor.teacher.results).
MAX_ID_CHARS = 60
MAX_TITLE_CHARS = 200
MAX_ATTEMPTS = 1000
MAX_SEED = 2**63
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HASH = re.compile(r"[0-9a-zA-Z:]{1,100}")


class AssignmentError(UserError):
    """A value that cannot go into an assignment, with what to do instead."""


@dataclass(frozen=True, slots=True)
class Assignment:
    id: str
    title: str
    modules: tuple[str, ...]
    pass_mark: int
    due: date
    attempts: int
    shuffle: bool
    seed: int
    content_hash: str

    def to_yaml(self) -> str:
        data = {
            "format": FORMAT, "format_version": 1, "id": self.id, "title": self.title, "modules": list(self.modules),
            "pass_mark": self.pass_mark, "due": self.due.isoformat(), "attempts": self.attempts, "shuffle": self.shuffle,
            "seed": self.seed, "content_hash": self.content_hash,
        }
        import yaml

        header = "# A tutor assignment. Students run: tutor start --assignment THIS-FILE\n"
        return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_style=None)


def slug(text: str) -> str:
    """A kebab-case id from a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower())[:MAX_ID_CHARS].strip("-") or "assignment"


def title_problem(title: str) -> str:
    """Why a title cannot be an assignment's ("" if it can): the one rule for writing and reading one."""
    if not title.strip():
        return "the title is empty"
    if len(title) > MAX_TITLE_CHARS:
        return f"the title is {len(title)} characters long; use at most {MAX_TITLE_CHARS}"
    bad = unsafe_character(title) or next((ch for ch in title if ch in "\n\r\x85\u2028\u2029"), None)
    if bad:
        return f"the title contains the character U+{ord(bad):04X}; use one line of plain text"
    return ""


def id_problem(ident: str) -> str:
    if not _ID.fullmatch(ident):
        return f"assignment id '{shown(ident)}' is not kebab-case; use lower-case letters, digits and hyphens"
    if len(ident) > MAX_ID_CHARS:
        return f"assignment id is {len(ident)} characters long; use at most {MAX_ID_CHARS}"
    return ""


def check_values(
    library_modules: dict[str, Module], module_ids: list[str], pass_mark: int, due: str, attempts: int
) -> tuple[list[Module], date]:
    """Validate what a teacher asked for; raise AssignmentError with a fix."""
    if not module_ids:
        raise AssignmentError("an assignment needs at least one module; add --module ID (see 'tutor list')")
    unknown = [m for m in module_ids if m not in library_modules]
    if unknown:
        guess = nearest(unknown[0], library_modules)
        hint = f"did you mean '{guess}'?" if guess else "see 'tutor list' for the ids"
        raise AssignmentError(f"unknown module id '{shown(unknown[0])}'; {hint}")
    if len(set(module_ids)) != len(module_ids):
        raise AssignmentError("a module is listed twice; list each module once")
    if not 0 <= pass_mark <= 100:
        raise AssignmentError(f"pass mark {pass_mark} is out of range; give a percentage from 0 to 100")
    if attempts < 1:
        raise AssignmentError(f"attempts must be at least 1, not {attempts}")
    if attempts > MAX_ATTEMPTS:
        raise AssignmentError(f"attempts must be at most {MAX_ATTEMPTS}, not {attempts}")
    try:
        due_date = date.fromisoformat(due)
    except ValueError:
        raise AssignmentError(f"due date '{shown(due)}' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01") from None
    return [library_modules[m] for m in module_ids], due_date


def make_assignment(
    library_modules: dict[str, Module], module_ids: list[str], title: str, pass_mark: int, due: str, attempts: int,
    shuffle: bool, seed: int, assignment_id: str | None = None,
) -> Assignment:
    modules, due_date = check_values(library_modules, module_ids, pass_mark, due, attempts)
    title = title.strip()
    problem = title_problem(title) or id_problem(assignment_id or slug(title))
    if problem:
        raise AssignmentError(problem if problem != "the title is empty" else "give the assignment a title")
    if not 0 <= seed <= MAX_SEED:
        raise AssignmentError(f"the seed must be a whole number from 0 to {MAX_SEED}, not {seed}")
    return Assignment(assignment_id or slug(title), title, tuple(module_ids), pass_mark, due_date, attempts, shuffle, seed,
                      modules_hash(modules))


def load_assignment(path: Path) -> Assignment:
    """Read an assignment file strictly; raises ContentError with file:line:col diagnostics."""
    shown = str(path)
    root, diags = compose_file(path, shown)
    if root is None:
        raise ContentError(diags)
    reader = NodeReader(shown)
    fields = reader.mapping(root, "the assignment", REQUIRED, OPTIONAL)
    if fields is None or any(k not in fields for k in REQUIRED):
        raise ContentError(reader.diagnostics)
    kind = reader.text(fields["format"], "format")
    if kind is not None and kind != FORMAT:
        reader.error(fields["format"], f"this is not a tutor assignment (format is {kind!r})", f"an assignment file says format: {FORMAT}")
    reader.integer(fields["format_version"], "format_version", 1, 1)
    ident = reader.identifier(fields["id"], "assignment id")
    if ident is not None and len(ident) > MAX_ID_CHARS:
        reader.error(fields["id"], id_problem(ident), f"shorten it to {MAX_ID_CHARS} characters")
    title = reader.text(fields["title"], "title")
    if title is not None and title_problem(title):
        reader.error(fields["title"], title_problem(title), "write the title on one line")
    modules = reader.id_list(fields["modules"], "modules")
    pass_mark = reader.integer(fields["pass_mark"], "pass_mark", 0, 100)
    due_text = reader.text(fields["due"], "due")
    attempts = reader.integer(fields["attempts"], "attempts", 1, MAX_ATTEMPTS)
    shuffle = reader.boolean(fields["shuffle"], "shuffle")
    seed = reader.integer(fields["seed"], "seed", 0, MAX_SEED) if "seed" in fields else 0
    content_hash = reader.text(fields["content_hash"], "content_hash")
    if content_hash is not None and not _HASH.fullmatch(content_hash):
        reader.error(fields["content_hash"], "content_hash is not a content hash", "copy the assignment file again from your teacher")
    due = None
    if due_text is not None:
        try:
            due = date.fromisoformat(due_text)
        except ValueError:
            reader.error(fields["due"], f"due {due_text!r} is not a date", "write it as YYYY-MM-DD in quotes, e.g. \"2026-12-01\"")
    if reader.failed:
        raise ContentError(reader.diagnostics)
    return Assignment(ident, title, modules, pass_mark, due, attempts, shuffle, seed or 0, content_hash)
