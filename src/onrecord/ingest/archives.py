"""Archives of many documents: RSS/Atom feeds, WordPress exports (WXR) and WARC files.

Each yields :class:`~onrecord.ingest.sources.InputItem` objects, one per
document, like :func:`~onrecord.ingest.sources.iter_inputs` does for files, and
never raises for one bad entry: an unreadable archive or entry becomes an item
whose ``error`` says why.

:func:`iter_sources` is the front door used by ``onrecord ingest``: it takes the
same specs as ``iter_inputs`` (files, directories, ``-``, URLs) and expands the
ones that are archives.  A URL is fetched once; if it turns out to be a feed,
its entries are expanded.
"""
from __future__ import annotations

import gzip
import html as _html
import io
import re
import zlib
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from onrecord.errors import InputError
from onrecord.ingest.sources import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, InputItem, fetch_url, is_url, iter_inputs

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
XML_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".wxr")
# feed entries whose own content is at least this long (in characters of text)
# are taken as the article; shorter ones are fetched from their link
MIN_ENTRY_CHARS = 400

_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_TAGS = re.compile(r"<[^<>]+>")   # (no "<" inside: a search stays linear on "<<<…")


def sniff_kind(data: bytes, name: str = "") -> Optional[str]:
    """``"warc"``, ``"wxr"``, ``"feed"`` or None (an ordinary document)."""
    low = name.lower()
    if low.endswith(WARC_SUFFIXES) or data[:4] == b"WARC":
        return "warc"
    if data[:2] == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(data)).read(64)
        except (OSError, EOFError, zlib.error):  # damaged gzip: not a WARC we can read
            head = b""
        return "warc" if head[:4] == b"WARC" else None
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    if re.match(rb"<!doctype\s+html|<html", head, re.IGNORECASE):
        return None
    if b"wordpress.org/export/" in data[:20000]:
        return "wxr"
    if _FEED_SNIFF.search(data[:4096]):
        return "feed"
    return None


def _text_len(html: str) -> int:
    return len(" ".join(_html.unescape(_TAGS.sub(" ", html)).split()))


def wrap_html(body: str, title: Optional[str] = None, author: Optional[str] = None,
              published: Optional[str] = None, url: Optional[str] = None) -> bytes:
    """An HTML page for an entry's content, with its metadata where extractors look."""
    esc = _html.escape
    if not re.search(r"<(p|div|br|h\d|ul|ol|blockquote|table)[\s>/]", body, re.IGNORECASE):
        # WordPress stores posts without <p>: blank lines separate paragraphs (wpautop)
        paras = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        body = "\n".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paras)
    head = ["<meta charset=\"utf-8\">"]
    if title:
        head.append(f"<title>{esc(title)}</title>")
    if author:
        head.append(f"<meta name=\"author\" content=\"{esc(author)}\">")
    if published:
        head.append(f"<meta property=\"article:published_time\" content=\"{esc(published)}\">")
    if url:
        head.append(f"<link rel=\"canonical\" href=\"{esc(url)}\">")
    h1 = f"<h1>{esc(title)}</h1>\n" if title else ""
    byline = f"<p class=\"byline\">By {esc(author)}</p>\n" if author else ""
    page = (f"<!DOCTYPE html>\n<html><head>{''.join(head)}</head>\n<body><article>\n{h1}"
            f"{byline}{body}\n</article></body></html>\n")
    return page.encode("utf-8")


# --- feeds ---------------------------------------------------------------------

