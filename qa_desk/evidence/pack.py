"""Building the evidence pack: one ZIP with pages, PDFs, audio clips, the contract and the manifest.

Layout::

    index.html, index.pdf            the contract's questions and the leads' verdicts
    leads/<lead>.html, .pdf          one page per lead
    clips/<lead>/<question>-<asked|answer|evasion>.ogg
    contract.toml                    the contract's text (its SHA-256 is in the manifest)
    manifest.json                    hashes of every original and every file, sealed
    manifest.json.sha256             ``sha256sum -c`` line for the manifest

Each original is hashed again before it is cut: a recording changed since it was imported is
refused with its name. A missing original leaves its clips out (listed in ``warnings``).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_desk.audio import file_sha256
from qa_desk.audio.errors import AudioError
from qa_desk.evidence import manifest as mf
from qa_desk.evidence.clips import Cut, make_clip
from qa_desk.evidence.html import index_page, lead_page
from qa_desk.evidence.model import PackCall, PackInput, PackLead
from qa_desk.evidence.pdf import PdfRenderer
from qa_desk.leads import CallState

Progress = Callable[[int, int, str], None]
_STORED = (".ogg", ".pdf")  # already compressed


class PackError(RuntimeError):
    """The pack cannot be built; the Russian message names the lead or the file."""


@dataclass
class PackResult:
    path: Path
    manifest_sha256: str
    files: int
    clips: int
    size: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Pack:
    files: dict[str, bytes] = field(default_factory=dict)
    clips: list[dict[str, Any]] = field(default_factory=list)
    originals: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_pack(
    pack: PackInput, out: Path, render_pdf: PdfRenderer, on_progress: Progress | None = None
) -> PackResult:
    """Build the ZIP at ``out``; ``on_progress(done, total, what)`` after each clip and each lead's page."""
    if not pack.leads:
        raise PackError("Не выбрано ни одного лида для пакета")
    state = _Pack()
    planned = [job for lead in pack.leads for job in _plan_clips(lead, state)]
    total = len(planned) + len(pack.leads)
    clips: dict[str, dict[tuple[str, str], str]] = {lead.id: {} for lead in pack.leads}
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        futures = {pool.submit(make_clip, job.path, job.start, job.end): job for job in planned}
        for done, future in enumerate(as_completed(futures), 1):
            job = futures[future]
            try:
                data, cut = future.result()
            except AudioError as exc:
                state.warnings.append(f"лид {job.lead.id}: {exc}")
                continue
            state.files[job.name] = data
            state.clips.append(_clip_entry(job, data, cut))
            for key in job.keys:
                clips[job.lead.id][key] = job.name
            if on_progress is not None:
                on_progress(done, total, f"{job.lead.id}: фрагменты записей")
    state.clips.sort(key=lambda c: c["file"])
    links = {lead.id: f"leads/{lead.slug}.html" for lead in pack.leads}
    for number, lead in enumerate(pack.leads, 1):
        mine = clips[lead.id]
        page = lead_page(pack, lead, {k: f"../{v}" for k, v in mine.items()}, True, "../index.html")
        state.files[f"leads/{lead.slug}.html"] = page.encode()
        state.files[f"leads/{lead.slug}.pdf"] = render_pdf(
            lead_page(pack, lead, mine, False), f"Лид {lead.id}"
        )
        if on_progress is not None:
            on_progress(len(planned) + number, total, f"{lead.id}: страница и PDF")
    state.files["index.html"] = index_page(pack, links, True).encode()
    state.files["index.pdf"] = render_pdf(index_page(pack, {}, False), f"Пакет: {pack.contract.name}")
    state.files["contract.toml"] = pack.contract.text.encode("utf-8")
    manifest = mf.seal(_manifest(pack, state))
    manifest_bytes = mf.dump(manifest)
    size = _write_zip(out, state.files, manifest_bytes, pack.built_at.timetuple()[:6])
    return PackResult(out, manifest[mf.SEAL], len(state.files) + 2, len(state.clips), size, state.warnings)


@dataclass
class _Clip:
    """One clip to cut: a moment of a call, shown for one or more (question, kind) of the lead."""

    lead: PackLead
    call: PackCall
    path: Path
    name: str
    question: str
    kind: str
    start: float
    end: float
    keys: list[tuple[str, str]] = field(default_factory=list)


