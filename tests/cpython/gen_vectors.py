#!/usr/bin/env python3
"""Generate differential test vectors for netpack from CPython 3.11's `struct`.

Every vector is produced by calling the real `struct` module; nothing in the
expected results is computed by hand.  The output is deterministic: all
randomness comes from one seeded `random.Random`, and lines are written in
generation order (duplicates dropped).

Usage:
    python3 tests/cpython/gen_vectors.py [--out PATH] [--force]

The vectors describe native mode (`@`, no prefix) on an LP64 little-endian
platform (x86_64 / aarch64 Linux or macOS); the script refuses to run
elsewhere or on a Python other than 3.11 unless --force is given.

File format (JSON Lines, one object per line, keys in this order):
    op       "calcsize" | "pack" | "pack_into" | "unpack" | "unpack_from"
             | "iter_unpack"
    fmt      the format string (str; may contain NUL / non-ASCII characters)
    size     struct.calcsize(fmt), when it succeeds, else
    size_err [kind, message]
    args     (pack, pack_into) list of encoded values
    buf      (unpack*, pack_into, iter_unpack) input buffer, hex
    off      (unpack_from, pack_into) offset, integer
    ok       result on success: pack -> hex bytes; pack_into -> hex of the
             whole buffer afterwards; unpack/unpack_from -> list of encoded
             values; iter_unpack -> list of lists of encoded values
    err      [kind, message] on failure (kind is the netpack ErrorKind name,
             message is CPython's exact exception text)
    after    (pack_into, on failure) hex of the whole buffer after the call:
             CPython writes into it before it finds a refused value
"calcsize" vectors carry only op/fmt/size|size_err.

Encoded values (strings):
    "i<decimal>"   int          "b0" / "b1"    bool
    "f<16 hex>"    float by its IEEE-754 binary64 bit pattern (big-endian hex)
    "y<hex>"       bytes
"""

import argparse
import json
import math
import os
import platform
import random
import re
import struct
import sys

SEED = 0x6E65747061636B  # "netpack"

ORDERS = ["", "@", "=", "<", ">", "!"]
STD_ORDERS = "=<>!"
CODES = "xcbB?hHiIlLqQnNefdspP"
NATIVE_ONLY = "nNP"
INT_CODES = "bBhHiIlLqQnNP"
SIGNED_CODES = "bhilqn"
FLOAT_CODES = "efd"
WS = " \t\n\r\x0b\x0c"
INT_LIMIT = 2**126

NAN = float("nan")
INF = float("inf")

# --------------------------------------------------------------------------
# error classification


_RULES = [
    ("BadFormat", r"bad char in struct format"),
    ("BadFormat", r"repeat count given without format specifier"),
    ("BadFormat", r"embedded null character"),
    ("FormatTooLarge", r"total struct size too long"),
    ("ArgCount", r"(pack|pack_into) expected \d+ items for packing \(got \d+\)"),
    ("ArgType", r"required argument is not an integer"),
    ("ArgType", r"required argument is not a float"),
    ("ArgType", r"char format requires a bytes object of length 1"),
    ("ArgType", r"argument for '[sp]' must be a bytes object"),
    ("ArgRange", r"argument out of range"),
    ("ArgRange", r"\S+ format requires -?\d+ <= number <= \d+"),
    ("ArgRange", r"int too large to convert"),
    ("BufferSize", r"unpack requires a buffer of \d+ bytes"),
    (
        "BufferSize",
        r"unpack_from requires a buffer of at least \d+ bytes for unpacking "
        r"\d+ bytes at offset -?\d+ \(actual buffer size is \d+\)",
    ),
    (
        "BufferSize",
        r"pack_into requires a buffer of at least \d+ bytes for packing "
        r"\d+ bytes at offset -?\d+ \(actual buffer size is \d+\)",
    ),
    ("BufferSize", r"not enough data to unpack \d+ bytes at offset -?\d+"),
    ("BufferSize", r"no space to pack \d+ bytes at offset -?\d+"),
    ("BufferSize", r"iterative unpacking requires a buffer of a multiple of \d+ bytes"),
    ("OffsetOutOfRange", r"offset -?\d+ out of range for \d+-byte buffer"),
    ("ZeroSizeIter", r"cannot iteratively unpack with a struct of length 0"),
]


def classify(exc):
    msg = str(exc)
    if isinstance(exc, OverflowError):
        if re.fullmatch(r"float too large to pack with [ef] format", msg):
            return ["ArgRange", msg]
        raise AssertionError("unexpected OverflowError: %r" % msg)
    if not isinstance(exc, struct.error):
        raise AssertionError("unexpected exception %s: %r" % (type(exc).__name__, msg))
    for kind, pat in _RULES:
        if re.fullmatch(pat, msg):
            return [kind, msg]
    raise AssertionError("unclassified struct.error: %r" % msg)


# --------------------------------------------------------------------------
# value encoding


def F(bits):
    """float from a 64-bit pattern"""
    return struct.unpack(">d", bits.to_bytes(8, "big"))[0]


def fbits(x):
    return int.from_bytes(struct.pack(">d", x), "big")


def enc(v):
    if isinstance(v, bool):
        return "b1" if v else "b0"
    if isinstance(v, int):
        assert -INT_LIMIT < v < INT_LIMIT, v
        return "i%d" % v
    if isinstance(v, float):
        return "f" + struct.pack(">d", v).hex()
    if isinstance(v, bytes):
        return "y" + v.hex()
    raise TypeError(type(v))


