"""Read typed values out of YAML nodes, collecting precise diagnostics.

The reader is the strict half of the loader. It never lets YAML 1.1 guess a
type: a plain ``no`` is not silently ``False``, ``10:00`` is not 600 and
``2024-01-02`` is not a date. Text fields want text (quote it if YAML would
read it as something else), numbers want plain decimal digits, booleans want
``true`` or ``false``. Unknown keys are reported with the nearest valid one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tutor.content.errors import Diagnostic
from tutor.errors import shown

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
BOOL_TAG = "tag:yaml.org,2002:bool"

_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a true/false value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
}
# Ids and numbers are checked with fullmatch: a pattern ending in '$' also
# accepts a trailing newline ("intro\n"), which a quoted YAML scalar can hold.
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DIGITS_RE = re.compile(r"[0-9]+")
#: Longest id: ids become keys in result files and parts of file names.
MAX_ID_CHARS = 100
#: More digits than any bound we check can need; int() of 4,300+ digits raises ValueError.
MAX_DIGITS = 18
# C0 controls except tab and newline, DEL, the C1 block and lone surrogates:
# none of these belong in lesson text, ESC or CSI would reach the learner's
# terminal, and a surrogate (from an escape like "\ud800") cannot be written.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest valid spelling of ``word``, if any is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_implicit_cache: dict[str, str] = {}


def tag_of(node: Node) -> str:
    """The tag YAML 1.1 (SafeLoader) gives a node, computed only where it matters.

    Nodes are composed without implicit typing (see yamlsafe.ComposeLoader):
    that saves a resolver regex per scalar on the hot path. Only plain
    (unquoted) scalars can be read as bool, int, float, null or a date, so
    only those are resolved here, from the same table SafeLoader uses.
    """
    if not isinstance(node, ScalarNode) or node.style or node.tag != STR_TAG:  # plain style is None or ""
        return node.tag
    value = node.value
    tag = _implicit_cache.get(value)
    if tag is None:
        tag = STR_TAG
        for candidate, regexp in _IMPLICIT.get(value[:1], ()):
            if regexp.match(value):
                tag = candidate
                break
        if len(_implicit_cache) < 10_000:
            _implicit_cache[value] = tag
    return tag


def describe(node: Node) -> str:
    """Say what kind of value a node holds, for 'expected X, found Y' messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _TAG_NAMES.get(tag_of(node), "text")


def found(node: Node) -> str:
    """What a node holds, for 'expected X, found Y': a scalar quoted (one printable line, cut), else its kind."""
    return f"'{shown(node.value, 40)}'" if isinstance(node, ScalarNode) else describe(node)


