"""Round 16 (eng16e): the «кто» of a work verb through Whisper. A «кто» that names its work (a verb and the object the
work is done on: «окна вам кто моет») asks the doer, not the decider; a «кто» whose verb Whisper misheard («кто у вас
описал» for «подписал», «кто мешает» for «решает», a verb no dictionary has), that has no object, or whose object is a
matter one is in charge of («вопросы закупок кто ведёт») or a decision («выбор»), stays the decider's question.
Trades no corpus folder has (a car wash, a window cleaner, a dental lab, a shop), written for eng16e's narrowing of
eng16d's rule."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.questions import QuestionSet
from tests.analysis_calls import asked_after, case_hits

GREETING = "Добрый день, это «Чистый блеск», мы ставим автомойки самообслуживания. Удобно говорить?"

CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    # the doer of a named work: no decider
    (bant(), "А окна вам кто моет, своя бригада?", "Своя, две девочки.", None),
    (bant(), "А отчёты у вас кто готовит, бухгалтер?", "Бухгалтер, приходящая.", None),
    (bant(), "Машины вам кто сейчас обслуживает, дилер?", "Дилер, по гарантии.", None),
    (bant(), "А слепки у вас кто отливает, техник?", "Техник, Саша.", None),
    # the decider, in clean text
    (bant(), "А вопросы закупок у вас кто ведёт, вы сами?", "Я сама.", "authority"),
    (bant(), "А кто у вас в итоге этот выбор делает, вы или хозяин?", "Хозяин, Игорь Петрович.", "authority"),
    # the decider, through Whisper: a misheard verb with no object, a word no dictionary has, a verb that is not «кто»'s
    (bant(), "А кто у вас описал, вы или директор?", "Директор подписывает.", "authority"),
    (bant(), "а кто у вас мешает вы или хозяин", "Хозяин решает, я только считаю.", "authority"),
    (bant(), "а кто у вас подпыряет договоры вы сами", "Я сам подписываю.", "authority"),
    (bant(), "а кто у вас на этом вопросе сидит и в итоге подписывает", "Заведующая, Ольга Ивановна.", "authority"),
]


def _asked(questions: QuestionSet, line: str, reply: str) -> list[str]:
    return [q for q in asked_after(questions, GREETING, line, reply) if q == "authority"]


def test_own_cases() -> None:
    """Written after the narrowing, so a check of it, not evidence: main 9 of 10 (asks the decider for «отчёты кто готовит»),
    eng16d 7 of 10 (misses the matter, the decision and «кто мешает»), eng16e 10 of 10."""
    got, total, missed = case_hits(CASES, _asked)
    assert got >= 10, (got, total, missed)