def vkey(v):
    """dedup key that distinguishes True/1/1.0 and NaN payloads"""
    if isinstance(v, float):
        return ("f", fbits(v))
    return (type(v).__name__, v)


def uniq(vals):
    seen = {}
    out = []
    for v in vals:
        k = vkey(v)
        if k not in seen:
            seen[k] = True
            out.append(v)
    return out


def pyfmt(fmt):
    # CPython raises UnicodeEncodeError for non-ASCII str formats; pass the
    # UTF-8 bytes instead so it reports "bad char in struct format".
    return fmt if fmt.isascii() else fmt.encode("utf-8")


_ZERO_P = re.compile(r"(\d+)p")


def has_zero_p(fmt):
    # `0p` is skipped entirely (CPython writes out of bounds there).
    return any(int(m.group(1)) == 0 for m in _ZERO_P.finditer(fmt))


# --------------------------------------------------------------------------
# vector collection


class Out:
    def __init__(self):
        self.lines = {}

    def _base(self, op, fmt):
        r = {"op": op, "fmt": fmt}
        try:
            r["size"] = struct.calcsize(pyfmt(fmt))
        except (struct.error, OverflowError) as e:
            r["size_err"] = classify(e)
        return r

    def _emit(self, r):
        line = json.dumps(r, separators=(",", ":"))
        self.lines.setdefault(line, None)

    @staticmethod
    def _call(fn):
        try:
            return True, fn()
        except (struct.error, OverflowError) as e:
            return False, classify(e)

    @staticmethod
    def _struct_or_err(fmt):
        try:
            return struct.Struct(pyfmt(fmt))
        except (struct.error, OverflowError):
            return None

    def calcsize(self, fmt):
        if has_zero_p(fmt):
            return
        self._emit(self._base("calcsize", fmt))

    def pack(self, fmt, args):
        if has_zero_p(fmt):
            return None
        r = self._base("pack", fmt)
        r["args"] = [enc(a) for a in args]
        ok, res = self._call(lambda: struct.pack(pyfmt(fmt), *args))
        s = self._struct_or_err(fmt)
        if s is not None:
            ok2, res2 = self._call(lambda: s.pack(*args))
            assert (ok, res) == (ok2, res2), (fmt, args)
        if ok:
            r["ok"] = res.hex()
        else:
            r["err"] = res
        self._emit(r)
        return res if ok else None

    def unpack(self, fmt, buf):
        if has_zero_p(fmt):
            return None
        r = self._base("unpack", fmt)
        r["buf"] = buf.hex()
        ok, res = self._call(lambda: struct.unpack(pyfmt(fmt), buf))
        if ok:
            r["ok"] = [enc(v) for v in res]
        else:
            r["err"] = res
        self._emit(r)
        return res if ok else None

    def unpack_from(self, fmt, buf, off):
        if has_zero_p(fmt):
            return
        r = self._base("unpack_from", fmt)
        r["buf"] = buf.hex()
        r["off"] = off
        ok, res = self._call(lambda: struct.unpack_from(pyfmt(fmt), buf, off))
        s = self._struct_or_err(fmt)
        if s is not None:
            ok2, res2 = self._call(lambda: s.unpack_from(buf, off))
            assert ok == ok2 and (not ok or [enc(v) for v in res] == [enc(v) for v in res2])
        if ok:
            r["ok"] = [enc(v) for v in res]
        else:
            r["err"] = res
        self._emit(r)

    def pack_into(self, fmt, buf, off, args):
        if has_zero_p(fmt):
            return
        r = self._base("pack_into", fmt)
        r["args"] = [enc(a) for a in args]
        r["buf"] = buf.hex()
        r["off"] = off
        b = bytearray(buf)
        ok, res = self._call(lambda: struct.pack_into(pyfmt(fmt), b, off, *args))
        s = self._struct_or_err(fmt)
        if s is not None:
            b2 = bytearray(buf)
            ok2, res2 = self._call(lambda: s.pack_into(b2, off, *args))
            # CPython packs straight into the buffer, so a refused value leaves
            # the values before it (and, for a standard `q`/`Q`, the truncated
            # bytes of the refused one) behind: both calls must agree on that too.
            assert ok == ok2 and (ok or res == res2) and b == b2, (fmt, args, off)
        if ok:
            r["ok"] = bytes(b).hex()
        else:
            r["err"] = res
            r["after"] = bytes(b).hex()
        self._emit(r)

    def iter_unpack(self, fmt, buf):
        if has_zero_p(fmt):
            return
        r = self._base("iter_unpack", fmt)
        r["buf"] = buf.hex()
        ok, res = self._call(lambda: list(struct.iter_unpack(pyfmt(fmt), buf)))
        if ok:
            r["ok"] = [[enc(v) for v in rec] for rec in res]
        else:
            r["err"] = res
        self._emit(r)

    def write(self, path):
        data = "".join(line + "\n" for line in self.lines)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="ascii", newline="\n") as f:
            f.write(data)
        os.replace(tmp, path)
        return len(self.lines)


# --------------------------------------------------------------------------
# helpers about formats and values


def size_of(fmt):
    try:
        return struct.calcsize(pyfmt(fmt))
    except (struct.error, OverflowError):
        return None


def is_std(order):
    return order != "" and order in STD_ORDERS


