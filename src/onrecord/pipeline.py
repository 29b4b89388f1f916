"""The pipeline: ingest → clean → parse → attribute → resolve, one record per document.

Every stage fills part of one :class:`~onrecord.model.Record`.  Documents are
parsed once, in batches with ``nlp.pipe``; ``jobs > 1`` runs batches in
worker processes, each loading the model once.  A document that fails
becomes an :class:`Outcome` with a one-line error and never stops the run.
"""
from __future__ import annotations

import collections
import contextlib
import hashlib
import itertools
import logging
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generator, Iterable, Iterator, Optional, Union

from onrecord.clean import clean
from onrecord.errors import InputError, OnrecordError
from onrecord.ingest.decode import decode_bytes
from onrecord.ingest.sources import HTML_SUFFIXES, TEXT_SUFFIXES, InputItem, iter_inputs
from onrecord.model import Record, Source
from onrecord.text import BLOCKQUOTES_KEY, PARSED_TEXT_KEY, TEXT_KEY

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future
    from contextlib import AbstractContextManager
    from types import FrameType

    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_DOC_TIMEOUT = 120.0
BATCH_SIZE = 16
# nlp.pipe gets at most this many characters of text at a time (and at least one
# document): the model's working memory grows with the tokens of a batch (tok2vec keeps
# some 15 kB a token until the batch is through), so 16 long articles at once made a
# worker peak near 570 MB where its model needs 180 MB.  Every document is parsed on its
# own, so how they are grouped never changes a result.
PIPE_CHARS = 20_000


class DocTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise DocTimeout after ``seconds`` (main thread only; elsewhere no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: Optional[FrameType]) -> None:
        raise DocTimeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    # A repeating interval: an alarm raised inside a GC callback or a C extension is
    # swallowed (printed as "Exception ignored"), so keep firing until one lands.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _pipe_guarded(nlp: Language, texts: list[str], timeout: Optional[float],
                  extras: Optional[list[dict[str, Any]]] = None) \
        -> Generator[Union[tuple[Doc, None], tuple[None, str]], None, None]:
    """``nlp.pipe`` over texts, yielding (doc, None) or (None, error) for each, in order.
    ``extras[i]`` (when given) goes into the i-th Doc's ``user_data`` before the pipeline's
    components run (what the page's markup says that its text cannot: the blockquotes).

    A document over the time limit is skipped and the pipe restarted after it.
    """
    extras = extras if extras is not None else [{} for _ in texts]
    i = 0
    while i < len(texts):
        gen = _pipe_budgeted(nlp, texts[i:], extras[i:])
        while i < len(texts):
            try:
                with time_limit(timeout):
                    doc = next(gen)
            except DocTimeout:
                yield None, f"analysis took longer than {timeout:g} s (raise it with --doc-timeout)"
                i += 1
                break
            yield doc, None
            i += 1


def _pipe_budgeted(nlp: Language, texts: list[str], extras: list[dict[str, Any]]) -> Iterator[Doc]:
    """``nlp.pipe`` over texts in groups of at most PIPE_CHARS characters (one text at least)."""
    k = 0
    for group in _groups(texts, PIPE_CHARS):
        extra, k = extras[k:k + len(group)], k + len(group)
        if len(group) == 1 and len(group[0]) > LONG_TEXT:
            yield _parse_in_pieces(nlp, group[0], extra[0])
        elif not any(extra):
            yield from nlp.pipe(group, batch_size=len(group))
        else:
            docs = [nlp.make_doc(t) for t in group]
            for doc, x in zip(docs, extra):
                doc.user_data.update(x)
            yield from nlp.pipe(docs, batch_size=len(group))


# A document longer than this is parsed in pieces of about PIECE_CHARS characters, cut at
# paragraph (else line, else word) breaks, and the pieces joined into one Doc before
# onrecord's own components run.  The time limit is a signal, and a signal only lands
# between calls into the model: one 200 kB line parsed in one call overran a 20 s limit
# by 7 s; in pieces it overruns by at most one piece (about a second).
LONG_TEXT = 60_000
PIECE_CHARS = 20_000


