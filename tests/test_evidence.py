"""The evidence pack of demo leads: contents, hashes, Russian PDF text, clips, tampering found by verify."""

from __future__ import annotations

import ast
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import soundfile as sf
from conftest import ROOT
from conftest_leads import CONTRACT_NAME, DEMO_LEADS, LEADS_DEMO

from qa_desk.domain.access import AccessDenied
from qa_desk.evidence import manifest as mf
from qa_desk.evidence import verify_pack
from qa_desk.leads import DecisionKind

pytestmark = pytest.mark.slow

PACKED = ["L-201", "L-204", "L-209", "L-210"]


@pytest.fixture(scope="module")
def renderer(qapp):  # noqa: ANN001, ANN201 - pytest-qt's QApplication first, as in the app
    from qa_desk.ui.pdf_writer import QtPdfRenderer

    return QtPdfRenderer()


@pytest.fixture(scope="module")
def pack(leads_template: Path, renderer, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201
    """One pack of four checked demo leads (one with a reviewer's decision), shared by the read-only tests."""
    from qa_desk.services import Services

    folder = tmp_path_factory.mktemp("pack")
    shutil.copyfile(leads_template, folder / "leads.sqlite3")
    services = Services.open(f"sqlite:///{folder / 'leads.sqlite3'}")
    services.users.sync()
    olga = services.as_user(services.users.get("olga"))
    contract = olga.leads.register_file(LEADS_DEMO / "contract.toml")
    olga.leads.check(contract, DEMO_LEADS)
    olga.leads.decide(contract, "L-210", "timing", DecisionKind.PASSED, "Перезвонили: закупка в мае")
    result = olga.evidence.build(contract, PACKED, folder / "dispute-2026-03.zip", renderer)
    yield olga, contract, result
    services.close()


def _manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("manifest.json"))


