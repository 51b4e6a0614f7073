"""The generic collectors: a command's output, a paged JSON API, and a signed attestation."""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import ValidationError

from auditpack.errors import EvidenceError
from auditpack.evidence.collectors import command as command_module
from auditpack.evidence.collectors.attestation import AttestationCollector
from auditpack.evidence.collectors.base import Artifact, CollectContext, Collector, SourceSpec
from auditpack.evidence.collectors.command import CommandCollector, Redactor
from auditpack.evidence.collectors.http_json import HttpJsonCollector, lookup, redact_url
from auditpack.evidence.registry import collectors
from auditpack.evidence.store import EvidenceStore

NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)
AS_OF = dt.date(2026, 9, 30)
SECRET = "sk-live-7f3a9c2e41b84d0f9a6e"
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJl"


@pytest.fixture()
def ctx(tmp_path: Path) -> Iterator[CollectContext]:
    store = EvidenceStore.open(tmp_path)
    yield CollectContext(tmp_path, store, NOW, AS_OF,
                         {"PATH": "/usr/bin:/bin", "TENANT_API_KEY": SECRET,
                          "GRAPH_TOKEN": TOKEN})
    store.close()


def run(collector: Collector, ctx: CollectContext, **fields: Any) -> list[Artifact]:
    """Collect a source the way the product does: spec, validated options, then record it."""
    spec = SourceSpec.model_validate({"id": "src", "collector": collector.name, **fields})
    options = collector.Options.model_validate(spec.options())
    artifacts = collector.collect(spec, options, ctx)
    ctx.store.add_group([(a.sha256, a.size, a.meta) for a in artifacts], ctx.now)
    return artifacts


def blob(ctx: CollectContext, artifact: Artifact) -> bytes:
    with ctx.store.open_blob(artifact.sha256) as fh:
        return fh.read()


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_generic_collectors_are_registered_under_their_module_names() -> None:
    found = collectors()
    assert found["command"] is CommandCollector
    assert found["http_json"] is HttpJsonCollector
    assert found["attestation"] is AttestationCollector


# --- command -------------------------------------------------------------------------------


def test_command_stores_stdout_and_describes_the_run(ctx: CollectContext) -> None:
    code = "print('Name      Status'); print('ws-fin-014 Running'); print('ws-fin-022 Stopped')"
    (art,) = run(CommandCollector(), ctx, argv=python(code), kind="asset_inventory")
    assert blob(ctx, art).decode().splitlines() == [
        "Name      Status", "ws-fin-014 Running", "ws-fin-022 Stopped"]
    meta = art.meta
    assert meta.original_name == "src.out.txt" and meta.media_type == "text/plain"
    assert meta.kind == "asset_inventory" and meta.as_of == AS_OF
    assert meta.parameters == {"argv": python(code), "exit_code": 0, "timeout_seconds": 60,
                               "redacted": [], "cwd": None}


@pytest.mark.parametrize("chunk", [command_module.CHUNK, 7])
def test_command_redacts_secrets_split_across_chunks(ctx: CollectContext, chunk: int,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command_module, "CHUNK", chunk)
    # The secret is written in two flushed halves, a pause apart, so it arrives in two reads.
    code = ("import os, sys, time\n"
            "s = os.environ['TENANT_API_KEY']\n"
            "sys.stdout.write('key=' + s[:9]); sys.stdout.flush(); time.sleep(0.2)\n"
            "sys.stdout.write(s[9:] + '\\n')\n"
            "print('Authorization: Bearer ' + os.environ['GRAPH_TOKEN'])\n"
            "print('curl -H \"Bearer abc.DEF-123_x\" https://api.example')\n"
            "print('done')\n")
    argv = python(code) + [f"--key={SECRET}"]
    (art,) = run(CommandCollector(), ctx, argv=argv, redact_env=["TENANT_API_KEY", "UNSET_VAR"])
    text = blob(ctx, art).decode()
    assert text.splitlines() == [
        "key=[REDACTED]", "Authorization: Bearer [REDACTED]",
        'curl -H "Bearer [REDACTED]" https://api.example', "done"]
    meta_json = art.meta.model_dump_json()
    assert SECRET not in meta_json and SECRET[:9] not in text
    assert art.meta.parameters["argv"][-1] == "--key=[REDACTED]"
    assert art.meta.parameters["redacted"] == ["TENANT_API_KEY"]


