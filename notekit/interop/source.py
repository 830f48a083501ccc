"""What an import reads, within limits: the bytes of a file or of an archive's member, never
more than a set size (an export is megabytes; a file of gigabytes, or a small zip that unpacks
to one, is refused before it is read), and their text in the encoding they are in, or a
refusal that says which encoding to name.
"""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from notekit.core.errors import SourceError

MAX_MB = 256  # what one import file or archive member may hold; --max-mb raises it
CHUNK = 1 << 20


def read_file(path: Path, max_mb: int = MAX_MB) -> bytes:
    """The bytes of an import file; SourceError when it holds more than `max_mb` MiB (told
    from its size before reading, and counted while reading, for a file that grows)."""
    limit = max_mb * CHUNK
    if path.stat().st_size > limit:
        raise SourceError(_too_large(str(path), path.stat().st_size, max_mb))
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise SourceError(_too_large(str(path), len(data), max_mb))
    return data


@contextlib.contextmanager
def open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    """A zip archive to read members from; SourceError for one zipfile cannot open."""
    try:
        archive = zipfile.ZipFile(path)
    except DAMAGED as exc:
        raise SourceError(f"{path}: cannot read the zip ({exc})") from None
    with archive:
        yield archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_mb: int = MAX_MB) -> bytes:
    """The bytes of one file of a zip; SourceError when it is protected by a password or
    unpacks to more than `max_mb` MiB (its stated size is checked first, then what it really
    unpacks to, chunk by chunk: a zip may state a small size and unpack to gigabytes)."""
    where = f"{Path(archive.filename or 'zip').name}: {info.filename}"
    if info.flag_bits & 0x1:
        raise SourceError(
            f"{where} is protected by a password; unzip it yourself and import the folder"
        )
    limit = max_mb * CHUNK
    if info.file_size > limit:
        raise SourceError(_too_large(where, info.file_size, max_mb))
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise SourceError(_too_large(where, size, max_mb, at_least=True))
                chunks.append(chunk)
    except DAMAGED as exc:
        raise SourceError(f"{where}: the zip is damaged ({exc or type(exc).__name__})") from None
    return b"".join(chunks)


# what zipfile raises, as it reads, for an archive that is damaged or of a kind it cannot read
DAMAGED = (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, ValueError, OSError)


def _too_large(where: str, size: int, max_mb: int, at_least: bool = False) -> str:
    mb = f"{'more than ' if at_least else ''}{size / CHUNK:,.0f} MiB"
    return (
        f"{where} holds {mb}, over the {max_mb} MiB an import reads; if it really is an "
        f"export, raise the limit with --max-mb"
    )


def decode(data: bytes, where: str, encoding: str | None = None) -> str:
    """The text of an import file: UTF-8 (with or without a BOM), or the encoding named.
    SourceError for bytes that are not in it, naming the line and what to try, since a guess
    would write wrong names into notes without a word."""
    name = encoding or "utf-8-sig"
    try:
        return data.decode(name)
    except LookupError:
        raise SourceError(f"{encoding!r} is no encoding Python knows (try cp1252)") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = (
            "name the encoding it was saved in: --encoding cp1252 for a file saved on Windows "
            "in Western Europe or the Americas, --encoding latin-1, …"
            if encoding is None
            else "try another --encoding"
        )
        raise SourceError(
            f"{where}, line {line}: not {'UTF-8' if encoding is None else encoding} "
            f"(byte 0x{data[exc.start]:02x}); {hint}"
        ) from None


def csv_records(text: str, where: str) -> tuple[set[str], Iterator[dict[str, str]]]:
    """The columns of a CSV text (lower-case, trimmed) and its rows as {column: cell}: cells
    trimmed, a missing one empty, and cells past the header's last column left out. Lines may
    end in LF, CRLF or CR; SourceError, naming `where` and the line, for text the csv module
    cannot read."""
    reader = csv.DictReader(io.StringIO(text, newline=""))

    def unreadable(exc: csv.Error) -> SourceError:
        # the csv module counts the records' lines it has finished: the one at fault is next
        return SourceError(f"{where}: line {reader.line_num + 1}: not CSV ({exc})")

    try:
        columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    except csv.Error as exc:
        raise unreadable(exc) from None

    def rows() -> Iterator[dict[str, str]]:
        try:
            for row in reader:
                yield {
                    (key or "").strip().lower(): (value or "").strip()
                    for key, value in row.items()
                    if key is not None  # the cells of a row longer than its header
                }
        except csv.Error as exc:
            raise unreadable(exc) from None

    return columns, rows()
