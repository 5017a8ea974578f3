"""Files built to break a reader, made with the standard library for tests: bombs, odd zip parts."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from docx_files import write_docx


def flate_bomb_pdf(path: Path, unpacked: int = 200_000_000) -> Path:
    """A one-page PDF whose page object sits in an object stream that deflates to ``unpacked`` bytes
    (about 200 kB on disk); pypdf stops at its limit (75 MB) with ``LimitReachedError``."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
    packer = zlib.compressobj(9)
    block = b" " * 1_000_000
    stream = packer.compress(b"3 0 " + page) + b"".join(packer.compress(block) for _ in range(unpacked // len(block)))
    stream += packer.flush()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        4: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
    }
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}
    for n, body in objects.items():
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    offsets[5] = len(out)
    rows = [(0, 0, 0xFFFF), (1, offsets[1], 0), (1, offsets[2], 0), (2, 4, 0), (1, offsets[4], 0), (1, offsets[5], 0)]
    xref = b"".join(struct.pack(">BIH", *row) for row in rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(xref)
    out += xref + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[5]
    path.write_bytes(bytes(out))
    return path


def _patch_zip(path: Path, member: str, *, flag: int | None = None, method: int | None = None) -> None:
    """Rewrite ``member``'s local and central headers: set general-purpose ``flag`` bits, or the ``method``."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    headers = ((b"PK\x03\x04", 6, 8, 26, 30), (b"PK\x01\x02", 8, 10, 28, 46))  # local, central
    for signature, flag_at, method_at, name_len_at, name_at in headers:
        at = data.find(signature)
        while at >= 0:
            (name_len,) = struct.unpack_from("<H", data, at + name_len_at)
            if bytes(data[at + name_at : at + name_at + name_len]) == name:
                if flag is not None:
                    struct.pack_into("<H", data, at + flag_at, struct.unpack_from("<H", data, at + flag_at)[0] | flag)
                if method is not None:
                    struct.pack_into("<H", data, at + method_at, method)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def docx_with_encrypted_part(path: Path) -> Path:
    """A .docx whose document part is marked encrypted (zipfile: RuntimeError, password required)."""
    write_docx(path, [("h1", "Plan"), ("p", "Regionen ansvarar för uppföljningen.")])
    _patch_zip(path, "word/document.xml", flag=0x1)
    return path


def docx_with_deflate64_part(path: Path) -> Path:
    """A .docx whose document part claims Deflate64 (zipfile: NotImplementedError)."""
    write_docx(path, [("h1", "Plan"), ("p", "Regionen ansvarar för uppföljningen.")])
    _patch_zip(path, "word/document.xml", method=9)
    return path


def docx_with_bomb_part(path: Path, part: str = "docProps/core.xml", unpacked: int = 40_000_000) -> Path:
    """A small .docx whose ``part`` unpacks to ``unpacked`` bytes (a zip bomb in a side part)."""
    write_docx(path, [("h1", "Plan"), ("p", "Regionen ansvarar för uppföljningen.")], title="Plan")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist() if i.filename != part}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as fh:
            fh.write(b"<?xml version='1.0'?><a>")
            block = b" " * 1_000_000
            for _ in range(unpacked // len(block)):
                fh.write(block)
            fh.write(b"</a>")
    return path


def docx_with_lying_size(path: Path, part: str = "word/document.xml", unpacked: int = 40_000_000) -> Path:
    """A .docx whose ``part`` says (in both headers) it unpacks to 1 000 bytes but unpacks to ``unpacked``."""
    docx_with_bomb_part(path, part, unpacked)
    data = bytearray(path.read_bytes())
    name = part.encode()
    for signature, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at >= 0:
            (name_len,) = struct.unpack_from("<H", data, at + name_len_at)
            if bytes(data[at + name_at : at + name_at + name_len]) == name:
                struct.pack_into("<I", data, at + size_at, 1000)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def text_pdf(path: Path, chars: int, pages: int = 1) -> Path:
    """A PDF whose ``pages`` pages each carry ``chars`` characters of text (deflated: small on disk)."""
    words = b"planen ansvarar regionen kommunen uppdrag "
    line = (words * (chars // len(words) + 1))[:chars]
    stream = zlib.compress(b"BT /F1 10 Tf 72 720 Td (" + line + b") Tj ET", 9)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)), pages),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    }
    for i in range(pages):
        objects[5 + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        objects[5 + i] += b"/Resources << /Font << /F1 3 0 R >> >> >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n in sorted(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
