"""Bytes → text: encodings real archives use, and input that is not text at all."""
from __future__ import annotations

import codecs
import gzip
import random
import struct
import zlib

import pytest

from onrecord.errors import InputError
from onrecord.ingest.decode import decode_bytes

# A short sentence with the characters that differ between cp1252, latin-1 and UTF-8:
# curly quotes, an apostrophe, an accented letter and an em dash.
SENTENCE = "Zakharova said “it’s a café matter — nothing more” on Tuesday.\n"
ARTICLE = (
    "Russian Foreign Ministry spokeswoman Maria Zakharova commented on the talks.\n\n"
    "She said Moscow “will render Yerevan all necessary assistance” if needed.\n\n"
    "The ministry’s statement — issued late on Saturday — named no one.\n"
)
# Long enough (> 400 bytes) that the charset detector is consulted, and written in a
# language whose accented letters (à, è, ù) mean something else in Central European
# code pages (ŕ, č, ů).
FRENCH = (
    "Le ministre a déclaré à la presse que la décision était très grave. "
    "Il s’est rendu à Genève où il a rencontré son homologue. "
    "Ça n’était pas prévu — selon lui, « la crise est là ». "
    "Père, mère, frère : tous étaient présents à la fête.\n"
) * 3


def _decode(data: bytes, name: str = "page.txt") -> str:
    text, _enc = decode_bytes(data, name)
    return text


# ---- UTF-8 ---------------------------------------------------------------

def test_utf8_plain():
    assert _decode(ARTICLE.encode("utf-8")) == ARTICLE


def test_utf8_with_bom_keeps_bom_so_offsets_match_a_utf8_reader():
    data = codecs.BOM_UTF8 + ARTICLE.encode("utf-8")
    text = _decode(data)
    # what any reader that opens the file as UTF-8 sees
    assert text == data.decode("utf-8")
    assert text[0] == "\ufeff"
    assert text[1:] == ARTICLE
    i = ARTICLE.index("Maria Zakharova")
    assert text[i + 1:i + 1 + len("Maria Zakharova")] == "Maria Zakharova"


def test_utf8_newlines_untouched():
    src = "Title\r\n\r\nFirst paragraph, said she.\r\nSecond line.\n"
    assert _decode(src.encode("utf-8")) == src


# ---- UTF-16 --------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    data = bom + ARTICLE.encode(codec)
    if codec == "utf-16":
        assert data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    text = _decode(data)
    assert text.lstrip("\ufeff") == ARTICLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    data = ARTICLE.encode(codec)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    text, enc = decode_bytes(data, "page.txt")
    assert text == ARTICLE
    assert enc.lower().replace("_", "-").startswith("utf-16")


def test_utf32_with_bom():
    data = ARTICLE.encode("utf-32")
    assert _decode(data).lstrip("\ufeff") == ARTICLE


# ---- legacy single-byte encodings ---------------------------------------

def test_short_cp1252_comes_back_exactly():
    data = SENTENCE.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert _decode(data) == SENTENCE


def test_latin1_comes_back_exactly():
    src = "Le café était très naïf, à côté de la gare. Ça va, señor?\n"
    data = src.encode("latin-1")
    assert _decode(data) == src


def test_long_cp1252_english_comes_back_exactly():
    src = (SENTENCE + ARTICLE) * 4
    data = src.encode("cp1252")
    assert len(data) > 400
    assert _decode(data) == src


def test_long_cp1252_french_is_not_read_as_central_european():
    data = FRENCH.encode("cp1252")
    assert len(data) > 400
    text = _decode(data)
    assert "ŕ" not in text and "č" not in text
    assert text == FRENCH


def test_long_cp1251_russian_is_detected():
    src = "Министр иностранных дел заявил, что Россия не изменит свою позицию по этому вопросу.\n" * 6
    data = src.encode("cp1251")
    assert _decode(data) == src


def test_mostly_utf8_with_a_few_cp1252_bytes():
    head = "Lavrov’s remarks — on Tuesday — were “candid”, as ever.\n" * 3
    data = head.encode("utf-8") + b"He said \x93enough\x94 and left \x96 fast.\n"
    text = _decode(data)
    assert text.startswith(head)
    assert text.endswith("He said “enough” and left – fast.\n")
    assert "\ufffd" not in text


def test_invalid_utf8_never_crashes_and_keeps_the_valid_text():
    data = b"Plain words here. \xff\xfe\xfd More words \xc3\x28 and a truncated end \xe2\x80"
    try:
        text = _decode(data)
    except InputError as e:  # an error is acceptable, as long as it names the file
        assert "page.txt" in str(e)
        return
    assert text.startswith("Plain words here. ")
    assert "More words " in text and "and a truncated end " in text
    assert "\ufffd" not in text


# ---- binary and empty ----------------------------------------------------

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
       + zlib.compress(b"\x00" * 300))


def _random_with_nuls(seed: int = 7, n: int = 4096) -> bytes:
    rnd = random.Random(seed)
    out = bytearray(rnd.randbytes(n))
    for i in rnd.sample(range(n), n // 10):
        out[i] = 0
    return bytes(out)


BINARIES = {
    "png": PNG,
    "gzip": gzip.compress(ARTICLE.encode("utf-8") * 20),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40)),
    "random-with-nuls": _random_with_nuls(),
    "random": random.Random(3).randbytes(3000),
    "int32-array": struct.pack("<400I", *range(400)),
    "int16-array": struct.pack("<600H", *random.Random(5).choices(range(1, 256), k=600)),
    "ascii-with-nuls": b"record\x00\x01\x02field\x00\x00\x00\x07" * 50,
}


@pytest.mark.parametrize("kind", sorted(BINARIES))
def test_binary_input_is_an_input_error_naming_the_file(kind):
    with pytest.raises(InputError) as ei:
        decode_bytes(BINARIES[kind], "dir/image.bin")
    msg = str(ei.value)
    assert "dir/image.bin" in msg
    assert "binary" in msg.lower()
    assert "\n" not in msg


@pytest.mark.parametrize("data", [b"", b"   ", b" \n\t\r\n  \n", codecs.BOM_UTF8 + b"  \n",
                                  "  \n\t ".encode("utf-16"), "\u00a0\u200b \n".encode("utf-8")],
                         ids=["empty", "spaces", "whitespace", "bom+ws", "utf16-ws", "nbsp-zwsp"])
def test_empty_and_whitespace_only_are_input_errors(data):
    with pytest.raises(InputError) as ei:
        decode_bytes(data, "notes/empty.txt")
    msg = str(ei.value)
    assert msg.startswith("notes/empty.txt: ")
    assert "empty" in msg.lower()


def test_input_error_carries_name_and_reason():
    with pytest.raises(InputError) as ei:
        decode_bytes(b"", "x.txt")
    assert ei.value.name == "x.txt"
    assert ei.value.reason and ei.value.reason in str(ei.value)
