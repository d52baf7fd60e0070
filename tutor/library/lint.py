"""Item-writing checks for ``tutor validate --strict``: is each question fair?

A module can be valid and still teach test-taking instead of reading: the
right answer is the longest option, or always the first, or the only one
that repeats the prompt's words. Learners find such cues quickly and then
score without reading the articles. Each rule below looks for one cue that
item-writing guides warn about, on the loaded :class:`Module` only (pure
functions: no files, no UI), and returns :class:`LintWarning` objects that
point at the question's line (options have no line of their own) or at the
module's ``id`` line for module-wide patterns.

The rules are documented for teachers in docs/lesson-format.md, section
"Fair questions: what --strict checks"; keep the two in step.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from tutor.content import models as m
from tutor.content.errors import LintWarning
from tutor.kinds import kind_of

if TYPE_CHECKING:
    from tutor.library.folders import Library

#: Which questions a rule looks at is each kind's to say (tutor.kinds.base.Kind):
#: ``lint_choice`` for kinds whose authored options compete as answers (true/false
#: has no authored options), ``lint_wording`` for kinds whose option texts the author
#: writes freely (evidence options are quotes, attribution options article labels).
CHOICES = "lint_choice"
WORDED = "lint_wording"

LONGEST_MIN_CHARS = 8  # the key must beat the longest distractor by this many characters
LONGEST_MIN_RATIO = 1.15  # ... and by this share
LONGEST_MODULE_SHARE = 0.25  # a pattern once it holds for more than this share of questions
POSITION_MIN_QUESTIONS = 3
POSITION_MAX_CHANCE = 0.05  # a position that holds this many keys by chance less often than this
MIN_ECHO_LETTERS = 5
MIN_QUOTE_WORDS = 4

def _word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, so the lists below stay readable."""
    return frozenset(words.split())


#: Words test-wise learners read as "this option is wrong". Matched as whole words, any case.
ABSOLUTE_WORDS = _word_set(
    "always never all none only every everyone everybody everything nobody nothing must "
    "completely entirely totally absolutely wholly solely exclusively invariably "
    "certainly definitely undoubtedly forever"
)

#: Words of five letters or more that carry no content: a prompt's framing, not its subject.
STOP_WORDS = _word_set(
    "about above across after again against along already although among another around "
    "because become became before behind being below beside besides between beyond cannot "
    "could doing during either enough every following other others their theirs there these "
    "those though through under until unless where whereas whether which while whose would "
    "should shall might since still themselves itself himself herself thing things within without "
    "according article articles passage passages statement statements option options question "
    "questions answer answers describe describes described correct true false says"
)

#: Feedback made only of these words gives a verdict but no reason.
VERDICT_WORDS = _word_set(
    "right wrong correct incorrect yes no true false good great well done not quite nope "
    "exactly indeed sorry try again ok okay that this is it that's the answer very"
)

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")  # words and numbers


def _words(text: str) -> list[str]:
    """Lower-case words of a text (letters, with inner apostrophes kept)."""
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    """A crude common form, so 'courts' in a prompt matches "court's" in an option."""
    word = word.removesuffix("'s")
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _warn(module: m.Module, line: int, rule: str, message: str, hint: str) -> LintWarning:
    return LintWarning(module.path, line or module.line, 0, message, hint, rule)


def _split(question: m.Question) -> tuple[list[m.Option], list[m.Option]]:
    """(keyed options, distractors) of a choice question."""
    keys = [o for o in question.options if o.id in question.correct]
    return keys, [o for o in question.options if o.id not in question.correct]


def _choice_questions(module: m.Module, trait: str = CHOICES) -> list[m.Question]:
    return [q for q in module.questions if getattr(kind_of(q.type), trait)]


def _quoted(words: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in sorted(words))


# -- 1. key-longest ----------------------------------------------------------------------
def _key_stands_out(question: m.Question) -> tuple[int, int] | None:
    """(shortest key, longest distractor) in characters when every key is clearly longer."""
    keys, others = _split(question)
    if not keys or not others:
        return None
    key, other = min(len(o.text.strip()) for o in keys), max(len(o.text.strip()) for o in others)
    if key >= other + LONGEST_MIN_CHARS and key >= other * LONGEST_MIN_RATIO:
        return key, other
    return None


def key_longest(module: m.Module) -> list[LintWarning]:
    """The right answer is the longest option, by a clear margin, throughout a module.

    Authors qualify the true statement until it is exact and leave the
    distractors short, so "pick the longest" wins. One long key is fine; the
    rule fires when it happens in more than a quarter of the choice questions.
    """
    questions = _choice_questions(module)
    flagged = [(q, sizes) for q in questions if (sizes := _key_stands_out(q)) is not None]
    if not flagged or len(flagged) <= LONGEST_MODULE_SHARE * len(questions):
        return []
    share = f"{len(flagged)} of the module's {len(questions)} choice questions"
    return [
        _warn(module, q.line, "key-longest",
              f"the keyed option of question '{q.id}' is clearly the longest ({key} characters, longest distractor {other}), as in {share}",
              "shorten the key or give the distractors the same detail, so length gives nothing away")
        for q, (key, other) in flagged
    ]


