"""The Textual user interface. Everything else in tutor works without it."""