@pytest.mark.parametrize("text", [
    f"user=admin key={SECRET} ok\nAuthorization: bearer {TOKEN}\nthe bearer of this note\n",
    f"{SECRET}{SECRET}Bearer {TOKEN}",
    f"xBearer Bearer {TOKEN} end",
])
def test_redactor_gives_the_same_output_for_every_split(text: str) -> None:
    data = text.encode()
    whole = Redactor([SECRET]).redact(text)
    assert SECRET not in whole and TOKEN not in whole
    for cut in range(len(data) + 1):
        r = Redactor([SECRET])
        assert (r.feed(data[:cut]) + r.feed(data[cut:]) + r.flush()).decode() == whole


def test_redactor_does_not_hold_an_endless_token_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command_module, "MAX_HOLD", 256)
    r = Redactor([])
    parts = [r.feed(b"start Bearer ")] + [r.feed(b"A" * 100) for _ in range(50)]
    out = b"".join(parts) + r.feed(b" end\n") + r.flush()
    assert out == b"start Bearer [REDACTED] end\n"


def test_command_timeout_names_the_command_and_stores_nothing(ctx: CollectContext) -> None:
    started = time.monotonic()
    with pytest.raises(EvidenceError) as exc:
        run(CommandCollector(), ctx, timeout_seconds=1,
            argv=python("import time; print('working', flush=True); time.sleep(30)"))
    assert time.monotonic() - started < 15
    assert "did not finish within 1 s" in exc.value.message
    assert "time.sleep(30)" in exc.value.message and exc.value.location == "source 'src'"
    assert ctx.store.items() == [] and list(ctx.store.tmp.iterdir()) == []


def test_command_failure_gives_the_exit_code_and_redacted_stderr(ctx: CollectContext) -> None:
    code = ("import os, sys\n"
            "print('partial output')\n"
            "for i in range(30): print(f'noise {i}', file=sys.stderr)\n"
            "print('error: key ' + os.environ['TENANT_API_KEY'] + ' rejected', file=sys.stderr)\n"
            "sys.exit(3)\n")
    with pytest.raises(EvidenceError) as exc:
        run(CommandCollector(), ctx, argv=python(code), redact_env=["TENANT_API_KEY"])
    message = exc.value.message
    assert "exited with code 3" in message and "error: key [REDACTED] rejected" in message
    assert "noise 29" in message and "noise 5\n" not in message  # only the last lines
    assert SECRET not in str(exc.value) and ctx.store.items() == []


def test_command_that_cannot_start_is_an_evidence_error(ctx: CollectContext) -> None:
    with pytest.raises(EvidenceError, match="cannot run"):
        run(CommandCollector(), ctx, argv=["auditpack-no-such-tool-7d1e", "--list"])


def test_command_runs_in_cwd_inside_the_workspace_only(ctx: CollectContext) -> None:
    (ctx.workspace / "exports").mkdir()
    (art,) = run(CommandCollector(), ctx, cwd="exports", media_type="application/json",
                 argv=python("import os, json; print(json.dumps({'cwd': os.path.basename("
                             "os.getcwd())}))"))
    assert json.loads(blob(ctx, art)) == {"cwd": "exports"}
    assert art.meta.original_name == "src.out.json"
    with pytest.raises(EvidenceError, match="outside the workspace"):
        run(CommandCollector(), ctx, cwd="../", argv=python("print(1)"))