def _parse_in_pieces(nlp: Language, text: str, extra: Optional[dict[str, Any]] = None) -> Doc:
    from spacy.tokens import Doc  # (lazy: see _finish)

    own = [name for name in nlp.pipe_names if name.startswith("onrecord_")]
    with nlp.select_pipes(disable=own):
        parts = [nlp(piece) for piece in _pieces(text, PIECE_CHARS)]
    for part in parts:  # (from_docs drops plain user_data keys, with a warning)
        part.user_data.pop(TEXT_KEY, None)
        part.user_data.pop(PARSED_TEXT_KEY, None)
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    doc.user_data[TEXT_KEY] = text  # (the page's own text: see onrecord.text.original_text)
    doc.user_data.update(extra or {})
    for name in own:
        doc = nlp.get_pipe(name)(doc)
    return doc


def _pieces(text: str, size: int) -> Iterator[str]:
    """Consecutive pieces of text (joined, they are the text), each at most ``size`` long."""
    i, n = 0, len(text)
    while i < n:
        j = min(n, i + size)
        if j < n:
            for sep in ("\n\n", "\n", " "):
                k = text.rfind(sep, i + size // 2, j)
                if k >= 0:
                    j = k + len(sep)
                    break
        yield text[i:j]
        i = j


def _groups(texts: list[str], budget: int) -> Iterator[list[str]]:
    group: list[str] = []
    size = 0
    for t in texts:
        if group and size + len(t) > budget:
            yield group
            group, size = [], 0
        group.append(t)
        size += len(t)
    if group:
        yield group


@dataclass
class Outcome:
    item: InputItem
    record: Optional[Record] = None
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.record is not None


def prepare(item: InputItem, max_chars: int = DEFAULT_MAX_CHARS,
            author_years: Optional[dict[str, int]] = None) -> Record:
    """Decode and clean one input (no NLP yet)."""
    if item.error:
        raise item.error
    assert item.data is not None
    text, encoding = decode_bytes(item.data, item.name)
    source = Source(path=item.path, url=item.url, sha256=hashlib.sha256(item.data).hexdigest(),
                    encoding=encoding)
    hints = dict(item.meta or {}, author_years=author_years or {})
    record = clean(text, item.name, item.content_type, source, hints=hints)
    body = record.document.body
    if body is not None and body.end - body.start > max_chars:
        raise InputError(item.name, f"article text is {body.end - body.start:,} characters, above "
                                    f"the limit of {max_chars:,} (raise it with --max-chars)")
    return record


_lock = threading.Lock()
_nlp: Optional[Language] = None


def get_nlp() -> Language:
    """The shared onrecord pipeline: the base model (:func:`onrecord.parse.load_base`) with
    the attribution component last, and the date parser the later stages use; loaded once
    per process, lazily."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                from onrecord.attribute import component  # noqa: F401  (registers the factory)
                from onrecord.parse import load_base  # (lazy: loading spaCy takes seconds)

                nlp = load_base()
                nlp.add_pipe("onrecord_attribution", last=True)
                from onrecord.clean.dates import load_parser

                load_parser()   # (the date parser's data is loaded with the model, once)
                _nlp = nlp
    assert _nlp is not None
    return _nlp


def _finish(record: Record, doc: Doc) -> Record:
    """Turn the parsed body into attributions, speakers and sentences."""
    # (lazy: the later stages import spaCy, which a CLI start-up or a decode error need not wait for)
    from onrecord.attribute.convert import attach_attributions
    from onrecord.events.extract import extract_events
    from onrecord.events.whom import attach_whom
    from onrecord.resolve.assign import resolve_speakers
    from onrecord.resolve.voice import assign_voice

    assert record.document.analyzed is not None   # (prepare sets it)
    offset = record.document.analyzed.start
    attach_attributions(record, doc, offset)
    resolver = resolve_speakers(record, doc, offset)
    events = extract_events(record, doc, offset, resolver)
    attach_whom(record, doc, offset, events)
    assign_voice(record, doc, offset)
    return record


def _analyze_batch(items: list[InputItem], max_chars: int,
                   doc_timeout: Optional[float] = DEFAULT_DOC_TIMEOUT,
                   author_years: Optional[dict[str, int]] = None) -> list[Outcome]:
    outcomes: list[Outcome] = []
    ready: list[tuple[Outcome, Record]] = []
    for item in items:
        out = Outcome(item)
        outcomes.append(out)
        try:
            ready.append((out, prepare(item, max_chars, author_years)))
        except OnrecordError as e:
            out.error = str(e)
        except Exception as e:  # a bug must not cost the rest of the run
            out.error = f"{item.name}: internal error while reading: {type(e).__name__}: {e}"
            log.debug("internal error while reading %s", item.name, exc_info=True)
    if ready:
        nlp = get_nlp()
        texts = [(r.analysis_text or r.text)[_analyzed(r)[0]:_analyzed(r)[1]] for _, r in ready]
        # Strings a batch adds to the vocabulary are freed after it (records hold only
        # plain data), so a long run over new vocabulary keeps a flat memory.
        with _memory_zone(nlp):
            docs = _pipe_guarded(nlp, texts, doc_timeout, [_doc_extras(r) for _, r in ready])
            try:
                for (out, record), (doc, error) in zip(ready, docs):
                    if doc is None:
                        out.error = f"{out.item.name}: {error}"
                        continue
                    try:
                        with time_limit(doc_timeout):
                            out.record = _finish(record, doc)
                    except DocTimeout:
                        out.error = (f"{out.item.name}: analysis took longer than {doc_timeout:g} s "
                                     "(raise it with --doc-timeout)")
                    except Exception as e:
                        out.error = (f"{out.item.name}: internal error while analysing: "
                                     f"{type(e).__name__}: {e}")
                        log.debug("internal error while analysing %s", out.item.name, exc_info=True)
                    doc = None
            finally:
                docs.close()
    return outcomes


def _analyzed(record: Record) -> tuple[int, int]:
    """The part of the text the NLP stages read (set by :func:`prepare`)."""
    a = record.document.analyzed
    assert a is not None
    return a.start, a.end


def _doc_extras(record: Record) -> dict[str, Any]:
    """What the components need to know of a page besides its text, offsets relative to the
    analysed part: the blockquotes (:data:`onrecord.attribute.quote_cues.BLOCKQUOTES_KEY`)."""
    a_start, a_end = _analyzed(record)

    def rel(span: Optional[tuple[int, int]]) -> Optional[tuple[int, int]]:
        return None if span is None or span[0] < a_start else (span[0] - a_start, span[1] - a_start)

    blocks = [(b.start - a_start, b.end - a_start, rel(b.label)) for b in record.blockquotes
              if a_start <= b.start and b.end <= a_end]
    return {BLOCKQUOTES_KEY: blocks} if blocks else {}


def _memory_zone(nlp: Language) -> AbstractContextManager[Any]:
    zone = getattr(nlp, "memory_zone", None)   # spaCy >= 3.8
    return zone() if zone is not None else contextlib.nullcontext()


def _release_memory() -> None:
    """Hand the heap's free pages back to the system (glibc; elsewhere nothing).

    A batch's arrays are freed when it ends, but glibc keeps most of the pages, so a
    process's RSS wandered 50-80 MB above its working set from batch to batch.
    """
    global _malloc_trim
    if _malloc_trim is None:
        _malloc_trim = False
        try:
            import ctypes
            import ctypes.util

            _malloc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            pass
    if _malloc_trim:
        _malloc_trim(0)


_malloc_trim: Any = None   # libc's malloc_trim, False where there is none


def die_with_parent() -> None:
    """Make this worker process end when the process that started it dies.

    ``kill -9`` of ``onrecord analyze/ingest --jobs N`` left its workers running for
    minutes.  On Linux the kernel sends SIGKILL to the worker when its parent exits
    (``prctl(PR_SET_PDEATHSIG)``); elsewhere, and as a second line, a daemon thread
    notices the parent's pid change within half a second.  Ctrl-C and SIGTERM are the
    parent's to handle (it stops its workers), so the worker ignores SIGINT and takes
    SIGTERM's default action (end at once).
    """
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="onrecord-watch-parent", daemon=True).start()


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End a process pool now: cancel what waits, terminate the workers (no waiting for
    running batches, as ``shutdown(wait=True)`` would)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(5)


def _worker_init() -> None:
    die_with_parent()
    get_nlp()


def _worker_batch(args: tuple[list[InputItem], int, Optional[float], Optional[dict[str, Any]]]) \
        -> list[tuple[Optional[Record], Optional[str]]]:
    items, max_chars, doc_timeout, author_years = args
    # Only the results travel back: the parent still holds the items (and their bytes).
    done = [(o.record, o.error) for o in _analyze_batch(items, max_chars, doc_timeout, author_years)]
    _release_memory()
    return done


def analyze_items(items: Iterable[InputItem], jobs: int = 1,
                  max_chars: int = DEFAULT_MAX_CHARS,
                  batch_size: int = BATCH_SIZE,
                  doc_timeout: Optional[float] = DEFAULT_DOC_TIMEOUT,
                  author_years: Optional[dict[str, int]] = None) -> Iterator[Outcome]:
    """Analyze a stream of inputs; yields one :class:`Outcome` per input, in order.

    ``author_years`` (lower-cased author name → year) is an author profile: the year
    of a page's dates that give none, the same whichever other inputs are in the run.
    """
    it = iter(items)
    batches = iter(lambda: list(itertools.islice(it, batch_size)), [])
    if jobs <= 1:
        for batch in batches:
            outcomes = _analyze_batch(batch, max_chars, doc_timeout, author_years)
            _release_memory()
            yield from outcomes
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
    try:
        pending: collections.deque[tuple[list[InputItem], Future[Any]]] = collections.deque()
        for batch in batches:
            pending.append((batch, pool.submit(_worker_batch, (batch, max_chars, doc_timeout,
                                                               author_years))))
            while len(pending) > 2 * jobs:   # bounded read-ahead keeps memory flat
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    except BaseException:  # Ctrl-C, SIGTERM, or the consumer stopped: end the workers now
        stop_pool(pool)
        raise
    pool.shutdown()


def _collect(batch: list[InputItem], fut: Future[Any]) -> Iterator[Outcome]:
    for item, (record, error) in zip(batch, fut.result()):
        yield Outcome(item, record, error)


def analyze_many(inputs: Iterable[Union[str, Path, InputItem]], jobs: int = 1,
                 **kw: Any) -> Iterator[Outcome]:
    """Analyze paths, URLs, ``-`` or :class:`InputItem` objects, streaming outcomes."""
    def items() -> Iterator[InputItem]:
        for x in inputs:
            if isinstance(x, InputItem):
                yield x
            else:
                yield from iter_inputs([str(x)])
    return analyze_items(items(), jobs=jobs, **kw)


def _looks_like_path(s: str) -> bool:
    """A short one-line string ending in a document suffix, or a slash-separated string
    without spaces: meant as a path, not as text to analyse."""
    if "\n" in s or len(s) > 1024 or not s.strip():
        return False
    t = s.strip()
    spaced = any(ch.isspace() for ch in t)
    if Path(t).suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | {".xml"}:
        return not spaced or "/" in t
    return ("/" in t or os.sep in t) and not spaced


def analyze(text_or_path: Union[str, Path], content_type: Optional[str] = None) -> Record:
    """Analyze one document given as a path or URL to read, or as text.

    A :class:`~pathlib.Path`, a URL or an existing file is read; a string that looks
    like a path (``notes/page.txt``) but names no file is an :class:`InputError`, not
    text.  Use :func:`analyze_text` to analyse a string as text whatever it looks like.
    Raises OnrecordError.
    """
    s = str(text_or_path)
    if isinstance(text_or_path, Path) or s.startswith(("http://", "https://")) or \
            ("\n" not in s and len(s) < 4096 and os.path.exists(s)):
        item = next(iter_inputs([s]))
    elif _looks_like_path(s):
        raise InputError(s, "no such file (to analyse this string as text, use "
                            "onrecord.analyze_text)")
    else:
        return analyze_text(s, content_type)
    return _one(item)


def analyze_text(text: str, content_type: Optional[str] = None) -> Record:
    """Analyze ``text`` itself (never read as a path or URL).  Raises OnrecordError."""
    return _one(InputItem(name="text", data=str(text).encode("utf-8"), content_type=content_type))


def _one(item: InputItem) -> Record:
    out = _analyze_batch([item], DEFAULT_MAX_CHARS)[0]
    if out.record is None:
        raise OnrecordError(out.error or "analysis failed")
    return out.record