def iter_feed(data: bytes, name: str, fetch: Optional[Callable[[str], InputItem]] = None,
              base_url: Optional[str] = None) -> Iterator[InputItem]:
    """Entries of an RSS/Atom feed.  Full content is used when the feed has it;
    otherwise the entry's link is fetched with ``fetch`` (when given)."""
    import feedparser

    try:
        feed = feedparser.parse(data, response_headers={"content-location": base_url or ""})
    except Exception as e:  # noqa: BLE001 - feedparser is lenient, but be safe
        yield InputItem(name=name, error=InputError(name, f"cannot parse feed: {e}"))
        return
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        why = f": {reason}" if feed.get("bozo") and reason else ""
        yield InputItem(name=name, error=InputError(name, f"feed has no entries{why}"))
        return
    for i, entry in enumerate(feed.entries, 1):
        link = entry.get("link")
        ename = link or f"{name}#entry-{i}"
        title = entry.get("title")
        author = entry.get("author")
        published = None
        for key in ("published_parsed", "updated_parsed"):
            t = entry.get(key)
            if t:
                published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                break
        content = ""
        for c in entry.get("content") or []:
            if len(c.get("value", "")) > len(content):
                content = c.get("value", "")
        summary = entry.get("summary") or ""
        if _text_len(content) >= MIN_ENTRY_CHARS:
            body = content
        elif link and fetch is not None:
            item = fetch(link)
            item.name = link
            meta = {k: v for k, v in (("title", title), ("author", author),
                                      ("published", published)) if v}
            item.meta = meta or None
            yield item
            continue
        else:
            body = content if len(content) > len(summary) else summary
        if not body.strip():
            yield InputItem(name=ename, url=link,
                            error=InputError(ename, "feed entry has no content and no link"))
            continue
        yield InputItem(name=ename, url=link, path=None, content_type="html",
                        data=wrap_html(body, title, author, published, link))


# --- WordPress export (WXR) ------------------------------------------------------

def iter_wxr(source, name: str, post_types: Iterable[str] = ("post", "page"),
             statuses: Iterable[str] = ("publish",)) -> Iterator[InputItem]:
    """Published posts and pages of a WordPress export file (``source``: path or bytes)."""
    from lxml import etree

    post_types, statuses = set(post_types), set(statuses)
    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else open(source, "rb")
    try:
        ctx = etree.iterparse(stream, events=("end",), tag="item", recover=True,
                              resolve_entities=False, no_network=True, huge_tree=True)
        n = 0
        for _, el in ctx:
            n += 1

            def field(tag: str) -> str:
                for child in el:
                    if isinstance(child.tag, str) and _tag_is(child.tag, tag):
                        return (child.text or "").strip()
                return ""

            ptype = field("wp:post_type") or "post"
            status = field("wp:status") or "publish"
            if ptype not in post_types or status not in statuses:
                el.clear()
                continue
            title = field("title") or None
            link = field("link") or None
            post_id = field("wp:post_id") or str(n)
            author = field("dc:creator") or None
            date = field("wp:post_date") or field("pubDate")
            published = _wxr_date(date)
            body = field("content:encoded")
            ename = link or f"{name}#post-{post_id}"
            el.clear()
            if not body.strip():
                yield InputItem(name=ename, url=link, path=str(name),
                                error=InputError(ename, "WordPress post has no content"))
                continue
            yield InputItem(name=ename, url=link, path=None, content_type="html",
                            data=wrap_html(body, title, author, published, link))
        if n == 0:
            yield InputItem(name=name, error=InputError(name, "WordPress export has no items"))
    except etree.XMLSyntaxError as e:
        yield InputItem(name=name, error=InputError(name, f"cannot parse WordPress export: {e}"))
    finally:
        stream.close()


_NS = {"wp": "wordpress.org/export", "dc": "purl.org/dc/elements", "content": "purl.org/rss/1.0/modules/content"}


def _tag_is(qualified: str, tag: str) -> bool:
    """Does lxml's ``{namespace}local`` name match ``prefix:local`` (any WXR version)?"""
    ns, _, local = qualified[1:].partition("}") if qualified.startswith("{") else ("", "", qualified)
    prefix, _, want = tag.rpartition(":")
    if local != want:
        return False
    return (_NS[prefix] in ns) if prefix else not ns


def _wxr_date(s: str) -> Optional[str]:
    if not s:
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", s)
    if m and m.group(1) != "0000-00-00":
        return m.group(1)
    try:
        from email.utils import parsedate_to_datetime
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# --- WARC ----------------------------------------------------------------------