@pytest.mark.parametrize("options", [
    {"argv": "python -c 'print(1)'"},   # a shell string, not a list
    {"argv": []},
    {"argv": ["true"], "timeout_seconds": 0},
    {"argv": ["true"], "timeout_seconds": 3601},
    {"argv": ["true"], "shell": True},
])
def test_command_options_are_checked(options: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        CommandCollector.Options.model_validate(options)


# --- http_json -----------------------------------------------------------------------------


class _Api(BaseHTTPRequestHandler):
    """A small Graph-like API: three pages of users behind a bearer token, and broken routes."""

    server: _ApiServer

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("Authorization")))
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if url.path == "/v1.0/users":
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self._send(401, {"error": {"code": "InvalidAuthenticationToken"}})
            page = int(query.get("page", ["1"])[0])
            users = [{"id": f"8d3c{page}{i}a1-5b7e-4c2f-9e0d-1f2a3b4c5d6e",
                      "userPrincipalName": f"user{page}{i}@harborpoint.example"}
                     for i in range(2)]
            body: dict[str, Any] = {"@odata.context": f"{base}/v1.0/$metadata#users",
                                    "value": users}
            if page < 3:
                body["@odata.nextLink"] = f"{base}/v1.0/users?page={page + 1}&$skiptoken=X{page}"
            return self._send(200, body)
        if url.path == "/v1.0/nested":
            page = int(query.get("page", ["1"])[0])
            nxt = f"/v1.0/nested?page={page + 1}" if page < 2 else None  # relative next link
            return self._send(200, {"data": {"items": [{"n": page}]}, "links": {"next": nxt}})
        if url.path == "/v1.0/denied":
            return self._send(401, {"error": {"code": "InvalidAuthenticationToken"}})
        if url.path == "/v1.0/html":
            return self._send(200, b"<html><body>Sign in</body></html>")
        if url.path == "/v1.0/leak":
            return self._send(200, {"value": [{"id": 1}],
                                    "@odata.nextLink": "https://collector.attacker.example/n"})
        if url.path == "/v1.0/loop":
            return self._send(200, {"value": [], "@odata.nextLink": f"{base}/v1.0/loop"})
        if url.path == "/v1.0/redirect":
            port = self.server.server_address[1]
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{port}/v1.0/echo")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if url.path == "/v1.0/echo":
            return self._send(200, {"value": [{"auth": self.headers.get("Authorization")}]})
        return self._send(404, {"error": "not found"})

    def _send(self, status: int, body: dict[str, Any] | bytes) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


class _ApiServer(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, str | None]]


@pytest.fixture()
def api() -> Iterator[_ApiServer]:
    server = _ApiServer(("127.0.0.1", 0), _Api)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def url(api: _ApiServer, path: str) -> str:
    return f"http://127.0.0.1:{api.server_address[1]}{path}"


def test_http_json_follows_three_pages_with_the_token(ctx: CollectContext, api: _ApiServer) -> None:
    (art,) = run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/users?code=0.AXcA9f"),
                 token_env="GRAPH_TOKEN", timeout_seconds=5, max_pages=10, kind="mfa_registration")
    rows = [json.loads(line) for line in blob(ctx, art).splitlines()]
    assert [r["userPrincipalName"] for r in rows] == [
        "user10@harborpoint.example", "user11@harborpoint.example", "user20@harborpoint.example",
        "user21@harborpoint.example", "user30@harborpoint.example", "user31@harborpoint.example"]
    assert [auth for _, auth in api.requests] == [f"Bearer {TOKEN}"] * 3
    meta = art.meta
    assert meta.record_count == 6 and meta.media_type == "application/x-ndjson"
    assert meta.original_name == "src.jsonl" and meta.kind == "mfa_registration"
    assert meta.parameters == {"url": url(api, "/v1.0/users?code=[REDACTED]"), "pages": 3,
                               "next_link": "@odata.nextLink", "items": "value",
                               "token_env": "GRAPH_TOKEN"}
    assert TOKEN not in meta.model_dump_json() and "0.AXcA9f" not in meta.model_dump_json()


def test_http_json_dotted_paths_and_relative_next_links(ctx: CollectContext,
                                                       api: _ApiServer) -> None:
    (art,) = run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/nested"), items="data.items",
                 next_link="links.next", timeout_seconds=5)
    assert [json.loads(x) for x in blob(ctx, art).splitlines()] == [{"n": 1}, {"n": 2}]
    assert art.meta.parameters["pages"] == 2