def _rewrite(src: Path, dst: Path, changes: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for name in old.namelist():
            new.writestr(name, changes.get(name, old.read(name)))
        for name in set(changes) - set(old.namelist()):
            new.writestr(name, changes[name])


def test_pack_contents_and_hashes(pack) -> None:  # noqa: ANN001
    services, contract, result = pack
    manifest = _manifest(result.path)
    with zipfile.ZipFile(result.path) as z:
        names = set(z.namelist())
        for entry in manifest["files"]:
            assert hashlib.sha256(z.read(entry["path"])).hexdigest() == entry["sha256"], entry["path"]
        raw = z.read("manifest.json")
        assert z.read("manifest.json.sha256").decode() == f"{hashlib.sha256(raw).hexdigest()}  manifest.json\n"
        assert z.read("contract.toml").decode() == contract.text
        index = z.read("index.html").decode()
    for lead in PACKED:
        assert {f"leads/{lead}.html", f"leads/{lead}.pdf"} <= names
    assert {"index.html", "index.pdf", "contract.toml", "manifest.json", "manifest.json.sha256"} <= names
    assert mf.is_sealed(manifest) and manifest["manifest_sha256"] == result.manifest_sha256
    assert manifest["contract"] == {
        "name": CONTRACT_NAME, "client": "ООО «ПромТехСервис»", "version": 1, "sha256": contract.sha256,
        "file": "contract.toml",
    }
    assert manifest["created_by"]["login"] == "olga" and manifest["engine"]["version"] and manifest["models"]
    originals = {(o["lead"], o["call"]): o for o in manifest["originals"]}
    for (lead, call), original in originals.items():
        calls = sorted((LEADS_DEMO / "calls" / lead).glob("*.mp3"))
        assert original["sha256"] == hashlib.sha256(calls[call - 1].read_bytes()).hexdigest()
    assert originals[("L-209", 2)]["state"] == "failed" and "повреждён" in originals[("L-209", 2)]["error"]
    assert not [c for c in manifest["clips"] if c["lead"] == "L-209" and c["call"] == 2]
    verdicts = {lead["id"]: (lead["verdict"], lead["automatic_verdict"]) for lead in manifest["leads"]}
    assert verdicts["L-210"] == ("qualified", "disputed") and verdicts["L-204"] == ("rejected", "rejected")
    assert "http://" not in index and "https://" not in index and "<script" not in index  # self-contained
    trail = services.audit.trail("L-204")
    assert trail[-1].action == "evidence_pack" and result.manifest_sha256 in trail[-1].change


def test_pdf_pages_carry_the_russian_text(pack) -> None:  # noqa: ANN001
    _services, _contract, result = pack
    with zipfile.ZipFile(result.path) as z:
        lead_pdf, index_pdf = z.read("leads/L-210.pdf"), z.read("index.pdf")
    lead = subprocess.run(["pdftotext", "-", "-"], input=lead_pdf, capture_output=True, check=True).stdout.decode()
    index = subprocess.run(["pdftotext", "-", "-"], input=index_pdf, capture_output=True, check=True).stdout.decode()
    flat = " ".join(lead.split())
    assert "Лид L-210 — Лид: компрессоры" in flat
    assert "Итог: засчитан" in flat and "Автоматическая проверка: спорный" in flat
    assert "Решение проверяющего: засчитано проверяющим" in flat and "Ольга Контролёрова (olga)" in flat
    assert "Перезвонили: закупка в мае" in flat and "Вопрос менеджера:" in flat and "Ответ клиента:" in flat
    assert "звонок 1, 11.03.2026 11:00, на 00:" in flat
    flat_index = " ".join(index.split())
    assert f"Пакет доказательств по договору «{CONTRACT_NAME}»" in flat_index
    assert "Бюджет от 300 000 ₽" in flat_index and "не меньше 300 000 ₽" in flat_index


def test_clips_decode_and_last_what_the_manifest_says(pack) -> None:  # noqa: ANN001
    _services, _contract, result = pack
    manifest = _manifest(result.path)
    assert len(manifest["clips"]) >= 12
    with zipfile.ZipFile(result.path) as z:
        for clip in manifest["clips"]:
            data, rate = sf.read(io.BytesIO(z.read(clip["file"])), always_2d=True)
            seconds = data.shape[0] / rate
            assert rate == clip["sample_rate"] == 8000 and data.shape[1] == clip["channels"] == 2
            assert abs(seconds - (clip["end_s"] - clip["start_s"])) < 0.02, clip["file"]
            assert 1.5 < seconds <= 20.0
    answer = next(c for c in manifest["clips"] if c["file"] == "clips/L-204/budget-answer.ogg")
    page = zipfile.ZipFile(result.path).read("leads/L-204.html").decode()
    assert 'src="../clips/L-204/budget-answer.ogg"' in page and answer["original"].endswith("zarya.mp3")


def test_verify_passes_an_intact_pack_with_the_originals(pack) -> None:  # noqa: ANN001
    _services, _contract, result = pack
    report = verify_pack(result.path, LEADS_DEMO / "calls")
    assert report.ok, report.problems
    assert report.clips_checked == len(_manifest(result.path)["clips"]) and report.originals_found >= 5


def test_verify_names_a_tampered_file_clip_or_manifest(pack, tmp_path: Path) -> None:  # noqa: ANN001
    _services, _contract, result = pack
    with zipfile.ZipFile(result.path) as z:
        other_clip = z.read("clips/L-201/budget-answer.ogg")
        page = z.read("leads/L-204.html").decode()
    edited = tmp_path / "edited.zip"
    _rewrite(result.path, edited, {"leads/L-204.html": page.replace("не засчитан", "засчитан").encode()})
    assert verify_pack(edited).problems == ["leads/L-204.html: SHA-256 не совпадает с манифестом — файл изменён"]

    swapped = tmp_path / "swapped.zip"
    _rewrite(result.path, swapped, {"clips/L-204/budget-answer.ogg": other_clip})
    assert any(p.startswith("clips/L-204/budget-answer.ogg: SHA-256") for p in verify_pack(swapped).problems)

    # A forger who also rewrites and reseals the manifest still fails against the originals.
    manifest = _manifest(result.path)
    for entry in manifest["files"] + manifest["clips"]:
        if entry.get("path", entry.get("file")) == "clips/L-204/budget-answer.ogg":
            entry["sha256"] = hashlib.sha256(other_clip).hexdigest()
    resealed = mf.dump(mf.seal(manifest))
    forged = tmp_path / "forged.zip"
    _rewrite(result.path, forged, {"clips/L-204/budget-answer.ogg": other_clip, "manifest.json": resealed,
                                   "manifest.json.sha256": mf.sidecar(resealed)})
    assert verify_pack(forged).ok  # the hashes alone agree now...
    problems = verify_pack(forged, LEADS_DEMO / "calls").problems
    assert len(problems) == 1 and problems[0].startswith("clips/L-204/budget-answer.ogg: не вырезан из 2026-03-05_14-00-00_zarya.mp3")

    manifest = _manifest(result.path)
    manifest["leads"][1]["verdict"] = "qualified"
    unsealed = tmp_path / "unsealed.zip"
    _rewrite(result.path, unsealed, {"manifest.json": mf.dump(manifest)})
    assert any(p.startswith("manifest.json: SHA-256 манифеста не совпадает") for p in verify_pack(unsealed).problems)

    extra = tmp_path / "extra.zip"
    _rewrite(result.path, extra, {"leads/L-999.html": b"<p>lead</p>"})
    assert verify_pack(extra).problems == ["leads/L-999.html: файла нет в манифесте — добавлен после сборки"]


def test_masking_hides_phones_in_the_pack(lead_services, renderer, tmp_path: Path) -> None:  # noqa: ANN001
    contract = lead_services.leads.contract(CONTRACT_NAME)
    lead_services.leads.check(contract, ["L-201"])
    result = lead_services.evidence.build(contract, ["L-201"], tmp_path / "p.zip", renderer, mask_pii=True)
    with zipfile.ZipFile(result.path) as z:
        page = z.read("leads/L-201.html").decode()
        pdf = subprocess.run(["pdftotext", "-", "-"], input=z.read("leads/L-201.pdf"), capture_output=True).stdout
    assert "+7 *** ***-**-01" in page and "+7 900 000-02-01" not in page
    assert "+7 900 000-02-01" not in pdf.decode() and _manifest(result.path)["mask_pii"] is True


def test_only_lead_workers_build_packs(lead_services, renderer, tmp_path: Path) -> None:  # noqa: ANN001
    contract = lead_services.leads.contract(CONTRACT_NAME)
    manager = lead_services.as_user(lead_services.users.get("anna.lidova"))
    with pytest.raises(AccessDenied):
        manager.evidence.build(contract, ["L-201"], tmp_path / "p.zip", renderer)
    assert not (tmp_path / "p.zip").exists()


def test_cli_pack_and_verify(lead_services, leads_db: str, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from qa_desk.cli import main

    monkeypatch.setenv("QA_DESK_USER", "olga")
    assert main(["--db", leads_db, "leads", "check", "--contract", str(LEADS_DEMO / "contract.toml"),
                 str(LEADS_DEMO / "manifest.csv"), "--export", str(tmp_path / "leads.xlsx")]) == 0
    out = tmp_path / "cli.zip"
    assert main(["--db", leads_db, "evidence", "pack", "--contract", CONTRACT_NAME, "--leads", "L-204,L-207",
                 "--out", str(out)]) == 0
    assert main(["evidence", "verify", str(out), "--recordings", str(LEADS_DEMO / "calls")]) == 0
    _rewrite(out, tmp_path / "bad.zip", {"index.html": b"<p>tampered</p>"})
    assert main(["evidence", "verify", str(tmp_path / "bad.zip")]) == 1
    assert (tmp_path / "leads.xlsx").is_file()


def test_leads_and_evidence_stay_pure() -> None:
    forbidden = ("qa_desk.storage", "qa_desk.services", "qa_desk.ui", "sqlalchemy", "PySide6")
    for folder in ("leads", "evidence"):
        for path in (ROOT / "qa_desk" / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
            modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
            assert not [m for m in modules if m.startswith(forbidden)], path
