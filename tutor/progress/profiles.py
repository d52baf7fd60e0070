"""Learner profile names: several learners can share one classroom computer."""

from __future__ import annotations

import getpass
import re

_NAME_RE = re.compile(r"^[\w][\w .@-]{0,39}$", re.UNICODE)


class ProfileNameError(ValueError):
    pass


def default_profile() -> str:
    """The operating-system user name, or 'learner' when there is none usable."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        return "learner"
    return name if _NAME_RE.match(name or "") else "learner"


def check_profile(name: str) -> str:
    name = name.strip()
    if not _NAME_RE.match(name):
        raise ProfileNameError(
            f"profile name {name!r} is not usable; use 1 to 40 letters, digits, spaces, dots, @, - or _, starting with a letter or digit"
        )
    return name