def int_range(code, order):
    if code == "P":
        return -(2**63), 2**64 - 1
    bits = 8 * struct.calcsize(("<" if is_std(order) else "@") + code)
    if code in SIGNED_CODES:
        return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    return 0, 2**bits - 1


def parse_items(fmt):
    """(code, count) list for a *valid* format, mirroring CPython's parser."""
    i = 1 if fmt[:1] in "@=<>!" and fmt else 0
    items = []
    while i < len(fmt):
        c = fmt[i]
        if c in WS:
            i += 1
            continue
        j = i
        while fmt[j].isdigit():
            j += 1
        count = int(fmt[i:j]) if j > i else 1
        items.append((fmt[j], count))
        i = j + 1
    return items


def n_args(fmt):
    n = 0
    for code, count in parse_items(fmt):
        if code in "sp":
            n += 1
        elif code != "x":
            n += count
    return n


def order_of(fmt):
    return fmt[0] if fmt[:1] in "@=<>!" and fmt else ""


def big_endian(order):
    return order in ">!"


def rbytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def rbytes_nonzero(rng, n):
    return bytes(rng.randrange(1, 256) for _ in range(n))


def rand_int_in(rng, lo, hi):
    """random int in [lo, hi] with a spread of magnitudes"""
    r = rng.random()
    if r < 0.15:
        return rng.choice([lo, hi, 0, 1, -1 if lo < 0 else 0, lo + 1, hi - 1])
    if r < 0.55:
        return rng.randint(lo, hi)
    bits = max(1, hi.bit_length())
    b = rng.randint(0, bits)
    v = rng.getrandbits(b) if b else 0
    if lo < 0 and rng.random() < 0.5:
        v = -v
    return max(lo, min(hi, v))


def f16_from_bits(b):
    return struct.unpack("<e", b.to_bytes(2, "little"))[0]


def f32_from_bits(b):
    return struct.unpack("<f", b.to_bytes(4, "little"))[0]


# --------------------------------------------------------------------------
# value catalogues


def int_edges(code, order):
    lo, hi = int_range(code, order)
    vals = [lo - 1, lo, lo + 1, hi - 1, hi, hi + 1, 0, 1, -1, 2, 100]
    vals += [127, 128, 255, 256, -128, -129, -256]
    vals += [32767, 32768, 65535, 65536, -32768, -32769, -65536]
    vals += [2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**32 - 1, 2**32, -(2**32)]
    vals += [2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64 - 1, 2**64, -(2**64)]
    vals += [2**70, -(2**70), 2**125, -(2**125), 2**126 - 1, -(2**126 - 1)]
    vals += [True, False, 0.0, 1.0, -1.5, NAN, INF, b"\x01", b""]
    return uniq(vals)


FLOAT_SPECIALS = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    1.5,
    0.1,
    -0.1,
    1 / 3,
    math.pi,
    -math.e,
    100.0,
    1e10,
    -1e10,
    1e38,
    1e39,
    1e300,
    -1e300,
    1e-300,
    1e-40,
    1e-45,
    1e-46,
    1e-8,
    -1e-8,
    INF,
    -INF,
    F(0x7FF8000000000000),  # quiet NaN
    F(0xFFF8000000000000),  # negative quiet NaN
    F(0x7FF0000000000001),  # signaling NaN, minimal payload
    F(0x7FF4000000000000),  # signaling NaN, high payload
    F(0xFFF0000000000001),  # negative signaling NaN
    F(0xFFF4000000000000),
    F(0x7FFFFFFFFFFFFFFF),  # all-ones payload
    F(0xFFFFFFFFFFFFFFFF),
    F(0x7FF8000000000001),  # quiet NaN, low payload (lost in f32)
    F(0x7FF0000020000000),  # signaling NaN whose payload survives in f32
    F(0x7FF0000000001000),  # signaling NaN whose payload is lost in f32
    F(0x7FF8000020000000),
    F(0x7FFC000000000000),
    F(0x7FF0040000000000),  # payload bit that survives to f16
    F(0xFFF0040000000000),
    F(0x0000000000000001),  # min subnormal
    F(0x8000000000000001),
    F(0x000FFFFFFFFFFFFF),  # max subnormal
    F(0x0010000000000000),  # min normal
    F(0x7FEFFFFFFFFFFFFF),  # max finite
    F(0xFFEFFFFFFFFFFFFF),
    # f32 edges
    3.4028234663852886e38,  # FLT_MAX
    -3.4028234663852886e38,
    3.4028235677973366e38,  # FLT_MAX + half ulp: ties to even -> inf
    math.nextafter(3.4028235677973366e38, 0.0),  # just below the tie
    math.nextafter(3.4028235677973366e38, INF),
    3.4028236e38,
    -3.4028236e38,
    2.0**-126,  # FLT_MIN
    2.0**-149,  # f32 min subnormal
    -(2.0**-149),
    2.0**-150,  # tie -> 0
    -(2.0**-150),
    math.nextafter(2.0**-150, 1.0),
    3 * 2.0**-150,  # tie -> 2**-148
    1.0 + 2.0**-24,  # tie -> 1.0
    1.0 + 3 * 2.0**-24,  # tie -> up
    math.nextafter(1.0 + 2.0**-24, 2.0),
    16777217.0,
    16777219.0,
    # f16 edges
    65504.0,
    -65504.0,
    65519.99,
    65519.999999999,
    -65519.99,
    65520.0,
    -65520.0,
    65536.0,
    2.0**-24,  # f16 min subnormal
    -(2.0**-24),
    2.0**-25,  # tie -> 0
    -(2.0**-25),
    math.nextafter(2.0**-25, 1.0),
    math.nextafter(2.0**-25, 0.0),
    3 * 2.0**-25,  # tie -> 2**-23
    5 * 2.0**-25,  # tie -> 2*2**-24
    2.0**-14,  # f16 min normal
    2.0**-14 - 2.0**-25,  # tie between max subnormal and min normal
    6.1e-5,
    1.0 + 2.0**-11,  # tie -> 1.0
    1.0 + 3 * 2.0**-11,  # tie -> up
    math.nextafter(1.0 + 2.0**-11, 2.0),
    2049.0,
    2051.0,
    4097.0,
    0.333251953125,
    1e-5,
    1e-7,
]


