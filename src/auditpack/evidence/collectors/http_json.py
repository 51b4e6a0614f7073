"""Page through a JSON API (Microsoft Graph style by default) and keep every item as JSON lines.

The token is sent only to the first URL's scheme, host and port: a next link elsewhere is
refused, and so is an HTTP redirect to another host (or from https to http); a same-host
redirect is followed without the token (urllib's unredirected header), so it arrives
unauthenticated — unverified against APIs that redirect list calls; none of Graph,
Defender or NinjaOne is known to. Each request has one overall deadline
(`timeout_seconds`, not per read) and the whole source another (`source_timeout_seconds`).
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ... import __version__
from ...errors import EvidenceError
from .base import RECORDS_MEDIA_TYPE, Artifact, CollectContext, Collector, SourceSpec

MAX_PAGE_BYTES = 256 << 20  # one page is parsed whole; a bigger one is not an API page
REDACTED = "[REDACTED]"
# Query parameters whose values may be credentials: OAuth codes, SAS signatures, API keys.
SECRET_PARAM = re.compile(r"token|secret|passw|pwd|sig|code|key|auth|credential|session", re.I)
CREDENTIAL_HEADERS = ("authorization", "proxy-authorization")
_MISSING = object()


class HttpJsonOptions(BaseModel):
    """Where the API is, how to page through it, and which environment variable holds the token."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    token_env: str | None = None
    next_link: str = "@odata.nextLink"
    items: str = "value"
    timeout_seconds: int = Field(30, ge=1, le=3600)
    source_timeout_seconds: int = Field(3600, ge=1, le=86400)
    max_pages: int = Field(1000, ge=1)
    headers: dict[str, str] = Field(default_factory=dict)

    @field_validator("url")
    @classmethod
    def _http_only(cls, url: str) -> str:
        """Refuse any scheme but http(s), and a URL without a host."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL with a host")
        return url

    @field_validator("headers")
    @classmethod
    def _no_credentials(cls, headers: dict[str, str]) -> dict[str, str]:
        """Refuse credentials in headers: they would be written in the workspace file."""
        if any(h.strip().lower() in CREDENTIAL_HEADERS for h in headers):
            raise ValueError("an Authorization header is not allowed here (it would put the "
                             "token in auditpack.yaml): name its environment variable in "
                             "token_env instead")
        return headers

    @model_validator(mode="after")
    def _token_over_tls(self) -> HttpJsonOptions:
        """Refuse to send a token in clear text over the network."""
        if self.token_env and urlsplit(self.url).scheme == "http" and not _loopback(self.url):
            raise ValueError("a token is sent only over https (or to this machine)")
        return self


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow ftp://)."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: http.client.HTTPMessage,
                         newurl: str) -> urllib.request.Request | None:
        """Return the redirected request; refuse another host, or a step down from https.

        (None, for a scheme other than http(s), makes urllib raise the HTTP error.)
        """
        old, new = urlsplit(req.full_url), urlsplit(urljoin(req.full_url, newurl))
        if new.scheme not in ("http", "https"):
            return None
        if (new.hostname or "").lower() != (old.hostname or "").lower() or (
                old.scheme == "https" and new.scheme != "https"):
            raise EvidenceError(f"the API redirected from {old.scheme}://{old.hostname} to "
                                f"{new.scheme}://{new.hostname}; refusing to follow it",
                                redact_url(req.full_url),
                                "use the URL the API redirects to, if it is the right one")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Deadline:
    """One overall time limit: at the limit, every connection made under it is shut down.

    The socket timeout bounds each read only; a server trickling a byte a second would
    never trip it. Shutting the socket down wakes whatever is blocked on it.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        """Shut this socket down when the deadline passes (at once if it has)."""
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def cancel(self) -> None:
        """Stop the timer (the request is over)."""
        self._timer.cancel()


def _watched(base: type[http.client.HTTPConnection],
             deadline: Deadline) -> Callable[..., http.client.HTTPConnection]:
    """Return a connection factory whose sockets the deadline shuts down."""

    class Watched(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Watched


class _DeadlineHTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.deadline), req)


class _DeadlineHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPSConnection, self.deadline), req)


