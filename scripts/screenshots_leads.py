#!/usr/bin/env python
"""Render the lead-generation screens into docs/screenshots (offscreen): the «Лиды по договору» view
and a lead's evidence page from a built pack.

The demo leads (``resources/demo/leads``) are imported into a temporary database and transcribed with
the real pipeline (cached on disk by content, so a second run takes seconds), checked under the demo
contract, and L-210's unsure timing is decided by a reviewer. The evidence page is the pack's HTML
shown by headless Chromium when it is installed (``apt-get install chromium``), else its PDF page
through ``pdftoppm``. Usage: ``python scripts/screenshots_leads.py [--out docs/screenshots]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "resources" / "demo" / "leads"
LEAD = "L-210"
SIZE = (1440, 900)


def prepare(folder: Path):  # noqa: ANN201 - Services of the QC controller, the contract
    from qa_desk.asr.pipeline import Transcriber
    from qa_desk.leads import DecisionKind
    from qa_desk.services import Services

    services = Services.open(f"sqlite:///{folder / 'leads.sqlite3'}")
    services.users.sync()
    olga = services.as_user(services.users.get("olga"))
    olga.imports.import_manifest(DEMO / "manifest.csv")
    transcription = olga.transcription
    options = transcription.options()
    transcriber = Transcriber(options)
    for job in transcription.claim(options, retry_failed=False):
        print(f"  распознаю {Path(job.path).name}", flush=True)
        transcription.store_result(job.recording_id, transcriber.transcribe(job.path), options, analyze=False)
    contract = olga.leads.register_file(DEMO / "contract.toml")
    olga.leads.check(contract, olga.leads.lead_refs(contract))
    olga.leads.decide(contract, LEAD, "timing", DecisionKind.PASSED, "Перезвонили: закупка сразу после майских")
    return olga, contract


def evidence_page(olga, contract, folder: Path, out: Path) -> None:  # noqa: ANN001
    from qa_desk.ui.pdf_writer import QtPdfRenderer

    pack = olga.evidence.build(contract, ["L-204", LEAD], folder / "pack.zip", QtPdfRenderer(), mask_pii=True)
    unpacked = folder / "pack"
    with zipfile.ZipFile(pack.path) as z:
        z.extractall(unpacked)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    target = out / "lead_evidence.png"
    if browser:
        page = unpacked / "leads" / f"{LEAD}.html"
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--screenshot={target}",
             "--window-size=1100,1640", page.as_uri()],
            check=True, capture_output=True,
        )
    else:
        stem = folder / "page"
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(unpacked / "leads" / f"{LEAD}.pdf"),
                        str(stem)], check=True)
        shutil.copyfile(stem.with_suffix(".png"), target)
    print(f"  {target}")


def leads_view(olga, out: Path) -> None:  # noqa: ANN001
    from qa_desk.ui.app import create_application
    from qa_desk.ui.leads_view import LeadsView

    app = create_application()
    view = LeadsView(olga)
    view.resize(*SIZE)
    view.show()
    view.select_leads(["L-204"])
    app.processEvents()
    view.grab().save(str(out / "leads.png"))
    view.shutdown()
    print(f"  {out / 'leads.png'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="qa-desk-leads-shots-") as tmp:
        folder = Path(tmp)
        olga, contract = prepare(folder)
        leads_view(olga, args.out)
        evidence_page(olga, contract, folder, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