def iter_warc(source, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[InputItem]:
    """HTML and text responses (status 200) and resources in a WARC/ARC file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stream = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else open(source, "rb")
    n = 0
    try:
        for rec in ArchiveIterator(stream, arc2warc=True):
            if rec.rec_type not in ("response", "resource"):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI") or f"{name}#record-{n + 1}"
            if rec.rec_type == "response":
                if rec.http_headers is None:
                    continue
                status = rec.http_headers.get_statuscode()
                if not status or not status.startswith("2"):
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
            else:
                ctype = (rec.rec_headers.get_header("Content-Type") or "").lower()
            if "html" in ctype:
                kind = "html"
            elif ctype.startswith("text/plain"):
                kind = "text"
            else:
                continue
            n += 1
            data = rec.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputItem(name=uri, url=uri, error=InputError(
                    uri, f"record is above the limit of {max_bytes / 1e6:.1f} MB"))
                continue
            yield InputItem(name=uri, url=uri, data=data, content_type=kind)
    except ArchiveLoadFailed as e:
        yield InputItem(name=name, error=InputError(name, f"cannot read WARC: {e}"))
    except (OSError, EOFError, ValueError) as e:
        yield InputItem(name=name, error=InputError(name, f"WARC is truncated or corrupt: {e}"))
    except Exception as e:  # noqa: BLE001 - warcio fails on some corrupt headers with
        # AttributeError/TypeError/zlib.error: the records read so far are kept
        yield InputItem(name=name, error=InputError(
            name, f"WARC is truncated or corrupt: {type(e).__name__}: {e}"))
    finally:
        stream.close()
    if n == 0:
        yield InputItem(name=name, error=InputError(name, "WARC has no HTML or text responses"))


# --- front door ------------------------------------------------------------------

def _local_kind(p: Path) -> Optional[str]:
    low = p.name.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(XML_SUFFIXES):
        try:
            with open(p, "rb") as f:
                head = f.read(20000)
        except OSError:
            return None
        return sniff_kind(head, p.name) or "feed"
    return None


def iter_sources(specs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                 timeout: float = DEFAULT_TIMEOUT, fetch_links: bool = True,
                 allow_private: bool = False) -> Iterator[InputItem]:
    """Like :func:`iter_inputs`, expanding feeds, WordPress exports and WARC files.

    Every fetch (a URL given, a feed entry's link, each redirect) reaches only public
    addresses unless ``allow_private`` (:mod:`onrecord.ingest.netguard`)."""
    def fetch(url: str) -> InputItem:
        return fetch_url(url, max_bytes, timeout, allow_private)

    for spec in specs:
        if is_url(spec):
            item = fetch(spec)
            kind = sniff_kind(item.data or b"", spec) if item.data else None
            if kind == "feed":
                yield from iter_feed(item.data or b"", spec, fetch if fetch_links else None, spec)
            elif kind == "wxr":
                yield from iter_wxr(item.data, spec)
            elif kind == "warc":
                yield from iter_warc(item.data, spec, max_bytes)
            else:
                yield item
            continue
        p = Path(spec)
        kind = _local_kind(p) if spec != "-" and p.is_file() else None
        if kind == "warc":
            yield from iter_warc(str(p), spec, max_bytes)
        elif kind == "wxr":
            yield from iter_wxr(str(p), spec)
        elif kind == "feed":
            try:
                size = p.stat().st_size
                if size > max_bytes:
                    yield InputItem(name=spec, error=InputError(
                        spec, f"feed is {size / 1e6:.1f} MB, above the limit of "
                              f"{max_bytes / 1e6:.1f} MB (raise it with --max-bytes)"))
                    continue
                data = p.read_bytes()
            except OSError as e:
                yield InputItem(name=spec, error=InputError(spec, f"cannot read file: {e}"))
                continue
            yield from iter_feed(data, spec, fetch if fetch_links else None)
        else:
            yield from iter_inputs([spec], max_bytes, timeout, allow_private)
