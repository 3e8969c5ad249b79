"""Bytes to text: byte-order marks, UTF-8, legacy single-byte encodings, binary data.

What is read, in order:

1. a byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32, either byte order);
2. known binary formats (PDF, ZIP, images, executables) and NUL bytes are refused,
   except UTF-16 without a byte-order mark (every other byte NUL in English text);
3. valid UTF-8;
4. UTF-8 with a few broken bytes (a truncated download, one bad byte): the good
   characters are kept and each broken byte becomes U+FFFD;
5. otherwise the encoding the page declares (an HTML ``charset``), else cp1252,
   else latin-1, which decodes any byte.

Raises :class:`EmptyInput` for empty or blank input and :class:`MalformedInput` for
binary data and broken UTF-16/32.
"""

from __future__ import annotations

import codecs
import re

from eventwire.errors import EmptyInput, MalformedInput

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive or office document"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "an executable"),
          (b"\xd0\xcf\x11\xe0", "an old office document"), (b"SQLite format 3\x00", "an SQLite database"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_REPLACEMENT = "\ufffd"


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Text from bytes (see the module docstring for the order of attempts)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(codec))
            except UnicodeDecodeError as exc:
                name = codec.replace("-sig", "").upper()
                raise MalformedInput(f"invalid {name} text after its byte-order mark "
                                     f"(bad bytes at offset {exc.start:,})") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise MalformedInput(f"binary file, not text (looks like {kind})")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise MalformedInput("binary file, not text (it holds NUL bytes)")
        return _checked_text(utf16)
    try:
        return _checked_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mended = _mostly_utf8(data)
    if mended is not None:
        return _checked_text(mended)
    for fallback in (declared, "cp1252"):
        if not fallback:
            continue
        try:
            return _checked_text(data.decode(fallback))
        except (UnicodeDecodeError, LookupError):
            continue
    return _checked_text(data.decode("latin-1"))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: mostly ASCII, so every other byte is NUL."""
    if len(data) < 8 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, zeros, chars in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) == 0:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes, or None when the bytes look like another encoding.

    A legacy single-byte text (cp1252, latin-1) almost never forms valid multi-byte
    UTF-8 sequences; text that has more valid sequences than broken bytes is UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    valid = sum(1 for char in text if char > "\x7f" and char != _REPLACEMENT)
    return text if valid >= max(1, broken) else None


def _checked_text(text: str) -> str:
    if not text.strip():
        raise EmptyInput("empty file (no text, only white space)" if text else "empty file")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 50):
        raise MalformedInput("binary file, not text (too many control characters)")
    return text