class NodeReader:
    """Collects diagnostics for one file while values are read from its nodes."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.diagnostics: list[Diagnostic] = []

    # -- reporting ---------------------------------------------------------
    def error(self, node: Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.diagnostics.append(Diagnostic(self.shown, mark.line + 1, mark.column + 1, message, hint))

    @property
    def failed(self) -> bool:
        return bool(self.diagnostics)

    # -- structure ---------------------------------------------------------
    def mapping(self, node: Node, where: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, Node] | None:
        """The keys of a mapping node, checked against the allowed ones."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{where} should be a mapping of fields, found {describe(node)}", "write it as 'key: value' lines")
            return None
        required = tuple(required)
        allowed = (*required, *optional)
        result: dict[str, Node] = {}
        guessed: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, f"a key in {where} is {describe(key_node)}", "keys must be plain words")
                continue
            key = key_node.value
            if key in result:
                first = result[key].start_mark.line + 1
                self.error(key_node, f"duplicate key '{shown(key)}' in {where} (first given on line {first})", "keep only one of them")
                continue
            if key not in allowed:
                guess = nearest(key, allowed)
                hint = f"did you mean '{guess}'?" if guess else "valid keys: " + ", ".join(allowed)
                self.error(key_node, f"unknown key '{shown(key, 60)}' in {where}", hint)
                guessed.add(guess or "")
                continue
            result[key] = value_node
        # A misspelt required key is reported once, as the typo, not again as missing.
        missing = [key for key in required if key not in result and key not in guessed]
        if missing:
            names = ", ".join(f"'{key}'" for key in missing)
            self.error(node, f"{where} is missing {names}", f"add {names}")
        return result

    def sequence(self, node: Node, where: str, min_len: int = 0) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{where} should be a list, found {describe(node)}", "write each entry on a line starting with '- '")
            return []
        if len(node.value) < min_len:
            self.error(
                node, f"{where} needs at least {min_len} entr{'y' if min_len == 1 else 'ies'}, found {len(node.value)}", "add the missing entries"
            )
        return list(node.value)

    # -- scalars -----------------------------------------------------------
    def text(self, node: Node, where: str) -> str | None:
        """Non-empty text; refuses values YAML would read as another type."""
        if not isinstance(node, ScalarNode):
            self.error(node, f"{where} should be text, found {describe(node)}", "write the text on the same line or after '|'")
            return None
        tag = tag_of(node)
        if tag != STR_TAG:
            kind = _TAG_NAMES.get(tag)
            if kind is None:
                self.error(node, f"{where} has the tag {tag}, which is not allowed", "remove the tag")
            elif tag == "tag:yaml.org,2002:null":
                self.error(node, f"{where} is empty", "write the text, or remove the key if it is optional")
            else:
                self.error(
                    node,
                    f"{where}: YAML would read {node.value!r} as {kind}, not text",
                    f'put it in quotes: "{node.value}"',
                )
            return None
        value = node.value
        if not value.strip():
            self.error(node, f"{where} is empty", "write the text, or remove the key if it is optional")
            return None
        # Raw control characters are refused by the YAML reader itself; only a
        # double-quoted scalar can produce one, through an escape like "\e".
        bad = _CONTROL_RE.search(value) if node.style == '"' or "\x85" in value else None
        if bad:
            what = "a lone surrogate" if "\ud800" <= bad.group() <= "\udfff" else "the control character"
            self.error(
                node,
                f"{where} contains {what} U+{ord(bad.group()):04X}",
                "remove it: control characters and escape sequences are not allowed in content",
            )
            return None
        return value

    def identifier(self, node: Node, where: str) -> str | None:
        """A stable id: lower-case words joined by hyphens (kebab-case)."""
        value = self.text(node, where)
        if value is None:
            return None
        if not _ID_RE.fullmatch(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:MAX_ID_CHARS] or "my-id"
            self.error(node, f"{where} '{shown(value)}' is not kebab-case", f"use lower-case letters, digits and hyphens, e.g. '{suggestion}'")
            return None
        if len(value) > MAX_ID_CHARS:
            self.error(node, f"{where} is {len(value)} characters long", f"use at most {MAX_ID_CHARS}")
            return None
        return value

    def integer(self, node: Node, where: str, low: int, high: int) -> int | None:
        if not isinstance(node, ScalarNode) or tag_of(node) != INT_TAG or not _DIGITS_RE.fullmatch(node.value):
            hint = f"write digits only, e.g. {low}"
            if isinstance(node, ScalarNode) and ":" in node.value and tag_of(node) == INT_TAG:
                hint += f" (YAML would read {shown(node.value, 40)} as a base-60 number)"
            self.error(node, f"{where} should be a whole number, found {found(node)}", hint)
            return None
        if len(node.value.lstrip("0")) > MAX_DIGITS:
            self.error(node, f"{where} is a number of {len(node.value)} digits, outside {low}..{high}", f"use a number from {low} to {high}")
            return None
        value = int(node.value)
        if not low <= value <= high:
            self.error(node, f"{where} is {value}, outside {low}..{high}", f"use a number from {low} to {high}")
            return None
        return value

    def boolean(self, node: Node, where: str) -> bool | None:
        if isinstance(node, ScalarNode) and tag_of(node) == BOOL_TAG and node.value in ("true", "false"):
            return node.value == "true"
        self.error(node, f"{where} should be true or false, found {found(node)}", "write exactly true or false")
        return None

    def text_list(self, node: Node, where: str, min_len: int = 1) -> tuple[str, ...]:
        values = (self.text(item, f"{where} entry") for item in self.sequence(node, where, min_len))
        return tuple(v for v in values if v is not None)

    def id_list(self, node: Node, where: str, min_len: int = 1) -> tuple[str, ...]:
        values = (self.identifier(item, f"{where} entry") for item in self.sequence(node, where, min_len))
        return tuple(v for v in values if v is not None)
