"""Page through a JSON API (Microsoft Graph style by default) and keep every item as JSON lines.

The token is sent only to the first URL's scheme, host and port: a next link elsewhere is
refused, and an HTTP redirect is followed without it (urllib's unredirected header). A
same-host redirect therefore arrives unauthenticated — unverified against APIs that
redirect list calls; none of Graph, Defender or NinjaOne is known to.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
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
        """Return the redirected request, or None (an HTTP error) for another scheme."""
        if urlsplit(newurl).scheme not in ("http", "https"):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


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
        opener = urllib.request.build_opener(_HttpOnlyRedirects())
        headers = {"Accept": "application/json", "User-Agent": f"auditpack/{__version__}",
                   **opts.headers}
        url: str | None = opts.url
        seen: set[str] = set()
        page = 0
        while url is not None:
            page += 1
            seen.add(url)
            doc = self._get(opener, url, headers, token, opts.timeout_seconds, page)
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

    def _get(self, opener: urllib.request.OpenerDirector, url: str, headers: dict[str, str],
             token: str | None, timeout: int, page: int) -> Any:
        """GET one page and parse it; every failure is an EvidenceError naming the page."""
        where = f"{redact_url(url)} (page {page})"
        request = urllib.request.Request(url, headers=headers, method="GET")
        if token is not None:
            request.add_unredirected_header("Authorization", f"Bearer {token}")
        try:
            with opener.open(request, timeout=timeout) as response:
                body = response.read(MAX_PAGE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            exc.close()
            raise EvidenceError(f"HTTP {exc.code} {exc.reason}", where, _hint(exc.code)) from None
        except urllib.error.URLError as exc:
            raise EvidenceError(f"cannot reach the API: {exc.reason}", where,
                                "check the URL and the network (proxy, firewall)") from None
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise EvidenceError(f"the request failed: {exc or type(exc).__name__}", where,
                                f"retry; raise timeout_seconds ({timeout}) if it timed out"
                                ) from None
        if len(body) > MAX_PAGE_BYTES:
            raise EvidenceError(f"a page larger than {MAX_PAGE_BYTES >> 20} MiB", where,
                                "ask the API for smaller pages (e.g. $top)")
        try:
            return json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise EvidenceError(f"the response is not valid JSON ({exc})", where,
                                "check the URL points at a JSON API, not a web page") from None


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
