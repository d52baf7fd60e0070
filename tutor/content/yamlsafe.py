"""Turn the bytes of a YAML file into a node tree, refusing what is unsafe.

We never *construct* Python objects from YAML: we compose the node tree
(libyaml's C parser where available, so it is fast) and let the schema reader
turn nodes into models. Nodes keep their line and column, so every later
error can point at the exact place. This module refuses, before anything
walks the tree:

* files over :data:`MAX_BYTES` (a lesson is a few dozen KB);
* bytes that are not UTF-8;
* anchors and aliases (a 400-byte alias bomb expands to gigabytes when
  walked, and lessons have no use for them);
* several documents in one file;
* nesting so deep that a parser or walker would recurse without end.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tutor.content.errors import Diagnostic
from tutor.fsutil import UnreadableFile, read_limited

#: Largest content file we read; far above any real lesson.
MAX_BYTES = 1 << 20
#: Deepest nesting of mappings and sequences we accept (lessons need about 6).
MAX_DEPTH = 20
#: Beyond this bound a text is parsed by the pure-Python parser (see nesting_bounds).
SAFE_C_DEPTH = 200

_NO_ANCHORS = "lesson files may not use anchors or aliases"

#: libyaml's parser when present; the pure-Python one otherwise.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_COLLECTION_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq", yaml.MappingNode: "tag:yaml.org,2002:map"}


class ComposeLoader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):
    """libyaml's composer with no implicit typing: every untagged scalar is text.

    The composer asks Python to resolve each node; SafeLoader's resolver runs
    a regex per scalar and tracks paths, a large share of composing a lesson.
    Here resolution is a dictionary lookup; the reader resolves the few plain
    scalars whose type matters (reader.tag_of). Explicit tags are kept.
    """

    def resolve(self, kind, value, implicit):
        return _COLLECTION_TAGS[kind]

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


def read_bytes(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a file, refusing non-regular files and anything over the size limit before reading it."""
    try:
        return read_limited(path, MAX_BYTES), []
    except UnreadableFile as exc:
        hint = "split it into several modules" if "larger than" in exc.reason else "check the path and its permissions"
        return None, [Diagnostic(str(path), 1, 1, f"cannot read the file: {exc.reason}", hint)]


