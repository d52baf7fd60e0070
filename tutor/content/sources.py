"""The articles: loading ``seeds/sources.yaml`` and matching quotes verbatim.

A quote "is verbatim" when it appears in the article's body once whitespace
runs are folded to one space and curly quote marks are made straight; no
other liberty is taken. :func:`normalise_with_map` keeps, for every
character of the folded text, its offset in the original, so the app can
highlight the exact passage in the article as received.
"""

from __future__ import annotations

import difflib
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
        """The stretch of the article most like a quote that is not verbatim.

        A coarse scan finds the most similar window; the matching blocks then
        trim it to where the likeness starts and ends, snapped to whole words.
        """
        folded = self.folded(article_id)[0]
        needle = normalise(quote)
        width = max(1, len(needle))
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle)
        best_start, best_ratio = 0, -1.0
        for start in range(0, max(1, len(folded) - width + 1), max(1, width // 4)):
            matcher.set_seq1(folded[start : start + width])
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best_start, best_ratio = start, ratio
        lo = max(0, best_start - width // 2)
        region = folded[lo : best_start + width + width // 2]
        matcher.set_seq1(region)
        blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
        if not blocks:
            return folded[best_start : best_start + width]
        start, end = lo + blocks[0].a, lo + blocks[-1].a + blocks[-1].size
        while start > 0 and folded[start - 1] != " ":
            start -= 1
        while end < len(folded) and folded[end] != " ":
            end += 1
        return folded[start:end]


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
