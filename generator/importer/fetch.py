"""Fetch many feeds at once, each within hard limits.

Every feed gets a connect and read timeout, an overall deadline (a server that drips one byte
a second cannot stall the run) and a size cap counted after decompression. Bodies are
decompressed here with zlib's `max_length`, so a gzip bomb is stopped after the cap rather
than inflated a network chunk at a time (about 1000x per chunk) by the client's own decoder.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import httpx

from generator.importer.public_hosts import HostPolicy, HostRefused, HostUnresolved, transport

USER_AGENT = "trackrecord-import/0.1 (+https://github.com/trackrecord)"
PERMANENT = (301, 308)
# httpcore's pool scans its idle connections quadratically on every request; with 100 idle
# connections a 500-feed run spent more CPU there than on everything else. Feeds mostly live
# on different hosts, so a few kept-alive connections are all that pays.
KEEPALIVE = 8
_WIRE_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}


@dataclass(frozen=True, slots=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest silence between two reads
    deadline: float = 45.0  # the whole fetch of one feed, redirects included
    max_bytes: int = 5 * 1024 * 1024  # after decompression
    concurrency: int = 100
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last successful answer said, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True, slots=True)
class Request:
    url: str  # as configured; the key for state
    validators: Validators = Validators()
    fetch_url: str | None = None  # where to actually ask, when it differs (local sample serving)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    outcome: Literal["ok", "not-modified", "failed"]
    status: int | None = None
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    validators: Validators = Validators()
    moved_to: str | None = None  # set when a redirect on the way was permanent
    gone: bool = False
    error: str | None = None


class _TooBig(Exception):
    pass


class _Decoder:
    """Content-Encoding gzip/deflate/identity, never producing more than the cap allows."""

    def __init__(self, encoding: str, cap: int) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        else:
            raise httpx.DecodingError(f"unsupported Content-Encoding {encoding!r}")
        self._cap = cap
        self._parts: list[bytes] = []
        self._size = 0

    def _add(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._cap:
            raise _TooBig
        self._parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._z is None:
            self._add(chunk)
            return
        data = chunk
        while data:
            # Ask for at most one byte past the cap; the rest waits in unconsumed_tail.
            self._add(self._z.decompress(data, self._cap - self._size + 1))
            data = self._z.unconsumed_tail

    def finish(self) -> bytes:
        if self._z is not None:
            self._add(self._z.flush())
        return b"".join(self._parts)


def _validators(response: httpx.Response) -> Validators:
    return Validators(response.headers.get("etag"), response.headers.get("last-modified"))


def _moved_to(response: httpx.Response) -> str | None:
    if any(r.status_code in PERMANENT for r in response.history):
        return str(response.url)
    return None


async def _fetch_one(client: httpx.AsyncClient, request: Request, limits: FetchLimits) -> Fetched:
    target = request.fetch_url or request.url
    headers = {"Accept-Encoding": "gzip, deflate", **request.validators.headers()}
    async with client.stream("GET", target, headers=headers) as response:
        moved = _moved_to(response)
        status = response.status_code
        if status == 304:
            return Fetched(request.url, "not-modified", status, validators=request.validators, moved_to=moved)
        if status == 410:
            return Fetched(request.url, "failed", status, gone=True, moved_to=moved,
                           error="410 Gone: the feed was removed; consider dropping it from feeds.yml")
        if not 200 <= status < 300:
            return Fetched(request.url, "failed", status, moved_to=moved,
                           error=f"HTTP {status} {response.reason_phrase}".strip())
        decoder = _Decoder(response.headers.get("content-encoding", ""), limits.max_bytes)
        async for chunk in response.aiter_raw():
            decoder.feed(chunk)
        body = decoder.finish()
        # The body is decoded already; the parser must not see encodings or lengths of the wire form.
        headers = {k.lower(): v for k, v in response.headers.items() if k.lower() not in _WIRE_HEADERS}
        return Fetched(request.url, "ok", status, body, headers, _validators(response), moved)


def _failure(request: Request, exc: BaseException, limits: FetchLimits) -> Fetched:
    reasons: list[tuple[type[BaseException], str]] = [
        (TimeoutError, f"took longer than the {limits.deadline:g} s deadline"),
        (_TooBig, f"larger than {limits.max_bytes} bytes after decompression"),
        (httpx.ConnectTimeout, f"no connection within {limits.connect_timeout:g} s"),
        (httpx.ReadTimeout, f"server silent for {limits.read_timeout:g} s"),
        (httpx.TimeoutException, "timed out"),
        (httpx.TooManyRedirects, f"more than {limits.max_redirects} redirects"),
        (httpx.UnsupportedProtocol, "redirected to an address that is not http(s)"),
        (httpx.ConnectError, "could not connect"),
        (zlib.error, "corrupt compressed body"),
        (httpx.DecodingError, "could not decode the body"),
        (httpx.RemoteProtocolError, "the server broke the HTTP protocol"),
        (httpx.HTTPError, "request failed"),
    ]
    for kind, reason in reasons:
        if isinstance(exc, kind):
            detail = str(exc).strip()
            if detail and kind not in (TimeoutError, _TooBig):
                reason = f"{reason}: {detail[:200]}"
            return Fetched(request.url, "failed", error=reason)
    return Fetched(request.url, "failed", error=f"{type(exc).__name__}: {str(exc)[:200]}")


async def _guarded(client: httpx.AsyncClient, request: Request, limits: FetchLimits,
                   slots: asyncio.Semaphore) -> Fetched:
    async with slots:
        try:
            async with asyncio.timeout(limits.deadline):
                return await _fetch_one(client, request, limits)
        except (HostRefused, HostUnresolved) as exc:
            return Fetched(request.url, "failed", error=exc.reason(_host(request)))
        except (TimeoutError, _TooBig, zlib.error, httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            return _failure(request, exc, limits)


def _host(request: Request) -> str | None:
    try:
        return httpx.URL(request.fetch_url or request.url).raw_host.decode("ascii")
    except (httpx.InvalidURL, UnicodeError):
        return None


async def fetch_all_async(requests: Sequence[Request], limits: FetchLimits,
                          on_result: Callable[[Fetched], Awaitable[None]],
                          hosts: HostPolicy | None = None) -> None:
    """Fetch every request, at most `limits.concurrency` at a time; `on_result` gets each as it ends.

    A result is handled while other feeds are still downloading, and its download slot is free
    again by then. Only public addresses are connected to, and those `hosts` allows (tests).
    """
    timeout = httpx.Timeout(connect=limits.connect_timeout, read=limits.read_timeout,
                            write=limits.read_timeout, pool=limits.deadline)
    pool = httpx.Limits(max_connections=limits.concurrency, max_keepalive_connections=KEEPALIVE)
    slots = asyncio.Semaphore(limits.concurrency)
    async with httpx.AsyncClient(timeout=timeout, transport=transport(hosts or HostPolicy(), pool),
                                 follow_redirects=True, max_redirects=limits.max_redirects, trust_env=False,
                                 headers={"User-Agent": USER_AGENT}) as client:

        async def one(request: Request) -> None:
            await on_result(await _guarded(client, request, limits, slots))

        await asyncio.gather(*(one(r) for r in requests))
