"""The articles: loading ``seeds/sources.yaml`` and matching quotes verbatim.

A quote "is verbatim" when it appears in the article's body once whitespace
runs are folded to one space and curly quote marks are made straight; no
other liberty is taken. :func:`normalise_with_map` keeps, for every
character of the folded text, its offset in the original, so the app can
highlight the exact passage in the article as received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tutor.content.errors import Diagnostic
from tutor.content.models import KINDS_OF_TEXT, Article

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\S+")
#: Shortest quote accepted: a few words, so a citation actually pins a passage.
MIN_QUOTE_CHARS = 12

ARTICLE_KEYS = ("id", "file", "label", "title", "kind", "author", "outlet", "date", "description", "body_starts", "body_ends")
ARTICLE_OPTIONAL = ("received_as", "notes")


def normalise(text: str) -> str:
    """Fold whitespace and straighten quote marks (the only liberties a quote may take)."""
    return _SPACE_RE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Like :func:`normalise`, plus the original offset of each output character.

    Works word by word (a regex over runs of non-space), not character by
    character: articles are folded at every start, so this is on the path to
    the app's first frame.
    """
    straight = text.translate(_QUOTE_MARKS)
    words: list[str] = []
    offsets: list[int] = []
    for match in _WORD_RE.finditer(straight):
        start, end = match.span()
        if words:
            words.append(" ")
            offsets.append(start - 1)
        words.append(match.group())
        offsets.extend(range(start, end))
    return "".join(words), offsets


@dataclass
class ArticleIndex:
    """All known articles by id, with their normalised bodies for quote checks."""

    articles: dict[str, Article] = field(default_factory=dict)
    _folded: dict[str, tuple[str, list[int]]] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict:
        """Pickle the articles only: the folded texts are rebuilt when first needed."""
        return {"articles": self.articles, "_folded": {}}

    def add(self, article: Article) -> None:
        self.articles[article.id] = article
        self._folded.pop(article.id, None)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.articles

    def ids(self) -> list[str]:
        return sorted(self.articles)

    def folded(self, article_id: str) -> tuple[str, list[int]]:
        """The whole article file folded for matching, with offsets into ``Article.text``.

        The whole file, not just the body: the debris around an article (a shop
        page, a byline reading "Byadmin") is itself evidence about the source.
        """
        if article_id not in self._folded:
            self._folded[article_id] = normalise_with_map(self.articles[article_id].text)
        return self._folded[article_id]

    def contains_quote(self, article_id: str, quote: str) -> bool:
        return normalise(quote) in self.folded(article_id)[0]

    def find_quote(self, article_id: str, quote: str) -> tuple[int, int] | None:
        """Offsets of the quote in the article's full text, or None."""
        folded, offsets = self.folded(article_id)
        needle = normalise(quote)
        start = folded.find(needle) if needle else -1
        if start < 0:
            return None
        return offsets[start], offsets[start + len(needle) - 1] + 1

    def closest_passage(self, article_id: str, quote: str) -> str:
        """The stretch of the article most like a quote that is not verbatim ("" if none shares its words).

        Bounded in time whatever the sizes (see :func:`closest_span`): a
        teacher's near-miss quote of thousands of characters is answered at once.
        """
        return closest_span(self.folded(article_id)[0], normalise(quote))


#: A word pair that occurs more often than this in an article anchors nothing ("of the") and would only cost time.
MAX_ANCHOR_HITS = 32


