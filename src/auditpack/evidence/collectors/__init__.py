"""Collectors: one module per source; built-ins registered through entry points like any plugin."""
