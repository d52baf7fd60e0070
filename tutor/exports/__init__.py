"""Standard formats out: Anki decks, Moodle GIFT, QTI 1.2 packages and xAPI statements.

Each format is one small module working on the kinds' export shapes
(:class:`tutor.kinds.ExportItem`), never on kind names, so a new kind that
maps onto an existing shape needs no change here. Nothing here imports a UI
library. :mod:`tutor.exports.common` holds what every exporter shares.
"""
