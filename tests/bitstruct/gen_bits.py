#!/usr/bin/env python3
"""Generate differential test vectors for `netpack::bits` from Python's bitstruct.

Every expected result is what the real `bitstruct` package (8.24.0, its
pure-Python module) returns or raises for one call; nothing is computed by hand.
Each call is made again with bitstruct's C extension (`bitstruct.c`), and where
the two disagree the vector names the difference (`"c"`, one of the ids listed
in netpack/src/bits/differences.md; the Rust test checks the two lists agree).
The output is deterministic: all randomness comes from one seeded
`random.Random`, lines are written in generation order, duplicates dropped.

Usage (with the oracle's virtual environment, `bash .ci/python-env`):
    $(bash .ci/python-env) tests/bitstruct/gen_bits.py [--out PATH] [--summary]

File format (JSON Lines, one object per line):
    op       "calcsize" | "pack" | "pack_into" | "unpack" | "unpack_from" | "byteswap"
    fmt      the format (for byteswap, its groups)
    size     bitstruct.calcsize(fmt), or size_err [kind, message] (not for byteswap)
    args     (pack, pack_into) the values, encoded
    buf      (pack_into) the buffer before; (unpack*, byteswap) the data; hex
    off      (pack_into, unpack_from, byteswap) the offset: bits, or bytes for byteswap
    trunc    (unpack, unpack_from) allow_truncated=True when present
    keep     (pack_into) fill_padding=False when present
    ok       pack, byteswap: hex; pack_into: hex of the whole buffer after;
             unpack*: list of encoded values
    err      [kind, message]: kind is the netpack::ErrorKind variant, message
             what str(exception) is (netpack's Display starts with it)
    after    (pack_into, on failure) hex of the buffer after the call
    c        where bitstruct.c disagrees: the difference's id

Encoded values: "i<decimal>" int (within i128), "I<decimal>" int beyond i128,
"b0"/"b1" bool, "f<16 hex digits>" float by its bits, "y<hex>" bytes, "t<hex>"
str by its UTF-8 bytes.
"""

import argparse
import json
import math
import os
import random
import re
import struct
import sys

import bitstruct as PY
import bitstruct.c as C

assert PY.__version__ == "8.24.0", PY.__version__
assert sys.version_info[:2] == (3, 11), sys.version

SEED = 0x6269747374727563  # "bitstruc"
HERE = os.path.dirname(os.path.abspath(__file__))
I128 = (-(2**127), 2**127 - 1)

# --------------------------------------------------------------------------
# outcomes

_RULES = [
    ("BadFormat", r"bad format '"),
    ("BadFormat", r"bad char '.' in format$"),
    ("BadFormat", r"expected float size of 16, 32, or 64 bits \(got \d+\)$"),
    ("ArgCount", r"pack expected \d+ item\(s\) for packing \(got \d+\)$"),
    ("ArgRange", r'"[us]\d+" requires -?\d+ <= integer <= \d+ \(got '),
    ("ArgRange", r"Exceeds the limit \(4300 digits\) for integer string conversion"),
    ("ArgRange", r"cannot convert float (NaN|infinity) to integer$"),
    ("ArgRange", r"float too large to pack with [ef] format$"),
    ("ArgType", r"invalid literal for int\(\) with base 10: "),
    ("ArgType", r"could not convert string to float: "),
    ("ArgType", r"'\w+' object has no attribute 'encode'$"),
    ("ArgType", r"object of type '\w+' has no len\(\)$"),
    ("ArgType", r'can only concatenate str \(not "bytes"\) to str$'),
    ("InvalidValue", r"'utf-8' codec can't decode "),
    ("BufferSize", r"unpack requires at least \d+ bits to unpack \(got \d+\)$"),
    ("BufferSize", r"pack_into requires a buffer of at least \d+ bits$"),
]


def classify(exc):
    message = str(exc)
    for kind, pattern in _RULES:
        if re.match(pattern, message):
            return [kind, message]
    raise AssertionError(f"unclassified {type(exc).__name__}: {message!r}")


def call(fn):
    """("ok", result) or ("err", exception)."""
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001 - every exception is an outcome
        return ("err", e)


def enc(v):
    if isinstance(v, bool):
        return "b1" if v else "b0"
    if isinstance(v, int):
        if I128[0] <= v <= I128[1]:
            return "i%d" % v
        return "I%s%x" % ("-" if v < 0 else "", abs(v))
    if isinstance(v, float):
        return "f%016x" % struct.unpack(">Q", struct.pack(">d", v))[0]
    if isinstance(v, (bytes, bytearray)):
        return "y" + bytes(v).hex()
    if isinstance(v, str):
        return "t" + v.encode("utf-8").hex()
    raise TypeError(v)


def same(a, b):
    """Outcomes equal, floats by bits, exceptions by type and message."""
    if a[0] != b[0]:
        return False
    if a[0] == "err":
        return type(a[1]) is type(b[1]) and str(a[1]) == str(b[1])
    return enc_any(a[1]) == enc_any(b[1])


