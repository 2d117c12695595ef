"""The pack's manifest: hashes of everything in it, sealed by a SHA-256 of its own content.

``manifest_sha256`` is the SHA-256 of the manifest's canonical JSON (keys sorted, UTF-8, no spaces)
without that key; ``manifest.json.sha256`` beside it holds the SHA-256 of the file's bytes in
``sha256sum`` format, so ``sha256sum -c manifest.json.sha256`` checks it with no QA Desk at hand.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

FORMAT = "qa-desk-evidence/1"
MANIFEST = "manifest.json"
SIDECAR = "manifest.json.sha256"
SEAL = "manifest_sha256"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(manifest: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in manifest.items() if k != SEAL}
    return {**body, SEAL: sha256(canonical(body))}


def is_sealed(manifest: dict[str, Any]) -> bool:
    body = {k: v for k, v in manifest.items() if k != SEAL}
    return manifest.get(SEAL) == sha256(canonical(body))


def dump(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def sidecar(manifest_bytes: bytes) -> bytes:
    return f"{sha256(manifest_bytes)}  {MANIFEST}\n".encode()
