"""A contract question said by its core word alone: the one strong word of an operator's question that only one of
the set's questions names.

A formal title ("Готовность Заказчика к раздельному накоплению вторичного сырья", "Потребность в перезарядке
первичных средств пожаротушения") has five or six words; the operator says one of them, often in another form
("отдельно", "заряжали", cognates.py), and the rest in his own words ("пластик, бумагу офисную — тоже бы отдельно
собирали?", "баллоны свои давно заряжали?"). The soft match (contract.py) then covers too little of the title to
reach even a weak ask. Here such a question sentence is a weak candidate of that question when all its strongly
matched words (``ANCHOR``) belong to that one question and to no other, and its soft score is not far below a
weak ask (``_NEAR``): as every weak candidate, it is asked only when the client's reply has the answer's shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.similarity import ANCHOR, Word, word_similarity
from qa_desk.analysis.vectors import vectors

if TYPE_CHECKING:
    from qa_desk.analysis.contract import Bag

_NEAR = 0.35  # the soft score a core word's question needs at least (contract.WEAK_ASK is 0.45)


def core_hit(bags: Sequence[Bag], words: Sequence[Word], scored: Sequence[tuple[float, int]]) -> int | None:
    """The index of the one question whose words alone match the sentence's ``words`` strongly, when its soft score
    (``scored``: (score, bag index), best first) is the best and at least ``_NEAR``."""
    if not scored or scored[0][0] < _NEAR or len(scored) > 1 and scored[1][0] >= scored[0][0]:
        return None
    table = vectors()
    owners = set()
    for w in words:
        owners |= {i for i, b in enumerate(bags)
                   if any(word_similarity(p, w, table) >= ANCHOR for ph in b.phrasings for p in ph)}
    best = scored[0][1]
    return best if owners == {best} else None
