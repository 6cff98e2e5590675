"""Feeds are fetched from public addresses only, checked where the connection is made.

feeds.yml arrives by pull request, and the scheduled import runs on a machine with a network of
its own (a cloud metadata service at 169.254.169.254, services on localhost, a private LAN). A
feed at such an address, or one redirecting there, would let a stranger probe that network.

So the client's network backend resolves every host itself, refuses it when any of its
addresses is not public, and connects to the address it checked. Checking the URL alone would
not do: a name may resolve to a public address when checked and to 127.0.0.1 when connected
(DNS rebinding), and `2130706433`, `127.1` or `0x7f.1` are spellings of 127.0.0.1. Every
connection passes here, so every redirect hop is checked too. TLS still verifies the host name:
httpcore passes the origin's name, not the address, as SNI and for the certificate check.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field

import anyio
import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> its addresses, or OSError (socket.gaierror) when it has none; tests pass a fake DNS.
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]

# Only tests and benchmarks set this, to fetch feeds they serve on 127.0.0.1 themselves.
ALLOW_ENV = "TRACKRECORD_IMPORT_ALLOW_HOSTS"

_PRIVATE_USE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")]
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT; Alibaba's metadata service is in it
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def non_public_kind(address: Address) -> str | None:
    """None for a public address, else what kind it is ("loopback", "private", ...)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            kind = non_public_kind(embedded)
            return f"{kind}, as IPv4 {embedded} inside IPv6" if kind else None
    checks = [
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", any(address in n for n in _PRIVATE_USE if n.version == address.version)),
        ("shared (carrier-grade NAT)", address in _SHARED),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
        ("reserved", address.is_reserved),
        # The documentation, benchmarking and other special-purpose ranges.
        ("special-purpose", address.is_private or not address.is_global),
    ]
    return next((kind for kind, hit in checks if hit), None)


def parse_allowed(text: str) -> frozenset[Address]:
    """The addresses listed in ALLOW_ENV (commas or spaces between them), or ValueError saying which is wrong."""
    allowed = set()
    for entry in text.replace(",", " ").split():
        try:
            allowed.add(_unmapped(ipaddress.ip_address(entry.strip("[]"))))
        except ValueError:
            raise ValueError(f"{ALLOW_ENV}: {entry!r} is not an IP address; list exact addresses, "
                             "such as 127.0.0.1 (for tests only)") from None
    return frozenset(allowed)


async def system_resolve(host: str, port: int) -> Sequence[str]:
    """The host's addresses as the operating system resolves them (/etc/hosts, DNS); OSError if none."""
    found = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in found))


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """Which addresses the import may connect to: public ones, and `allowed` (for tests only)."""

    allowed: frozenset[Address] = frozenset()
    resolve: Resolver = field(default=system_resolve)

    async def addresses(self, host: str, port: int) -> list[Address]:
        """The host's addresses, all of them checked; HostRefused or HostUnresolved otherwise."""
        try:
            found, literal = [ipaddress.ip_address(host)], True  # nothing to resolve
        except ValueError:
            try:
                answer = await self.resolve(host, port)
            except (OSError, UnicodeError) as exc:  # socket.gaierror is an OSError
                raise HostUnresolved(host, exc.strerror if isinstance(exc, OSError) and exc.strerror
                                     else str(exc)) from None
            found, literal = [ipaddress.ip_address(a.split("%", 1)[0]) for a in answer], False
        if not found:
            raise HostUnresolved(host, "no address found")
        for address in found:
            kind = non_public_kind(address)
            if kind and _unmapped(address) not in self.allowed:
                raise HostRefused(host, None if literal else address, kind)
        return found


class HostRefused(Exception):
    """The host is, or resolves to, an address that is not public."""

    def __init__(self, host: str, resolved: Address | None, kind: str) -> None:
        self.host, self.resolved, self.kind = host, resolved, kind  # resolved: None for an address literal
        super().__init__(f"{host} -> {resolved or host} ({kind})")

    def reason(self, first_host: str | None) -> str:
        where = self.host if self.resolved is None else f"{self.host} resolves to {self.resolved}, which"
        hop = "" if first_host is None or first_host == self.host else ", reached by a redirect"
        return (f"refused: {where} is not a public address ({self.kind}{hop}); feeds are fetched from public "
                "addresses only, so a feed list from a pull request cannot reach this machine or its network")


class HostUnresolved(Exception):
    """The host name has no address."""

    def __init__(self, host: str, detail: str) -> None:
        self.host, self.detail = host, detail
        super().__init__(f"{host}: {detail}")

    def reason(self, first_host: str | None) -> str:
        hop = "" if first_host is None or first_host == self.host else ", reached by a redirect,"
        return f"the host name {self.host}{hop} does not resolve to any address ({self.detail}); check the url"


def _unmapped(address: Address) -> Address:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


class _PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """httpcore's own backend, connecting only to addresses the policy checked."""

    def __init__(self, policy: HostPolicy) -> None:
        self._policy = policy
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
                          ) -> httpcore.AsyncNetworkStream:
        ends = None if timeout is None else anyio.current_time() + timeout
        try:
            with anyio.fail_after(timeout):
                addresses = await self._policy.addresses(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took longer than {timeout:g} s") from None
        failure: Exception = httpcore.ConnectError(f"no address of {host} accepted a connection")
        for i, address in enumerate(addresses):
            # An even share of the time left, so one black-holed address (say IPv6) leaves time for the next.
            left = None if ends is None else max(ends - anyio.current_time(), 0.001) / (len(addresses) - i)
            try:
                return await self._inner.connect_tcp(str(address), port, timeout=left, local_address=local_address,
                                                      socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
                                  ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("feeds are fetched over TCP only")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def transport(policy: HostPolicy, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    """httpx's transport, its connection pool built on the checking backend.

    httpx 0.28 takes no network backend, so the pool it made is replaced by an equal one that has
    it. `_pool` is httpx's own name; if a release renames it, this fails loudly rather than
    silently fetching unchecked.
    """
    ssl_context = httpx.create_ssl_context(trust_env=False)  # certifi's roots, as httpx's default
    made = httpx.AsyncHTTPTransport(verify=ssl_context, limits=limits, trust_env=False)
    if not isinstance(getattr(made, "_pool", None), httpcore.AsyncConnectionPool):
        raise RuntimeError("httpx.AsyncHTTPTransport no longer keeps its pool in _pool; update public_hosts.py")
    made._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=_PublicOnlyBackend(policy),
    )
    return made
