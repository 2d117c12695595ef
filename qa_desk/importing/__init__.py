"""Importing a CRM export (CSV or JSON manifest) of deals and their recordings."""
