"""Checks: read only the store, return a result per control with figures and named exceptions."""
