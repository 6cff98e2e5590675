"""One `pagefind --service` process, fed pages over its pipes while the builder still renders. No MkDocs here.

The service takes the same HTML the command line reads from disk and indexes each page as it
arrives, in its own process: on the second core, while MkDocs renders on the first. Its wire format
is Pagefind's own (each message base64-encoded JSON, ended by a comma). The `pagefind` package's
asyncio client waits a tenth of a second per answer, which for 10,000 pages is over a quarter of an
hour, so this client is synchronous: a thread writes what is queued, another reads the answers.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Any

QUEUED_PAGES = 32  # pages waiting for the pipe; beyond this the builder waits (bounds the memory held)
TIMEOUT_SECONDS = 600  # as the command line's: a hung service must not stall a build (or CI) for hours


class ServiceError(Exception):
    """The service failed to start, stopped, or answered with an error."""


class PagefindService:
    def __init__(self, binary: Path, env: dict[str, str] | None = None) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - open while the service runs
        try:
            self._proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=self._stderr, env={**os.environ, **(env or {})})
        except OSError as exc:
            self._stderr.close()
            raise ServiceError(f"Pagefind could not start: {exc}") from None
        self._lock = threading.Condition()
        self._next_id = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._wanted: set[int] = set()  # ids whose answer a caller waits for; others are only counted
        self._outstanding = 0  # pages sent (or queued) and not answered yet
        self.pages = 0  # pages the service indexed
        self.error: str | None = None
        self._queue: queue.Queue[bytes | None] = queue.Queue(QUEUED_PAGES)
        self._writer = threading.Thread(target=self._write, name="pagefind-writer", daemon=True)
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._writer.start()
        self._reader.start()

    # -- requests -------------------------------------------------------------------------------

    def new_index(self, exclude_selectors: tuple[str, ...] = ()) -> int:
        """A new index, with the same settings as the command line's (`--exclude-selectors`)."""
        config = {"exclude_selectors": list(exclude_selectors)} if exclude_selectors else None
        answer = self._ask({"type": "NewIndex", "config": config})
        return int(answer["index_id"])

    def add_html(self, index_id: int, url: str, html: str) -> None:
        """Queue one page; it is indexed as if Pagefind had read it from disk at `url`."""
        with self._lock:
            if self.error:
                return  # reported by wait_pages() / write()
            self._outstanding += 1
        self._send({"type": "AddFile", "index_id": index_id, "url": url, "file_contents": html, "file_path": None})

    def wait_pages(self) -> None:
        """Until every page sent is indexed; ServiceError if any failed."""
        with self._lock:
            self._wait_for(lambda: not self._outstanding)
            if self.error:
                raise ServiceError(self.error)

    def _wait_for(self, done: Any) -> None:
        """With the lock held: until `done()` or an error; after TIMEOUT_SECONDS the service is ended."""
        if not self._lock.wait_for(lambda: done() or self.error is not None, timeout=TIMEOUT_SECONDS):
            self.error = f"Pagefind answered nothing for {TIMEOUT_SECONDS} s; it was stopped."
            self._proc.kill()

    def write_and_stop(self, index_id: int, output_path: Path) -> None:
        """Write the index of the pages sent into `output_path`, then end the service.

        The index's files are asked for (GetFiles) and written here. Pagefind's own WriteFiles
        answers while its files may still be on their way to the disk: under load, one run in
        thirty left pagefind-entry.json empty, even after waiting for the service to exit."""
        self.wait_pages()
        answer = self._ask({"type": "GetFiles", "index_id": index_id})
        self.close()
        files = answer.get("files")
        if not isinstance(files, list) or not files:
            raise ServiceError("Pagefind returned no index files.")
        root = Path(output_path).resolve()
        made: set[str] = set()
        for file in files:
            name = str(file["path"])
            parts = PurePosixPath(name).parts
            # Checked by name, not resolved file by file (12,000 of them): the folders are made here.
            if not parts or name.startswith("/") or any(c in name for c in "\\:") or ".." in parts:
                raise ServiceError(f"Pagefind named a file outside the index folder: {name}")
            folder = "/".join(parts[:-1])
            if folder not in made:
                (root / folder).mkdir(parents=True, exist_ok=True)
                made.add(folder)
            with open(os.path.join(root, *parts), "wb") as out:
                out.write(base64.b64decode(file["content"]))

    def close(self) -> None:
        """End the service."""
        try:
            self._queue.put_nowait(None)
        except queue.Full:  # the service reads no more: end it, and the writer drains the queue
            self._proc.kill()
            with contextlib.suppress(queue.Full):
                self._queue.put(None, timeout=30)
        self._writer.join(timeout=30)
        if self._proc.poll() is None:
            self._proc.terminate()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join(timeout=5)
        self._stderr.close()

    # -- the pipes ------------------------------------------------------------------------------

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        message_id = self._send(payload, wanted=True)
        with self._lock:
            self._wait_for(lambda: message_id in self._answers)
            if self.error and message_id not in self._answers:
                raise ServiceError(self.error)
            answer = self._answers.pop(message_id)
        if answer.get("type") == "Error":
            raise ServiceError(f"Pagefind: {answer.get('message', answer)}")
        return answer

    def _send(self, payload: dict[str, Any], wanted: bool = False) -> int:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            if wanted:
                self._wanted.add(message_id)
        message = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
        self._queue.put(base64.b64encode(message) + b",")
        return message_id

    def _write(self) -> None:
        assert self._proc.stdin is not None
        while (data := self._queue.get()) is not None:
            try:
                self._proc.stdin.write(data)
                self._proc.stdin.flush()
            except OSError:  # the service ended; _read reports why
                self._drain()
                return
        with contextlib.suppress(OSError):
            self._proc.stdin.close()

    def _drain(self) -> None:
        """Take what is still queued, so that a builder waiting to queue a page goes on."""
        while self._queue.get() is not None:
            pass

    def _read(self) -> None:
        try:
            self._read_answers()
        except Exception as exc:  # noqa: BLE001 - a garbled answer must reach the waiters, not end this thread alone
            with self._lock:
                self.error = self.error or f"Pagefind's answer could not be read: {exc}"
                self._lock.notify_all()
            self._proc.kill()
            return
        self._proc.wait()
        self._stderr.seek(0)
        detail = self._stderr.read().decode("utf-8", "replace").strip()[-2000:]
        with self._lock:
            if self._outstanding or self._wanted:
                self.error = self.error or f"Pagefind stopped (exit {self._proc.returncode}): {detail}"
            self._lock.notify_all()

    def _read_answers(self) -> None:
        assert self._proc.stdout is not None
        pending = bytearray()  # an index's files come as one message of tens of megabytes
        scanned = 0
        while chunk := os.read(self._proc.stdout.fileno(), 1 << 20):
            pending += chunk
            while (end := pending.find(b",", scanned)) != -1:
                self._answer(json.loads(base64.b64decode(pending[:end])))
                del pending[: end + 1]
                scanned = 0
            scanned = len(pending)

    def _answer(self, response: dict[str, Any]) -> None:
        payload = response.get("payload") or {}
        message_id = response.get("message_id")
        with self._lock:
            if message_id in self._wanted:
                self._wanted.discard(message_id)
                self._answers[message_id] = payload
            elif payload.get("type") == "Error":
                self.error = self.error or f"Pagefind: {payload.get('message', payload)}"
                self._outstanding -= 1
            else:
                self._outstanding -= 1
                if payload.get("type") == "IndexedFile":
                    self.pages += 1
            self._lock.notify_all()