def float_edges():
    vals = list(FLOAT_SPECIALS)
    vals += [0, 1, -1, 65504, 65505, 65519, 65520, -65520, 16777217, 16777219]
    vals += [2**53 + 1, 2**60 + 2**36 + 1, -(2**60 + 2**36 + 1), 2**60 + 2**36]
    vals += [2**70, -(2**70), 2**125, -(2**125), 2**126 - 1]
    vals += [True, False, b"", b"\x01", b"1.0"]
    return uniq(vals)


def rand_float(rng, code, order):
    r = rng.random()
    if r < 0.2:
        return F(rng.getrandbits(64))
    if r < 0.35:
        return rng.choice(FLOAT_SPECIALS)
    if code == "e":
        if r < 0.6:
            b = rng.getrandbits(16)
            return f16_from_bits(b)
        if r < 0.8:
            # tie or near-tie between two adjacent f16 values
            b = rng.getrandbits(15)
            if b >= 0x7BFF:
                b = rng.randrange(0x7BFF)
            a, c = f16_from_bits(b), f16_from_bits(b + 1)
            m = (a + c) / 2
            m = rng.choice([m, math.nextafter(m, 0.0), math.nextafter(m, INF)])
            return -m if rng.random() < 0.5 else m
        return rng.uniform(-70000.0, 70000.0)
    if code == "f":
        if r < 0.6:
            return f32_from_bits(rng.getrandbits(32))
        if r < 0.8:
            b = rng.getrandbits(31)
            if b >= 0x7F7FFFFF:
                b = rng.randrange(0x7F7FFFFF)
            a, c = f32_from_bits(b), f32_from_bits(b + 1)
            m = (a + c) / 2
            m = rng.choice([m, math.nextafter(m, 0.0), math.nextafter(m, INF)])
            return -m if rng.random() < 0.5 else m
        return rng.uniform(-1e6, 1e6) * 10.0 ** rng.randint(-40, 40)
    return rng.uniform(-1e6, 1e6) * 10.0 ** rng.randint(-300, 300)


NAN_PATTERNS = {
    "e": [0x7C01, 0x7E00, 0x7FFF, 0xFC01, 0xFE00, 0xFFFF, 0x7D00, 0x7C00, 0xFC00,
          0x0001, 0x8001, 0x03FF, 0x0400, 0x7BFF, 0xFBFF, 0x8000, 0x0000],
    "f": [0x7F800001, 0x7FC00000, 0x7FFFFFFF, 0xFF800001, 0xFFC00000, 0x7FA00000,
          0x7FC00001, 0x7F800000, 0xFF800000, 0x00000001, 0x80000001, 0x007FFFFF,
          0x00800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x80000000, 0x00000000],
    "d": [0x7FF0000000000001, 0x7FF8000000000000, 0x7FFFFFFFFFFFFFFF,
          0xFFF0000000000001, 0xFFF8000000000000, 0x7FF4000000000000,
          0x7FF8000000000001, 0x7FF0000000000000, 0xFFF0000000000000,
          0x0000000000000001, 0x8000000000000001, 0x000FFFFFFFFFFFFF,
          0x0010000000000000, 0x7FEFFFFFFFFFFFFF, 0x8000000000000000, 0],
}
FSIZE = {"e": 2, "f": 4, "d": 8}


def nan_buf(code, order, pattern):
    n = FSIZE[code]
    return pattern.to_bytes(n, "big" if big_endian(order) else "little")


def valid_value(rng, code, order, count):
    if code in INT_CODES:
        lo, hi = int_range(code, order)
        if rng.random() < 0.05:
            return rng.random() < 0.5
        return rand_int_in(rng, lo, hi)
    if code == "?":
        return rng.choice([True, False, 0, 1, 2, -1, 2**70, 0.0, -0.0, 0.5, NAN,
                           b"", b"\x00", b"ab"])
    if code == "c":
        return bytes([rng.getrandbits(8)])
    if code in "sp":
        n = rng.choice([0, max(0, count - 1), count, count + 1, rng.randint(0, count + 3)])
        return rbytes(rng, n)
    if code in FLOAT_CODES:
        if rng.random() < 0.05:
            return rng.randint(-1000, 1000)
        v = rand_float(rng, code, order)
        # mostly keep values packable in standard mode
        if is_std(order) and code == "e" and abs(v) >= 65520.0 and rng.random() < 0.9:
            v = math.copysign(65504.0, v)
        if is_std(order) and code == "f" and abs(v) >= 3.4028235677973366e38 \
                and rng.random() < 0.9:
            v = math.copysign(3.4028234663852886e38, v)
        return v
    raise ValueError(code)


