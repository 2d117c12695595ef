"""Application services: the use cases, the only callers of ``storage``.

``Services`` (``qa_desk.services.container``) bundles them for one acting user; the UI and the
command line talk to nothing else below them.
"""

from qa_desk.services.container import Services

__all__ = ["Services"]