class HttpJsonCollector(Collector):
    """GET every page of a JSON API and store its items, one JSON object a line."""

    name = "http_json"
    version = "1"
    Options = HttpJsonOptions

    def collect(self, spec: SourceSpec, options: Any, ctx: CollectContext) -> list[Artifact]:
        """Fetch page after page (streaming them into the store) until there is no next link."""
        opts: HttpJsonOptions = options
        token = self._token(opts, ctx)
        pages = count = 0

        def lines() -> Iterator[bytes]:
            nonlocal pages, count
            for items in self._pages(opts, token):
                pages += 1
                count += len(items)
                if items:
                    yield ("\n".join(json.dumps(i, ensure_ascii=False, sort_keys=True)
                                     for i in items) + "\n").encode()

        sha, size = ctx.store.put_stream(lines())
        params = {"url": redact_url(opts.url), "pages": pages, "next_link": opts.next_link,
                  "items": opts.items, "token_env": opts.token_env}
        return [Artifact(sha, size, self.meta(spec, ctx, original_name=f"{spec.id}.jsonl",
                                              media_type=RECORDS_MEDIA_TYPE, parameters=params,
                                              record_count=count))]

    def _token(self, opts: HttpJsonOptions, ctx: CollectContext) -> str | None:
        """Return the bearer token from the environment (its name is config, its value is not)."""
        if opts.token_env is None:
            return None
        token = ctx.environ.get(opts.token_env, "").strip()
        if not token:
            raise EvidenceError(f"environment variable {opts.token_env} is not set", "token_env",
                                f"set {opts.token_env} to the API token before collecting")
        return token

    def _pages(self, opts: HttpJsonOptions, token: str | None) -> Iterator[list[Any]]:
        """Yield each page's items, following the next link on the same host only."""
        ends = time.monotonic() + opts.source_timeout_seconds
        headers = {"Accept": "application/json", "User-Agent": f"auditpack/{__version__}",
                   **opts.headers}
        url: str | None = opts.url
        seen: set[str] = set()
        page = 0
        while url is not None:
            page += 1
            seen.add(url)
            left = ends - time.monotonic()
            if left <= 0:
                raise EvidenceError(f"the source took more than source_timeout_seconds "
                                    f"({opts.source_timeout_seconds})",
                                    f"{redact_url(url)} (page {page})",
                                    "raise source_timeout_seconds, or ask for fewer pages")
            limit = Limit(opts.timeout_seconds, min(float(opts.timeout_seconds), left),
                          "timeout_seconds" if left > opts.timeout_seconds
                          else "source_timeout_seconds")
            doc = self._get(url, headers, token, limit, page)
            where = f"{redact_url(url)} (page {page})"
            items = lookup(doc, opts.items)
            if not isinstance(items, list):
                what = "has no" if items is _MISSING else "has no list at"
                raise EvidenceError(f"the response {what} '{opts.items}'", where,
                                    "set `items` to the dotted path of the list of items")
            yield items
            url = self._next(doc, opts, url, where)
            if url is not None and url in seen:
                raise EvidenceError("the next link points back to a page already read", where,
                                    "check `next_link`; the API is paging in a loop")
            if url is not None and page >= opts.max_pages:
                raise EvidenceError(f"more than max_pages ({opts.max_pages}) pages", where,
                                    "raise max_pages, or filter the request to fewer items")

    def _next(self, doc: Any, opts: HttpJsonOptions, url: str, where: str) -> str | None:
        """Return the absolute next-page URL, or None; refuse one on another origin."""
        link = lookup(doc, opts.next_link)
        if link is _MISSING or link is None or link == "":
            return None
        if not isinstance(link, str):
            raise EvidenceError(f"'{opts.next_link}' is not a URL", where,
                                "set `next_link` to the dotted path of the next page's URL")
        target = urljoin(url, link)
        if _origin(target) != _origin(opts.url):
            host = urlsplit(target).hostname or target.split(":", 1)[0]
            raise EvidenceError(f"the next link leads to another host or scheme ({host}); "
                                "refusing to follow it with the token", where,
                                "check the API's URL; a next link must stay on the same host")
        return target

    def _get(self, url: str, headers: dict[str, str], token: str | None, limit: Limit,
             page: int) -> Any:
        """GET one page within its deadline and parse it; every failure names the page."""
        where = f"{redact_url(url)} (page {page})"
        request = urllib.request.Request(url, headers=headers, method="GET")
        if token is not None:
            request.add_unredirected_header("Authorization", f"Bearer {token}")
        deadline = Deadline(limit.seconds)
        opener = urllib.request.build_opener(_HttpOnlyRedirects(), _DeadlineHTTP(deadline),
                                             _DeadlineHTTPS(deadline))
        try:
            with opener.open(request, timeout=limit.per_read) as response:
                body = response.read(MAX_PAGE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            exc.close()
            raise EvidenceError(f"HTTP {exc.code} {exc.reason}", where, _hint(exc.code)) from None
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as exc:
            if deadline.expired:
                raise limit.exceeded(where) from None
            if isinstance(exc, urllib.error.URLError):
                raise EvidenceError(f"cannot reach the API: {exc.reason}", where,
                                    "check the URL and the network (proxy, firewall)") from None
            raise EvidenceError(f"the request failed: {exc or type(exc).__name__}", where,
                                f"retry; raise timeout_seconds ({limit.per_read}) if it "
                                "timed out") from None
        finally:
            deadline.cancel()
        if deadline.expired:
            raise limit.exceeded(where)
        if len(body) > MAX_PAGE_BYTES:
            raise EvidenceError(f"a page larger than {MAX_PAGE_BYTES >> 20} MiB", where,
                                "ask the API for smaller pages (e.g. $top)")
        try:
            return json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise EvidenceError(f"the response is not valid JSON ({exc})", where,
                                "check the URL points at a JSON API, not a web page") from None


@dataclass(frozen=True)
class Limit:
    """How long one request may take in all, and which option set that."""

    per_read: int
    seconds: float
    option: str

    def exceeded(self, where: str) -> EvidenceError:
        """The error for a request that did not finish in time."""
        return EvidenceError(f"no complete response within {self.seconds:g} s ({self.option})",
                             where, f"raise {self.option} if the API is slow but working")


def lookup(doc: Any, path: str) -> Any:
    """Follow a dotted path ("links.next"); a key containing dots ("@odata.nextLink") wins.

    An empty path is the document itself (an API that returns a bare list).
    """
    if path == "":
        return doc
    if not isinstance(doc, dict):
        return _MISSING
    if path in doc:
        return doc[path]
    parts = path.split(".")
    for i in range(len(parts) - 1, 0, -1):
        head = ".".join(parts[:i])
        if head in doc:
            found = lookup(doc[head], ".".join(parts[i:]))
            if found is not _MISSING:
                return found
    return _MISSING


def redact_url(url: str) -> str:
    """Return the URL with user info and credential-like query values replaced."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{REDACTED}@{netloc.rsplit('@', 1)[1]}"
    return urlunsplit((parts.scheme, netloc, parts.path, _redact_query(parts.query),
                       _redact_query(parts.fragment)))


def _redact_query(query: str) -> str:
    """Replace the values of credential-like parameters, keeping the rest as written."""
    out = []
    for param in query.split("&"):
        key, sep, value = param.partition("=")
        secret = sep and value and SECRET_PARAM.search(unquote_plus(key))
        out.append(f"{key}={REDACTED}" if secret else param)
    return "&".join(out)


def _origin(url: str) -> tuple[str, str, int | None]:
    """Return (scheme, host, port), with the scheme's default port filled in."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port or default
    except ValueError:
        port = None
    return parts.scheme, (parts.hostname or "").lower(), port


def _loopback(url: str) -> bool:
    """Tell whether a URL points at this machine (where plain http cannot leak a token)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _hint(status: int) -> str:
    """Say what to do about an HTTP error status."""
    if status in (401, 403):
        return "check the token (token_env) is current and has read permission on this API"
    if status == 404:
        return "check the URL"
    if status == 429 or status >= 500:
        return "the API is busy or failing; collect again later"
    return "check the URL and its query parameters"
