"""``tutor export anki``: an Anki package (.apkg) written with genanki.

One deck per module, under a parent deck named for the tutorial
(``Russia recognises the Taliban (tutor)::<module title>``); one note per
question. A note's GUID is derived from the module and question ids only, so
importing a re-export updates the notes instead of adding duplicates; the
deck and note-type ids are fixed the same way. The back of a card shows the
right answer, why (the question's explanation) and each cited passage,
verbatim, with its article's title. All text is HTML-escaped: lessons are
plain text, never markup.
"""

from __future__ import annotations

import hashlib
import json
import random
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

from tutor.content.models import Module
from tutor.exports.common import TUTORIAL, Item, answer_in_words, choice_text, items
from tutor.fsutil import atomic_write

FIELDS = ("Question", "Options", "Answer", "Why", "Sources", "Module")
#: Fixed forever: Anki recognises the note type (and so the notes' layout) by it.
MODEL_ID = 1_719_072_025
CSS = """
.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }
.how { color: #555; font-size: 16px; }
.answer { font-weight: bold; }
.why { margin-top: 1em; }
blockquote { margin: 0.6em 0 0 0; padding-left: 0.8em; border-left: 3px solid #999; }
.article { font-style: italic; }
"""
FRONT = '<div class="question">{{Question}}</div>{{#Options}}<div class="options">{{Options}}</div>{{/Options}}'
BACK = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
    '{{#Why}}<div class="why">Why: {{Why}}</div>{{/Why}}{{#Sources}}<div class="sources">{{Sources}}</div>{{/Sources}}'
)


def stable_id(*parts: str) -> int:
    """A positive id below 2**31 from text, the same on every export."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def deck_name(module: Module) -> str:
    return f"{TUTORIAL}::{module.title.replace('::', ':')}"


def _lines(lines: Sequence[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


def _shuffled(texts: list[str], seed: str) -> list[str]:
    """A fixed order that is never the right one (for ordering items and matching targets)."""
    out = list(texts)
    random.Random(seed).shuffle(out)
    if out == texts and len(out) > 1:
        out.reverse()
    return out


def front(library, item: Item) -> tuple[str, str]:
    """(question, options) as HTML for the front of the card."""
    from tutor.kinds import kind_of

    shape = item.shape
    question = f'{escape(shape.prompt)}<div class="how">{escape(kind_of(item.question.type).label)}</div>'
    seed = f"anki\x1f{item.module.id}\x1f{item.question.id}"
    if shape.shape in ("single", "multiple"):
        options = [choice_text(library, c.text, c.source) for c in shape.choices]
    elif shape.shape == "ordering":
        options = _shuffled([text for text, _fb in shape.sequence], seed)
    elif shape.shape == "matching":
        rights = _shuffled([right for _l, right, _fb in shape.pairs], seed)
        return question, "<ol>" + "".join(f"<li>{escape(left)}</li>" for left, _r, _fb in shape.pairs) + '</ol><ol type="a">' + "".join(
            f"<li>{escape(r)}</li>" for r in rights
        ) + "</ol>"
    else:  # truefalse, short: nothing to choose from
        return question, ""
    return question, "<ol>" + "".join(f"<li>{escape(o)}</li>" for o in options) + "</ol>"


def note_fields(library, item: Item) -> list[str]:
    question, options = front(library, item)
    sources = "".join(
        f'<blockquote>“{escape(quote)}”<br><span class="article">— {escape(title)}</span></blockquote>' for quote, title in item.sources
    )
    return [question, options, _lines(answer_in_words(library, item)), escape(item.question.explanation), sources, escape(item.module.title)]


def _package_class():
    import genanki

    class Package(genanki.Package):
        """genanki's package, writing the decks' and note types' JSON once, not once per deck.

        genanki 0.13 rewrites the whole deck list for every deck it adds, which
        is quadratic: 1,000 modules took 20 s instead of 2. Same database.
        """

        def write_to_db(self, cursor, timestamp: float, id_gen) -> None:
            from genanki.apkg_col import APKG_COL
            from genanki.apkg_schema import APKG_SCHEMA

            cursor.executescript(APKG_SCHEMA)
            cursor.executescript(APKG_COL)
            decks = json.loads(cursor.execute("SELECT decks FROM col").fetchone()[0])
            models = json.loads(cursor.execute("SELECT models FROM col").fetchone()[0])
            for deck in self.decks:
                decks[str(deck.deck_id)] = deck.to_json()
                for note in deck.notes:
                    deck.add_model(note.model)
                models.update({model.model_id: model.to_json(timestamp, deck.deck_id) for model in deck.models.values()})
            cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(models)))
            for deck in self.decks:
                for note in deck.notes:
                    note.write_to_db(cursor, timestamp, deck.deck_id, id_gen)

    return Package


def build_package(library, modules: Sequence[Module]):
    import genanki

    model = genanki.Model(
        MODEL_ID, "tutor question",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    decks = {m.id: genanki.Deck(stable_id("tutor-deck", m.id), deck_name(m), description=escape(m.summary)) for m in modules}
    for item in items(modules, library):
        note = genanki.Note(
            model=model, fields=note_fields(library, item), guid=genanki.guid_for("tutor", item.module.id, item.question.id),
            tags=[item.module.id, item.question.type, item.question.skill],
        )
        decks[item.module.id].add_note(note)
    return _package_class()(list(decks.values()))


def export(library, modules: Sequence[Module], out: Path) -> int:
    """Write the package to ``out`` atomically; return the number of notes."""
    package = build_package(library, modules)
    with tempfile.TemporaryDirectory(prefix="tutor-anki-") as tmp:
        path = Path(tmp) / "deck.apkg"
        package.write_to_file(str(path))
        atomic_write(out, path.read_bytes(), mode=0o644)
    return sum(len(d.notes) for d in package.decks)
