"""Deal level: an answer given in its own call stands against a later call.

The issue's rule: a later call answers a question only when it was never answered where it was asked. A date the
client gave when asked (not dodged) stays on the card when a later call asks again ("А по срокам, когда примерно?" —
"Ну где-то летом, точнее пока не знаю"), asks about another event's date, or reads it back; a need reply pinned in
one call is not replaced by the reply to our remark in a later call ("Понимаю, что обидно…" — "Ладно, я ему
передам."). A dodged answer (``QuestionResult.evasions``) and a volunteered one do not stand: a later call settles them."""

from __future__ import annotations

from qa_desk.analysis.results import Evidence, QuestionResult
from qa_desk.domain.transcript import Speaker

_WISH = "бы"  # "Я бы, конечно, к уборке хотел, но он … может до осени тянуть": a wish the next clause takes back
_BUT = frozenset({"но", "однако", "только"})


def stands(result: QuestionResult, shown: Evidence | None, recording: int, sure: float = 0.0) -> bool:
    """``shown`` (the card's answer) was prompted on the client's channel in a call before ``recording`` by a question asked there with at
    least ``sure`` confidence, was not dodged, and is no wish taken back ("я бы … хотел, но …")."""
    if shown is None or shown.recording >= recording or shown.volunteered or shown.speaker != Speaker.CLIENT:
        return False  # in mono the roles are guessed: the earlier "answer" may be our own line
    if not any(a.recording == shown.recording and a.start <= shown.start and a.confidence >= sure
               for a in result.asked_evidence):
        return False
    words = [w.strip(",.!?…—-:;«»") for w in shown.quote.lower().split()]
    if _WISH in words and any(w in _BUT for w in words[words.index(_WISH):]):
        return False
    return all((e.recording, e.start) != (shown.recording, shown.start) for e in result.evasions)


def keep(result: QuestionResult, shown: Evidence) -> None:
    """Show ``shown`` again on the card."""
    result.primary = next(i for i, e in enumerate(result.answer_evidence) if e is shown)
