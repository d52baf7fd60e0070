"""Help: what tutor is for, and every key active on the screen it was opened from.

The keys are read from the bindings active at that moment (the focused
widget's, its screen's and the app's), so the help cannot drift from what
the keys do: a new binding appears here by itself, with a human key name.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Grid, VerticalScroll
from textual.keys import key_to_character
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.ui.text import plain, styled

INTRO = (
    "tutor teaches one contested news story, Russia's July 2025 recognition of the Taliban government, "
    "from five articles. Read a section, then answer questions: after every answer you see why it is right "
    "or wrong and the exact passage of the article it comes from. Your answers are saved as you go; come back any time."
)

KEY_NAMES = {
    "enter": "Enter", "escape": "Esc", "space": "Space", "tab": "Tab", "shift+tab": "Shift+Tab", "backspace": "Backspace",
    "up": "Up", "down": "Down", "left": "Left", "right": "Right", "home": "Home", "end": "End",
    "pageup": "PageUp", "pagedown": "PageDown", "delete": "Delete", "minus": "-", "plus": "+",
}


def key_name(key: str) -> str:
    """A key as a learner would write it: "Enter", "Ctrl+Q", "?", "[", "Shift+Up"."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    modifiers, _, base = key.rpartition("+")
    if modifiers:
        base_name = key_name(base)
        return "+".join(part.capitalize() for part in modifiers.split("+")) + "+" + (base_name.upper() if len(base_name) == 1 else base_name)
    if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    character = key_to_character(key)
    return character if character and character.isprintable() else key.replace("_", " ").capitalize()


def _compress(names: list[str]) -> str:
    """"1, 2, 3, 4" -> "1-4"; "a, b, c" -> "a-c"; anything else joined with commas."""
    singles = [n for n in names if len(n) == 1 and n.isalnum()]
    if len(singles) >= 3 and len(singles) == len(names):
        codes = [ord(n) for n in names]
        if codes == list(range(codes[0], codes[0] + len(codes))):
            return f"{names[0]}-{names[-1]}"
    return ", ".join(names)


#: Textual's own navigation actions, one line for all of them rather than one per key.
MOVES = {
    "cursor_up", "cursor_down", "cursor_left", "cursor_right", "first", "last", "page_up", "page_down",
    "scroll_up", "scroll_down", "scroll_left", "scroll_right", "scroll_home", "scroll_end", "page_left", "page_right",
}
#: Better words for Textual's built-in descriptions.
DESCRIPTIONS = {
    "select": "Choose the highlighted item",
    "command_palette": "Command palette: modules, review, progress, help, themes (high contrast too)",
    "quit": "Quit (your answers are already saved)",
    "focus_next": "Go to the next part of the screen (buttons, the list of passages)",
    "focus_previous": "Go to the previous part of the screen",
    "copy_text": "",  # Textual's Super+C: not a key a school keyboard has
}


MOVE = "Move the highlight, or scroll"
#: Textual's moves and focus keys come after the screen's own keys.
LAST = (MOVE, DESCRIPTIONS["focus_next"], DESCRIPTIONS["focus_previous"])


def describe(binding: Binding) -> str:
    """What a key does, in words: the binding's tooltip (its long description) or its footer label."""
    action = binding.action.split("(")[0].rpartition(".")[2]
    if action in MOVES:
        return MOVE
    return DESCRIPTIONS.get(action, binding.tooltip or binding.description)


def key_table(active: dict[str, ActiveBinding]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(this screen's keys, keys that work everywhere) as (keys, what they do), grouped by what they do."""
    from textual.app import App
    from textual.widgets import Input

    groups: dict[tuple[bool, str], list[str]] = {}
    for key, active_binding in active.items():
        binding: Binding = active_binding.binding
        if binding.system or not active_binding.enabled or (isinstance(active_binding.node, Input) and key != "enter"):
            continue  # a text box's editing keys are every text box's
        what = describe(binding)
        if not what:
            continue
        everywhere = isinstance(active_binding.node, App)
        groups.setdefault((everywhere, what), []).append(key_name(key))
    def keys_text(what: str, keys: list[str]) -> str:
        return "Arrows, PageUp, PageDown, Home, End" if what == MOVE else _compress(keys)

    rows = [(everywhere, keys_text(what, keys), what) for (everywhere, what), keys in groups.items()]
    rows.sort(key=lambda row: row[2] in LAST)
    return [(k, w) for e, k, w in rows if not e], [(k, w) for e, k, w in rows if e]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen underneath, as they are bound right now."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="close-help")]

    def __init__(self, title: str, active: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.title_text = title
        self.here, self.anywhere = key_table(active)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            for heading, rows in ((f"{self.title_text}:", self.here), ("Everywhere:", self.anywhere)):
                yield Static(styled(heading, "bold"), classes="help-heading")
                with Grid(classes="help-keys"):
                    for keys, what in rows or [("", "(no keys of its own)")]:
                        yield Static(plain(keys), classes="help-key")
                        yield Static(plain(what), classes="help-what")
            yield Static(styled("About tutor:", "bold"), classes="help-heading")
            yield Static(plain(INTRO), classes="help-intro")
            yield Static("Press Esc to close.", classes="hint", markup=False)

    @property
    def text(self) -> str:
        """Everything the help says, as plain text, keys and what they do side by side."""
        return "\n".join(str(s.render()) for s in self.query(Static))
