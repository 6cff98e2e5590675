"""Feeds on loopback, private or other non-public addresses are refused, on every hop, at connect time.

The servers here listen on 127.0.0.1 and 127.0.0.2 (Linux routes all of 127/8 to the loopback
interface). Host names that are not in /etc/hosts go to a fake DNS (HostPolicy.resolve) that
only ever answers loopback addresses, so no test sends anything off this machine.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.cli.scaffold import NewSite, site_files
from generator.importer.public_hosts import ALLOW_ENV, HostPolicy, non_public_kind, parse_allowed

from .feed_server import FeedServer, running, static
from .helpers import FIXTURES, LOCAL, make_reviews, post_files, run_import, snapshot

TWO_POSTS = (FIXTURES / "rss-two-posts.xml").read_bytes()
ROOT = Path(__file__).resolve().parents[2]
WHY = "so a feed list from a pull request cannot reach this machine or its network"


@pytest.fixture
def other() -> Iterator[FeedServer]:
    """A second server, on 127.0.0.2: a loopback address the tests never allow."""
    with running("127.0.0.2") as feed_server:
        yield feed_server


def _feed(tmp_path: Path, url: str) -> Path:
    return make_reviews(tmp_path, [{"url": url, "name": "Test feed"}])


@pytest.mark.integration
def test_feed_on_loopback_is_refused_without_the_opt_in(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    [report] = run_import(_feed(tmp_path, server.url("/feed.xml")), hosts=None)
    assert report.result == "failed"
    assert report.reason.startswith("refused: 127.0.0.1 is not a public address (loopback)")
    assert WHY in report.reason
    assert server.seen == []  # refused before connecting
    assert post_files(tmp_path / "reviews") == []


@pytest.mark.integration
def test_refused_feed_keeps_what_is_stored(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = _feed(tmp_path, server.url("/feed.xml"))
    assert run_import(reviews)[0].new == 2
    before = snapshot(reviews)
    [report] = run_import(reviews, hosts=None)
    assert report.result == "failed" and "refused" in report.reason
    assert snapshot(reviews) == before  # posts, state.json, feeds.yml: all as they were


@pytest.mark.integration
@pytest.mark.parametrize("host", ["127.0.0.2", "[::1]", "0.0.0.0"])
def test_redirect_to_another_local_address_is_refused(tmp_path: Path, server: FeedServer, other: FeedServer,
                                                      host: str) -> None:
    other.routes["/feed.xml"] = static(TWO_POSTS)
    server.routes["/old.xml"] = static(b"", "text/plain", 302, {"Location": other.url("/feed.xml", host)})
    [report] = run_import(_feed(tmp_path, server.url("/old.xml")))  # 127.0.0.1 allowed, nothing else
    assert report.result == "failed"
    assert report.reason.startswith(f"refused: {host.strip('[]')} is not a public address (")
    assert "reached by a redirect" in report.reason and WHY in report.reason
    assert len(server.requests_to("/old.xml")) == 1 and other.seen == []


@pytest.mark.integration
@pytest.mark.parametrize(("host", "address"), [("2130706433", "127.0.0.1"), ("127.1", "127.0.0.1"),
                                               ("0x7f.1", "127.0.0.1")])
def test_numeric_spellings_of_loopback_are_refused(tmp_path: Path, server: FeedServer, host: str,
                                                   address: str) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    [report] = run_import(_feed(tmp_path, server.url("/feed.xml", host)), hosts=None)
    assert report.result == "failed"
    assert report.reason.startswith(f"refused: {host} resolves to {address}, which is not a public address (loopback)")
    assert server.seen == []


@pytest.mark.integration
def test_decimal_spelling_of_an_address_not_allowed_is_refused(tmp_path: Path, other: FeedServer) -> None:
    other.routes["/feed.xml"] = static(TWO_POSTS)
    [report] = run_import(_feed(tmp_path, other.url("/feed.xml", "2130706434")))  # 127.0.0.2; 127.0.0.1 allowed
    assert report.result == "failed" and "2130706434 resolves to 127.0.0.2" in report.reason
    assert other.seen == []


@pytest.mark.integration
def test_localhost_is_refused(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    [report] = run_import(_feed(tmp_path, server.url("/feed.xml", "localhost")), hosts=None)
    assert report.result == "failed"
    assert report.reason.startswith("refused: localhost resolves to ") and "(loopback)" in report.reason
    assert server.seen == []


class FakeDns:
    """Answers from a table, one answer list per lookup in turn; a name not in it does not exist."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        turns = self.answers.get(host)
        if not turns:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return turns.pop(0) if len(turns) > 1 else turns[0]


def _policy(dns: FakeDns) -> HostPolicy:
    return HostPolicy(parse_allowed("127.0.0.1"), dns)


@pytest.mark.integration
def test_unresolvable_host_is_reported_clearly(tmp_path: Path, server: FeedServer) -> None:
    dns = FakeDns({})
    [report] = run_import(_feed(tmp_path, "http://blog.nowhere.test/feed.xml"), hosts=_policy(dns))
    assert report.result == "failed"
    assert report.reason == ("the host name blog.nowhere.test does not resolve to any address "
                             "(Name or service not known); check the url")
    assert dns.asked == ["blog.nowhere.test"]


