"""Where documents come from: files, directories, stdin and http(s) URLs.

``iter_inputs`` never raises for a single bad input: an input that cannot be
read becomes an :class:`InputItem` whose ``error`` says why, so one bad file
never stops the rest of a run.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from onrecord.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
USER_AGENT = "onrecord/0.1 (+https://example.invalid/onrecord; research)"


@dataclass
class InputItem:
    """One document's raw bytes and where they came from."""
    name: str                           # what to call it in messages and output file names
    data: Optional[bytes] = None
    path: Optional[str] = None
    url: Optional[str] = None
    content_type: Optional[str] = None  # "html" | "text" | None (sniff)
    error: Optional[InputError] = None
    # what the item's publisher says about it (a feed entry's title, author, published
    # date): beats whatever the page itself yields or suggests
    meta: Optional[dict] = None

    @property
    def stem(self) -> str:
        base = self.name.rstrip("/").rsplit("/", 1)[-1] or "stdin"
        for suf in sorted(TEXT_SUFFIXES | HTML_SUFFIXES, key=len, reverse=True):
            if base.lower().endswith(suf):
                return base[: -len(suf)] or base
        return base


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def _too_big(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(name, f"input is {size / 1e6:.1f} MB, above the limit of "
                            f"{max_bytes / 1e6:.1f} MB (raise it with --max-bytes)")


def _kind_of_path(path: Path) -> Optional[str]:
    suf = path.suffix.lower()
    if suf in HTML_SUFFIXES:
        return "html"
    if suf in TEXT_SUFFIXES:
        return "text"
    return None


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> InputItem:
    name = str(path)
    item = InputItem(name=name, path=str(path), content_type=_kind_of_path(path))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(name, size, max_bytes)
        with open(path, "rb") as f:
            item.data = f.read(max_bytes + 1)
        if len(item.data) > max_bytes:
            raise _too_big(name, len(item.data), max_bytes)
    except InputError as e:
        item.error = e
    except IsADirectoryError:
        item.error = InputError(name, "is a directory")
    except PermissionError:
        item.error = InputError(name, "permission denied (cannot read file)")
    except FileNotFoundError:
        item.error = InputError(name, "no such file or directory")
    except OSError as e:
        item.error = InputError(name, f"cannot read file: {e.strerror or e}")
    return item


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> InputItem:
    item = InputItem(name="stdin")
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        item.error = _too_big("stdin", len(data), max_bytes)
    else:
        item.data = data
    return item


def fetch_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES,
              timeout: float = DEFAULT_TIMEOUT, allow_private: bool = False) -> InputItem:
    """Fetch an http(s) URL with a real HTTP client (redirects, timeout, size limit).

    Only public addresses are reached, on every redirect too, unless ``allow_private``
    (see :mod:`onrecord.ingest.netguard`).
    """
    import httpx

    from onrecord.ingest.netguard import BlockedURL, guarded_client

    item = InputItem(name=url, url=url)
    try:
        with guarded_client(allow_private, timeout=timeout,
                            headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise InputError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                ctype = resp.headers.get("content-type", "").lower()
                if "html" in ctype or "xml" in ctype:
                    item.content_type = "html"
                elif ctype.startswith("text/"):
                    item.content_type = "text"
                chunks, total = [], 0
                for chunk in resp.iter_bytes():
                    total += len(chunk)
                    if total > max_bytes:
                        raise _too_big(url, total, max_bytes)
                    chunks.append(chunk)
                item.data = b"".join(chunks)
    except InputError as e:
        item.error = e
    except BlockedURL as e:
        item.error = InputError(url, str(e))
    except httpx.TimeoutException:
        item.error = InputError(url, f"timed out after {timeout:g} s")
    except httpx.HTTPError as e:
        item.error = InputError(url, f"cannot fetch: {type(e).__name__}: {e}")
    return item


def _walk(root: Path) -> Iterator[Path]:
    """Files below ``root`` in a stable order; unreadable folders become errors."""
    def onerror(err: OSError) -> None:
        raise err

    try:
        walker = os.walk(root, onerror=onerror)
        for dirpath, dirnames, filenames in walker:
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for fn in sorted(filenames):
                if fn.startswith("."):
                    continue
                p = Path(dirpath) / fn
                if _kind_of_path(p) is not None:
                    yield p
    except OSError as e:
        raise InputError(str(e.filename or root), f"cannot list directory: {e.strerror or e}") from e


def iter_inputs(specs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                timeout: float = DEFAULT_TIMEOUT, allow_private: bool = False
                ) -> Iterator[InputItem]:
    """Expand PATH/DIR/-/URL specs into input items, lazily (streaming)."""
    for spec in specs:
        if spec == "-":
            yield read_stdin(max_bytes)
        elif is_url(spec):
            yield fetch_url(spec, max_bytes, timeout, allow_private)
        else:
            p = Path(spec)
            if p.is_dir():
                gen = _walk(p)
                found = False
                while True:
                    try:
                        f = next(gen)
                    except StopIteration:
                        break
                    except InputError as e:
                        found = True
                        yield InputItem(name=e.name, error=e)
                        break
                    found = True
                    yield read_file(f, max_bytes)
                if not found:
                    # say so, rather than finishing silently with nothing done
                    yield InputItem(name=spec, path=spec, error=InputError(
                        spec, "is a directory with no .txt or .html files"))
            else:
                yield read_file(p, max_bytes)


def read_input(spec: str, max_bytes: int = DEFAULT_MAX_BYTES) -> InputItem:
    """One input; raises :class:`InputError` if it cannot be read."""
    items = list(iter_inputs([spec], max_bytes))
    if len(items) != 1:
        raise InputError(spec, f"expected one document, found {len(items)}")
    if items[0].error:
        raise items[0].error
    return items[0]
