#!/usr/bin/env python3
"""Generate CPython 3.11 `struct` vectors for netpack's derive zoo.

The zoo (tests/src/zoo.rs) is a set of `#[derive(NetPack)]` types.  This script
holds each zoo type's FORMAT, written by hand (the Rust test asserts that it is
exactly `T::FORMAT`), and the valid discriminants of its enum fields.  For each
type it packs a few hundred seeded sample values with the real `struct` module,
unpacks random and mutated buffers, and packs some values that `struct` rejects.
Nothing expected is computed here: every `ok`/`unpacked`/`repack`/`err` is what
CPython returned.

Usage:
    python3 tests/cpython/gen_zoo.py [--out PATH] [--force]

Output: tests/cpython/zoo_vectors.jsonl, JSON Lines, one object per line:
    {"type": T, "fmt": F, "size": N}            once per type, first
    {"type": T, "op": "pack", "args": [...], "ok": HEX, "unpacked": [...]}
        struct.pack(F, *args) == bytes.fromhex(ok), and
        struct.unpack(F, that) == unpacked
    {"type": T, "op": "pack", "args": [...], "err": [KIND, MESSAGE]}
        struct.pack(F, *args) raises (KIND: the netpack ErrorKind name)
    {"type": T, "op": "unpack", "buf": HEX, "ok": [...], "repack": HEX}
        struct.unpack(F, buf) == ok, struct.pack(F, *ok) == repack
A pack or unpack line whose values give an enum field a value that names no
variant (Python has no enums: it packs and unpacks it like any int) also has
    "derive_err": "InvalidValue"
which is what the derive must answer instead.  Values are encoded as in
gen_vectors.py: "i<dec>", "b0"/"b1", "f<16 hex of the double>", "y<hex>".

Native types (F starting with "@" or "=") describe an LP64 little-endian
platform; the script refuses to run elsewhere or on a Python other than 3.11
unless --force is given.  The output is deterministic (one seeded RNG per type).
"""

import json
import os
import random
import re
import struct
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_vectors import F, classify, enc, parse_args  # noqa: E402  (shared conventions)

SEED = 0x7A6F6F  # "zoo"
N_PACK = 120
N_UNPACK = 40

# Enum discriminants (tests/src/zoo.rs).
COLOR = [1, 2, 200]
TEMP = [-300, -299, 7, 8]
OP = [0, 1, 2]
BIG = [-(2**63), 0, 2**63 - 1]
SIGN = [-1, 0, 1]

# (Rust name, FORMAT, {value index: valid discriminants}) in zoo order.
ZOO = [
    ("Color", "!B", {0: COLOR}),
    ("Temp", "!h", {0: TEMP}),
    ("Op", "!B", {0: OP}),
    ("Big", "!q", {0: BIG}),
    ("Sign", "!b", {0: SIGN}),
    ("Request", "!H8sb", {}),
    ("AllInts", "<bBhHiIqQ", {}),
    ("Floats", ">efd?c", {}),
    ("Halves", "<eef", {}),
    ("EqOrder", "=lLd2H", {}),
    ("Inner", "!Bh", {}),
    ("Middle", "!BBh2b", {}),
    ("Outer", ">IBBh2bBBh2bBBh2bBh", {}),
    ("Arrays", "<3H8s2s2s2sBhBh2H2H", {}),
    ("Padded", "<3xHBx2xIx", {}),
    ("Pascal", "!6pp256pB", {}),
    ("Tagged", "<Bh2BHb", {0: COLOR, 1: TEMP, 2: OP, 3: OP, 5: SIGN}),
    ("Pair", "<Hi", {}),
    ("Wrapped", "!H8sbcB", {4: COLOR}),
    ("Unit", "!", {}),
    ("Explicit", ">H2x8sLb", {}),
    ("ExplicitSplit", "<HH 2s2s x?", {}),
    ("NativeW3", "@?HIhqfd", {}),
    ("NativeSizes", "@?nNhec3s", {}),
    ("NativeNested", "@BBhI", {}),
    ("NativePadded", "@BxHB3xI", {}),
    ("NativeEnums", "@BqBhb", {0: OP, 1: BIG, 2: COLOR, 3: TEMP, 4: SIGN}),
    ("NativeEdges", "@B0I3?2f4p4p0s", {}),
]

SIGNED = "bhilqn"
INTS = "bBhHiIlLqQnN"


def slots(fmt):
    """One (code, count) per value of a valid zoo format."""
    out = []
    for count, code in re.findall(r"(\d*)([a-zA-Z?])", fmt[1:]):
        n = int(count) if count else 1
        if code == "x":
            continue
        if code in "sp":
            out.append((code, n))
        else:
            out.extend([(code, 1)] * n)
    return out


def int_range(order, code):
    bits = 8 * struct.calcsize(order + code)
    if code in SIGNED:
        return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    return 0, 2**bits - 1


