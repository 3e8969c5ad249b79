"""Small PDF files made in code for the tests: a text layer, page images only, or damage.

A PDF here is written by hand (objects, a cross-reference table, a trailer), with
the standard Helvetica font, so the tests need no PDF-writing package; pypdf (a
dependency of eventwire) encrypts one for the encrypted case.
"""

from __future__ import annotations

import zlib


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def _text_stream(paragraphs: list[str], width: int) -> bytes:
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    for paragraph in paragraphs:
        for line in _wrap(paragraph, width):
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("T*")  # a blank line between paragraphs
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _image_stream() -> tuple[bytes, bytes]:
    """A page that shows a grey 8x8 image only (what a scan is, with no text layer)."""
    pixels = zlib.compress(bytes(range(0, 256, 4)))
    image = (b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Filter /FlateDecode /Length " + str(len(pixels)).encode() + b" >>\nstream\n"
             + pixels + b"\nendstream")
    return b"q 400 0 0 400 100 300 cm /Im1 Do Q", image


def make_pdf(pages: list[list[str]] | None = None, *, title: str | None = None, created: str | None = None,
             scanned_pages: int = 0, width: int = 80) -> bytes:
    """A PDF with one page per list of paragraphs (text wrapped at ``width`` characters) and
    ``scanned_pages`` image-only pages; ``/Title`` and ``/CreationDate`` (``D:YYYYMMDD...``) in its info."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    page_list = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for paragraphs in pages or []:
        stream = _text_stream(paragraphs, width)
        content = add(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {page_list} 0 R /MediaBox [0 0 612 792] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()))
    for _ in range(scanned_pages):
        drawing, image_body = _image_stream()
        image = add(image_body)
        content = add(b"<< /Length " + str(len(drawing)).encode() + b" >>\nstream\n" + drawing + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {page_list} 0 R /MediaBox [0 0 612 792] "
                        f"/Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>".encode()))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {page_list} 0 R >>".encode()
    objects[page_list - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                              f"/Count {len(kids)} >>").encode()
    fields = []
    if title is not None:
        fields.append(f"/Title ({_escape(title)})")
    if created is not None:
        fields.append(f"/CreationDate ({created})")
    info = add(f"<< {' '.join(fields)} >>".encode("latin-1"))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str = "owner") -> bytes:
    """``data`` encrypted (RC4 128-bit, which pypdf does without any other package)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
