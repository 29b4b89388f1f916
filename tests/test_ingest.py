"""Where documents come from: files, directories, stdin and http(s) URLs."""
from __future__ import annotations

import io
import os
from pathlib import Path
import sys

import pytest

from conftest import HTML_ARTICLE, PLAIN_ARTICLE
from onrecord.errors import InputError
from onrecord.ingest import iter_inputs, read_input
from onrecord.ingest import sources
from onrecord.ingest.sources import InputItem, fetch_url, read_file, read_stdin


def _names(items):
    return [os.path.basename(i.name) for i in items]


# ---- files -----------------------------------------------------------------

def test_read_text_file(tmp_path):
    f = tmp_path / "story.txt"
    f.write_bytes(PLAIN_ARTICLE.encode("utf-8"))
    item = read_file(f)
    assert item.error is None
    assert item.data == PLAIN_ARTICLE.encode("utf-8")
    assert item.content_type == "text"
    assert item.path == str(f)
    assert item.stem == "story"


def test_html_suffix_is_html(tmp_path):
    f = tmp_path / "page.HTML"
    f.write_text(HTML_ARTICLE, encoding="utf-8")
    item = read_file(f)
    assert item.content_type == "html"
    assert item.stem == "page"


@pytest.mark.parametrize("name,stem", [("a.b.txt", "a.b"), ("x.htm", "x"), ("readme", "readme"),
                                       ("https://ex.org/news/story.html", "story")])
def test_stem(name, stem):
    assert InputItem(name=name).stem == stem


def test_missing_file_is_an_error_item(tmp_path):
    item = read_file(tmp_path / "nope.txt")
    assert item.data is None
    assert isinstance(item.error, InputError)
    assert "nope.txt" in str(item.error)
    assert "no such file" in str(item.error)


def test_broken_symlink_is_an_error_item(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "target-that-does-not-exist.txt")
    item = read_file(link)
    assert isinstance(item.error, InputError)
    assert "gone.txt" in str(item.error)


def test_symlink_loop_is_an_error_item(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    item = read_file(a)
    assert isinstance(item.error, InputError)
    assert "a.txt" in str(item.error)


def test_directory_given_as_a_file_is_an_error_item(tmp_path):
    d = tmp_path / "x.txt"
    d.mkdir()
    item = read_file(d)
    assert isinstance(item.error, InputError)
    assert "x.txt" in str(item.error) and "directory" in str(item.error)


def test_permission_error_is_an_error_item(tmp_path, monkeypatch):
    f = tmp_path / "secret.txt"
    f.write_text("some words here.", encoding="utf-8")

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(f))

    monkeypatch.setattr(sources, "open", denied, raising=False)
    item = read_file(f)
    assert isinstance(item.error, InputError)
    assert "secret.txt" in str(item.error)
    assert "permission" in str(item.error).lower()


ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def test_unreadable_file_chmod_000(tmp_path, monkeypatch):
    f = tmp_path / "locked.txt"
    f.write_text("some words here.", encoding="utf-8")
    f.chmod(0)
    if ROOT_USER:  # root reads a chmod 000 file: the kernel's answer to anyone else, simulated
        def denied(*a, **k):
            raise PermissionError(13, "Permission denied", str(f))
        monkeypatch.setattr(sources, "open", denied, raising=False)
    try:
        item = read_file(f)
    finally:
        f.chmod(0o644)
    assert isinstance(item.error, InputError)
    assert "locked.txt" in str(item.error)


def test_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(b"word " * 1000)          # 5000 bytes
    item = read_file(f, max_bytes=1000)
    assert item.data is None
    assert "big.txt" in str(item.error)
    assert "limit" in str(item.error) and "--max-bytes" in str(item.error)
    assert read_file(f, max_bytes=5000).error is None


def test_read_input_raises_for_bad_input(tmp_path):
    with pytest.raises(InputError) as ei:
        read_input(str(tmp_path / "missing.txt"))
    assert "missing.txt" in str(ei.value)


# ---- directories -----------------------------------------------------------