def _plan_clips(lead: PackLead, state: _Pack) -> list[_Clip]:
    """The lead's quoted moments to cut (a moment quoted twice is cut once)."""
    usable = {c.index: c for c in lead.calls if _original(lead, c, state)}
    planned: dict[tuple[int, float, float], _Clip] = {}
    for judged in lead.verdict.findings:
        f = judged.finding
        for kind, moment in (("asked", f.asked), ("answer", f.answer), ("evasion", f.evasion)):
            call = usable.get(moment.call) if moment is not None else None
            if moment is None or call is None or call.path is None:
                continue
            key = (moment.call, moment.start, moment.end)
            if key not in planned:
                name = f"clips/{lead.slug}/{f.question_id}-{kind}.ogg"
                planned[key] = _Clip(
                    lead, call, call.path, name, f.question_id, kind, moment.start, moment.end
                )
            planned[key].keys.append((f.question_id, kind))
    return list(planned.values())


def _original(lead: PackLead, call: PackCall, state: _Pack) -> bool:
    """Record the call's original in the manifest; True when its clips can be cut from it."""
    entry: dict[str, Any] = {
        "lead": lead.id,
        "call": call.number,
        "file": call.name,
        "sha256": call.sha256,
        "state": call.state.value,
        "started_at": call.started_at.isoformat() if call.started_at else None,
        "duration_s": call.duration_s,
        "channels": call.channels,
        "model": call.model,
        "error": call.error,
    }
    state.originals.append(entry)
    if call.state is not CallState.TRANSCRIBED or call.path is None:
        return False
    if not call.path.is_file():
        state.warnings.append(
            f"лид {lead.id}: исходная запись {call.name} не найдена ({call.path}); фрагменты не вырезаны"
        )
        return False
    actual = file_sha256(call.path)
    if call.sha256 and actual != call.sha256:
        raise PackError(
            f"Лид {lead.id}: запись {call.name} изменилась после импорта (SHA-256 {actual[:12]}… вместо "
            f"{call.sha256[:12]}…); пакет не собран"
        )
    entry["size"] = call.path.stat().st_size
    return True


def _clip_entry(job: _Clip, data: bytes, cut: Cut) -> dict[str, Any]:
    return {
        "file": job.name,
        "sha256": mf.sha256(data),
        "lead": job.lead.id,
        "call": job.call.number,
        "question": job.question,
        "kind": job.kind,
        "original": job.call.name,
        "original_sha256": job.call.sha256,
        **cut.to_json(),
    }


def _manifest(pack: PackInput, state: _Pack) -> dict[str, Any]:
    who = pack.built_by
    return {
        "format": mf.FORMAT,
        "created_at": pack.built_at.isoformat(timespec="seconds") + "Z",
        "created_by": {"login": who.login, "name": who.name, "role": who.role},
        "app": {"name": "QA Desk", "version": pack.app_version},
        "engine": {"version": pack.engine_version},
        "models": sorted({c.model for lead in pack.leads for c in lead.calls if c.model}),
        "mask_pii": pack.mask_pii,
        "contract": {
            "name": pack.contract.name,
            "client": pack.contract.client,
            "version": pack.contract_version,
            "sha256": pack.contract.sha256,
            "file": "contract.toml",
        },
        "leads": [_lead_entry(lead) for lead in pack.leads],
        "originals": state.originals,
        "clips": state.clips,
        "files": [
            {"path": p, "sha256": mf.sha256(data), "size": len(data)}
            for p, data in sorted(state.files.items())
        ],
    }


def _lead_entry(lead: PackLead) -> dict[str, Any]:
    decisions = [
        {
            "question": j.finding.question_id,
            "automatic": j.finding.status.value,
            "decision": j.decision.kind.value,
            "by": j.decision.by_login,
            "at": j.decision.at.isoformat(timespec="seconds") + "Z",
            "comment": j.decision.comment,
        }
        for j in lead.verdict.findings
        if j.decision is not None
    ]
    return {
        "id": lead.id,
        "verdict": lead.verdict.status.value,
        "verdict_label": lead.verdict.status.label,
        "automatic_verdict": lead.auto_status.value,
        "page": f"leads/{lead.slug}.html",
        "pdf": f"leads/{lead.slug}.pdf",
        "checked_at": lead.checked_at.isoformat(timespec="seconds") + "Z",
        "checked_by": lead.checked_by,
        "engine_version": lead.engine_version,
        "decisions": decisions,
    }


def _write_zip(out: Path, files: dict[str, bytes], manifest_bytes: bytes, stamp: tuple[int, ...]) -> int:
    """Write the ZIP next to ``out`` and move it into place, so a failed build leaves no half pack."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".qa-desk-pack-", suffix=".zip", dir=out.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w") as z:
            for name, data in [
                *sorted(files.items()),
                (mf.MANIFEST, manifest_bytes),
                (mf.SIDECAR, mf.sidecar(manifest_bytes)),
            ]:
                method = zipfile.ZIP_STORED if name.endswith(_STORED) else zipfile.ZIP_DEFLATED
                info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
                info.external_attr = 0o644 << 16
                z.writestr(info, data, compress_type=method)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out.stat().st_size
