"""Ask a web archive to save source addresses: `trackrecord archive`, never a build.

The archive is asked with a GET of `<service><address>` (the Wayback Machine's "save page now"
form). Its answer names the saved copy in `Location` (a redirect, not followed) or
`Content-Location`. Requests go only to public addresses (the importer's guard: a service or
redirect on a private address is refused), a few at a time, each with a timeout, all within one
deadline, and no more than `limit` per run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from generator.importer.fetch import USER_AGENT
from generator.importer.public_hosts import HostPolicy, HostRefused, HostUnresolved, transport

DEFAULT_SERVICE = "https://web.archive.org/save/"


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    timeout: float = 60.0  # per request; saving a page takes the archive a while
    deadline: float = 600.0  # the whole run
    concurrency: int = 2
    limit: int = 20  # requests per run


@dataclass(frozen=True, slots=True)
class Saved:
    url: str
    archived: str | None  # the saved copy's address, or None
    problem: str | None = None  # why there is none, in words


def _answer(response: httpx.Response) -> str | None:
    for header in ("location", "content-location"):
        value = response.headers.get(header)
        if value:
            found = urljoin(str(response.request.url), value.strip())
            if urlsplit(found).scheme in ("http", "https") and urlsplit(found).netloc:
                return found
    return None


async def _save(client: httpx.AsyncClient, service: str, url: str, gate: asyncio.Semaphore) -> Saved:
    async with gate:
        try:
            # Only the status and headers are wanted: the body, of any size, is never read.
            async with client.stream("GET", service + url) as response:
                status, archived = response.status_code, _answer(response)
        except HostRefused as exc:
            return Saved(url, None, f"refused: {exc.host} is not a public address ({exc.kind}); the archive is "
                         "asked at public addresses only")
        except HostUnresolved as exc:
            return Saved(url, None, exc.reason(None))
        except httpx.TimeoutException:
            return Saved(url, None, f"the archive did not answer within {client.timeout.read or 0:g} s")
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            return Saved(url, None, f"the request failed ({type(exc).__name__}: {str(exc)[:200]})")
    if status >= 400:
        return Saved(url, None, f"the archive answered HTTP {status}")
    if archived is None:
        return Saved(url, None, "the archive's answer names no saved copy")
    return Saved(url, archived)


async def _save_all(urls: Sequence[str], service: str, limits: ArchiveLimits, hosts: HostPolicy) -> list[Saved]:
    gate = asyncio.Semaphore(limits.concurrency)
    pool = httpx.Limits(max_connections=limits.concurrency)
    async with httpx.AsyncClient(timeout=limits.timeout, transport=transport(hosts, pool), follow_redirects=False,
                                 headers={"user-agent": USER_AGENT}) as client:
        tasks = [asyncio.ensure_future(_save(client, service, url, gate)) for url in urls]
        done, pending = await asyncio.wait(tasks, timeout=limits.deadline)
        for task in pending:
            task.cancel()
        return [task.result() if task in done and not task.cancelled() else
                Saved(url, None, f"not asked: the run's deadline of {limits.deadline:g} s passed")
                for task, url in zip(tasks, urls, strict=True)]


def save_all(urls: Sequence[str], service: str = DEFAULT_SERVICE, limits: ArchiveLimits | None = None,
             hosts: HostPolicy | None = None) -> list[Saved]:
    """Ask the archive to save each address (at most `limits.limit`), in order; one answer each."""
    limits = limits or ArchiveLimits()
    return asyncio.run(_save_all(list(urls)[:limits.limit], service, limits, hosts or HostPolicy()))