def test_directory_is_recursive_sorted_and_skips_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["z.txt", "a.html", "b/m.txt", "b/deep/n.htm", "image.png", ".dot.txt",
                ".hidden/h.txt", "b/notes.pdf"]:
        (tmp_path / rel).write_bytes(b"Some text for the test, long enough.\n")
    items = list(iter_inputs([str(tmp_path)]))
    assert all(i.error is None for i in items)
    assert _names(items) == ["a.html", "z.txt", "m.txt", "n.htm"]


def test_directory_keeps_going_past_bad_entries(tmp_path):
    (tmp_path / "a.txt").write_text("First document, fine.", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "missing")
    (tmp_path / "c.txt").mkdir()                       # a directory named like a file
    (tmp_path / "c.txt" / "inner.txt").write_text("Inner document.", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Last document, fine.", encoding="utf-8")
    items = list(iter_inputs([str(tmp_path)]))
    by_name = {os.path.relpath(i.name, tmp_path): i for i in items}
    assert by_name["a.txt"].error is None and by_name["d.txt"].error is None
    assert by_name[os.path.join("c.txt", "inner.txt")].error is None
    assert isinstance(by_name["b.txt"].error, InputError)
    assert "b.txt" in str(by_name["b.txt"].error)


def test_empty_directory_says_so(tmp_path):
    d = tmp_path / "x.txt"
    d.mkdir()
    items = list(iter_inputs([str(d)]))
    assert len(items) == 1
    assert isinstance(items[0].error, InputError)
    assert "x.txt" in str(items[0].error)


def test_unlistable_subdirectory(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Fine document.", encoding="utf-8")
    locked = tmp_path / "zz"
    locked.mkdir()
    (locked / "x.txt").write_text("hidden", encoding="utf-8")
    locked.chmod(0)
    if ROOT_USER:  # root lists a chmod 000 directory: the kernel's answer to anyone else, simulated
        real = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        items = list(iter_inputs([str(tmp_path)]))
    finally:
        locked.chmod(0o755)
    assert any(i.error is None and i.name.endswith("ok.txt") for i in items)
    assert any(i.error is not None and "zz" in str(i.error) for i in items)


def test_iter_inputs_is_lazy(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Document {n}.", encoding="utf-8")
    gen = iter_inputs([str(tmp_path)])
    first = next(gen)
    assert first.name.endswith("0.txt")


# ---- stdin -----------------------------------------------------------------

class _FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _FakeStdin(PLAIN_ARTICLE.encode("utf-8")))
    items = list(iter_inputs(["-"]))
    assert len(items) == 1
    assert items[0].data == PLAIN_ARTICLE.encode("utf-8")
    assert items[0].stem == "stdin"


def test_stdin_size_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"x" * 2000))
    item = read_stdin(max_bytes=100)
    assert item.data is None
    assert "stdin" in str(item.error) and "limit" in str(item.error)


# ---- URLs ------------------------------------------------------------------

def test_fetch_html(http_site):
    url = http_site + "/article.html"
    item = fetch_url(url, allow_private=True)
    assert item.error is None
    assert item.url == url
    assert item.content_type == "html"
    assert item.data == HTML_ARTICLE.encode("utf-8")
    assert item.stem == "article"


def test_fetch_text(http_site):
    item = next(iter_inputs([http_site + "/note.txt"], allow_private=True))
    assert item.error is None
    assert item.content_type == "text"
    assert item.data.decode("utf-8") == PLAIN_ARTICLE


def test_fetch_404(http_site):
    url = http_site + "/missing-page.html"
    item = fetch_url(url, allow_private=True)
    assert item.data is None
    msg = str(item.error)
    assert msg.startswith(url) and "404" in msg


def test_fetch_timeout(http_site):
    url = http_site + "/slow.txt"
    item = fetch_url(url, timeout=0.5, allow_private=True)
    assert item.data is None
    msg = str(item.error)
    assert url in msg and "timed out" in msg


def test_fetch_size_limit(http_site):
    url = http_site + "/article.html"
    item = fetch_url(url, max_bytes=100, allow_private=True)
    assert item.data is None
    assert url in str(item.error) and "limit" in str(item.error)


def test_fetch_connection_refused():
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()                                   # nothing listens here now
    url = f"http://127.0.0.1:{port}/x.txt"
    item = fetch_url(url, timeout=2, allow_private=True)
    assert item.data is None
    assert str(item.error).startswith(url)
