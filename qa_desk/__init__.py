"""QA Desk: local quality control of sales calls."""

__version__ = "0.1.0"