def rbytes(rng, n):
    return bytes(rng.randrange(256) for _ in range(n))


def f_from(fmt, raw):
    return struct.unpack(fmt, raw)[0]


# --------------------------------------------------------------------------
# sample values, one generator per code


def gen_int(rng, order, code):
    lo, hi = int_range(order, code)
    r = rng.random()
    if r < 0.35:
        edges = [lo, hi, 0, 1, lo + 1, hi - 1] + ([-1] if lo < 0 else [])
        return rng.choice(edges)
    if r < 0.55:
        return rng.randint(max(lo, -300), min(hi, 300))
    return rng.randint(lo, hi)


HALF_SPECIAL = [0.0, -0.0, 1.0, -2.5, 65504.0, -65504.0, 65519.99, 2.0**-24,
                -(2.0**-24), 2.0**-25, 1.5 * 2.0**-25, 2.0**-26, 6.1e-05,
                1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, 1.0 + 2.0**-11 + 2.0**-40,
                float("inf"), float("-inf"), float("nan"), -float("nan"),
                F(0x7FF0000000000001), F(0xFFF4000000000000), 1e-300]


def gen_half(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice(HALF_SPECIAL)
    if r < 0.6:  # an exact half (not NaN)
        while True:
            x = f_from("<e", rbytes(rng, 2))
            if x == x:
                return x
    if r < 0.8:
        return rng.uniform(-65504.0, 65504.0)
    return rng.uniform(-1.0, 1.0) * 2.0 ** rng.randint(-30, 0)


FLOAT_SPECIAL = [0.0, -0.0, 1.0, 0.1, -3.4028234663852886e38, 3.4028234663852886e38,
                 1.401298464324817e-45, 1e-50, float("inf"), float("-inf"),
                 float("nan"), F(0x7FF0000000000001), F(0x7FF4000020000000),
                 F(0xFFFFFFFFFFFFFFFF), 16777217.0]


def gen_float(rng, order):
    r = rng.random()
    if r < 0.25:
        return rng.choice(FLOAT_SPECIAL)
    if r < 0.6:  # an f32 bit pattern, NaNs included (quieted by CPython)
        return f_from("<f", rbytes(rng, 4))
    if r < 0.85:
        return rng.uniform(-1e6, 1e6)
    if order == "@":  # native `f` rounds overflow to infinity
        return rng.choice([1e39, -1e300, 3.4028235677973366e38])
    return rng.uniform(-1.0, 1.0) * 2.0 ** rng.randint(-150, 127)


DOUBLE_SPECIAL = [0.0, -0.0, 5e-324, 1.7976931348623157e308, float("inf"),
                  float("-inf"), float("nan"), F(0x7FF0000000000001),
                  F(0xFFF0000000000001), F(0x7FFFFFFFFFFFFFFF)]


def gen_double(rng):
    r = rng.random()
    if r < 0.25:
        return rng.choice(DOUBLE_SPECIAL)
    if r < 0.6:  # any bit pattern, signalling NaNs included
        return f_from("<d", rbytes(rng, 8))
    return rng.uniform(-1e9, 1e9)


def gen_bool(rng):
    r = rng.random()
    if r < 0.8:
        return rng.random() < 0.5
    # `?` packs any object by truthiness
    return rng.choice([0, 1, 7, -1, 0.0, -0.0, 2.5, float("nan"), b"", b"x"])


def gen_string(rng, code, count):
    cap = count if code == "s" else count - 1
    r = rng.random()
    if r < 0.6:
        n = cap
    elif r < 0.85:
        n = rng.randint(0, cap)
    else:
        n = cap + rng.randint(1, 3)  # struct truncates
    return rbytes(rng, n)


def gen_value(rng, order, code, count, domain):
    if code in INTS + "efd" and rng.random() < 0.04:
        # Python accepts a bool as an int, and an int as a float
        if domain is not None:
            return rng.choice([v for v in (False, True) if int(v) in domain] or domain)
        if code in INTS:
            return rng.random() < 0.5
        if code == "e":
            return rng.choice([True, 0, -3, 2049, 65504, -65519])
        return rng.choice([True, 0, -3, 2**24 + 1, -(2**53) - 1, 2**100 + 1])
    if domain is not None:
        return rng.choice(domain)
    if code in INTS:
        return gen_int(rng, order, code)
    if code == "e":
        return gen_half(rng)
    if code == "f":
        return gen_float(rng, order)
    if code == "d":
        return gen_double(rng)
    if code == "?":
        return gen_bool(rng)
    if code == "c":
        return rbytes(rng, 1)
    if code in "sp":
        return gen_string(rng, code, count)
    raise AssertionError(code)


# --------------------------------------------------------------------------
# vectors


def call(fn):
    try:
        return True, fn()
    except (struct.error, OverflowError) as e:
        return False, classify(e)


def invalid(values, enums):
    return any(values[i] not in dom for i, dom in enums.items())


class Out:
    def __init__(self):
        self.lines = {}

    def emit(self, r):
        self.lines.setdefault(json.dumps(r, separators=(",", ":")), None)

    def write(self, path):
        data = "".join(line + "\n" for line in self.lines)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="ascii", newline="\n") as f:
            f.write(data)
        os.replace(tmp, path)
        return len(self.lines)


