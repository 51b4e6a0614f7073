"""http_json: one overall deadline per request and per source; no redirect to another host."""

from __future__ import annotations

import datetime as dt
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from auditpack.errors import EvidenceError
from auditpack.evidence.collectors.base import CollectContext, SourceSpec
from auditpack.evidence.collectors.http_json import HttpJsonCollector, _HttpOnlyRedirects
from auditpack.evidence.store import EvidenceStore

NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)
BODY = b'{"value": [{"id": 1}, {"id": 2}]}' + b" " * 200


class _Slow(BaseHTTPRequestHandler):
    """Trickles its answer a byte at a time, or redirects elsewhere."""

    server: _Server

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path.startswith("/offsite"):
            return self._redirect(f"http://localhost:{port}/fast")
        if self.path.startswith("/downgrade"):
            return self._redirect("http://127.0.0.1:1/fast")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        if self.path.startswith("/fast"):
            self.wfile.write(BODY)
            return None
        gap = 0.2 if self.path.startswith("/trickle") else 0.0
        try:
            for i in range(len(BODY)):
                self.wfile.write(BODY[i:i + 1])
                self.wfile.flush()
                time.sleep(gap)
        except OSError:
            pass  # the client gave up, as it should
        return None

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@pytest.fixture()
def server() -> Iterator[str]:
    srv = _Server(("127.0.0.1", 0), _Slow)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)


@pytest.fixture()
def ctx(tmp_path: Path) -> Iterator[CollectContext]:
    store = EvidenceStore.open(tmp_path)
    yield CollectContext(tmp_path, store, NOW, dt.date(2026, 9, 30), {})
    store.close()


def collect(ctx: CollectContext, **options: Any) -> Any:
    spec = SourceSpec.model_validate({"id": "api", "collector": "http_json", **options})
    collector = HttpJsonCollector()
    return collector.collect(spec, collector.Options.model_validate(spec.options()), ctx)


def test_a_trickling_server_is_cut_off_at_the_overall_timeout(ctx: CollectContext,
                                                              server: str) -> None:
    started = time.monotonic()
    with pytest.raises(EvidenceError) as info:
        collect(ctx, url=f"{server}/trickle", timeout_seconds=1)
    took = time.monotonic() - started
    assert took < 3, f"read for {took:.1f} s with timeout_seconds: 1"
    assert "no complete response within 1 s (timeout_seconds)" in str(info.value)
    assert "/trickle (page 1)" in str(info.value) and ctx.store.items() == []


def test_the_source_has_its_own_deadline(ctx: CollectContext, server: str) -> None:
    started = time.monotonic()
    with pytest.raises(EvidenceError, match="source_timeout_seconds"):
        collect(ctx, url=f"{server}/trickle", timeout_seconds=60, source_timeout_seconds=1)
    assert time.monotonic() - started < 3


def test_a_fast_answer_within_the_deadline_is_kept(ctx: CollectContext, server: str) -> None:
    (art,) = collect(ctx, url=f"{server}/steady", timeout_seconds=30)
    assert art.meta.record_count == 2


def test_a_redirect_to_another_host_is_refused_naming_both(ctx: CollectContext,
                                                           server: str) -> None:
    with pytest.raises(EvidenceError) as info:
        collect(ctx, url=f"{server}/offsite", timeout_seconds=5)
    message = str(info.value)
    assert "redirected from http://127.0.0.1 to http://localhost" in message
    assert "refusing to follow it" in message


def test_a_redirect_from_https_to_http_is_refused(ctx: CollectContext) -> None:
    req = urllib.request.Request("https://api.example/v1")
    with pytest.raises(EvidenceError, match="from https://api.example to http://api.example"):
        _HttpOnlyRedirects().redirect_request(req, None, 302, "Found",  # type: ignore[arg-type]
                                              None, "http://api.example/v2")  # type: ignore[arg-type]
