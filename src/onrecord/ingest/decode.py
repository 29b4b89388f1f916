"""Bytes → text, the way real archives need it.

Order of decisions:

1. empty or whitespace-only input is an error (nothing to analyze);
2. well-known binary formats (by magic number) are an error;
3. a byte-order mark decides UTF-8/UTF-16/UTF-32 (a UTF-8 BOM is kept as
   U+FEFF so offsets match any reader that opens the file as UTF-8);
4. UTF-16 without BOM is recognised by its pattern of NUL bytes;
5. valid UTF-8 is UTF-8;
6. otherwise charset-normalizer is asked; its answer is taken only for long
   enough text in a non-Latin legacy encoding (it misreads short cp1252 text),
   else the bytes are read as UTF-8 with each invalid byte read as cp1252
   (this decodes pure cp1252/latin-1 and mixed UTF-8 + cp1252 pages alike);
7. text that still has many control characters is binary → error.
"""
from __future__ import annotations

import codecs
import re

from onrecord.errors import InputError

_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or DOCX/XLSX)",
    b"\x1f\x8b": "gzip-compressed data",
    b"BZh": "bzip2-compressed data",
    b"\xfd7zXZ": "xz-compressed data",
    b"\x7fELF": "an executable (ELF)",
    b"MZ\x90\x00": "a Windows executable",
    b"SQLite format 3": "an SQLite database",
    b"\x00asm": "WebAssembly",
}
_NON_LATIN = ("cp1251", "koi8", "shift_jis", "cp932", "euc", "gb", "big5", "iso2022",
              "cp1253", "cp1255", "cp1256", "iso8859_5", "iso8859_7", "mac_cyrillic",
              "cp1250", "iso8859_2", "tis", "cp874")
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "windows-1252", "iso-8859-1"}


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)   # (registered for decoding only)
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


codecs.register_error("onrecord-cp1252", _cp1252_fallback)


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


# control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) other than the
# whitespace ones, and the replacement character
_BAD_CHAR = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_BAD_CHAR.findall(sample)) / len(sample)


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`InputError`."""
    if not data or not data.strip():
        raise InputError(name, "empty input (no text to analyze)")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(name, f"binary input ({what}), not text or HTML")

    text: str | None = None
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        encoding = "utf-32"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8"  # BOM kept as U+FEFF: offsets as when the file is read as UTF-8
    else:
        encoding = _looks_utf16(data) or "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = None
        if encoding.startswith("utf-16") or encoding == "utf-32":
            raise InputError(name, f"invalid {encoding.upper()} text") from None

    if text is None:
        encoding = "utf-8+cp1252"
        if len(data) >= 400:
            from charset_normalizer import from_bytes

            results = from_bytes(data[:200_000])
            best = results.best()
            # a Western code page that reads the bytes just as well wins the tie:
            # cp1250 and cp1252 share most letters, and the detector's order between
            # equal candidates is arbitrary (French "à" must not become "ŕ")
            western_tie = best is not None and any(
                m.encoding in _WESTERN and m.chaos <= best.chaos
                and m.coherence >= best.coherence for m in results)
            if best is not None and best.encoding and best.encoding.startswith(_NON_LATIN) \
                    and best.chaos < 0.1 and not western_tie:
                try:
                    text, encoding = data.decode(best.encoding), best.encoding
                except (UnicodeDecodeError, LookupError):
                    text = None
        if text is None:
            text = data.decode("utf-8", errors="onrecord-cp1252")

    if "\x00" in text or _control_ratio(text) > 0.02:
        raise InputError(name, "binary input (control bytes), not text or HTML")
    if not text.strip(" \t\r\n\ufeff\u200b\xa0"):
        raise InputError(name, "empty input (only whitespace)")
    return text, encoding
