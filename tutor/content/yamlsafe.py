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

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from tutor.content.errors import Diagnostic

#: Largest content file we read; far above any real lesson.
MAX_BYTES = 1 << 20
#: Deepest nesting of mappings and sequences we accept (lessons need about 6).
MAX_DEPTH = 20

#: libyaml's parser when present; the pure-Python one otherwise.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_bytes(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a file, refusing anything over the size limit without reading it all."""
    shown = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [Diagnostic(shown, 1, 1, f"cannot read the file: {reason}", "check the path and its permissions")]
    if len(data) > MAX_BYTES:
        return None, [
            Diagnostic(
                shown,
                1,
                1,
                f"the file is larger than {MAX_BYTES // 1024} KiB",
                "split it into several modules",
            )
        ]
    return data, []


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


def _find_anchors(text: str, shown: str) -> list[Diagnostic]:
    """Report every anchor and alias; only called when the text could hold one."""
    found: list[Diagnostic] = []
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            found.append(
                _mark_diag(
                    shown,
                    event.start_mark,
                    f"alias *{event.anchor} is not allowed",
                    "write the value out in full; lesson files may not use anchors or aliases",
                )
            )
        elif getattr(event, "anchor", None):
            found.append(
                _mark_diag(
                    shown,
                    event.start_mark,
                    f"anchor &{event.anchor} is not allowed",
                    "remove the anchor; lesson files may not use anchors or aliases",
                )
            )
    return found


def _too_deep(root: Node) -> Node | None:
    """Return the first node nested deeper than MAX_DEPTH, iteratively (no recursion)."""
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((value, depth + 1) for _key, value in node.value)
    return None


def compose_text(text: str, shown: str) -> tuple[Node | None, list[Diagnostic]]:
    """Compose a single YAML document into nodes, or explain why not."""
    if "&" in text or "*" in text:
        try:
            anchors = _find_anchors(text, shown)
        except (yaml.YAMLError, RecursionError):
            anchors = []  # the compose below reports the error itself
        if anchors:
            return None, anchors
    try:
        root = yaml.compose(text, Loader=SafeLoader)
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
    deep = _too_deep(root)
    if deep is not None:
        return None, [_mark_diag(shown, deep.start_mark, "the YAML is nested too deeply", f"use at most {MAX_DEPTH} levels")]
    return root, []


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