def _word_key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def closest_span(text: str, needle: str) -> str:
    """The part of ``text`` (whole words) that best lines up with ``needle``, in time linear in their sizes.

    Both are cut into words (case and punctuation ignored); word pairs of the
    needle that occur in the text (rarely enough to anchor) vote for an
    alignment, the offset between where a pair is in the text and where it is
    in the needle. The offsets within a few words of each other that gather
    the most votes win (a left-out or added word shifts the offset a little),
    and the span is the needle laid over the text along them. A quadratic
    alignment (difflib) took 55 s for a quote of 2,000 characters.
    """
    words = [(m.start(), m.end(), key) for m in _WORD_RE.finditer(text) if (key := _word_key(m.group()))]
    wanted = [key for w in needle.split() if (key := _word_key(w))]
    if not words or not wanted:
        return ""
    size = 2 if len(wanted) >= 4 else 1
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(words) - size + 1):
        index.setdefault(tuple(w[2] for w in words[i : i + size]), []).append(i)
    hits: list[tuple[int, int]] = []  # (offset, position in the needle)
    for j in range(len(wanted) - size + 1):
        places = index.get(tuple(wanted[j : j + size]), ())
        if len(places) <= MAX_ANCHOR_HITS:
            hits.extend((i - j, j) for i in places)
    if not hits:
        return ""
    hits.sort()
    slack = max(2, len(wanted) // 10)
    best, best_votes, lo = (0, 0), 0, 0
    for hi in range(len(hits)):  # the window of offsets no more than `slack` apart with the most hits
        while hits[hi][0] - hits[lo][0] > slack:
            lo += 1
        if hi - lo + 1 > best_votes:
            best, best_votes = (lo, hi), hi - lo + 1
    chosen = hits[best[0] : best[1] + 1]
    first = min(chosen, key=lambda h: h[1])
    last = max(chosen, key=lambda h: h[1])
    start = max(0, first[0])  # the needle's first word, laid along the first anchor's offset
    end = min(len(words) - 1, last[0] + len(wanted) - 1)
    if end < start:
        return ""
    return text[words[start][0] : words[end][1]]


def _locate(text: str, marker: str, last: bool = False) -> int:
    """Offset of a marker in the text, ignoring quote-mark and space differences.

    The end marker is searched from the end: opinion pieces repeat their lines.
    """
    folded, offsets = normalise_with_map(text)
    at = folded.rfind(normalise(marker)) if last else folded.find(normalise(marker))
    return offsets[at] if at >= 0 else -1


def load_sources(seeds_dir: Path, origin: str = "") -> tuple[list[Article], list[Diagnostic]]:
    """Load ``sources.yaml`` and every article file it names."""
    from tutor.content.reader import NodeReader
    from tutor.content.yamlsafe import compose_file, decode_utf8, read_bytes
    from tutor.fsutil import resolves_inside

    path = seeds_dir / "sources.yaml"
    shown = str(path)
    root, diags = compose_file(path, shown)
    if root is None:
        return [], diags
    reader = NodeReader(shown)
    top = reader.mapping(root, "sources.yaml", ("format_version", "articles"))
    articles: list[Article] = []
    if top is None:
        return [], reader.diagnostics
    if "format_version" in top:
        reader.integer(top["format_version"], "format_version", 1, 1)
    seen: dict[str, int] = {}
    article_nodes = reader.sequence(top["articles"], "articles", 1) if "articles" in top else []
    for node in article_nodes:
        fields = reader.mapping(node, "an article", ARTICLE_KEYS, ARTICLE_OPTIONAL)
        if fields is None or any(key not in fields for key in ARTICLE_KEYS):
            continue
        values = {key: reader.text(fields[key], key) for key in (*ARTICLE_KEYS, *ARTICLE_OPTIONAL) if key in fields}
        article_id = reader.identifier(fields["id"], "article id")
        if article_id is None or any(values.get(k) is None for k in ARTICLE_KEYS):
            continue
        if article_id in seen:
            reader.error(
                fields["id"], f"article id '{article_id}' is defined twice (first on line {seen[article_id]})", "give each article its own id"
            )
            continue
        seen[article_id] = fields["id"].start_mark.line + 1
        if values["kind"] not in KINDS_OF_TEXT:
            guess = ", ".join(KINDS_OF_TEXT)
            reader.error(fields["kind"], f"kind {values['kind']!r} is not a known kind of text", f"use one of: {guess}")
            continue
        file_name = values["file"]
        if "/" in file_name or "\\" in file_name or file_name.startswith("."):
            reader.error(fields["file"], f"file {file_name!r} must be a plain file name in {seeds_dir}", "put the article beside sources.yaml")
            continue
        if not resolves_inside(seeds_dir / file_name, seeds_dir):
            reader.error(fields["file"], f"article file {file_name!r} is a symbolic link to a file outside {seeds_dir}",
                         "copy the article into the folder instead of linking to it")
            continue
        data, errs = read_bytes(seeds_dir / file_name)
        text, errs2 = (None, errs) if data is None else decode_utf8(data, str(seeds_dir / file_name))
        if text is None:
            mark_hint = (errs + errs2)[0]
            reader.error(fields["file"], f"article file {file_name!r}: {mark_hint.message}", mark_hint.hint)
            continue
        start = _locate(text, values["body_starts"])
        if start < 0:
            reader.error(fields["body_starts"], "body_starts is not a line of the article", "copy the first line of the article body exactly")
            continue
        end_at = _locate(text[start:], values["body_ends"], last=True)
        if end_at < 0:
            reader.error(fields["body_ends"], "body_ends is not in the article after body_starts", "copy the last words of the article body exactly")
            continue
        end = _end_of_marker(text, start + end_at, values["body_ends"])
        articles.append(
            Article(
                id=article_id,
                file=file_name,
                label=values["label"],
                title=values["title"],
                kind=values["kind"],
                author=values["author"],
                outlet=values["outlet"],
                date=values["date"],
                description=values["description"],
                notes=values.get("notes") or "",
                text=text,
                body_start=start,
                body_end=end,
                origin=origin or str(seeds_dir),
            )
        )
    return articles, reader.diagnostics


def _end_of_marker(text: str, start: int, marker: str) -> int:
    """Where a marker that begins at ``start`` ends in the original text."""
    _folded, offsets = normalise_with_map(text[start:])
    length = len(normalise(marker))
    return start + offsets[length - 1] + 1
