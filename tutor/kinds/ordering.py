"""ordering: put the items in the right order; partial credit for items in their place."""

from __future__ import annotations

import random

from tutor.content.models import Question
from tutor.kinds.base import Arrangement, Explained, ExportItem, Grade, InvalidResponse, Kind, Remark, ids_of, numbers


class Ordering(Kind):
    name = "ordering"
    label = "Put in order"
    plain_hint = "Type the item numbers in the right order, e.g. 3 1 2 4."
    widget = "ordering"
    keys = ("items", "answer")
    picks_options = False
    ordered_answer = True
    interaction = "sequencing"

    def read(self, reader, fields, where):
        items = reader.options(fields["items"], where, "item")
        order = reader.id_list(fields["answer"], f"answer of {where}", 2)
        item_ids = [i.id for i in items]
        if sorted(order) != sorted(item_ids):
            missing = sorted(set(item_ids) - set(order))
            extra = sorted(set(order) - set(item_ids))
            parts = [f"missing {', '.join(missing)}" if missing else "", f"unknown {', '.join(extra)}" if extra else ""]
            detail = "; ".join(p for p in parts if p) or "an item is listed twice"
            reader.error(
                fields["answer"],
                f"the answer order of {where} does not line up with its items ({detail})",
                "list every item id exactly once, in the right order",
            )
            return None
        return {"options": tuple(items), "correct": order}

    def arrange(self, question: Question, seed: str, shuffle: bool = True) -> Arrangement:
        """Shuffled (or as authored), but never already in the right order."""
        items = list(question.options)
        if shuffle:
            random.Random(f"{seed}\x1fleft\x1f{len(items)}").shuffle(items)
        if [o.id for o in items] == list(question.correct) and len(items) > 1:
            items.reverse()
        return Arrangement(tuple(items))

    def grade(self, question: Question, response: object) -> Grade:
        order = ids_of(response)
        if sorted(order) != sorted(question.correct):
            raise InvalidResponse("put every item in the order exactly once")
        marks = tuple((given, given == right) for given, right in zip(order, question.correct, strict=True))
        in_place = sum(ok for _id, ok in marks)
        by_id = {o.id: o for o in question.options}
        feedback = tuple((i, by_id[i].feedback) for i in question.correct)
        return Grade(in_place == len(order), in_place / len(order), feedback, marks)

    def parse(self, text: str, question: Question, arranged: Arrangement) -> object:
        count = len(arranged.shown)
        picked = numbers(text, count)
        if sorted(picked) != list(range(count)):
            example = " ".join(str(n) for n in range(count, 0, -1))
            raise InvalidResponse(f"give all {count} item numbers, each once, in the right order (e.g. {example})")
        return [arranged.shown[i].id for i in picked]

    def explain(self, question, arranged, response, grade):
        """The learner's order place by place, each marked (with what belongs there), beside the right order."""
        by_id = {o.id: o for o in question.options}
        order = [str(i) for i in response] if isinstance(response, list | tuple) else []
        if sorted(order) != sorted(question.correct):
            order = []
        yours = tuple(
            Remark(by_id[given].text, given == right, chosen=True, instead="" if given == right else by_id[right].text)
            for given, right in zip(order, question.correct, strict=True)
        ) if order else ()
        model = tuple(Remark(by_id[i].text, why=by_id[i].feedback) for i in question.correct)
        return tuple(p for p in (Explained("Your order", yours, True), Explained("The right order", model, True)) if p.remarks)

    def export(self, question: Question) -> ExportItem:
        by_id = {o.id: o for o in question.options}
        return ExportItem("ordering", question.prompt, sequence=tuple((by_id[i].text, by_id[i].feedback) for i in question.correct))


KIND = Ordering()