# -- 2. key-position ---------------------------------------------------------------------
def _binomial_tail(hits: int, trials: int, chance: float) -> float:
    """Probability of at least ``hits`` successes in ``trials`` tries at ``chance`` each."""
    return sum(math.comb(trials, k) * chance**k * (1 - chance) ** (trials - k) for k in range(hits, trials + 1))


def key_position(module: m.Module) -> list[LintWarning]:
    """The right answer sits in the same place, in the order the file lists the options.

    tutor shuffles options, but not in an assignment made with --no-shuffle,
    and not when the file is read or printed. Fires when every single-key
    question (at least three) keys the same position, or when one position
    holds more than half the keys and that many would turn up by chance less
    than 1 time in 20.
    """
    questions = [q for q in _choice_questions(module) if len(q.correct) == 1]
    if len(questions) < POSITION_MIN_QUESTIONS:
        return []
    places = [[o.id for o in q.options].index(q.correct[0]) for q in questions]
    place, hits = Counter(places).most_common(1)[0]
    chance = sum(1 / len(q.options) for q in questions if place < len(q.options)) / len(questions)
    if hits < len(questions) and (hits * 2 <= len(questions) or _binomial_tail(hits, len(questions), chance) >= POSITION_MAX_CHANCE):
        return []
    return [_warn(module, module.line, "key-position",
                  f"the keyed option is listed in position {place + 1} in {hits} of the module's {len(questions)} single-answer choice questions",
                  "move the right answers around, so no place in the list is a safe guess")]


# -- 3. answer-order ---------------------------------------------------------------------
def answer_order(module: m.Module) -> list[LintWarning]:
    """An ordering question lists its items already in order, or a matching pairs row by row.

    Anyone reading the file (or a copy printed from it) sees the answer, and
    with shuffling off a matching question shows it on screen too.
    """
    found = []
    for q in module.questions:
        ids = [o.id for o in q.options]
        if kind_of(q.type).ordered_answer and len(ids) > 1 and ids == list(q.correct):
            found.append(_warn(module, q.line, "answer-order", f"the items of ordering question '{q.id}' are listed in the right order",
                               "list the items in a different order from the answer"))
        pairs = dict(q.pairs)
        if q.right and len(ids) > 1 and [pairs.get(i) for i in ids] == [o.id for o in q.right]:
            found.append(_warn(module, q.line, "answer-order",
                               f"the right column of matching question '{q.id}' lists each match beside its left item",
                               "reorder the right column so row i of each column is not a pair"))
    return found


# -- 4. prompt-echo ----------------------------------------------------------------------
def _content_words(text: str) -> dict[str, str]:
    """Content words of a text, by their common form (see :func:`_stem`), as written."""
    words = (w for w in _words(text) if len(w.removesuffix("'s")) >= MIN_ECHO_LETTERS and w not in STOP_WORDS)
    return {_stem(w): w for w in words}


def prompt_echo(module: m.Module) -> list[LintWarning]:
    """Only the right answer repeats a content word of the prompt.

    A learner who matches words instead of meaning picks the option that
    sounds like the question. Stop words and framing words ("according",
    "article", "which"...) are ignored, as are words shorter than five letters.
    """
    found = []
    for q in _choice_questions(module, WORDED):
        keys, others = _split(q)
        if not others:
            continue
        in_key = {k: w for o in keys for k, w in _content_words(o.text).items()}
        in_others = {k for o in others for k in _content_words(o.text)}
        echoed = [in_key[k] for k in _content_words(q.prompt) if k in in_key and k not in in_others]
        if echoed:
            found.append(_warn(module, q.line, "prompt-echo",
                               f"only the keyed option of question '{q.id}' repeats the prompt's {_quoted(echoed)}",
                               "reword the key, or use the word in a distractor too"))
    return found


# -- 5. absolute-distractors -------------------------------------------------------------
_OPENERS = "\"'\u201c\u2018(["  # quote marks and brackets that may open a sentence
_SENTENCE_ENDS = ".!?:;"


def _in_a_name(text: str, start: int, word: str) -> bool:
    """A capitalised word inside a sentence is part of a name: "the All Pakistan ... Federation".

    At the start of a sentence (or after a colon, an opening quote mark or a
    bracket) a capital says nothing, and a word in capitals ("NEVER") is emphasis.
    """
    if not word.istitle():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in _SENTENCE_ENDS + _OPENERS


def _absolutes(text: str) -> set[str]:
    return {
        m.group().lower()
        for m in _WORD.finditer(text)
        if m.group().lower() in ABSOLUTE_WORDS and not _in_a_name(text, m.start(), m.group())
    }