def pack_vector(out, name, fmt, args, enums):
    r = {"type": name, "op": "pack", "args": [enc(a) for a in args]}
    ok, res = call(lambda: struct.pack(fmt, *args))
    if ok:
        r["ok"] = res.hex()
        back = struct.unpack(fmt, res)
        r["unpacked"] = [enc(v) for v in back]
        if invalid(back, enums):
            r["derive_err"] = "InvalidValue"
    else:
        r["err"] = res
    out.emit(r)
    return res if ok else None


def unpack_vector(out, name, fmt, buf, enums):
    values = struct.unpack(fmt, buf)
    r = {"type": name, "op": "unpack", "buf": buf.hex(),
         "ok": [enc(v) for v in values],
         "repack": struct.pack(fmt, *values).hex()}
    if invalid(values, enums):
        r["derive_err"] = "InvalidValue"
    out.emit(r)


def bad_args(rng, order, sl, enums, good):
    """Argument lists struct.pack rejects (or, for enums, a non-variant)."""
    cases = [good + [0], good[:-1]] if good else [[0]]
    for i, (code, count) in enumerate(sl):
        a = list(good)
        if i in enums:
            lo, hi = int_range(order, code)
            spare = [v for v in range(max(lo, -400), min(hi, 400) + 1)
                     if v not in enums[i]]
            a[i] = rng.choice(spare)  # packs: the derive must say InvalidValue
            cases.append(a)
            cases.append(a[:i] + [hi + 1] + a[i + 1:])
            cases.append(a[:i] + [b"\x01"] + a[i + 1:])
        elif code in INTS:
            lo, hi = int_range(order, code)
            cases.append(a[:i] + [rng.choice([lo - 1, hi + 1, 2**64, -(2**70)])] + a[i + 1:])
            cases.append(a[:i] + [rng.choice([1.0, b"\x01", b""])] + a[i + 1:])
        elif code == "e":
            cases.append(a[:i] + [rng.choice([65520.0, -1e6, 1e300])] + a[i + 1:])
            cases.append(a[:i] + [b"1.0"] + a[i + 1:])
        elif code == "f":
            if order != "@":
                cases.append(a[:i] + [rng.choice([3.4028235677973366e38, -1e39, 1e300])]
                             + a[i + 1:])
            cases.append(a[:i] + [b"\x00"] + a[i + 1:])
        elif code == "d":
            cases.append(a[:i] + [b"\x00" * 8] + a[i + 1:])
        elif code == "c":
            cases.append(a[:i] + [rng.choice([b"", b"ab", 97])] + a[i + 1:])
        elif code in "sp":
            cases.append(a[:i] + [rng.choice([0, 1.5, True])] + a[i + 1:])
    return cases


def gen_type(out, name, fmt, enums):
    rng = random.Random("%d:%s" % (SEED, name))
    order = fmt[0]
    size = struct.calcsize(fmt)
    out.emit({"type": name, "fmt": fmt, "size": size})
    sl = slots(fmt)
    packed = []
    for _ in range(N_PACK):
        args = [gen_value(rng, order, code, count, enums.get(i))
                for i, (code, count) in enumerate(sl)]
        res = pack_vector(out, name, fmt, args, enums)
        assert res is not None, (name, args)
        packed.append(res)
    good = [gen_value(rng, order, code, count, enums.get(i))
            for i, (code, count) in enumerate(sl)]
    for args in bad_args(rng, order, sl, enums, good):
        pack_vector(out, name, fmt, args, enums)
    for k in range(N_UNPACK):
        if k % 2 == 0 or not size:
            buf = rbytes(rng, size)
        else:  # a valid packing with one to three bytes changed
            buf = bytearray(rng.choice(packed))
            for _ in range(rng.randint(1, 3)):
                buf[rng.randrange(size)] = rng.randrange(256)
            buf = bytes(buf)
        unpack_vector(out, name, fmt, buf, enums)


def main():
    opts = parse_args("gen_zoo.py", __doc__, "zoo_vectors.jsonl")
    out = Out()
    for name, fmt, enums in ZOO:
        gen_type(out, name, fmt, enums)
    n = out.write(opts.out)
    print("wrote %d zoo vectors to %s" % (n, opts.out), file=sys.stderr)


if __name__ == "__main__":
    main()
