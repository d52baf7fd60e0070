"""Time stamps as the store keeps them, and the learner's local day."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """Timestamps are ISO 8601 in UTC with microseconds, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def local_day(timestamp: str) -> date:
    """The calendar day a stored UTC time falls on where the learner is (this machine's time zone)."""
    return datetime.fromisoformat(timestamp).astimezone().date()
