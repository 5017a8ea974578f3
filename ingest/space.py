"""How much disk an ingest needs, estimated before anything is written.

Measured on embedded Chroma with the bundled plans (six documents, 117 000 characters, 294 passages,
1 015 sentences: 8.5 MB): a stored vector (a passage or a sentence: HNSW file, write-ahead log,
metadata) takes about 4 kB; text (the document record, the passages, Chroma's full-text index)
about 32 bytes a character; there is a sentence about every 100 characters. Estimates are then
doubled, since a disk that fills up in the middle of a Chroma write can damage the index.
"""

from __future__ import annotations

from pathlib import Path

BYTES_PER_VECTOR = 4096
BYTES_PER_CHAR = 32
CHARS_PER_SENTENCE = 100
CHARS_PER_CHUNK = 350
SAFETY = 2
# characters of text per byte of file, before a file is read: text files are their text; a .docx
# is zipped XML (about as much text as bytes); a PDF mostly fonts and images (the 117-page GeoTopo
# sample: 1.8 MB, 137 000 characters)
_CHARS_PER_BYTE = {".pdf": 1 / 8}


def document_bytes(chars: int, chunks: int) -> int:
    """The disk a document of ``chars`` characters cut into ``chunks`` passages needs (with the margin)."""
    vectors = chunks + chars // CHARS_PER_SENTENCE + 1
    return SAFETY * (vectors * BYTES_PER_VECTOR + chars * BYTES_PER_CHAR)


def file_bytes(path: Path, size: int, max_chars: int) -> int:
    """The same, guessed from a file's size before it is read (its text at most ``max_chars``)."""
    chars = min(int(size * _CHARS_PER_BYTE.get(path.suffix.lower(), 1)), max_chars)
    return document_bytes(chars, chars // CHARS_PER_CHUNK + 1)