def invalid_value(rng, code, order, count):
    if code in INT_CODES:
        lo, hi = int_range(code, order)
        return rng.choice([lo - 1, hi + 1, 2**70, -(2**70), 1.0, b"x", NAN])
    if code == "?":
        return rng.choice([b"", 3, 0.0])  # '?' accepts anything
    if code == "c":
        return rng.choice([b"", b"ab", 1, True, 1.0])
    if code in "sp":
        return rng.choice([1, True, 0.5, 0])
    if code in FLOAT_CODES:
        return rng.choice([b"", b"1", 1e300, -1e300, 65520.0, 70000, 2**70, 1e39])
    raise ValueError(code)


def args_for(rng, fmt, p_invalid=0.0):
    order = order_of(fmt)
    args = []
    for code, count in parse_items(fmt):
        if code == "x":
            continue
        reps = 1 if code in "sp" else count
        for _ in range(reps):
            if p_invalid and rng.random() < p_invalid:
                args.append(invalid_value(rng, code, order, count))
            else:
                args.append(valid_value(rng, code, order, count))
    return args


def offset_cases(size, buflen):
    offs = [0, 1, 2, buflen - size, buflen - size + 1, buflen, buflen + 1, buflen + 7,
            -1, -2, -size, -size - 1, -size + 1, -buflen, -buflen + 1, -buflen - 1,
            -buflen - 8]
    out = []
    for o in offs:
        if o not in out:
            out.append(o)
    return out


# --------------------------------------------------------------------------
# generation phases


def gen_single_codes(out, rng):
    counts = ["", "0", "1", "2", "3", "03", "10"]
    fedges = float_edges()
    for order in ORDERS:
        for code in CODES:
            for cnt in counts:
                fmt = order + cnt + code
                if has_zero_p(fmt):
                    continue
                out.calcsize(fmt)
                size = size_of(fmt)
                if size is None:
                    # n/N/P with a standard prefix: bad char everywhere
                    out.pack(fmt, [1])
                    out.pack(fmt, [])
                    out.unpack(fmt, bytes(8))
                    out.unpack(fmt, b"")
                    out.unpack_from(fmt, bytes(16), 0)
                    out.pack_into(fmt, b"\xaa" * 16, 0, [1])
                    out.iter_unpack(fmt, bytes(16))
                    continue
                count = int(cnt) if cnt else 1
                nargs = n_args(fmt)

                # --- pack
                if code in INT_CODES or code in FLOAT_CODES or code in "?c":
                    if code in INT_CODES:
                        edges = int_edges(code, order)
                    elif code in FLOAT_CODES:
                        edges = fedges
                    elif code == "?":
                        edges = uniq([True, False, 0, 1, 2, -1, 2**70, -(2**125), 0.0,
                                      -0.0, 0.5, NAN, F(0xFFF8000000000000), INF, 5e-324,
                                      b"", b"\x00", b"a", b"ab"])
                    else:
                        edges = [bytes([i]) for i in (0, 1, 0x41, 0x7F, 0x80, 0xFF)]
                        edges += [b"", b"ab", b"abc", 1, 0, True, 1.0]
                    if nargs == 1:
                        for v in edges:
                            out.pack(fmt, [v])
                        for _ in range(12):
                            out.pack(fmt, [valid_value(rng, code, order, count)])
                    elif nargs > 1:
                        for _ in range(3):
                            out.pack(fmt, args_for(rng, fmt))
                        for _ in range(5):
                            a = args_for(rng, fmt)
                            a[rng.randrange(len(a))] = rng.choice(edges)
                            out.pack(fmt, a)
                elif code in "sp":
                    lens = sorted({0, 1, max(0, count - 1), count, count + 1, 2 * count + 3})
                    for n in lens:
                        out.pack(fmt, [rbytes(rng, n)])
                    for v in [1, 0, True, 1.5, NAN]:
                        out.pack(fmt, [v])
                # wrong argument counts (x and everything else)
                out.pack(fmt, args_for(rng, fmt) + [1])
                if nargs > 0:
                    out.pack(fmt, args_for(rng, fmt)[:-1])
                    out.pack(fmt, [])
                else:
                    out.pack(fmt, [])
                    out.pack(fmt, [b"", b""])

                # --- unpack
                n_rand = 8 if count == 1 else 3
                for _ in range(n_rand):
                    out.unpack(fmt, rbytes(rng, size))
                if code in FLOAT_CODES and count == 1:
                    for pat in NAN_PATTERNS[code]:
                        out.unpack(fmt, nan_buf(code, order, pat))
                if code == "?" and count == 1:
                    for byte in (0, 1, 2, 0x80, 0xFF):
                        out.unpack(fmt, bytes([byte]))
                if code == "p":
                    for lenbyte in (0, 1, count - 1, count, count + 1, 255):
                        if 0 <= lenbyte <= 255:
                            out.unpack(fmt, bytes([lenbyte]) + rbytes(rng, size - 1))
                if size > 0:
                    out.unpack(fmt, rbytes(rng, size - 1))
                out.unpack(fmt, rbytes(rng, size + 1))
                out.unpack(fmt, b"")

                # --- pack_into / unpack_from with offsets (count '' and '2')
                if cnt in ("", "0"):
                    for buflen in sorted({size, size + 3}):
                        init = rbytes_nonzero(rng, buflen)
                        for off in offset_cases(size, buflen):
                            out.pack_into(fmt, init, off, args_for(rng, fmt))
                            out.unpack_from(fmt, rbytes(rng, buflen), off)
                    # precedence: bad arg + bad offset, wrong count + bad offset
                    init = rbytes_nonzero(rng, size + 2)
                    if nargs:
                        out.pack_into(fmt, init, 0, args_for(rng, fmt, p_invalid=1.0))
                        out.pack_into(fmt, init, size + 5, args_for(rng, fmt, p_invalid=1.0))
                        out.pack_into(fmt, init, -1, args_for(rng, fmt, p_invalid=1.0))
                        out.pack_into(fmt, init, -size - 100, args_for(rng, fmt, p_invalid=1.0))
                    out.pack_into(fmt, init, size + 5, args_for(rng, fmt) + [1])
                    out.pack_into(fmt, init, -size - 100, args_for(rng, fmt) + [1])

                # --- iter_unpack
                for k in (0, 1, 3):
                    out.iter_unpack(fmt, rbytes(rng, size * k))
                out.iter_unpack(fmt, rbytes(rng, size * 2 + 1))
                if size > 1:
                    out.iter_unpack(fmt, rbytes(rng, size - 1))