def test_http_json_401_is_an_evidence_error(ctx: CollectContext, api: _ApiServer) -> None:
    with pytest.raises(EvidenceError) as exc:
        run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/denied"), token_env="GRAPH_TOKEN",
            timeout_seconds=5)
    assert exc.value.message.startswith("HTTP 401") and "page 1" in str(exc.value.location)
    assert "token" in str(exc.value.hint) and TOKEN not in str(exc.value)
    assert ctx.store.items() == [] and list(ctx.store.tmp.iterdir()) == []


def test_http_json_invalid_json_is_an_evidence_error(ctx: CollectContext, api: _ApiServer) -> None:
    with pytest.raises(EvidenceError, match="not valid JSON"):
        run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/html"), timeout_seconds=5)


def test_http_json_refuses_a_next_link_to_another_host(ctx: CollectContext,
                                                      api: _ApiServer) -> None:
    with pytest.raises(EvidenceError) as exc:
        run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/leak"), token_env="GRAPH_TOKEN",
            timeout_seconds=5)
    assert "collector.attacker.example" in exc.value.message
    assert len(api.requests) == 1 and ctx.store.items() == []


def test_http_json_refuses_a_next_link_loop(ctx: CollectContext, api: _ApiServer) -> None:
    with pytest.raises(EvidenceError, match="already read"):
        run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/loop"), timeout_seconds=5)


def test_http_json_caps_the_pages(ctx: CollectContext, api: _ApiServer) -> None:
    with pytest.raises(EvidenceError, match=r"more than max_pages \(2\)"):
        run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/users"), token_env="GRAPH_TOKEN",
            max_pages=2, timeout_seconds=5)
    assert len(api.requests) == 2


def test_http_json_redirect_does_not_carry_the_token(ctx: CollectContext,
                                                    api: _ApiServer) -> None:
    (art,) = run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/redirect"),
                 token_env="GRAPH_TOKEN", timeout_seconds=5)
    assert [json.loads(x) for x in blob(ctx, art).splitlines()] == [{"auth": None}]
    assert api.requests[0][1] == f"Bearer {TOKEN}" and api.requests[1][1] is None


def test_http_json_missing_token_names_the_variable(ctx: CollectContext, api: _ApiServer) -> None:
    with pytest.raises(EvidenceError, match="environment variable NINJA_TOKEN is not set"):
        run(HttpJsonCollector(), ctx, url=url(api, "/v1.0/users"), token_env="NINJA_TOKEN")
    assert api.requests == []


@pytest.mark.parametrize(("options", "error"), [
    ({"url": "ftp://files.example/export.json"}, "http:// or https://"),
    ({"url": "file:///etc/passwd"}, "http:// or https://"),
    ({"url": "https://graph.microsoft.com/v1.0/users",
      "headers": {"authorization": f"Bearer {TOKEN}"}}, "token_env"),
    ({"url": "http://graph.example/v1.0/users", "token_env": "GRAPH_TOKEN"}, "only over https"),
    ({"url": "https://graph.microsoft.com/v1.0/users", "token": TOKEN}, "Extra inputs"),
])
def test_http_json_options_are_checked(options: dict[str, Any], error: str) -> None:
    with pytest.raises(ValidationError, match=error):
        HttpJsonCollector.Options.model_validate(options)


def test_lookup_prefers_a_dotted_key_and_redact_url_hides_credentials() -> None:
    doc = {"@odata.nextLink": "a", "links": {"next": "b"}, "value": [1]}
    assert lookup(doc, "@odata.nextLink") == "a" and lookup(doc, "links.next") == "b"
    assert lookup([1, 2], "") == [1, 2]
    sas = "https://u:p@acct.blob.core.windows.net/c/x.json?sv=2022-11-02&sig=abc%2Bdef&se=2026"
    assert redact_url(sas) == ("https://[REDACTED]@acct.blob.core.windows.net/c/x.json"
                               "?sv=2022-11-02&sig=[REDACTED]&se=2026")


# --- attestation ---------------------------------------------------------------------------


def attestation(**extra: Any) -> dict[str, Any]:
    return {"kind": "board_report", "statement": "Annual ISP report delivered to the board "
            "of directors on 2026-09-14.", "attested_by_name": "Dana Whitfield",
            "attested_by_role": "Qualified Individual", "attested_on": "2026-09-15", **extra}


