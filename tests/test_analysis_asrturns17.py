"""Round-17 own check material (written before tuning): mono calls as Whisper base writes them, in trades unlike
the sets' (a dental clinic, a sawmill, a kindergarten, a climbing gym, a car wash, a brewery, a music school, a
planetarium, a ferry line, a veterinary lab, a ski resort, a print house): lowercase, «?» lost, the manager's
question and the client's reply glued into one segment with only a pause between them (the word times show it),
one speaker's turn cut into two segments, and guards where the manager goes on after a pause (his own figure, his
own name) that must not become the client's answer."""

from __future__ import annotations

from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment, Word
from tests.analysis_calls import call

_TURN = " || "  # inside a segment: the other speaker starts after a 0.7 s pause
_GOES_ON = "+ "  # a segment that opens with it goes on the last one's speech (0.15 s gap), no change of speaker
_STEP, _WORD, _BREATH, _PAUSE = 0.3, 0.25, 0.3, 0.7


def whisper_mono(*segments: str) -> RecordingTranscript:
    """A mono recording with word times: words 0.3 s apart, a 0.3 s breath after a comma or a full stop inside a
    turn, 0.7 s between speakers (a turn change inside a segment, or a new segment), 0.15 s across a cut turn."""
    t, out = 0.0, []
    for k, raw in enumerate(segments):
        goes_on = raw.startswith(_GOES_ON)
        t += 0.15 if goes_on else (_PAUSE if k else 0.0)
        words: list[Word] = []
        for j, turn in enumerate(raw.removeprefix(_GOES_ON).split(_TURN)):
            if j:
                t += _PAUSE - (_STEP - _WORD)
            for w in turn.split():
                words.append(Word(round(t, 2), round(t + _WORD, 2), w))
                t += _STEP + (_BREATH if w[-1] in ",." else 0.0)
        text = " ".join(w.word for w in words)
        out.append(Segment(words[0].start, words[-1].end, "unknown", text, words))
        t = words[-1].end
    return RecordingTranscript("call.mp3", t + 1.0, 1, out)


HELLO = "добрый день, это компания, вы оставляли заявку у нас на сайте. || да, было дело, слушаю вас."

# (segments, asked, answered): BANT ids over the call
CASES: list[tuple[tuple[str, ...], set[str], set[str]]] = [
    ((HELLO, "для стоматологии автоклав подбираем, скажите, кто у вас подписывает такие закупки. || "
             "главврач, Ольга Петровна, без неё ничего не покупаем."),
     {"authority"}, {"authority"}),
    ((HELLO, "сушильная камера на пилораму, понял, а что сейчас не устраивает в старой камере. || "
             "доски трескаются, половина партии в брак уходит."),
     {"need"}, {"need"}),
    ((HELLO, "мебель для детского сада, хорошо, а на какую сумму заведующая рассчитывает. || "
             "двести сорок тысяч выделили из области, больше не будет."),
     {"budget"}, {"budget"}),
    ((HELLO, "зацепы для скалодрома, к какому сроку вам нужно всё поставить. || "
             "к первому сентября, у нас открытие сезона."),
     {"timing"}, {"timing"}),
    ((HELLO, "химия для автомойки, а в месяц сколько вы готовы на неё тратить. || "
             "тысяч сорок, дальше уже в убыток работаем.",
      "понятно, а решение по поставщику за вами или за владельцем. || за владельцем, Рустам решает."),
     {"budget", "authority"}, {"budget", "authority"}),
    ((HELLO, "кеги для пивоварни, а когда планируете запускать новую линию. || "
             "в марте, после ремонта цеха.",
      "хорошо, а бюджет на кеги уже заложен. || да, полтора миллиона на всё."),
     {"timing", "budget"}, {"timing", "budget"}),
    ((HELLO, "пианино для музыкальной школы, а зачем вам новые, старые совсем плохие. || "
             "строй не держат, настройщик уже отказывается."),
     {"need"}, {"need"}),
    ((HELLO, "проектор для планетария, а кто у вас в итоге утверждает такую покупку, директор. || "
             "комиссия департамента культуры, директор только подаёт заявку."),
     {"authority"}, {"authority"}),
    ((HELLO, "спасательные жилеты для паромов, а сроки какие у вас, к навигации.",
      "+ успеете к маю. || к апрелю лучше, в мае уже рейсы."),
     {"timing"}, {"timing"}),
    ((HELLO, "анализатор для ветлаборатории, сколько вы на него закладываете в этом году. || "
             "ну, миллион двести, если грант дадут."),
     {"budget"}, {"budget"}),
    # guards: the manager goes on after a pause (his own price, his own offer): no answer, no client
    ((HELLO, "ратраки для горнолыжки, какой у вас бюджет на технику. || для ориентира скажу, у нас новый ратрак "
             "от двадцати миллионов, бывший в работе от восьми.", "ну, мы пока только смотрим, ничего не решили."),
     {"budget"}, set()),
    ((HELLO, "бумага для типографии, а кто у вас отвечает за закупки. || меня, кстати, Андрей зовут, я ваш "
             "менеджер, запишите мой номер.", "хорошо, я передам, пусть вам перезвонят."),
     {"authority"}, set()),
]