def enc_any(x):
    if isinstance(x, tuple):
        return [enc(v) for v in x]
    if x is None:
        return None
    if isinstance(x, (bytes, bytearray)):
        return bytes(x).hex()
    return x


# --------------------------------------------------------------------------
# the formats' fields, by the oracle's own parser


def fields(fmt):
    """[(code, size, lsb)] of a valid format, and its byte order."""
    infos, byte_order = PY._parse_format(fmt, None, "utf-8", "strict")
    kinds = {
        PY._SignedInteger: "s",
        PY._UnsignedInteger: "u",
        PY._Boolean: "b",
        PY._Float: "f",
        PY._Text: "t",
        PY._Raw: "r",
        PY._ZeroPadding: "p",
        PY._OnePadding: "P",
    }
    return [(kinds[type(i)], i.size, i.endianness == "<") for i in infos], byte_order


# --------------------------------------------------------------------------
# the differences of bitstruct.c, by id (netpack/src/bits/differences.md)


def c_difference(v, fmt_fields, py, c):
    """Why bitstruct.c disagrees with the pure-Python module on vector `v`
    (`py` and `c` are the two outcomes): the first reason that applies."""
    fmt = v["fmt"]
    op = v["op"]
    if op == "byteswap":
        return "c-byteswap"
    body = fmt[:-1] if fmt.endswith(("<", ">")) else fmt
    lengths = [int(d) for d in re.findall(r"\d+", body)]
    if any(n > (2**31 - 1) // 100 for n in lengths) or sum(lengths) > 2**31 - 1:
        return "c-long-formats"
    if fmt_fields is None:
        return "c-format-errors"
    codes = fmt_fields[0]
    if any(ch in "<>" for ch in body):
        return "c-bit-order"
    if fmt.endswith("<"):
        return "c-byte-order"
    if any(not ch.isascii() for ch in fmt) or re.search(r"[\x1c-\x1f]", fmt):
        return "c-unicode-format"
    if any(code in "usb" and n > 64 for code, n, _ in codes):
        return "c-over-64-bits"
    if any(code in "tr" and n % 8 for code, n, _ in codes):
        return "c-text-raw-bits"
    if any(code == "f" and n not in (16, 32, 64) for code, n, _ in codes):
        return "c-float-size"
    c_says = f"{type(c[1]).__name__}: {c[1]}" if c[0] == "err" else ""
    if op in ("unpack", "unpack_from"):
        if v.get("trunc") and v.get("off", 0) > 0:
            return "c-truncated-offset"
        if py[0] == "ok" and c_says == "ValueError: Short data.":
            return "c-offset-past-end"
        if "err" in v and v["err"][0] == "InvalidValue":
            return "c-text-decode"
        if py[0] == c[0] == "err":
            return "c-messages"
        return None
    if op == "calcsize":
        return None
    # pack, pack_into
    if c_says.startswith("ValueError: pack_into requires") and py[0] == "ok":
        return "c-offset-past-end"
    if c_says.startswith("ValueError: pack_into requires") and py[0] == "err" and \
            not str(py[1]).startswith("pack_into"):
        return "c-pack-into-checks"
    if c_says == "RuntimeError: buffer differs":
        return "c-pack-into-partial"
    if re.match(r"TypeError: (an integer is required|'\w+' object cannot be interpreted as an integer)", c_says):
        return "c-int-conversion"
    if c_says.startswith("TypeError: must be real number"):
        return "c-float-conversion"
    if c_says.startswith("NotImplementedError: Short"):
        return "c-short-text-raw"
    if re.match(r"TypeError: (bad argument type|expected bytes)", c_says):
        return "c-text-raw-types"
    if py[0] == "err" and str(py[1]) == "float too large to pack with f format" and c[0] == "ok":
        return "c-f32-overflow"
    if v.get("keep"):
        return "c-fill-padding"
    if py[0] == c[0] == "err":
        return "c-messages"
    return None


# --------------------------------------------------------------------------
# the vectors


class Out:
    def __init__(self):
        self.lines = []
        self.seen = set()
        self.differences = {}

    def emit(self, v, c_outcome, py_outcome, fmt_fields):
        if not same(c_outcome, py_outcome):
            why = c_difference(v, fmt_fields, py_outcome, c_outcome)
            if why is None:
                raise AssertionError(
                    f"bitstruct.c disagrees and no difference explains it: {v}\n"
                    f"  python: {py_outcome}\n  c: {c_outcome}"
                )
            v["c"] = why
            self.differences[why] = self.differences.get(why, 0) + 1
        line = json.dumps(v, separators=(",", ":"))
        if line not in self.seen:
            self.seen.add(line)
            self.lines.append(line)

    def write(self, path):
        with open(path, "w", encoding="ascii", newline="\n") as f:
            for line in self.lines:
                f.write(line + "\n")


def base(op, fmt):
    v = {"op": op, "fmt": fmt}
    r = call(lambda: PY.calcsize(fmt))
    if r[0] == "ok":
        v["size"] = r[1]
    else:
        v["size_err"] = classify(r[1])
    return v


def fields_or_none(fmt):
    try:
        return fields(fmt)
    except Exception:  # noqa: BLE001 - a bad format has no fields
        return None


def outcome(v, r, ok):
    if r[0] == "ok":
        v["ok"] = ok(r[1])
    else:
        v["err"] = classify(r[1])


def do_calcsize(out, fmt):
    v = base("calcsize", fmt)
    py = call(lambda: PY.calcsize(fmt))
    c = call(lambda: C.calcsize(fmt))
    out.emit(v, c, py, fields_or_none(fmt))


def do_pack(out, fmt, args):
    v = base("pack", fmt)
    v["args"] = [enc(a) for a in args]
    py = call(lambda: PY.pack(fmt, *args))
    outcome(v, py, lambda b: b.hex())
    c = call(lambda: C.pack(fmt, *args))
    out.emit(v, c, py, fields_or_none(fmt))
    return py[1] if py[0] == "ok" else None


def do_pack_into(out, fmt, buf, off, args, keep):
    v = base("pack_into", fmt)
    v["args"] = [enc(a) for a in args]
    v["buf"] = bytes(buf).hex()
    v["off"] = off
    if keep:
        v["keep"] = True
    mine = bytearray(buf)
    kwargs = {"fill_padding": False} if keep else {}
    py = call(lambda: PY.pack_into(fmt, mine, off, *args, **kwargs))
    if py[0] == "ok":
        v["ok"] = mine.hex()
    else:
        v["err"] = classify(py[1])
        v["after"] = mine.hex()
    theirs = bytearray(buf)
    c = call(lambda: C.pack_into(fmt, theirs, off, *args, **kwargs))
    # Compare the buffers too: bitstruct.c writes as it goes.
    py_full = (py[0], py[1] if py[0] == "err" else bytes(mine))
    c_full = (c[0], c[1] if c[0] == "err" else bytes(theirs))
    if py[0] == c[0] == "err" and bytes(mine) != bytes(theirs):
        c_full = ("err", RuntimeError("buffer differs"))
    out.emit(v, c_full, py_full, fields_or_none(fmt))


def do_unpack(out, fmt, data, off=None, trunc=False):
    v = base("unpack" if off is None else "unpack_from", fmt)
    v["buf"] = bytes(data).hex()
    kwargs = {"allow_truncated": True} if trunc else {}
    if off is not None:
        v["off"] = off
    if trunc:
        v["trunc"] = True
    if off is None:
        py = call(lambda: PY.unpack(fmt, data, **kwargs))
    else:
        py = call(lambda: PY.unpack_from(fmt, data, off, **kwargs))
    outcome(v, py, lambda t: [enc(x) for x in t])
    if trunc and (off or 0) > 0:
        # bitstruct.c reads past the end of the data here: no reliable outcome.
        c = ("err", RuntimeError("not run"))
    elif off is None:
        c = call(lambda: C.unpack(fmt, data, **kwargs))
    else:
        c = call(lambda: C.unpack_from(fmt, data, off, **kwargs))
    out.emit(v, c, py, fields_or_none(fmt))


def do_byteswap(out, fmt, data, off):
    v = {"op": "byteswap", "fmt": fmt, "buf": bytes(data).hex(), "off": off}
    py = call(lambda: PY.byteswap(fmt, data, off))
    outcome(v, py, lambda b: b.hex())
    c = call(lambda: C.byteswap(fmt, data, off)) if off else call(lambda: C.byteswap(fmt, data))
    out.emit(v, c, py, None)


# --------------------------------------------------------------------------
# random formats and values

CODES = "usfbtrpP"
SPACES = [" ", " ", " ", "  ", "\t", "\n", "\x1c", "\xa0", "\u3000"]
ARABIC = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"


def rand_length(rng, code):
    r = rng.random()
    if code == "f":
        return rng.choice([16, 32, 64]) if r < 0.93 else rng.choice([1, 8, 15, 24, 63, 65, 128])
    if code in "tr":
        if r < 0.7:
            return 8 * rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 16])
        return rng.randint(1, 70)
    if code == "b":
        return rng.choice([1, 1, 1, 1, 2, 3, 7, 8, 16, 64, 65])
    if r < 0.45:
        return rng.randint(1, 16)
    if r < 0.75:
        return rng.choice([8, 16, 24, 32, 48, 64])
    if r < 0.92:
        return rng.randint(17, 64)
    return rng.choice([63, 65, 100, 127, 128, 129, 200])