def gen_string_codes(out, rng):
    """s and p with larger counts and long data"""
    for order in ORDERS:
        for code in "sp":
            for cnt in ["255", "256", "257", "0300"]:
                fmt = order + cnt + code
                count = int(cnt)
                size = size_of(fmt)
                out.calcsize(fmt)
                for n in sorted({0, 254, 255, 256, 257, 300, count - 1, count, count + 1}):
                    out.pack(fmt, [rbytes(rng, n)])
                if code == "p":
                    for lenbyte in (0, 1, 200, 254, 255):
                        out.unpack(fmt, bytes([lenbyte]) + rbytes(rng, size - 1))
                else:
                    out.unpack(fmt, rbytes(rng, size))
                init = rbytes_nonzero(rng, size + 4)
                out.pack_into(fmt, init, 2, [rbytes(rng, 260)])
                out.pack_into(fmt, init, -size, [rbytes(rng, 3)])
            # multiple string items and mixtures
            for fmt in [order + "3s3p", order + "2s0s1s", order + "1p2p3p", order + "s p",
                        order + "5sh", order + "h5p", order + "ss", order + "pp",
                        order + "10s 10p", order + "1s1p"]:
                out.calcsize(fmt)
                size = size_of(fmt)
                for _ in range(6):
                    out.pack(fmt, args_for(rng, fmt))
                for _ in range(3):
                    out.unpack(fmt, rbytes(rng, size))


def gen_format_syntax(out, rng):
    fmts = []
    valid_chars = set(CODES) | set("0123456789") | set(WS) | set("@=<>!")
    for o in range(1, 128):
        c = chr(o)
        if c in valid_chars:
            continue
        fmts += [c, "h" + c, c + "h", "<" + c, "3" + c, "@" + c + "b"]
    # order characters in the wrong place
    for a in "@=<>!":
        for b in "@=<>!":
            fmts.append(a + b)
            fmts.append(a + b + "h")
        fmts += ["h" + a, "h" + a + "h", "3" + a, " " + a + "h", "\t" + a, a + " h",
                 a + "\x0bh", a, a + " ", a + "3", a + "03"]
    # digits without codes, whitespace placement
    fmts += ["", " ", "3", "03", "0", "10", "h3", "h 3", "h3 ", "3 h", "3\th", "3\nh",
             "3\x0bh", "3\x0ch", "3\rh", "< 3h", "<3 h", "3h3", "h\n\r\t\x0b\x0c h",
             " h", "h ", " h ", "\th\n", "\x0bh\x0c", "\rh", "hh", "h h", "h\x00",
             "\x00", "\x00h", "h\x00h", "z\x00", "<\x00", "3\x00h", "h\x1c", "\x1ch",
             "h\x1d", "\x1e", "\x1f", "h\x7f", "\x7f", "h\x08", "\x01",
             "99\x00", "99999999999999999999s\x00"]
    # non-ASCII formats (valid UTF-8 strings)
    fmts += ["\u00e9", "h\u00e9", "\u00e9h", "<\u20ac", "3\u00e9", "h\u0100", "\U0001F600",
             "\x85h", "h\x85", "\xa0", "h\xa0h", "\u2003h", "\u3000", "\u00ff", "<\u00e9h",
             "\u00e9\x00"]
    # counts: huge, overflow, leading zeros, alignment overflow
    fmts += [
        "99999999999999999999s", "9223372036854775807s1s", "4294967295s4294967295s",
        "9223372036854775807s", "9223372036854775808s", "922337203685477580700s",
        "9223372036854775807x", "9223372036854775808x", "9223372036854775807c",
        "<9223372036854775807x", "x9223372036854775807x", "9223372036854775807xx",
        "4611686018427387903h", "4611686018427387904h", "<4611686018427387904h",
        "2305843009213693951i", "2305843009213693952i", "1152921504606846975q",
        "1152921504606846976q", "1152921504606846975d", "<1152921504606846976d",
        "9223372036854775807xq", "9223372036854775800x0q", "9223372036854775801x0q",
        "<9223372036854775801x0q", "9223372036854775801xq", "<9223372036854775801xq",
        "@9223372036854775807p", "9223372036854775806xh", "9223372036854775807?",
        "0000000000000000000000000000001h", "00000000000000000000009223372036854775807x",
        "00000000000000000000009223372036854775808x", "99999999999999999999",
        "99999999999999999999s z", "z99999999999999999999s", "h99999999999999999999",
        "18446744073709551616s", "18446744073709551615s", "4294967296s", "2147483648s",
        "4294967295s4294967295s4294967295s", "9223372036854775807s\x00",
        "99999999999999999999z", "4294967295s 4294967295s", "<4294967295s4294967295s",
        "1000000000000q", "!1000000000000q", "4294967295s4294967295sh",
    ]
    for fmt in fmts:
        out.calcsize(fmt)
    for fmt in fmts:
        size = size_of(fmt)
        if size is not None and size > 4096:
            # huge but valid: never pack / really unpack
            out.unpack(fmt, b"")
            out.unpack(fmt, rbytes(rng, 7))
            out.unpack_from(fmt, rbytes(rng, 7), 0)
            out.unpack_from(fmt, rbytes(rng, 7), -3)
            out.unpack_from(fmt, rbytes(rng, 7), -8)
            out.iter_unpack(fmt, b"")
            out.iter_unpack(fmt, rbytes(rng, 5))
            continue
        if size is None:
            out.pack(fmt, [])
            out.pack(fmt, [1])
            out.unpack(fmt, b"")
            out.unpack(fmt, rbytes(rng, 2))
            out.unpack_from(fmt, rbytes(rng, 4), 100)
            out.pack_into(fmt, b"\xaa" * 4, 100, [1, 2, 3])
            out.iter_unpack(fmt, b"")
            continue
        for _ in range(2):
            out.pack(fmt, args_for(rng, fmt))
            out.unpack(fmt, rbytes(rng, size))
        out.pack_into(fmt, rbytes_nonzero(rng, size + 2), 1, args_for(rng, fmt))
        out.unpack_from(fmt, rbytes(rng, size + 2), 2)
        out.iter_unpack(fmt, rbytes(rng, size * 2))