def decode_utf8(data: bytes, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode strictly, reporting the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Diagnostic(
                shown,
                line,
                col,
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def _mark_diag(shown: str, mark: object, message: str, hint: str) -> Diagnostic:
    line = getattr(mark, "line", 0) + 1
    col = getattr(mark, "column", 0) + 1
    return Diagnostic(shown, line, col, message, hint)


def _anchor_at(text: str, index: int) -> str | None:
    """The anchor written at a node's start (after any tag), if there is one.

    libyaml marks a node from its first property, so an anchored node starts
    with ``&`` or with a tag followed by ``&``. Reading it from the text
    avoids a second, event-by-event parse in Python just to find anchors.
    """
    if text.startswith("!", index):
        while index < len(text) and not text[index].isspace():
            index += 1
        while index < len(text) and text[index] in " \t":
            index += 1
    if not text.startswith("&", index):
        return None
    end = index + 1
    while end < len(text) and not text[end].isspace() and text[end] not in ",[]{}":
        end += 1
    return text[index + 1 : end]


_BRACKETS = re.compile(r"[\[\]{}]")
# The lead of a line: indentation plus the indicators that open a block
# collection on the same line ('- ' entries, '? ' complex keys, ': ' complex
# values). A line starts after any break YAML knows (CR, LF, NEL, LS, PS), not
# only after LF: a file of CR-separated lines must not look like one line, so
# the other breaks are made LF first.
_LINE_LEAD = re.compile(r"^[ \t?:-]+", re.MULTILINE)
_OTHER_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def nesting_bounds(text: str) -> tuple[int, int]:
    """Cheap upper bounds on a text's nesting: (flow brackets, block lead).

    libyaml's composer recurses in C: deep enough nesting, well under the size
    limit, crashes the interpreter with a segmentation fault (some libyaml
    builds stop at depth 1,000 by themselves; safety must not depend on
    that). Every construct that nests counts here:

    * flow collections by their brackets (counted even inside quotes, so
      they only ever overestimate; with few brackets, their number is bound enough);
    * block collections by the lead of each line. A nested block collection
      starts at a column strictly right of its parent's, so a node at depth d
      starts at column d-1 or more, and everything before it on its line is
      indentation or an indicator that opens a collection (``-``, ``?``,
      ``:``); a tag, an anchor or a key before it would forbid a block
      collection there. The longest lead therefore bounds block depth.

    The sum of the two (plus a level for a key's mapping) bounds the depth of
    the document; :func:`compose_text` hands anything over SAFE_C_DEPTH to
    the pure-Python parser, whose RecursionError we can catch, instead.
    """
    deepest = text.count("[") + text.count("{")
    if deepest > MAX_DEPTH:
        depth = deepest = 0
        for match in _BRACKETS.finditer(text):
            depth += 1 if match.group() in "[{" else -1
            deepest = max(deepest, depth)
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_OTHER_BREAKS)
    lead = max(map(len, _LINE_LEAD.findall(text)), default=0)
    return deepest, lead


def depth_bound(text: str) -> int:
    """An upper bound on the nesting depth of any YAML document in ``text``."""
    flow, lead = nesting_bounds(text)
    return flow + lead + 2


def _check_shape(root: Node, text: str, shown: str, deep_possible: bool = True) -> Diagnostic | None:
    """Refuse anchors, aliases and nesting deeper than MAX_DEPTH.

    An anchor shows as a node whose text starts with ``&`` (after any tag);
    an alias as the same node object reached twice, and an alias cannot exist
    without an anchor, so a text with no ``&`` at all only needs its
    collections walked for depth. The walk is iterative, so it cannot
    overflow the stack, and it stops at the first node met twice, so an
    alias bomb costs no more than its own size.
    """
    anchors_possible = "&" in text
    if not anchors_possible and not deep_possible:
        return None  # nothing to find: no anchors, and the bounds rule out deep nesting
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _mark_diag(shown, node.start_mark, "the YAML is nested too deeply", f"use at most {MAX_DEPTH} levels")
        if anchors_possible:
            if id(node) in seen:
                return _mark_diag(shown, node.start_mark, "aliases are not allowed", f"write the value out in full; {_NO_ANCHORS}")
            seen.add(id(node))
            anchor = _anchor_at(text, node.start_mark.index)
            if anchor is not None:
                return _mark_diag(shown, node.start_mark, f"anchor &{anchor} is not allowed", f"remove the anchor; {_NO_ANCHORS}")
        # Children are pushed in reverse so they are checked in document order
        # and the first problem reported is the first one in the file.
        if isinstance(node, SequenceNode):
            children = reversed(node.value)
        elif isinstance(node, MappingNode):
            children = (n for pair in reversed(node.value) for n in (pair[1], pair[0]))
        else:
            continue
        stack.extend((child, depth + 1) for child in children if anchors_possible or not isinstance(child, ScalarNode))
    return None


def compose_text(text: str, shown: str) -> tuple[Node | None, list[Diagnostic]]:
    """Compose a single YAML document into nodes, or explain why not."""
    bound = depth_bound(text)
    risky = bound > SAFE_C_DEPTH
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader) if risky else yaml.compose(text, Loader=ComposeLoader)
    except yaml.composer.ComposerError as exc:
        if "single document" in f"{exc.context} {exc.problem}":
            return None, [
                _mark_diag(
                    shown,
                    exc.problem_mark,
                    "the file holds more than one YAML document",
                    "remove the '---' separator; put one module in each file",
                )
            ]
        return None, [_mark_diag(shown, exc.problem_mark, f"YAML error: {exc.problem}", "fix the YAML syntax")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        return None, [_mark_diag(shown, mark, f"YAML syntax error: {problem}", "fix the YAML syntax here")]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [
            Diagnostic(
                shown,
                line,
                col,
                f"the character U+{exc.character:04X} is not allowed in YAML",
                "remove it; control characters are not allowed in lesson files",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(shown, 1, 1, f"YAML error: {exc}", "fix the YAML syntax")]
    except RecursionError:
        return None, [Diagnostic(shown, 1, 1, "the YAML is nested too deeply", f"use at most {MAX_DEPTH} levels")]
    if root is None:
        return None, [Diagnostic(shown, 1, 1, "the file is empty", "write the module's fields, starting with format_version")]
    problem = _check_shape(root, text, shown, deep_possible=bound > MAX_DEPTH)
    return (None, [problem]) if problem else (root, [])


def compose_file(path: Path, shown: str | None = None) -> tuple[Node | None, list[Diagnostic]]:
    """Read, decode and compose one YAML file."""
    shown = shown or str(path)
    data, diags = read_bytes(path)
    if data is None:
        return None, [Diagnostic(shown, d.line, d.col, d.message, d.hint) for d in diags]
    text, diags = decode_utf8(data, shown)
    if text is None:
        return None, diags
    return compose_text(text, shown)
