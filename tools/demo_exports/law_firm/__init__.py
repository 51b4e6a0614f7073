"""Calder & Whitlock LLP (co-managed with Fabrikam Managed Services)."""
