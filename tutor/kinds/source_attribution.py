"""source_attribution: which article says this? The options are article ids."""

from __future__ import annotations

from tutor.kinds.single_choice import SingleChoice


class SourceAttribution(SingleChoice):
    name = "source_attribution"
    label = "Which article says this?"
    option_shape = "article"
    lint_wording = False
    # Exported as single choice with the option texts as written: they name their article already
    # (the article's label, or the author's neutral wording), so exporters add nothing.


KIND = SourceAttribution()
