"""evidence: which passage supports the claim? Each option is a verbatim quote."""

from __future__ import annotations

from tutor.kinds.single_choice import SingleChoice


class Evidence(SingleChoice):
    name = "evidence"
    label = "Which passage supports the claim?"
    option_shape = "passage"
    lint_wording = False


KIND = Evidence()