@pytest.mark.integration
def test_connection_goes_to_the_address_checked_and_keeps_the_host_name(tmp_path: Path,
                                                                        server: FeedServer) -> None:
    """DNS rebinding: the one lookup made at connect time is checked, and that address is connected to."""
    dns = FakeDns({"blog.rebind.test": [["127.0.0.1"], ["127.0.0.2"]]})  # the second answer differs
    reviews = _feed(tmp_path, f"http://blog.rebind.test:{server.port}/feed.xml")
    with running("127.0.0.2", server.port) as same_port:
        for feed_server in (server, same_port):
            feed_server.routes["/feed.xml"] = static(TWO_POSTS)
        [first] = run_import(reviews, hosts=_policy(dns))
        assert first.result == "new" and first.new == 2
        assert dns.asked == ["blog.rebind.test"]
        assert server.requests_to("/feed.xml")[0]["host"] == f"blog.rebind.test:{server.port}"
        # Now the name answers 127.0.0.2, where a server listens on the same port: refused, never reached.
        [second] = run_import(reviews, hosts=_policy(dns))
        assert second.result == "failed"
        assert second.reason.startswith("refused: blog.rebind.test resolves to 127.0.0.2, which is not a public")
        assert dns.asked == ["blog.rebind.test"] * 2
        assert same_port.seen == [] and len(server.seen) == 1


@contextmanager
def _tls_server(tmp_path: Path, name: str) -> Iterator[tuple[int, list[str | None]]]:
    """A TLS listener on 127.0.0.1 with a self-signed certificate for `name`; yields (port, SNI names seen)."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda _sock, server_name, _ctx: names.append(server_name)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # closed at teardown
            with conn, contextlib.suppress(OSError):
                context.wrap_socket(conn, server_side=True).close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield listener.getsockname()[1], names
    finally:
        listener.close()


@pytest.mark.integration
def test_https_sends_the_host_name_as_sni_and_verifies_the_certificate(tmp_path: Path) -> None:
    """Connecting to the checked address must not cost TLS its name: SNI and verification use the host."""
    with _tls_server(tmp_path, "secure.test") as (port, names):
        dns = FakeDns({"secure.test": [["127.0.0.1"]]})
        [report] = run_import(_feed(tmp_path, f"https://secure.test:{port}/feed.xml"), hosts=_policy(dns))
    assert names == ["secure.test"]
    # Self-signed, so verification fails: proof that it ran, against the name.
    assert report.result == "failed" and "CERTIFICATE_VERIFY_FAILED" in report.reason


@pytest.mark.integration
def test_every_address_of_a_name_is_checked(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    dns = FakeDns({"mixed.test": [["127.0.0.1", "169.254.169.254"]]})
    [report] = run_import(_feed(tmp_path, f"http://mixed.test:{server.port}/feed.xml"), hosts=_policy(dns))
    assert report.result == "failed"
    assert "mixed.test resolves to 169.254.169.254, which is not a public address (link-local)" in report.reason
    assert server.seen == []


@pytest.mark.integration
def test_the_next_checked_address_is_tried_when_one_refuses_the_connection(tmp_path: Path,
                                                                          server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    dns = FakeDns({"two.test": [["127.0.0.2", "127.0.0.1"]]})  # nothing listens on 127.0.0.2
    hosts = HostPolicy(parse_allowed("127.0.0.1 127.0.0.2"), dns)
    [report] = run_import(_feed(tmp_path, f"http://two.test:{server.port}/feed.xml"), hosts=hosts)
    assert report.result == "new" and report.new == 2


@pytest.mark.parametrize(("address", "kind"), [
    ("8.8.8.8", None),
    ("2606:4700:4700::1111", None),
    ("::ffff:8.8.8.8", None),
    ("127.0.0.1", "loopback"),
    ("127.255.0.9", "loopback"),
    ("::1", "loopback"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("fd00::1", "private"),
    ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"),
    ("100.100.100.200", "shared (carrier-grade NAT)"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("fec0::1", "site-local"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"),
    ("192.0.2.1", "special-purpose"),
    ("2001:db8::1", "special-purpose"),
    ("::ffff:127.0.0.1", "loopback, as IPv4 127.0.0.1 inside IPv6"),
    ("::ffff:10.0.0.1", "private, as IPv4 10.0.0.1 inside IPv6"),
    ("2002:7f00:1::", "loopback, as IPv4 127.0.0.1 inside IPv6"),  # 6to4
    ("64:ff9b::a9fe:a9fe", "link-local, as IPv4 169.254.169.254 inside IPv6"),  # NAT64
])
def test_address_policy(address: str, kind: str | None) -> None:
    assert non_public_kind(ipaddress.ip_address(address)) == kind


def test_allowed_addresses_are_exact_and_checked() -> None:
    assert parse_allowed("") == frozenset()
    assert parse_allowed("127.0.0.1, [::1] ::ffff:127.0.0.2") == {
        ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"), ipaddress.ip_address("127.0.0.2")}
    for wrong in ("localhost", "127.0.0.0/8", "127.0.0.1 example.com"):
        with pytest.raises(ValueError, match=f"{ALLOW_ENV}: '.+' is not an IP address"):
            parse_allowed(wrong)


def test_no_workflow_opts_in() -> None:
    """The scheduled import (and every other workflow) fetches public addresses only."""
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert ROOT / ".github" / "workflows" / "import.yml" in workflows
    for workflow in workflows:
        assert ALLOW_ENV not in workflow.read_text("utf-8"), workflow.name
    made = site_files(NewSite(name="x", url="https://x.example.org/", repo_url=None, version="0"))
    assert ".github/workflows/import.yml" in made  # and the workflows `trackrecord init` writes
    for rel, text in made.items():
        assert ALLOW_ENV not in text, rel
    assert LOCAL.allowed == {ipaddress.ip_address("127.0.0.1")}