def test_attestation_stores_canonical_json_then_its_attachment(ctx: CollectContext) -> None:
    (ctx.workspace / "signed").mkdir()
    scan = ctx.workspace / "signed" / "board-minutes-2026-09-14.pdf"
    scan.write_bytes(b"%PDF-1.7\n% minutes of the 2026-09-14 board meeting\n%%EOF\n")
    statement, attachment = run(AttestationCollector(), ctx,
                                **attestation(attachment="signed/board-minutes-2026-09-14.pdf"))
    doc = json.loads(blob(ctx, statement))
    assert doc == {"statement": "Annual ISP report delivered to the board of directors on "
                                "2026-09-14.",
                   "attested_by_name": "Dana Whitfield",
                   "attested_by_role": "Qualified Individual", "attested_on": "2026-09-15",
                   "source_id": "src", "attachment_sha256": attachment.sha256}
    assert blob(ctx, statement) == json.dumps(doc, sort_keys=True,
                                              separators=(",", ":")).encode()
    assert statement.meta.media_type == "application/json"
    assert statement.meta.kind == "board_report" and statement.meta.as_of == dt.date(2026, 9, 15)
    assert "note" not in statement.meta.parameters
    assert blob(ctx, attachment) == scan.read_bytes()
    assert attachment.meta.source_id == "src/attachment"
    assert attachment.meta.media_type == "application/pdf"
    first, second = ctx.store.items()
    assert second.meta.derived_from == first.evidence_id and first.sha256 == statement.sha256
    again, _ = run(AttestationCollector(), ctx,
                   **attestation(attachment="signed/board-minutes-2026-09-14.pdf"))
    assert again.sha256 == statement.sha256  # deterministic


def test_attestation_without_attachment_and_dated_after_as_of(ctx: CollectContext) -> None:
    (art,) = run(AttestationCollector(), ctx, **attestation(kind=None, attested_on="2026-10-14"))
    assert art.meta.kind == "attestation" and art.meta.as_of == dt.date(2026, 10, 14)
    assert json.loads(blob(ctx, art))["attachment_sha256"] is None
    assert art.meta.parameters["note"] == "attested on 2026-10-14, after the as-of date 2026-09-30"


def test_attestation_attachment_must_be_inside_the_workspace(ctx: CollectContext,
                                                            tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match="outside the workspace"):
        run(AttestationCollector(), ctx, **attestation(attachment="../../etc/hostname"))
    with pytest.raises(EvidenceError, match="attachment not found"):
        run(AttestationCollector(), ctx, **attestation(attachment="signed/missing.pdf"))
    assert ctx.store.items() == []


@pytest.mark.parametrize("change", [
    {"statement": "Done."}, {"attested_on": "last week"}, {"attested_by_name": "  "},
    {"attested_by": "qi"},
])
def test_attestation_options_are_checked(change: dict[str, Any]) -> None:
    options = attestation(**change)
    del options["kind"]
    with pytest.raises(ValidationError):
        AttestationCollector.Options.model_validate(options)


# --- record encoding (the JSON lines an export's records are stored as) ---------------------


def test_a_record_is_encoded_in_field_order_with_big_integers_exact_non_ascii_kept_dates_iso() -> None:
    from auditpack.evidence.collectors.export import dumps
    record = {"z": 123456789012345678901234567890, "name": "Zoë \u2028 😀", "a": [1.5, None, True],
              "day": dt.date(2026, 9, 30),
              "at": dt.datetime(2026, 9, 30, 8, 5, tzinfo=dt.timezone.utc)}
    assert dumps(record) == ('{"z": 123456789012345678901234567890, "name": "Zoë \u2028 😀", '
                             '"a": [1.5, null, true], "day": "2026-09-30", '
                             '"at": "2026-09-30T08:05:00+00:00"}')


def test_a_record_value_json_cannot_hold_is_a_type_error() -> None:
    from auditpack.evidence.collectors.export import dumps
    with pytest.raises(TypeError, match="cannot serialise set"):
        dumps({"a": {1}})