def rand_format(rng, max_groups=8):
    groups = []
    n = rng.randint(1, max_groups)
    for _ in range(n):
        code = rng.choice(CODES) if rng.random() < 0.5 else rng.choice("uuusb")
        length = rand_length(rng, code)
        prefix = ""
        if rng.random() < 0.25:
            prefix = rng.choice("<>")
        digits = str(length)
        if rng.random() < 0.03:
            digits = "0" + digits
        if rng.random() < 0.01:
            digits = "".join(ARABIC[int(d)] for d in digits)
        space = rng.choice(SPACES) if rng.random() < 0.2 else ""
        groups.append(prefix + code + digits + space)
    fmt = "".join(groups)
    r = rng.random()
    if r < 0.3:
        fmt += "<"
    elif r < 0.4:
        fmt += ">"
    return fmt


TEXTS = ["", "a", "ab", "abc", "abcd", "hello", "\xe9", "\u4e2d", "\U0001f600", "\x00",
         "it's", '"q"', "a\nb", "\u0301", "\u200b", "\xa0", "\u0378", "\x7f", "\\"]
SPECIAL_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 65504.0, 65519.99, 65520.0, 1e-7,
                  6e-8, 5.96e-8, 2.9802322387695312e-08, 3.4028234663852886e38,
                  3.4028235677973366e38, 3.5e38, 1e-45, 1.401298464324817e-45,
                  7.006492321624085e-46, 1e300, 5e-324, math.inf, -math.inf, math.nan,
                  -math.nan, 0.1, 1 / 3]
