"""Reading the text files and uploads users bring (partner lists, affiliation strings, team files).

They come as UTF-8, with or without the byte-order mark Excel's "CSV UTF-8" writes, or as UTF-16 with its
byte-order mark (Excel's "Unicode Text"). Anything else (a Windows-1252 export, say) is refused with a clear
error rather than guessed: a guess that turns "Université" into "UniversitÃ©" would screen the wrong name.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from rskg.errors import InputError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
SAVE_AS = "save it as CSV UTF-8 (or UTF-16 with a byte-order mark)"


def encoding_of(head: bytes) -> str:
    """The encoding of a text whose first bytes are ``head``: UTF-16 when it opens with that byte-order mark,
    UTF-8 (its mark, if any, dropped) otherwise."""
    return "utf-16" if head[:2] in _UTF16_BOMS else "utf-8-sig"


def not_text(what: str, exc: UnicodeDecodeError, line: int | None = None) -> InputError:
    where = f"line {line}" if line is not None else f"byte {exc.start}"
    return InputError(f"{what} is not UTF-8 ({exc.reason} at {where}); {SAVE_AS}")


def decode(data: bytes, what: str) -> str:
    """``data`` as text; :class:`InputError` naming ``what`` when it is in another encoding."""
    try:
        return data.decode(encoding_of(data))
    except UnicodeDecodeError as exc:
        raise not_text(what, exc) from exc


def read_text(path: Path) -> str:
    """The whole file as text (see :func:`decode`)."""
    return decode(path.read_bytes(), path.name)


def lines(path: Path, *, ends: bool = False) -> Iterator[str]:
    """The file's lines, read as they are needed (a batch may be long), without their ends unless ``ends``
    (for a CSV reader, whose quoted cells may hold line breaks); an :class:`InputError` naming the line where
    the text stops being UTF-8."""
    with path.open("rb") as raw:
        head = raw.read(4)
    if encoding_of(head) == "utf-16":  # read as text: a UTF-16 line break is two bytes
        with path.open(encoding="utf-16", newline="") as handle:
            try:
                for line in handle:
                    yield line if ends else line.rstrip("\r\n")
            except UnicodeDecodeError as exc:  # a broken surrogate pair
                raise not_text(path.name, exc) from exc
        return
    with path.open("rb") as raw:
        for number, data in enumerate(raw, start=1):  # UTF-8 lines split at b"\n", each decoded alone
            try:
                line = data.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise not_text(path.name, exc, number) from exc
            yield line if ends else line.rstrip("\r\n")