def absolute_distractors(module: m.Module) -> list[LintWarning]:
    """Words such as 'always', 'never', 'only' appear in distractors but not in the key.

    Test-wise learners are taught that sweeping claims are usually false and
    cautious ones true; when only wrong options are sweeping, that rule of
    thumb answers the question. The word list is :data:`ABSOLUTE_WORDS`; a
    listed word capitalised inside a sentence is part of a name, not a claim
    (see :func:`_in_a_name`).
    """
    found = []
    for q in _choice_questions(module, WORDED):
        keys, others = _split(q)
        if any(_absolutes(o.text) for o in keys):
            continue
        words = set().union(*(_absolutes(o.text) for o in others))
        if words:
            found.append(_warn(module, q.line, "absolute-distractors",
                               f"only distractors of question '{q.id}' use the absolute word {_quoted(words)}",
                               "make a distractor wrong in content rather than by overstating, or qualify the key as strongly"))
    return found


# -- 6. thin-feedback --------------------------------------------------------------------
def _feedbacks(q: m.Question) -> list[tuple[str, str]]:
    """(what, feedback) for everything a learner is told after answering this question.

    The right column of a matching question is left out: the left item's
    feedback explains each pair, and the format lets right items go without.
    """
    if q.accept:
        return [("a right answer", q.feedback_correct), ("a wrong answer", q.feedback_incorrect)]
    return [(f"'{o.id}'", o.feedback) for o in q.options]


def _reasonless(feedback: str) -> bool:
    """Empty, or a bare verdict such as "Right." or "No, wrong." with no why.

    Numbers count as content: "Right: 2003." at least restates the fact.
    """
    return all(w.lower().replace("\u2019", "'") in VERDICT_WORDS for w in _TOKEN.findall(feedback))


def thin_feedback(module: m.Module) -> list[LintWarning]:
    """Feedback that is missing, gives no reason, or is the same for every option.

    Feedback is where a wrong answer turns into learning: it should say why
    this option is right or wrong, ideally pointing to the article.
    """
    found = []
    for q in module.questions:
        given = _feedbacks(q)
        bare = [what for what, text in given if _reasonless(text)]
        if bare:
            found.append(_warn(module, q.line, "thin-feedback",
                               f"the feedback for {', '.join(bare)} in question '{q.id}' is missing or gives no reason",
                               "say why that choice is right or wrong, with what the article says"))
        elif len(given) > 1 and len({" ".join(_words(text)) for _what, text in given}) == 1:
            found.append(_warn(module, q.line, "thin-feedback", f"every choice in question '{q.id}' gets the same feedback",
                               "write feedback for each choice that says why it is right or wrong"))
    return found


# -- 7. short-quote ----------------------------------------------------------------------
def _quotes(module: m.Module) -> Iterator[tuple[int, str, str]]:
    """(line, where, quote) for every cited passage; claims have no line, so the module's."""
    for section in module.sections:
        yield from ((r.line, f"section '{section.id}'", r.quote) for r in section.sources)
    for term in module.glossary:
        yield from ((r.line, f"glossary term '{term.term}'", r.quote) for r in term.sources)
    for event in module.timeline:
        yield from ((r.line, f"timeline event '{event.date}'", r.quote) for r in event.sources)
    for q in module.questions:
        yield from ((r.line or q.line, f"question '{q.id}'", r.quote) for r in q.sources)
        for opt in (*q.options, *q.right):
            yield from ((r.line or q.line, f"option '{opt.id}' of question '{q.id}'", r.quote) for r in opt.sources)
    for claim in module.claims:
        yield from ((module.line, f"claim '{claim.id}' ({v.source})", v.quote) for v in claim.versions)


def short_quote(module: m.Module) -> list[LintWarning]:
    """A cited passage shorter than a phrase (under four words).

    The loader asks for 12 characters; a quote such as "Supreme Court's
    ruling" passes that yet shows the learner a label, not what the article
    claims, and may match several places in the article.
    """
    found = []
    for line, where, quote in _quotes(module):
        count = sum(1 for token in quote.split() if any(c.isalnum() for c in token))
        if count < MIN_QUOTE_WORDS:
            found.append(_warn(module, line, "short-quote", f'the quote in {where} is only {count} words: "{quote.strip()}"',
                               f"quote at least {MIN_QUOTE_WORDS} words, enough to show what the article says "
                               "(after a heading, add the words that follow)"))
    return found


Rule = Callable[[m.Module], list[LintWarning]]
#: Every rule by the name warnings carry; the names are documented in docs/lesson-format.md.
RULES: dict[str, Rule] = {
    "key-longest": key_longest,
    "key-position": key_position,
    "answer-order": answer_order,
    "prompt-echo": prompt_echo,
    "absolute-distractors": absolute_distractors,
    "thin-feedback": thin_feedback,
    "short-quote": short_quote,
}


def lint_module(module: m.Module) -> list[LintWarning]:
    """Every warning for one module, in line order."""
    warnings = [w for rule in RULES.values() for w in rule(module)]
    return sorted(warnings, key=lambda w: w.line)


def lint_library(library: Library) -> list[LintWarning]:
    """Every warning for every module that loaded (broken ones have errors to fix first)."""
    return [w for module in library.modules.values() for w in lint_module(module)]