NAN_BITS = [0x7FF8000000000000, 0xFFF8000000000000, 0x7FF0000000000001,
            0x7FF4000000000000, 0x7FFFFFFFFFFFFFFF, 0xFFF0000020000000,
            0x7FF8000000000001, 0x7FF0000100000000]


def f_from_bits(b):
    return struct.unpack(">d", struct.pack(">Q", b))[0]


def rand_float(rng, n):
    r = rng.random()
    if r < 0.3:
        return rng.choice(SPECIAL_FLOATS)
    if r < 0.4:
        return f_from_bits(rng.choice(NAN_BITS))
    if n == 16 or (r < 0.6 and n != 64):
        return struct.unpack(">e", rng.getrandbits(16).to_bytes(2, "big"))[0]
    if n == 32 or r < 0.75:
        return struct.unpack(">f", rng.getrandbits(32).to_bytes(4, "big"))[0]
    return f_from_bits(rng.getrandbits(64))


def int_bounds(signed, n):
    if signed:
        lo, hi = -(1 << (n - 1)), (1 << (n - 1)) - 1
    else:
        lo, hi = 0, (1 << n) - 1
    return max(lo, I128[0]), min(hi, I128[1])


def rand_int(rng, signed, n):
    lo, hi = int_bounds(signed, n)
    r = rng.random()
    if r < 0.12:
        return lo
    if r < 0.24:
        return hi
    if r < 0.3:
        return 0
    if r < 0.6:
        return rng.randint(max(lo, -1000), min(hi, 1000))
    return rng.randint(lo, hi)


def int_spelling(rng, x):
    """The integer x as another type int() reads: a float, a str, bytes."""
    r = rng.random()
    if r < 0.3 and abs(x) < 2**53:
        return float(x) + (rng.choice([0.25, 0.5, 0.75]) * (1 if x >= 0 else -1) if rng.random() < 0.5 else 0)
    if r < 0.6:
        text = str(x)
        if rng.random() < 0.3:
            text = " " + text + "\t"
        if rng.random() < 0.2 and len(text) > 2:
            text = text[0] + "_" + text[1:] if text[0].isdigit() else text
        return text
    if r < 0.8:
        return str(x).encode()
    if x in (0, 1):
        return bool(x)
    return x


def rand_text(rng, nbytes):
    r = rng.random()
    if r < 0.3:
        return rng.choice(TEXTS)
    pool = "abcxyz0129 " if r < 0.7 else "ab\xe9\u4e2d\U0001f600\x00\u0301\u200b"
    want = max(0, nbytes + rng.choice([-2, -1, 0, 0, 0, 1, 3]))
    s = ""
    while len(s.encode()) < want:
        s += rng.choice(pool)
    return s


def rand_raw(rng, nbytes):
    want = max(0, nbytes + rng.choice([-2, -1, 0, 0, 0, 0, 1, 3]))
    return bytes(rng.getrandbits(8) for _ in range(want))


BAD_VALUES = [None, math.nan, math.inf, -math.inf, "x", b"x", "1.5", b" 7 ", "\u0663",
              1.5, -0.5, True, "", b"", "1e3", "inf", "-nan", "9" * 50]


