"""Evidence packs for lead disputes: pages, PDFs, audio clips and a sealed manifest in one ZIP.

No Qt and no database: ``services.evidence`` fills a ``PackInput`` from the stored checks and passes
a PDF renderer (Qt's lives in ``qa_desk.ui.pdf_writer``).
"""

from qa_desk.evidence.mask import mask_pii
from qa_desk.evidence.model import Builder, PackCall, PackInput, PackLead
from qa_desk.evidence.pack import PackError, PackResult, build_pack
from qa_desk.evidence.pdf import PdfRenderer
from qa_desk.evidence.verify import VerifyReport, verify_pack

__all__ = [
    "Builder",
    "PackCall",
    "PackError",
    "PackInput",
    "PackLead",
    "PackResult",
    "PdfRenderer",
    "VerifyReport",
    "build_pack",
    "mask_pii",
    "verify_pack",
]
