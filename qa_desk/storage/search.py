"""Global full-text search over transcripts that knows Russian morphology.

Every segment of a recording's latest transcript is stored as the lemmas of its words
("бюджетом" → "бюджет"), and a query is lemmatized the same way, so any inflected form finds
any other. SQLite uses an FTS5 table (rowid = segment id), PostgreSQL a table with a GIN index
over ``to_tsvector('simple', lemmas)``; both are created by migration 0002 and share this API.

Query syntax: words (all must occur in the segment) and optional ``"quoted phrases"`` (lemmas in
that order). Nothing the user types reaches the FTS parser unquoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, DateTime, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import TextualSelect

# The lemmatizer of the analysis engine, so search and question detection agree on word forms.
from qa_desk.analysis.lexicon import lemma_of
from qa_desk.storage.models import Transcript

_WORD_RE = re.compile(r"[0-9а-яёa-z]+(?:-[0-9а-яёa-z]+)*", re.IGNORECASE)
_PHRASE_RE = re.compile(r'"([^"]*)"')
_BATCH = 5000
MAX_LIMIT = 1000
# Relevance is computed over at most this many matches, the most recently indexed ones: ranking
# every segment that says "бюджет" in 10 000 calls costs ~300 ms and tells the user nothing more.
RANK_WINDOW = 2000


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching segment with where it lives (deal, call, second)."""

    deal_id: int
    deal_external_id: str
    deal_title: str
    recording_id: int
    call_started_at: datetime | None
    segment_id: int
    start_ms: int
    end_ms: int
    speaker: str
    quote: str
    # Character ranges (start, end) of the words in ``quote`` that matched the query.
    spans: tuple[tuple[int, int], ...] = ()
    origin: str = "crm"  # ``RecordingOrigin``: a manager's call, or QC's callback

    @property
    def seconds(self) -> float:
        return self.start_ms / 1000


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Lemmatized query: single terms and phrases, all of which must match."""

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(self.terms) | {lemma for phrase in self.phrases for lemma in phrase}


def lemmatize(word: str) -> str:
    """Lemma of one word; digits and Latin words are kept (lower-cased) as they are."""
    word = word.lower().replace("ё", "е")
    if not re.search("[а-я]", word):
        return word
    return lemma_of(word)


def lemma_text(text_: str) -> str:
    """The space-separated lemmas of ``text_``, as stored in the index."""
    return " ".join(lemmatize(m.group(0)) for m in _WORD_RE.finditer(text_))


def parse_query(query: str) -> ParsedQuery:
    """Split a user query into lemmatized terms and (quoted) phrases."""
    phrases: list[tuple[str, ...]] = []
    terms: list[str] = []
    for m in _PHRASE_RE.finditer(query):
        words = tuple(lemmatize(w.group(0)) for w in _WORD_RE.finditer(m.group(1)))
        if len(words) > 1:
            phrases.append(words)
        else:
            terms.extend(words)
    rest = _PHRASE_RE.sub(" ", query)
    terms.extend(lemmatize(m.group(0)) for m in _WORD_RE.finditer(rest))
    return ParsedQuery(tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(phrases)))


def highlight_spans(quote: str, lemmas: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Character ranges of the words of ``quote`` whose lemma is one of ``lemmas``."""
    wanted = set(lemmas)
    return tuple(m.span() for m in _WORD_RE.finditer(quote) if lemmatize(m.group(0)) in wanted)


# --- indexing -----------------------------------------------------------------------------------


def _key(connection: Connection) -> str:
    """The column that holds the segment id in ``segment_search``."""
    return "rowid" if connection.dialect.name == "sqlite" else "segment_id"


def _insert(connection: Connection, rows: list[dict[str, object]]) -> None:
    if rows:
        connection.execute(
            text(
                f"INSERT INTO segment_search ({_key(connection)}, recording_id, deal_id, start_ms, lemmas) "
                "VALUES (:sid, :recording_id, :deal_id, :start_ms, :lemmas)"
            ),
            rows,
        )


def index_transcript(session: Session, transcript: Transcript) -> int:
    """(Re)index ``transcript`` as its recording's searchable text; returns the segments indexed.

    Rows of the recording's other transcripts are dropped: search shows the latest transcript only.
    """
    session.flush()
    connection = session.connection()
    recording = transcript.recording
    connection.execute(
        text(
            f"DELETE FROM segment_search WHERE {_key(connection)} IN ("
            "SELECT s.id FROM segment s JOIN transcript t ON t.id = s.transcript_id "
            "WHERE t.recording_id = :rid)"
        ),
        {"rid": recording.id},
    )
    rows: list[dict[str, object]] = [
        {
            "sid": seg.id,
            "recording_id": recording.id,
            "deal_id": recording.deal_id,
            "start_ms": seg.start_ms,
            "lemmas": lemma_text(seg.text),
        }
        for seg in transcript.segments
    ]
    _insert(connection, rows)
    return len(rows)


