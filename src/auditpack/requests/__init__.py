"""Examiner request lists (PBC lists): import, built-in lists, suggested answers."""

from __future__ import annotations

from .model import Answer, Request, RequestList, Suggestion

__all__ = ["Answer", "Request", "RequestList", "Suggestion"]
