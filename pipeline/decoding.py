"""Bytes -> text: BOMs, UTF-16 without BOM, UTF-8, cp1251 / koi8-r told apart, mixed files.

A file that is partly UTF-8 and partly cp1251 (two files concatenated), or partly cp1251 and
partly koi8-r, is decoded line by line, each line in its own encoding, when decoding it whole
would garble a part. Stray NUL bytes in a text are dropped; many (or runs of) NULs mean binary.
"""

from __future__ import annotations

import codecs


class ReadError(Exception):
    """A file's bytes cannot be turned into article text; the message is for the user."""


# Signatures of common binary formats, so the error can say what the file is.
_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP/Office",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
    b"\x7fELF": "ELF",
}
LEGACY = ("cp1251", "koi8_r")


def decode(data: bytes) -> str:
    """Give the text of `data`: UTF-8 (BOM or not), UTF-16, cp1251, koi8-r or a detected encoding."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(data.decode(codec, errors="replace"))
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(f"binary file ({kind}), not text")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16, errors="replace"))
    data = _without_stray_nuls(data)
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(_decode_mixed(data))


def _without_stray_nuls(data: bytes) -> bytes:
    """Give `data` without its NUL bytes when they are stray (isolated, at most 1 in 100 bytes,
    as a faulty editor or transfer leaves them); raise ReadError when they mean a binary file."""
    if b"\x00" not in data:
        return data
    if b"\x00\x00" in data or data.count(0) * 100 > len(data):
        raise ReadError("binary file (NUL bytes), not text")
    return data.replace(b"\x00", b"")


def _utf16_without_bom(data: bytes) -> str | None:
    """Tell UTF-16 without a BOM by its zero bytes: mostly at odd (LE) or even (BE) offsets."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    # Cyrillic in UTF-16 has 0x04 as its high byte rather than 0x00.
    highs_odd, highs_even = odd.count(4) / len(odd), even.count(4) / len(even)
    if zeros_odd + highs_odd > 0.6 and zeros_even + highs_even < 0.1:
        return "utf-16-le"
    if zeros_even + highs_even > 0.6 and zeros_odd + highs_odd < 0.1:
        return "utf-16-be"
    return None


def _cyrillic_lowercase_share(text: str) -> float:
    letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
    if not letters:
        return 0.0
    return sum(c.islower() for c in letters) / len(letters)


def _decode_legacy(data: bytes) -> str:
    """Decode 8-bit text. cp1251 and koi8-r are told apart by case: the wrong one of the two
    turns running Russian text into capitals, which real prose never is."""
    candidates = {}
    for codec in LEGACY:
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    scored = {codec: _cyrillic_lowercase_share(text) for codec, text in candidates.items()}
    if scored and max(scored.values()) > 0.5:
        return candidates[max(scored, key=scored.get)]
    from charset_normalizer import from_bytes  # imported here: only needed for rare inputs

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("undecodable bytes: not UTF-8, UTF-16, cp1251, koi8-r or another known encoding")
    return str(best)


def _checked(text: str) -> str:
    """Reject text that decoded but is mostly control characters or replacement marks."""
    sample = text[:20000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    if sample and bad / len(sample) > 0.02:
        raise ReadError(f"binary or undecodable content ({bad} control or replacement characters)")
    return text


def _decode_mixed(data: bytes) -> str:
    """Decode bytes that are not UTF-8 as a whole: as one 8-bit encoding (`_decode_legacy`) unless
    some lines are UTF-8 and others not, or some lines are clearly cp1251 and others koi8-r;
    then each line in its own encoding."""
    lines = data.splitlines(keepends=True)
    utf8 = [_utf8_or_none(line) for line in lines]
    has_utf8 = any(text is not None and not text.isascii() for text in utf8)
    legacy = [i for i, text in enumerate(utf8) if text is None or not has_utf8]
    codecs_by_line = _legacy_codecs([lines[i] for i in legacy])
    if not has_utf8 and codecs_by_line is None:
        return _decode_legacy(data)  # one encoding for the whole file
    if codecs_by_line is None:
        codec = _legacy_codec(b"".join(lines[i] for i in legacy))
        codecs_by_line = [codec] * len(legacy)
    decoded: list[str | None] = list(utf8)
    for i, codec in zip(legacy, codecs_by_line, strict=True):
        decoded[i] = lines[i].decode(codec, errors="replace")
    return "".join(decoded)


def _utf8_or_none(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _vote(line: bytes) -> str | None:
    """Give the 8-bit encoding a line of Russian prose is clearly in, or None: the right one gives
    mixed case with mostly lower-case letters, the wrong one mostly capitals. A line wholly in
    capitals (or wholly in lower case) does not vote: the wrong encoding turns one into the other."""
    if len(line) < 12:
        return None
    shares = {}
    for codec in LEGACY:
        text = line.decode(codec, errors="replace")
        letters = [c for c in text if "\u0400" <= c <= "\u04ff"]
        if len(letters) < 12:
            return None
        shares[codec] = sum(c.islower() for c in letters) / len(letters)
    best = max(shares, key=shares.get)
    others = [share for codec, share in shares.items() if codec != best]
    return best if 0.5 < shares[best] < 1.0 and all(share < 0.5 for share in others) else None


def _legacy_codecs(lines: list[bytes]) -> list[str] | None:
    """Give an 8-bit encoding per line when the lines clearly use more than one (a line that does
    not vote takes the encoding of the nearest voting line before it, else after it), else None."""
    votes = [_vote(line) for line in lines]
    if len({v for v in votes if v}) < 2:
        return None
    first = next(v for v in votes if v)
    out, current = [], first
    for vote in votes:
        current = vote or current
        out.append(current)
    return out


def _legacy_codec(data: bytes) -> str:
    """Give the 8-bit encoding of `data`: cp1251 or koi8-r by case, else the one charset_normalizer finds."""
    scored = {}
    for codec in LEGACY:
        try:
            scored[codec] = _cyrillic_lowercase_share(data.decode(codec))
        except UnicodeDecodeError:
            continue
    if scored and max(scored.values()) > 0.5:
        return max(scored, key=scored.get)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else "cp1251"