def reindex_connection(connection: Connection) -> int:
    """Rebuild the whole index from the latest transcript of every recording (plain SQL).

    Works on a bare connection so that migration 0002 can fill the index of an existing database.
    """
    connection.execute(text("DELETE FROM segment_search"))
    select_batch = text(
        "SELECT s.id, s.text, s.start_ms, t.recording_id, r.deal_id FROM segment s "
        "JOIN transcript t ON t.id = s.transcript_id JOIN recording r ON r.id = t.recording_id "
        "WHERE s.id > :after AND t.id = (SELECT max(t2.id) FROM transcript t2 "
        "WHERE t2.recording_id = t.recording_id) ORDER BY s.id LIMIT :n"
    )
    total, after = 0, 0
    while True:
        batch = connection.execute(select_batch, {"after": after, "n": _BATCH}).all()
        if not batch:
            return total
        _insert(
            connection,
            [
                {
                    "sid": sid,
                    "recording_id": rid,
                    "deal_id": did,
                    "start_ms": start,
                    "lemmas": lemma_text(body),
                }
                for sid, body, start, rid, did in batch
            ],
        )
        total += len(batch)
        after = batch[-1][0]


def reindex_all(session: Session) -> int:
    """Rebuild the index for every recording; returns the number of segments indexed."""
    session.flush()
    return reindex_connection(session.connection())


# --- searching ----------------------------------------------------------------------------------


def _fts5_query(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression made only of double-quoted strings (implicit AND)."""

    def quote(s: str) -> str:
        return '"' + s.replace('"', '""') + '"'

    parts = [quote(t) for t in parsed.terms] + [quote(" ".join(p)) for p in parsed.phrases]
    return " ".join(parts)


def _matching_sql(connection: Connection, parsed: ParsedQuery) -> tuple[str, dict[str, object]]:
    """A sub-query yielding (sid, rank) of the best matches, lower rank = more relevant."""
    if connection.dialect.name == "sqlite":
        sql = (
            "SELECT rowid AS sid, rank FROM segment_search WHERE segment_search MATCH :q "
            "AND rowid >= (SELECT coalesce(min(rowid), 0) FROM (SELECT rowid FROM segment_search "
            "WHERE segment_search MATCH :q ORDER BY rowid DESC LIMIT :window)) "
            "ORDER BY rank LIMIT :lim"
        )
        return sql, {"q": _fts5_query(parsed), "window": RANK_WINDOW}
    params: dict[str, object] = {}
    parts = []
    if parsed.terms:
        params["terms"] = " ".join(parsed.terms)
        parts.append("plainto_tsquery('simple', :terms)")
    for i, phrase in enumerate(parsed.phrases):
        params[f"p{i}"] = " ".join(phrase)
        parts.append(f"phraseto_tsquery('simple', :p{i})")
    tsquery = " && ".join(parts)
    vector = "ss.vec"  # to_tsvector('simple', lemmas), stored and GIN-indexed (migration 0008)
    if connection.dialect.name == "postgresql":
        sql = (
            f"SELECT w.sid, -ts_rank(w.vec, w.tsq) AS rank FROM ("
            f"SELECT ss.segment_id AS sid, {vector} AS vec, q.tsq FROM segment_search ss, "
            f"(SELECT {tsquery} AS tsq) q WHERE {vector} @@ q.tsq "
            "ORDER BY ss.segment_id DESC LIMIT :window) w ORDER BY rank LIMIT :lim"
        )
        params["window"] = RANK_WINDOW
        return sql, params
    # Any other dialect: a lemma scan, correct but unindexed.
    conditions = []
    for i, lemma in enumerate(sorted(parsed.lemmas)):
        params[f"l{i}"] = f"% {lemma} %"
        conditions.append(f"(' ' || ss.lemmas || ' ') LIKE :l{i}")
    sql = f"SELECT ss.segment_id AS sid, 0 AS rank FROM segment_search ss WHERE {' AND '.join(conditions)} LIMIT :lim"
    return sql, params


def search_sql(
    connection: Connection, parsed: ParsedQuery, limit: int
) -> tuple[TextualSelect, dict[str, object]]:
    """The statement ``search`` runs, with its parameters (``scripts/explain_search.py`` profiles it)."""
    matching, params = _matching_sql(connection, parsed)
    params["lim"] = min(int(limit), MAX_LIMIT)
    sql = text(
        "SELECT d.id, d.external_id, d.title, r.id, r.call_started_at, s.id, s.start_ms, s.end_ms, "
        f"s.speaker, s.text, r.origin FROM ({matching}) h "
        "JOIN segment s ON s.id = h.sid JOIN transcript t ON t.id = s.transcript_id "
        "JOIN recording r ON r.id = t.recording_id JOIN deal d ON d.id = r.deal_id "
        "ORDER BY h.rank, d.id, r.call_started_at, r.id, s.start_ms"
    ).columns(call_started_at=DateTime)
    return sql, params


def search(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    """Segments matching every lemma (and phrase) of ``query``, most relevant first.

    Ties are broken by deal, then call start, then position in the call.
    """
    parsed = parse_query(query)
    if parsed.empty or limit <= 0:
        return []
    connection = session.connection()
    sql, params = search_sql(connection, parsed, limit)
    lemmas = parsed.lemmas
    hits = []
    for deal_id, external_id, title, rid, started, sid, start_ms, end_ms, speaker, quote, origin in connection.execute(
        sql, params
    ):
        spans = highlight_spans(quote, lemmas)
        hits.append(
            SearchHit(deal_id, external_id, title, rid, started, sid, start_ms, end_ms, speaker, quote, spans, origin)
        )
    return hits
