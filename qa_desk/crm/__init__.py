"""CRM connectors: typed HTTP clients for amoCRM (Kommo) API v4 and Bitrix24 REST.

No Qt and no SQL here: this package speaks HTTP (``httpx``) and returns neutral value objects
(``qa_desk.crm.types``); ``qa_desk.services.crm_*`` stores them. Every wait goes through an
injectable ``Clock`` so tests never sleep on a real ``Retry-After``.
"""

from qa_desk.crm.errors import CrmAuthError, CrmError, CrmResponseError, CrmUnavailableError

__all__ = ["CrmAuthError", "CrmError", "CrmResponseError", "CrmUnavailableError"]