ALIGN_FORMATS = [
    "@b0l", "@qb", "@?HIhqfd", "bhilqd", "b0q", "bq", "bd", "be", "b0e", "cP", "xI",
    "xxxxxl", "lb", "b0P", "3sq", "5pd", "hq0s", "?0?", "b0s", "bhbibqbd", "@c0n",
    "bN", "b2H", "b3i", "b0i", "b0h", "b0f", "b0d", "c0c", "?0h", "3xi", "7xq", "e0d",
    "hP", "if", "fd", "ed", "?e", "b5e", "5bq", "b 0q", "b\t0l", "@b 0l", "lbhi",
    "qqqb", "bbbbbbbbq", "ii0q", "iq", "@iq", "=iq", "<iq", ">iq", "!iq", "=bq",
    "<b0l", ">b0q", "!bhilqd", "=?HIhqfd", "b0b", "b0?", "3s0P", "P0P", "n0N", "Nn",
    "b10q", "b2q3i", "c2e", "?2f", "hd0e", "bc0e", "0l", "0q", "b0q0q", "xP", "2x0P",
]


def gen_alignment(out, rng):
    for fmt in ALIGN_FORMATS:
        out.calcsize(fmt)
        size = size_of(fmt)
        if size is None:
            out.pack(fmt, [1])
            continue
        for _ in range(4):
            out.pack(fmt, args_for(rng, fmt))
        for _ in range(3):
            out.unpack(fmt, rbytes(rng, size))
        for off in offset_cases(size, size + 3)[:8]:
            out.pack_into(fmt, rbytes_nonzero(rng, size + 3), off, args_for(rng, fmt))
            out.unpack_from(fmt, rbytes(rng, size + 3), off)
        out.iter_unpack(fmt, rbytes(rng, size * 3))


def rand_format(rng):
    order = rng.choice(ORDERS)
    codes = CODES if not is_std(order) else "".join(c for c in CODES if c not in NATIVE_ONLY)
    parts = []
    for _ in range(rng.randint(1, 8)):
        code = rng.choice(codes)
        r = rng.random()
        if code in "sp":
            cnt = rng.randint(1 if code == "p" else 0, 20)
            cs = "" if cnt == 1 and rng.random() < 0.5 else str(cnt)
        elif code == "x":
            cnt = rng.randint(0, 7)
            cs = "" if cnt == 1 and rng.random() < 0.5 else str(cnt)
        elif r < 0.5:
            cs = ""
        elif r < 0.57:
            cs = "0"
        else:
            cs = str(rng.randint(1, 4))
        if cs and rng.random() < 0.05:
            cs = "0" + cs
        if code == "p" and cs and int(cs) == 0:
            cs = "1"
        parts.append(cs + code)
    fmt = order
    for i, p in enumerate(parts):
        if i and rng.random() < 0.15:
            fmt += "".join(rng.choice(WS) for _ in range(rng.randint(1, 2)))
        fmt += p
    if rng.random() < 0.05:
        fmt += rng.choice(WS)
    if order and rng.random() < 0.05:
        fmt = fmt[0] + rng.choice(WS) + fmt[1:]
    return fmt