def valid_value(rng, code, n):
    if code in "us":
        x = rand_int(rng, code == "s", n)
        return int_spelling(rng, x) if rng.random() < 0.1 else x
    if code == "b":
        return rng.choice([True, False, True, False, 0, 1, 2, -1, 0.0, 1.5, "", "x", b"", b"\0"])
    if code == "f":
        x = rand_float(rng, n)
        if rng.random() < 0.05:
            return rng.choice([1, -2, True, "1.5", b"-0.25", " 1_0.5 ", "nan", "-inf"])
        return x
    if code == "t":
        return rand_text(rng, n // 8)
    if code == "r":
        return rand_raw(rng, n // 8)
    raise AssertionError(code)


def invalid_value(rng, code, n):
    if code in "us":
        lo, hi = (-(1 << (n - 1)), (1 << (n - 1)) - 1) if code == "s" else (0, (1 << n) - 1)
        choices = [lo - 1, hi + 1, lo - 1000, hi + 2**rng.randint(1, 70)]
        choices = [c for c in choices if I128[0] <= c <= I128[1]]
        r = rng.random()
        if r < 0.5 and choices:
            return rng.choice(choices)
        if r < 0.7 and choices:
            return int_spelling(rng, rng.choice(choices))
        return rng.choice([x for x in BAD_VALUES if x is not None and not isinstance(x, bool)])
    if code == "f":
        return rng.choice(["x", b"1.5.", "1_", "1e", "", 1e300 if n < 64 else "y", 70000.0, -1e39])
    if code == "t":
        return rng.choice([1, True, 1.5, b"ab", b""])
    if code == "r":
        return rng.choice([1, True, 1.5, "ab", ""])
    return rng.choice(BAD_VALUES[1:])


def args_for(rng, fmt, p_invalid):
    got = fields_or_none(fmt)
    if got is None:
        return [rng.randint(0, 3) for _ in range(rng.randint(0, 3))]
    args = []
    for code, n, _ in got[0]:
        if code in "pP":
            continue
        if rng.random() < p_invalid:
            args.append(invalid_value(rng, code, n))
        else:
            args.append(valid_value(rng, code, n))
    r = rng.random()
    if r < 0.03 and args:
        args.pop()
    elif r < 0.06:
        args.append(7)
    return args


def nbytes(fmt):
    try:
        return (PY.calcsize(fmt) + 7) // 8
    except Exception:  # noqa: BLE001
        return 2


# --------------------------------------------------------------------------
# groups of vectors


def gen_random(out, rng, count):
    """Random formats of every code: pack, pack_into, unpack, unpack_from."""
    for _ in range(count):
        fmt = rand_format(rng)
        args = args_for(rng, fmt, p_invalid=0.08)
        packed = do_pack(out, fmt, args)
        size = nbytes(fmt)
        r = rng.random()
        if packed is not None and r < 0.55:
            data = packed
        else:
            data = bytes(rng.getrandbits(8) for _ in range(size))
        if rng.random() < 0.15:
            data += bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.12:
            data = data[: rng.randint(0, max(0, len(data) - 1))]
            do_unpack(out, fmt, data, trunc=rng.random() < 0.6)
        else:
            do_unpack(out, fmt, data, trunc=rng.random() < 0.1)
        off = rng.randint(0, 15)
        lead = bytes(rng.getrandbits(8) for _ in range((off + 7) // 8 + 1))
        do_unpack(out, fmt, lead + data, off=off, trunc=rng.random() < 0.1)
        buf = bytes(rng.getrandbits(8) for _ in range(size + rng.choice([0, 0, 1, 2, -1])))
        off = rng.choice([0, 0, rng.randint(0, 15), rng.randint(0, 8 * len(buf) + 9)])
        do_pack_into(out, fmt, buf, off, args_for(rng, fmt, p_invalid=0.05), rng.random() < 0.3)


def gen_codes(out, rng):
    """Each code alone, at each length that matters, both orders, with its edges."""
    lengths = list(range(1, 66)) + [100, 127, 128, 129, 200, 256]
    for code in "usb":
        for n in lengths:
            for prefix in ["", "<"]:
                for suffix in ["", "<"]:
                    fmt = f"{prefix}{code}{n}{suffix}"
                    if code == "b":
                        values = [True, False, 2, ""]
                    else:
                        lo, hi = int_bounds(code == "s", n)
                        values = [lo, hi, 0, rand_int(rng, code == "s", n)]
                    for x in values:
                        packed = do_pack(out, fmt, [x])
                        if packed is not None:
                            do_unpack(out, fmt, packed)
                    do_unpack(out, fmt, bytes([0xFF] * ((n + 7) // 8)))
                    do_unpack(out, fmt, bytes(rng.getrandbits(8) for _ in range((n + 7) // 8)))
                    if code != "b":
                        lo, hi = (-(1 << (n - 1)), (1 << (n - 1)) - 1) if code == "s" else (0, (1 << n) - 1)
                        for bad in (lo - 1, hi + 1):
                            if I128[0] <= bad <= I128[1]:
                                do_pack(out, fmt, [bad])
    for n in [16, 32, 64]:
        for prefix in ["", "<"]:
            for suffix in ["", "<"]:
                fmt = f"{prefix}f{n}{suffix}"
                for x in SPECIAL_FLOATS + [f_from_bits(b) for b in NAN_BITS]:
                    packed = do_pack(out, fmt, [x])
                    if packed is not None:
                        do_unpack(out, fmt, packed)
                for _ in range(12):
                    do_unpack(out, fmt, bytes(rng.getrandbits(8) for _ in range(n // 8)))
    for n in [16, 32, 64]:
        # Every NaN pattern of the width: quiet, signalling, with payloads.
        for pattern in [0x7E00, 0x7C01, 0xFE00, 0x7FFF] if n == 16 else (
                [0x7FC00000, 0x7F800001, 0xFFC00001, 0x7FA00000] if n == 32 else NAN_BITS):
            do_unpack(out, f"f{n}", pattern.to_bytes(n // 8, "big"))
    for n in [1, 8, 15, 24, 63, 65, 128]:
        do_pack(out, f"f{n}", [1.0])
        do_pack(out, f"f{n}", ["x"])
        do_unpack(out, f"f{n}", bytes((n + 7) // 8))
        do_unpack(out, f"u1f{n}", b"", trunc=True)
    for code in "tr":
        for n in [1, 4, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 40, 64, 65]:
            for prefix in ["", "<"]:
                for suffix in ["", "<"]:
                    fmt = f"{prefix}{code}{n}{suffix}u4"
                    for k in range(-1, 3):
                        nb = max(0, n // 8 + k)
                        value = rand_text(rng, nb) if code == "t" else rand_raw(rng, nb)
                        packed = do_pack(out, fmt, [value, 9])
                        if packed is not None:
                            do_unpack(out, fmt, packed, trunc=True)
                    do_unpack(out, fmt, bytes(rng.getrandbits(8) for _ in range(n // 8 + 2)))
    for text in TEXTS + ["\U0010ffff", "\ue000", "\U000e0001", "\u2028", "a'b\"c"]:
        data = text.encode()
        do_unpack(out, f"t{8 * len(data)}" if data else "t8", data or b"\0")
        do_pack(out, f"t{8 * max(1, len(data))}", [text])


def gen_utf8(out, rng):
    """Text fields holding bytes that are not UTF-8: each of CPython's reasons."""
    cases = [b"\xff", b"\x80", b"\xc0\x80", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xe2\x82\x28",
             b"\xe2\x28\xa1", b"\xed\xa0\x80", b"\xf0\x9f\x98", b"\xf4\x90\x80\x80", b"\xf5",
             b"a\xe0\x80b", b"ab\xf0", b"\xf0\x28\x8c\x28", b"\xe0\xa0", b"\xc2\xc2"]
    for data in cases:
        do_unpack(out, f"t{8 * len(data)}", data)
        do_unpack(out, f"u8t{8 * len(data)}", b"\x01" + data)
        do_unpack(out, f"t{8 * len(data) + 8}", data + b"\xff")
    for _ in range(150):
        n = rng.randint(1, 6)
        data = bytes(rng.choice([0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0xED])
                     for _ in range(n))
        do_unpack(out, f"t{8 * n}", data)
        do_unpack(out, f"<t{8 * n}", data)


def gen_conversions(out, rng):
    """How each code converts each kind of argument (int(), float(), bool(), ...)."""
    values = [0, 1, -1, 7, 255, 256, True, False, 3.7, -3.7, 255.99, 256.0, 1e300, -1e300,
              math.nan, math.inf, -math.inf, -0.5, "12", " 12 ", "1_2", "0300", "\u0663",
              " \x85 7 \u3000", "12\x1c", "1__2", "_1", "1_", "+5", "-5", "0x10", "", "abc",
              b"12", b" 12\x0b", b"\xd9\xa3", b"", "9" * 5000, "9" * 4300, "9" * 4301 + "x",
              "1" * 50, "-" + "1" * 40, "1.5", b"1.5", " 1_0.5 ", "inf", "-nan", "1e3", "é",
              b"\xff", "a" * 60, b"b" * 60, "\u4e2d\u4e2d",
              "340282366920938463463374607431768211456",
              "-170141183460469231731687303715884105728",
              "-170141183460469231731687303715884105729"]
    for fmt in ["u8", "s8", "u64", "s64", "u127", "u128", "s128", "u129", "s129", "u200",
                "s200", "b1", "b8", "f16", "f32", "f64", "t8", "t24", "r8", "r24"]:
        for x in values:
            do_pack(out, fmt, [x])
    for fmt in ["u4", "s4", "b2", "f32", "t16", "r16"]:
        for x in values[:20]:
            do_pack(out, "u3" + fmt + "p1", [5, x])


def gen_ranges(out, rng):
    """Range messages, up to the fields whose bounds Python cannot print."""
    for n in [1, 2, 7, 8, 63, 64, 65, 100, 126, 127, 128, 129, 200, 1000, 14284, 14285,
              14286, 14287, 20000]:
        for code in "us":
            do_pack(out, f"{code}{n}", [-(2**127) if code == "s" else -1])
            if n < 127:
                lo, hi = int_bounds(code == "s", n)
                do_pack(out, f"{code}{n}", [hi + 1])
                do_pack(out, f"{code}{n}", [float(hi + 1)])
                do_pack(out, f"{code}{n}", [str(lo - 1)])
    # Values beyond i128 that the field holds (netpack cannot) and ones it does not.
    for n in [64, 127, 128, 129, 130, 200]:
        for code in "us":
            data = bytes([0xFF] * ((n + 7) // 8))
            do_unpack(out, f"{code}{n}", data)
            do_unpack(out, f"{code}{n}", b"\x7f" + data[1:])
            do_unpack(out, f"{code}{n}", b"\x80" + bytes(len(data) - 1))
            do_unpack(out, f"{code}{n}", bytes(len(data)))
            do_unpack(out, f"<{code}{n}<", data[:-1] + b"\x01")
            do_pack(out, f"{code}{n}", [2**127 - 1])
            do_pack(out, f"{code}{n}", [-(2**127)])
            do_pack(out, f"{code}{n}", [float(2**127)])
            do_pack(out, f"{code}{n}", [-float(2**127)])
            do_pack(out, f"{code}{n}", [str(2**128)])
            do_pack(out, f"{code}{n}", ["-" + str(2**(n - 1))])
            do_pack(out, f"{code}{n}", [float(2**n)])
    do_unpack(out, "u20000", bytes(2500))
    do_unpack(out, "s20000", bytes([0xFF] * 2500))
    do_unpack(out, "u20000", b"\x00" * 2499 + b"\x05")


def gen_orders(out, rng):
    """Byte order and bit order together, at every alignment, packed and unpacked."""
    for n in [3, 5, 8, 9, 12, 13, 16, 17, 24, 31, 33, 40, 57, 63, 64, 65, 71, 72, 100, 129]:
        for lead in range(0, 9):
            for prefix in ["", "<", ">"]:
                fmt = (f"u{lead}" if lead else "") + f"{prefix}u{n}<"
                x = rand_int(rng, False, n)
                args = ([1] if lead else []) + [x]
                packed = do_pack(out, fmt, args)
                if packed is not None:
                    do_unpack(out, fmt, packed)
                do_unpack(out, fmt, bytes(rng.getrandbits(8) for _ in range(nbytes(fmt))))
                buf = bytes(rng.getrandbits(8) for _ in range(nbytes(fmt) + 2))
                off = rng.randint(0, 9)
                do_pack_into(out, f"{prefix}u{n}<", buf, off, [x], False)
                do_unpack(out, f"{prefix}u{n}<", buf, off=off)


def gen_pack_into(out, rng):
    """Every bit offset, buffers too short, offsets past the end, kept padding."""
    for fmt in ["u1", "u3", "u8", "u13", "s7", "u4p4u4", "u4P4u4", "P3u5p3", "u64", "u65", "t16",
                "r12", "<u13", "u13<", "<u13<", "b1b1b1", "f16", "f32<", "p8", "P8", ""]:
        fields_ = fields_or_none(fmt)
        for off in range(0, 20):
            buf = bytes(rng.getrandbits(8) for _ in range(3 + nbytes(fmt)))
            args = args_for(rng, fmt, 0.0)
            do_pack_into(out, fmt, buf, off, args, False)
            do_pack_into(out, fmt, buf, off, args, True)
        for size in range(0, 4):
            buf = bytes(rng.getrandbits(8) for _ in range(size))
            for off in [0, 3, 8 * size, 8 * size + 1, 100]:
                args = args_for(rng, fmt, 0.0)
                do_pack_into(out, fmt, buf, off, args, False)
                do_pack_into(out, fmt, buf, off, args, True)
        if fields_ and fields_[0]:
            buf = bytes(rng.getrandbits(8) for _ in range(4))
            do_pack_into(out, fmt, buf, 0, args_for(rng, fmt, 1.0), False)
            do_pack_into(out, fmt, b"", 5, args_for(rng, fmt, 1.0), False)
            do_pack_into(out, fmt, buf, 0, [], False)
    # A short raw value moves the fields after it; padding kept at the end.
    for fmt, args in [("r12u4", [b"", 15]), ("r12u4", [b"\xab", 15]), ("t12u4", ["", 15]),
                      ("u4p8", [1]), ("u4P8u1", [1, 1]), ("p8u1", [1])]:
        for size in [1, 2, 3]:
            for off in [0, 4, 8]:
                buf = bytes([0xA5] * size)
                do_pack_into(out, fmt, buf, off, args, False)
                do_pack_into(out, fmt, buf, off, args, True)


def gen_unpack_from(out, rng):
    """Offsets at and past the end, with and without allow_truncated."""
    for fmt in ["u1", "u4u4", "u4u8", "u8u8u8", "s3", "b1u7", "t8u4", "r16", "p4u4", "u4p4",
                "u12<", "<u12", "f16", ""]:
        for size in [0, 1, 2, 3]:
            data = bytes(rng.getrandbits(8) for _ in range(size))
            for off in [0, 1, 3, 4, 7, 8, 9, 12, 16, 24, 100]:
                do_unpack(out, fmt, data, off=off)
                do_unpack(out, fmt, data, off=off, trunc=True)
            do_unpack(out, fmt, data, trunc=True)
            do_unpack(out, fmt, data)


FORMAT_PIECES = ["u", "s", "f", "b", "t", "r", "p", "P", "x", "U", "z", "0", "1", "8", "16",
                 "00", "<", ">", " ", "  ", "\t", "\x1c", "\xa0", "\u3000", "\u0663", "\xe9",
                 "?", "!", "-", "_", "\0", "u8", "s3", "<u4", ">f32"]


def too_long(fmt, limit=2**20):
    """Whether a length of `fmt` is so long that bitstruct cannot pack it (it
    builds a string of one character per bit, and `2 ** length` for integers)."""
    return any(int(d) > limit for d in re.findall(r"\d+", fmt))


def gen_syntax(out, rng):
    """Format syntax: every corner of the regex, zero lengths, bad letters, order."""
    fixed = ["", "<", ">", "<<", "><", " ", "u", "8", "u0", "x0", "x1", "u8", " u8", "u8 ",
             "u8  ", "u8<", "u8>", "u8<>", "u8><", "u8 <", "u8< ", "<u8", ">u8", "<<u8",
             "u8<<u8", "u8<u8", "u8 <u8 >", "u1x2", "x1u0", "u0x1", "x1 ?", "u8x", "u8\0",
             "u8\x1cu8", "u8\xa0u8", "u8\u3000u8", "u\u0663", "u\u0663\u0660", "u1\u0660",
             "u\xe9", "U8", "X8", "u-1", "u+1", "u1.5", "u 8", "u8\n", "\nu8", "p8", "P8",
             "u8p0", "u08", "u0008", "p00", "b0", "t0", "r0", "f0", "f1", "f16", "f128",
             "p" + "9" * 19, "t99999999999999999999", "p9223372036854775807u1",
             "u1" * 40 + "x1", "u1" * 40 + " ?", "\u0663u8", "u\U0001d7d8",
             "u1<u1>u1<u1", "<u1<", ">u1>", "u1 u2\tu3\nu4\x0bu5\x0cu6\ru7"]
    for fmt in fixed:
        do_calcsize(out, fmt)
        if not too_long(fmt):
            do_pack(out, fmt, [1, 1, 1])
            do_unpack(out, fmt, b"\xff\xff", trunc=True)
    for _ in range(2500):
        k = rng.randint(1, 6)
        fmt = "".join(rng.choice(FORMAT_PIECES) for _ in range(k))
        if too_long(fmt, 10**5):
            continue
        do_calcsize(out, fmt)
        if rng.random() < 0.2:
            do_pack(out, fmt, [1] * 4)


def gen_byteswap(out, rng):
    """bitstruct.byteswap: groups of digits, short data, offsets, bad characters."""
    data = bytes(range(0x10, 0x20))
    for fmt in ["", "1", "2", "4", "8", "24", "8888", "0", "9", "12345678", "2 ", "x", "-1",
                "\u0663", "2\u0663", "22x", "\xe9", "_", "1_0", "99"]:
        for off in [0, 1, 3, 15, 16, 20]:
            do_byteswap(out, fmt, data, off)
        do_byteswap(out, fmt, b"", 0)
    for _ in range(200):
        fmt = "".join(rng.choice("12345678") for _ in range(rng.randint(1, 5)))
        n = rng.randint(0, 20)
        do_byteswap(out, fmt, bytes(rng.getrandbits(8) for _ in range(n)), rng.choice([0, 0, 1, 2, 5]))


def gen_counts(out, rng):
    """Too few values, too many (ignored)."""
    for fmt in ["u8", "u8u8", "p8", "p8u1P3", "u1u2u3", "t8r8"]:
        for k in range(0, 5):
            args = [1, 1, 1, 1][:k] if "t" not in fmt else ["a", b"b", 1, 1][:k]
            do_pack(out, fmt, args)
            do_pack_into(out, fmt, b"\0\0\0", 0, args, False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(HERE, "vectors.jsonl"))
    ap.add_argument("--summary", action="store_true",
                    help="count the vectors where bitstruct.c disagrees, by difference")
    a = ap.parse_args()
    rng = random.Random(SEED)
    out = Out()
    gen_syntax(out, rng)
    gen_counts(out, rng)
    gen_codes(out, rng)
    gen_utf8(out, rng)
    gen_conversions(out, rng)
    gen_ranges(out, rng)
    gen_orders(out, rng)
    gen_pack_into(out, rng)
    gen_unpack_from(out, rng)
    gen_byteswap(out, rng)
    gen_random(out, rng, 2600)
    out.write(a.out)
    if a.summary:
        print(f"{len(out.lines)} vectors in {a.out}")
        for why in sorted(out.differences):
            print(f"  {why}: {out.differences[why]}")


if __name__ == "__main__":
    main()
