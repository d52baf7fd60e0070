"""tutor: a terminal tutorial that teaches one contested news story from its sources."""

__version__ = "0.1.0"
