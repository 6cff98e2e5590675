"""A real HTTP server on 127.0.0.1 (or another loopback address) for importer tests: each path answers with a handler.

A handler gets the request (method, path, headers) and writes whatever it likes, slowly or
never, so tests can play slow, hanging and drip-feeding servers as well as ordinary ones.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


class FeedServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []  # (path, request headers)
        self.stop = threading.Event()  # set at teardown: hanging handlers return
        routes, seen = self.routes, self.seen

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the http.server naming
                seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                handler = routes.get(self.path)
                if handler is None:
                    send(self, 404, b"not here", {"Content-Type": "text/plain"})
                    return
                # The client may give up first, as it should with a slow server.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    handler(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class _Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 1024

        self.host = host
        self.httpd = _Server((host, port), _Handler)
        self.port = self.httpd.server_address[1]

    def url(self, path: str, host: str | None = None) -> str:
        """This server's address for `path`; `host` spells it another way (same port)."""
        return f"http://{host or self.host}:{self.port}{path}"

    def requests_to(self, path: str) -> list[dict[str, str]]:
        return [headers for seen_path, headers in self.seen if seen_path == path]


def send(request: BaseHTTPRequestHandler, status: int, body: bytes = b"",
         headers: dict[str, str] | None = None) -> None:
    request.send_response(status)
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


@contextmanager
def running(host: str = "127.0.0.1", port: int = 0) -> Iterator[FeedServer]:
    server = FeedServer(host, port)
    thread = threading.Thread(target=server.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.httpd.shutdown()
        server.httpd.server_close()


def static(body: bytes, content_type: str = "application/rss+xml; charset=utf-8", status: int = 200,
           headers: dict[str, str] | None = None) -> Handler:
    """Always the same answer."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        send(request, status, body, {"Content-Type": content_type, **(headers or {})})
    return handler


def conditional(body: bytes, etag: str = '"v1"', last_modified: str = "Mon, 04 Mar 2024 10:00:00 GMT") -> Handler:
    """A well-behaved feed: 304 when the client already has this version."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == etag:
            send(request, 304, b"", {"ETag": etag})
            return
        send(request, 200, body, {"Content-Type": "application/rss+xml", "ETag": etag,
                                  "Last-Modified": last_modified})
    return handler