def _got(segments: tuple[str, ...]) -> tuple[set[str], set[str]]:
    result = analyze_deal([whisper_mono(*segments)], bant())
    return {q.id for q in result.questions if q.asked}, {q.id for q in result.questions if q.answered}


def own_hits() -> tuple[int, list[str]]:
    missed = [segs[1][:60] for segs, asked, answered in CASES if _got(segs) != (asked, answered)]
    return len(CASES) - len(missed), missed


FLOOR = 12  # main 5/12 (the glued replies), branch 12/12; first branch run 11/12 (the guard «меня Андрей зовут»)


def test_whisper_mono_builder() -> None:
    rec = whisper_mono("а кто решает. || я сам.", "+ ну и жена.")
    words = rec.segments[0].words
    assert rec.segments[0].text == "а кто решает. я сам."
    assert words[3].start - words[2].end >= 0.6
    assert rec.segments[1].start - rec.segments[0].end < 0.3


def test_own_asr_turns17() -> None:
    hits, missed = own_hits()
    assert hits >= FLOOR, missed


# Whisper's capitalised garble where a name was (a word no dictionary has) is no decider; a real name, a rare one
# included, and a garble before a patronymic still are. (question, reply, words the decider must hold or None)
NAME_CASES: list[tuple[str, str, str | None]] = [
    ("А кто у вас подписывает договор на вывоз снега?", "Подписывает Зартуплин, он у нас всё решает.", None),
    ("Кто утверждает закупку реагентов для бассейна?", "Утверждает Кремдова, у неё вся бухгалтерия.", None),
    ("А решение по новым тренажёрам за кем?", "За Тагиром, он владелец зала.", "Тагир"),
    ("Кто у вас согласует смету на кровлю?", "Согласует Гульнара, она завхоз.", "Гульнара"),
    ("А кто окончательно выбирает подрядчика на ремонт лифтов?", "Окончательно выбирает Бразулин Олегович.",
     "Олегович"),
    ("Кто у вас решает по закупке семян?", "Решает Мерцабайка, вот она и решает.", None),
    # added after the first run (the six above did not reach fallback_person's animate noun): not blind
    ("Кто подписывает договор на вывоз мусора?", "Это у нас Кретвалья, зато подпишет.", None),
    ("А кто окончательно выбирает поставщика кормов?", "Шкарфель выбирает, я только собираю.", None),
    ("А кто у вас главный по закупкам шин?", "Главный у нас Мерцабайка, по всем вопросам.", None),
    ("А кто утверждает смету на озеленение?", "Утверждает всегда Пелькодан, я только готовлю.", None),
]


def _decider(question: str, reply: str) -> str:
    rec = call(("manager", "Добрый день, это компания «Снабсервис»."), ("client", "Да, слушаю."),
               ("manager", question), ("client", reply))
    found = analyze_deal([rec], bant()).question("authority")
    return str(((found.value if found else None) or {}).get("text", ""))


def name_hits() -> tuple[int, list[str]]:
    missed = [f"{reply} → {got}" for _q, reply, want in NAME_CASES
              if not ((got := _decider(_q, reply)) and want and want.lower() in got.lower() or not want and not any(
                  w[:1].isupper() and w.strip(",.") in reply for w in got.split()))]
    return len(NAME_CASES) - len(missed), missed


NAME_FLOOR = 8  # main 7/10, branch 8/10 (names.is_name: «Пелькодан»); «Кретвалья» (fallback_person's animate
# noun) and «Кремдова» (a surname-like guess) stay: the animate guard was tried and dropped (answered −5 on audio)


def test_own_asr_names17() -> None:
    hits, missed = name_hits()
    assert hits >= NAME_FLOOR, missed