def gen_random_formats(out, rng, n):
    for _ in range(n):
        fmt = rand_format(rng)
        size = size_of(fmt)
        assert size is not None, fmt
        out.calcsize(fmt)
        args = args_for(rng, fmt)
        packed = out.pack(fmt, args)
        if packed is not None:
            out.unpack(fmt, packed)
        out.pack(fmt, args_for(rng, fmt, p_invalid=0.05))
        out.unpack(fmt, rbytes(rng, size))
        if rng.random() < 0.3:
            out.unpack(fmt, rbytes(rng, size + rng.choice([-1, 1, 5])) if size else b"x")
        if rng.random() < 0.2:
            a = args_for(rng, fmt)
            out.pack(fmt, a + [0] if rng.random() < 0.5 or not a else a[:-1])
        buflen = size + rng.randint(0, 6)
        off = rng.choice([0, rng.randint(0, buflen - size), -size if size else 0,
                          -rng.randint(size, max(size, buflen)) if buflen else 0,
                          rng.randint(-buflen - 3, buflen + 3)])
        out.pack_into(fmt, rbytes_nonzero(rng, buflen), off, args_for(rng, fmt))
        off = rng.choice([0, rng.randint(0, buflen - size), -size if size else 0,
                          rng.randint(-buflen - 3, buflen + 3)])
        out.unpack_from(fmt, rbytes(rng, buflen), off)
        k = rng.choice([0, 1, 2, 3, 4])
        extra = 1 if (size and rng.random() < 0.15) else 0
        out.iter_unpack(fmt, rbytes(rng, size * k + extra))


def gen_offsets_extreme(out, rng):
    for fmt in ["<h", "@q", "", "x", "<i", "3s", "@P"]:
        size = size_of(fmt)
        for buflen in (0, 4, 16):
            for off in (2**63 - 1, -(2**63), -(2**63) + 1, 2**62, -(2**62), 2**31, -(2**31)):
                out.unpack_from(fmt, rbytes(rng, buflen), off)
                out.pack_into(fmt, rbytes_nonzero(rng, buflen), off, args_for(rng, fmt))


def gen_partial_writes(out):
    """pack_into refusing a value part-way: the buffer keeps the values before
    it, and CPython's standard-size `q`/`Q` packers (`_PyLong_AsByteArray`)
    leave the truncated low 8 bytes of the refused value behind."""
    values = [2**64 + 5, 2**64, -1, 2**63, -(2**63) - 1, 2**70 + 3, 2**100 + 2**40, -(2**100) - 7,
              1.5, b"x"]
    for order in ORDERS:
        for code in "qQlLnNP":
            if code in NATIVE_ONLY and is_std(order):
                continue
            for fmt in (order + "0?" + code, order + "b" + code + "h", order + "2" + code,
                        order + "x" + code + code):
                n = n_args(fmt)
                for v in values:
                    args = [1] * (n - 1) + [v] if "2" not in fmt else [7, v]
                    size = size_of(fmt)
                    out.pack_into(fmt, b"\xaa" * (size + 4), 2, args)
    for fmt, args in (("<ihe", [1, 2, 1e6]), (">3sfq", [b"abc", 1e300, 0]),
                      ("!hc", [5, b"xy"]), ("=b?p", [3, 0, 7])):
        out.pack_into(fmt, b"\xaa" * (size_of(fmt) + 2), 1, args)


FUZZ_ALPHABET = (CODES + "0123456789" * 2 + "@=<>!" + " \t\n" + "zgu\x00\x1c"
                 + "\u00e9")


def gen_syntax_fuzz(out, rng, n):
    """random short strings over codes, digits, order chars, whitespace and junk"""
    for _ in range(n):
        fmt = "".join(rng.choice(FUZZ_ALPHABET) for _ in range(rng.randint(0, 7)))
        if has_zero_p(fmt):
            continue
        size = size_of(fmt)
        out.calcsize(fmt)
        if size is None:
            if rng.random() < 0.3:
                out.unpack(fmt, rbytes(rng, rng.randint(0, 4)))
            continue
        if size > 64:
            out.unpack(fmt, rbytes(rng, 3))
            continue
        out.unpack(fmt, rbytes(rng, size))
        out.pack(fmt, args_for(rng, fmt))


def parse_args(script, doc, default_out):
    """The generators' command line: `--out PATH` and `--force`; refuses to run
    anywhere but CPython 3.11 on LP64 little-endian unless forced."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, default_out))
    ap.add_argument("--force", action="store_true",
                    help="run even on a Python other than 3.11 / a non-LP64 platform")
    opts = ap.parse_args()
    platform_ok = (sys.byteorder == "little" and struct.calcsize("@l") == 8
                   and struct.calcsize("@P") == 8 and struct.calcsize("@n") == 8)
    if not opts.force and (sys.version_info[:2] != (3, 11) or not platform_ok):
        sys.exit("%s needs CPython 3.11 on an LP64 little-endian platform "
                 "(got %s on %s); use --force to override"
                 % (script, platform.python_version(), platform.machine()))
    return opts


def main():
    opts = parse_args("gen_vectors.py", __doc__, "vectors.jsonl")

    rng = random.Random(SEED)
    out = Out()
    gen_single_codes(out, rng)
    gen_string_codes(out, rng)
    gen_format_syntax(out, rng)
    gen_alignment(out, rng)
    gen_offsets_extreme(out, rng)
    gen_random_formats(out, rng, 1500)
    gen_syntax_fuzz(out, rng, 3000)
    gen_partial_writes(out)
    n = out.write(opts.out)
    print("wrote %d vectors to %s" % (n, opts.out), file=sys.stderr)


if __name__ == "__main__":
    main()
