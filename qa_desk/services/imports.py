"""Importing a CRM export (``qa_desk.importing``) through the services, so callers need no database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qa_desk.importing.manifest import ManifestRow
from qa_desk.importing.service import ImportReport, import_manifest, import_once
from qa_desk.services.base import Service

__all__ = ["ImportReport", "ImportService"]


class ImportService(Service):
    def import_manifest(
        self, manifest: Path, *, on_row: Callable[[int, int, ManifestRow], None] | None = None
    ) -> ImportReport:
        """Deals, managers, contracts and recordings from ``manifest`` (idempotent; every good row is
        imported, QC's decisions are kept: see ``qa_desk.importing.service``)."""
        return import_manifest(self.storage.db, Path(manifest), on_row=on_row)

    def import_once(self, manifest: Path) -> ImportReport | None:
        """Import ``manifest`` unless the same file was imported completely before (the demo's
        start-up); None when nothing was done."""
        return import_once(self.storage.db, Path(manifest))
