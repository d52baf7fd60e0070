"""Learner profile names: several learners can share one classroom computer."""

from __future__ import annotations

import getpass
import re

from tutor.errors import UserError

_NAME_RE = re.compile(r"[^\W_][\w .@-]{0,39}", re.UNICODE)


class ProfileNameError(UserError):
    """A profile name that cannot be used (it would be unsafe in file names or reports)."""


def default_profile() -> str:
    """The operating-system user name, or 'learner' when there is none usable."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        return "learner"
    return name if _NAME_RE.fullmatch(name or "") else "learner"


def check_profile(name: str) -> str:
    name = name.strip()
    if not _NAME_RE.fullmatch(name):
        shown = name if len(name) <= 40 and name.isprintable() else ascii(name[:40]) + ("..." if len(name) > 40 else "")
        raise ProfileNameError(
            f"the profile name {shown!r} is not usable",
            "use 1 to 40 letters, digits, spaces, dots, @, - or _, starting with a letter or digit",
        )
    return name
