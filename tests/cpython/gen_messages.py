#!/usr/bin/env python3
"""Generate netpack's message vectors: variable-length messages written and read
the way a Python programmer writes them, with `struct` for the fixed parts and
plain bytes for the rest.

The message zoo (tests/src/message_zoo.rs) is a set of Rust types with
variable-length fields (NUL-terminated, length-prefixed, counted by an earlier
field, the rest of the buffer, `Vec` of fixed structs) and tagged enums.  Each
has a twin here: `encode`, which builds the bytes with `struct.pack` + slicing
(`struct.pack("!H", 1) + filename + b"\\0" + mode + b"\\0"`), and `decode`, which
reads them back with `struct.unpack_from` + slicing and refuses what the Rust
type must refuse (a missing NUL, a length over its cap or past the end of the
buffer, bad UTF-8, an unknown tag).  Nothing expected is computed by Rust.

Usage:
    python3 tests/cpython/gen_messages.py [--out PATH] [--force]

Output: tests/cpython/message_vectors.jsonl, JSON Lines:
    {"type": T, "parts": P}                      once per type, first: the
        type's parts as Python writes them (documentation; see MessageZoo)
    {"type": T, "op": "encode", "value": V, "hex": H}
        encode(V) == bytes.fromhex(H); decode(H) == V using every byte
    {"type": T, "op": "decode", "hex": H, "ok": V, "used": N}
        decode(H) reads V from the first N bytes (N < len(H) when trailing
        bytes follow the message)
    {"type": T, "op": "decode", "hex": H, "err": REASON}
        (random and damaged buffers, and for every cap a message at the cap
        and one just over it)
        decode(H) refuses the bytes; REASON is one of
        "short"  the buffer ends inside the message,
        "cap"    a length or a NUL-terminated field is over its cap,
        "utf8"   a str field is not UTF-8,
        "tag"    a tag names no variant (and there is no catch-all),
        "value"  a value no message has (a negative length expression, a pad
                 byte that is not zero, an offset past the end of the buffer),
        "magic"  constant bytes differ (a magic, or one that selects no byte
                 order),
        "checksum" a checksum field does not hold the sum of what it covers.
Values V: ints as JSON numbers, bytes as "y<hex>", str as JSON strings, structs
as objects by field name, `Vec` as lists, an enum variant as {"Variant": fields}
(a tuple variant's fields as a list).

The output is deterministic: one seeded RNG per type.
"""

import json
import os
import random
import struct
import sys
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_vectors import parse_args  # noqa: E402  (shared conventions)

SEED = 0x6D7367  # "msg"
N_ENCODE = 60
N_DECODE = 60


class Bad(Exception):
    """The bytes are not a message; the argument is the reason."""


def Y(b):
    return "y" + bytes(b).hex()


def unY(s):
    assert s[0] == "y"
    return bytes.fromhex(s[1:])


# --------------------------------------------------------------------------
# The reading side, exactly as a careful Python programmer writes it.


def need(buf, off, n):
    if off + n > len(buf):
        raise Bad("short")


def unpack_from(fmt, buf, off):
    need(buf, off, struct.calcsize(fmt))
    return struct.unpack_from(fmt, buf, off)


def read_nul(buf, off, cap):
    """A NUL-terminated field of at most `cap` bytes before its NUL."""
    end = buf.find(b"\0", off, off + cap + 1)
    if end < 0:
        raise Bad("short" if len(buf) - off <= cap else "cap")
    return buf[off:end], end + 1


def read_counted(buf, off, n, cap, size=1):
    """`n` items of `size` bytes; the cap is checked first, before slicing."""
    if n > cap:
        raise Bad("cap")
    need(buf, off, n * size)
    return buf[off:off + n * size], off + n * size


def read_rest(buf, off, cap):
    if len(buf) - off > cap:
        raise Bad("cap")
    return buf[off:], len(buf)


def text(b):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        raise Bad("utf8")


# --------------------------------------------------------------------------
# Sample values.


def rbytes(rng, n, nul=True):
    lo = 0 if nul else 1
    return bytes(rng.randint(lo, 255) for _ in range(n))


ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789._-/ "
WIDE = "é€𝄞ß漢字ñ"


def rtext(rng, max_bytes):
    """A str of at most `max_bytes` UTF-8 bytes, no NUL; often ASCII, sometimes
    multi-byte, sometimes exactly at the cap."""
    r = rng.random()
    if r < 0.1:
        return ""
    target = max_bytes if r < 0.25 else rng.randint(0, max_bytes)
    out = ""
    while True:
        c = rng.choice(WIDE) if rng.random() < 0.2 else rng.choice(ALPHABET)
        if len((out + c).encode()) > target:
            break
        out += c
    if r < 0.25:  # pad with ASCII to exactly the cap
        out += "x" * (max_bytes - len(out.encode()))
    return out


def rlen(rng, cap):
    r = rng.random()
    if r < 0.1:
        return 0
    if r < 0.2:
        return cap
    return rng.randint(0, min(cap, 40) if rng.random() < 0.7 else cap)


def rint(rng, bits, signed=False):
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    return rng.choice([lo, hi, 0, 1, rng.randint(lo, hi), rng.randint(lo, hi)])


# --------------------------------------------------------------------------
# The zoo.  Each type: parts (the Python spelling), gen(rng) -> value,
# encode(value) -> bytes, decode(buf, off) -> (value, end) or raise Bad.


class Header:
    """`!BBI`: a fixed struct; every `NetPack` type is a message too."""
    parts = 'struct.pack("!BBI", version, flags, seq)'

    @staticmethod
    def gen(rng):
        return {"version": rint(rng, 8), "flags": rint(rng, 8), "seq": rint(rng, 32)}

    @staticmethod
    def encode(v):
        return struct.pack("!BBI", v["version"], v["flags"], v["seq"])

    @staticmethod
    def decode(buf, off):
        version, flags, seq = unpack_from("!BBI", buf, off)
        return {"version": version, "flags": flags, "seq": seq}, off + 6


class Request:
    """TFTP RRQ/WRQ body: NUL-terminated filename (bytes, <= 255) and mode
    (str, <= 16)."""
    parts = 'filename + b"\\0" + mode + b"\\0"'

    @staticmethod
    def gen(rng):
        n = rlen(rng, 255)
        return {"filename": Y(rbytes(rng, n, nul=False)), "mode": rtext(rng, 16)}

    @staticmethod
    def encode(v):
        return unY(v["filename"]) + b"\0" + v["mode"].encode() + b"\0"

    @staticmethod
    def edges():
        return [Request.encode({"filename": Y(b"f" * n), "mode": "m" * m})
                for n, m in [(255, 16), (256, 5), (5, 17), (0, 0)]]

    @staticmethod
    def decode(buf, off):
        filename, off = read_nul(buf, off, 255)
        mode, off = read_nul(buf, off, 16)
        return {"filename": Y(filename), "mode": text(mode)}, off


class Tftp:
    """RFC 1350 packets, tagged by a `!H` opcode, with a catch-all."""
    parts = ('struct.pack("!H", opcode) + (1: Read(Request) | 3: Data: struct.pack("!H", block)'
             ' + data | 4: Ack: struct.pack("!H", block) | 5: Error: struct.pack("!H", code)'
             ' + message + b"\\0" | other: Unknown: rest)')

    @staticmethod
    def gen(rng):
        r = rng.random()
        if r < 0.3:
            return {"Read": Request.gen(rng)}
        if r < 0.55:
            n = rng.choice([0, 1, 511, 512, rng.randint(0, 512)])
            return {"Data": {"block": rint(rng, 16), "data": Y(rbytes(rng, n))}}
        if r < 0.65:
            return {"Ack": {"block": rint(rng, 16)}}
        if r < 0.85:
            return {"Error": {"code": rint(rng, 16), "message": rtext(rng, 255)}}
        tag = rng.choice([0, 2, 6, 7, 0xFFFF, rng.randint(6, 0xFFFF)])
        return {"Unknown": [tag, Y(rbytes(rng, rlen(rng, 64)))]}

    @staticmethod
    def encode(v):
        (name, f), = v.items()
        if name == "Read":
            return struct.pack("!H", 1) + Request.encode(f)
        if name == "Data":
            return struct.pack("!HH", 3, f["block"]) + unY(f["data"])
        if name == "Ack":
            return struct.pack("!HH", 4, f["block"])
        if name == "Error":
            return struct.pack("!HH", 5, f["code"]) + f["message"].encode() + b"\0"
        tag, rest = f
        return struct.pack("!H", tag) + unY(rest)

    @staticmethod
    def edges():
        return [Tftp.encode(v) for v in [
            {"Data": {"block": 1, "data": Y(b"d" * 512)}},
            {"Data": {"block": 1, "data": Y(b"d" * 513)}},
            {"Error": {"code": 1, "message": "e" * 255}},
            {"Error": {"code": 1, "message": "e" * 256}},
            {"Unknown": [2, Y(b"")]}, {"Unknown": [0xFFFF, Y(b"x" * 600)]},
            {"Read": {"filename": Y(b"f" * 256), "mode": "octet"}}]]

    @staticmethod
    def decode(buf, off):
        (opcode,) = unpack_from("!H", buf, off)
        off += 2
        if opcode == 1:
            req, off = Request.decode(buf, off)
            return {"Read": req}, off
        if opcode == 3:
            (block,) = unpack_from("!H", buf, off)
            data, off = read_rest(buf, off + 2, 512)
            return {"Data": {"block": block, "data": Y(data)}}, off
        if opcode == 4:
            (block,) = unpack_from("!H", buf, off)
            return {"Ack": {"block": block}}, off + 2
        if opcode == 5:
            (code,) = unpack_from("!H", buf, off)
            message, off = read_nul(buf, off + 2, 255)
            return {"Error": {"code": code, "message": text(message)}}, off
        return {"Unknown": [opcode, Y(buf[off:])]}, len(buf)


class Rrq:
    """A borrowed TFTP read request: `!H` opcode, then two NUL-terminated fields."""
    parts = 'struct.pack("!H", opcode) + filename + b"\\0" + mode + b"\\0"'

    @staticmethod
    def gen(rng):
        n = rlen(rng, 512)
        return {"opcode": rng.choice([1, 2, rint(rng, 16)]),
                "filename": Y(rbytes(rng, n, nul=False)), "mode": rtext(rng, 16)}

    @staticmethod
    def encode(v):
        return (struct.pack("!H", v["opcode"]) + unY(v["filename"]) + b"\0"
                + v["mode"].encode() + b"\0")

    @staticmethod
    def edges():
        return [Rrq.encode({"opcode": 1, "filename": Y(b"f" * n), "mode": "m" * m})
                for n, m in [(512, 16), (513, 5), (5, 17)]]

    @staticmethod
    def decode(buf, off):
        (opcode,) = unpack_from("!H", buf, off)
        filename, off = read_nul(buf, off + 2, 512)
        mode, off = read_nul(buf, off, 16)
        return {"opcode": opcode, "filename": Y(filename), "mode": text(mode)}, off


class PcapRecord:
    """A classic pcap record: `<IIII` header, then incl_len bytes (<= 65535)."""
    parts = 'struct.pack("<IIII", ts_sec, ts_usec, incl_len, orig_len) + data'

    @staticmethod
    def gen(rng):
        n = rng.choice([0, 60, 1500, rng.randint(0, 1500), rng.randint(0, 200)])
        return {"ts_sec": rint(rng, 32), "ts_usec": rng.randint(0, 999999), "incl_len": n,
                "orig_len": rng.choice([n, rint(rng, 32)]), "data": Y(rbytes(rng, n))}

    @staticmethod
    def encode(v):
        data = unY(v["data"])
        return struct.pack("<IIII", v["ts_sec"], v["ts_usec"], len(data), v["orig_len"]) + data

    @staticmethod
    def edges():
        head = lambda n: struct.pack("<IIII", 1, 2, n, n)
        return [head(65535) + b"x" * 10, head(65536) + b"x" * 10, head(0xFFFFFFFF),
                PcapRecord.encode({"ts_sec": 1, "ts_usec": 2, "incl_len": 1000,
                                   "orig_len": 1000, "data": Y(b"p" * 1000)})]

    @staticmethod
    def decode(buf, off):
        ts_sec, ts_usec, incl_len, orig_len = unpack_from("<IIII", buf, off)
        data, off = read_counted(buf, off + 16, incl_len, 65535)
        return {"ts_sec": ts_sec, "ts_usec": ts_usec, "incl_len": incl_len,
                "orig_len": orig_len, "data": Y(data)}, off


class ChatFrame:
    """The chat frame: `!IBQ` header whose first field counts the UTF-8 body."""
    parts = 'struct.pack("!IBQ", len, kind, sent_ms) + body'

    @staticmethod
    def gen(rng):
        body = rtext(rng, 4096) if rng.random() < 0.05 else rtext(rng, 80)
        return {"len": len(body.encode()), "kind": rint(rng, 8), "sent_ms": rint(rng, 64),
                "body": body}

    @staticmethod
    def encode(v):
        body = v["body"].encode()
        return struct.pack("!IBQ", len(body), v["kind"], v["sent_ms"]) + body

    @staticmethod
    def edges():
        head = lambda n: struct.pack("!IBQ", n, 2, 7)
        return [head(4096) + b"b" * 4096, head(4097) + b"b" * 4097, head(4096) + b"b" * 10,
                head(0xFFFFFFFF)]

    @staticmethod
    def decode(buf, off):
        length, kind, sent_ms = unpack_from("!IBQ", buf, off)
        body, off = read_counted(buf, off + 13, length, 4096)
        return {"len": length, "kind": kind, "sent_ms": sent_ms, "body": text(body)}, off


QTYPES = [1, 2, 5, 15, 28, 255]


class DnsQuestion:
    """DNS-like: a length-prefixed label (str, `B`, <= 63), a NUL-terminated
    name (<= 255), fixed `!HH` (qtype is an enum with a catch-all), and a
    `!H`-prefixed blob (<= 1024)."""
    parts = ('struct.pack("!H", id) + struct.pack("!B", len(label)) + label + name + b"\\0"'
             ' + struct.pack("!HH", qtype, qclass) + struct.pack("!H", len(txt)) + txt')

    @staticmethod
    def gen(rng):
        return {"id": rint(rng, 16), "label": rtext(rng, 63),
                "name": Y(rbytes(rng, rlen(rng, 255), nul=False)),
                "qtype": rng.choice(QTYPES + [0, 3, 0xFFFF, rint(rng, 16)]),
                "qclass": rng.choice([1, 255, rint(rng, 16)]),
                "txt": Y(rbytes(rng, rlen(rng, 1024)))}

    @staticmethod
    def encode(v):
        label, txt = v["label"].encode(), unY(v["txt"])
        return (struct.pack("!H", v["id"]) + struct.pack("!B", len(label)) + label
                + unY(v["name"]) + b"\0" + struct.pack("!HH", v["qtype"], v["qclass"])
                + struct.pack("!H", len(txt)) + txt)

    @staticmethod
    def edges():
        v = lambda label, name, txt: DnsQuestion.encode(
            {"id": 1, "label": label, "name": Y(name), "qtype": 1, "qclass": 1, "txt": Y(txt)})
        return [v("l" * 63, b"n" * 255, b"t" * 1024), v("l" * 64, b"n", b""),
                v("l", b"n" * 256, b""), v("l", b"n", b"t" * 1025)]

    @staticmethod
    def decode(buf, off):
        (ident,) = unpack_from("!H", buf, off)
        (n,) = unpack_from("!B", buf, off + 2)
        label, off = read_counted(buf, off + 3, n, 63)
        label = text(label)
        name, off = read_nul(buf, off, 255)
        qtype, qclass = unpack_from("!HH", buf, off)
        (n,) = unpack_from("!H", buf, off + 4)
        txt, off = read_counted(buf, off + 6, n, 1024)
        return {"id": ident, "label": label, "name": Y(name), "qtype": qtype,
                "qclass": qclass, "txt": Y(txt)}, off


def gen_point(rng):
    return {"x": rint(rng, 32, True), "y": rint(rng, 32, True)}


class Polyline:
    """`Vec` of fixed structs and of integers, little-endian: a `<H`-prefixed
    list of `<ii` points (<= 100), a count byte, that many `<H` tags (<= 8)."""
    parts = ('struct.pack("<H", len(points)) + b"".join(struct.pack("<ii", *p) for p in points)'
             ' + struct.pack("<B", count) + struct.pack("<%dH" % count, *tags)')

    @staticmethod
    def gen(rng):
        n = rng.choice([0, 1, 100, rng.randint(0, 12)])
        tags = [rint(rng, 16) for _ in range(rng.randint(0, 8))]
        return {"points": [gen_point(rng) for _ in range(n)], "count": len(tags), "tags": tags}

    @staticmethod
    def encode(v):
        points, tags = v["points"], v["tags"]
        return (struct.pack("<H", len(points))
                + b"".join(struct.pack("<ii", p["x"], p["y"]) for p in points)
                + struct.pack("<B", len(tags)) + struct.pack("<%dH" % len(tags), *tags))

    @staticmethod
    def edges():
        pts = lambda n: [{"x": i, "y": -i} for i in range(n)]
        v = lambda p, t: Polyline.encode({"points": pts(p), "count": t, "tags": list(range(t))})
        return [v(100, 8), v(101, 0), v(0, 9), v(0, 255)]

    @staticmethod
    def decode(buf, off):
        (n,) = unpack_from("<H", buf, off)
        raw, off = read_counted(buf, off + 2, n, 100, 8)
        points = [{"x": x, "y": y} for x, y in struct.iter_unpack("<ii", raw)]
        (count,) = unpack_from("<B", buf, off)
        raw, off = read_counted(buf, off + 1, count, 8, 2)
        tags = list(struct.unpack("<%dH" % count, raw))
        return {"points": points, "count": count, "tags": tags}, off


class Nested:
    """Nested fixed structs around variable fields: a `Header`, a `B`-prefixed
    str, another `Header`, and the rest (<= 64 bytes, borrowed)."""
    parts = ('struct.pack("!BBI", *header) + struct.pack("!B", len(name)) + name'
             ' + struct.pack("!BBI", *trailer) + extra')

    @staticmethod
    def gen(rng):
        return {"header": Header.gen(rng), "name": rtext(rng, 255), "trailer": Header.gen(rng),
                "extra": Y(rbytes(rng, rlen(rng, 64)))}

    @staticmethod
    def encode(v):
        name = v["name"].encode()
        return (Header.encode(v["header"]) + struct.pack("!B", len(name)) + name
                + Header.encode(v["trailer"]) + unY(v["extra"]))

    @staticmethod
    def edges():
        h = {"version": 1, "flags": 2, "seq": 3}
        v = lambda name, extra: Nested.encode(
            {"header": h, "name": name, "trailer": h, "extra": Y(extra)})
        return [v("n" * 255, b"e" * 64), v("n", b"e" * 65)]

    @staticmethod
    def decode(buf, off):
        header, off = Header.decode(buf, off)
        (n,) = unpack_from("!B", buf, off)
        name, off = read_counted(buf, off + 1, n, 255)
        name = text(name)
        trailer, off = Header.decode(buf, off)
        extra, off = read_rest(buf, off, 64)
        return {"header": header, "name": name, "trailer": trailer, "extra": Y(extra)}, off


class Strings:
    """`String` and `&str`, big-endian: an `>I`-prefixed str (<= 100), a
    NUL-terminated str (<= 100), the rest as a str (<= 100)."""
    parts = 'struct.pack(">I", len(owned)) + owned + borrowed + b"\\0" + rest'

    @staticmethod
    def gen(rng):
        return {"owned": rtext(rng, 100), "borrowed": rtext(rng, 100), "rest": rtext(rng, 100)}

    @staticmethod
    def encode(v):
        owned = v["owned"].encode()
        return (struct.pack(">I", len(owned)) + owned + v["borrowed"].encode() + b"\0"
                + v["rest"].encode())

    @staticmethod
    def edges():
        v = lambda a, b, c: Strings.encode({"owned": a, "borrowed": b, "rest": c})
        x = "x" * 100
        return [v(x, x, x), v(x + "y", "", ""), v("", x + "y", ""), v("", "", x + "y")]

    @staticmethod
    def decode(buf, off):
        (n,) = unpack_from(">I", buf, off)
        owned, off = read_counted(buf, off + 4, n, 100)
        owned = text(owned)
        borrowed, off = read_nul(buf, off, 100)
        borrowed = text(borrowed)
        rest, off = read_rest(buf, off, 100)
        return {"owned": owned, "borrowed": borrowed, "rest": text(rest)}, off


class Capped:
    """A cap below the length field's range: `!B` count, at most 10 bytes."""
    parts = 'struct.pack("!B", n) + data'

    @staticmethod
    def gen(rng):
        n = rng.randint(0, 10)
        return {"n": n, "data": Y(rbytes(rng, n))}

    @staticmethod
    def encode(v):
        data = unY(v["data"])
        return struct.pack("!B", len(data)) + data

    @staticmethod
    def edges():
        return [struct.pack("!B", n) + b"c" * n for n in (10, 11, 255)]

    @staticmethod
    def decode(buf, off):
        (n,) = unpack_from("!B", buf, off)
        data, off = read_counted(buf, off + 1, n, 10)
        return {"n": n, "data": Y(data)}, off


class Envelope:
    """A tagged enum of messages (`!B` tag, no catch-all): 1 a `Polyline`, 2 a
    `ChatFrame`, 3 a `Tftp` packet (an enum in an enum), 4 nothing."""
    parts = ('struct.pack("!B", tag) + (1: Points(Polyline) | 2: Frame(ChatFrame)'
             ' | 3: Packet(Tftp) | 4: Empty)')

    @staticmethod
    def gen(rng):
        r = rng.random()
        if r < 0.3:
            return {"Points": Polyline.gen(rng)}
        if r < 0.6:
            return {"Frame": ChatFrame.gen(rng)}
        if r < 0.9:
            return {"Packet": Tftp.gen(rng)}
        return "Empty"

    @staticmethod
    def encode(v):
        if v == "Empty":
            return struct.pack("!B", 4)
        (name, f), = v.items()
        tag, inner = {"Points": (1, Polyline), "Frame": (2, ChatFrame), "Packet": (3, Tftp)}[name]
        return struct.pack("!B", tag) + inner.encode(f)

    @staticmethod
    def edges():
        return [struct.pack("!B", t) + b"\0\0\0\0" for t in (0, 4, 5, 255)]

    @staticmethod
    def decode(buf, off):
        (tag,) = unpack_from("!B", buf, off)
        off += 1
        if tag == 4:
            return "Empty", off
        if tag not in (1, 2, 3):
            raise Bad("tag")
        name, inner = {1: ("Points", Polyline), 2: ("Frame", ChatFrame), 3: ("Packet", Tftp)}[tag]
        v, off = inner.decode(buf, off)
        return {name: v}, off


class Route:
    """Borrowed views of fixed records (`Packed`), network order: a `!B`-prefixed
    list of `!ii` points (<= 16; `Point` is declared `<`, but as an element it
    takes the message's order, as any nested struct), then the rest as `!H`
    ports (<= 32)."""
    parts = ('struct.pack("!HB", id, len(hops)) + b"".join(struct.pack("!ii", *p) for p in hops)'
             ' + struct.pack("!%dH" % len(ports), *ports)')

    @staticmethod
    def gen(rng):
        return {"id": rint(rng, 16),
                "hops": [gen_point(rng) for _ in range(rng.choice([0, 1, 16, rng.randint(0, 16)]))],
                "ports": [rint(rng, 16) for _ in range(rng.choice([0, 32, rng.randint(0, 32)]))]}

    @staticmethod
    def encode(v):
        hops, ports = v["hops"], v["ports"]
        return (struct.pack("!HB", v["id"], len(hops))
                + b"".join(struct.pack("!ii", p["x"], p["y"]) for p in hops)
                + struct.pack("!%dH" % len(ports), *ports))

    @staticmethod
    def edges():
        v = lambda h, p: Route.encode({"id": 1, "hops": [{"x": i, "y": i} for i in range(h)],
                                       "ports": list(range(p))})
        return [v(16, 32), v(17, 0), v(0, 33), v(1, 1) + b"\x00"]

    @staticmethod
    def decode(buf, off):
        ident, n = unpack_from("!HB", buf, off)
        raw, off = read_counted(buf, off + 3, n, 16, 8)
        hops = [{"x": x, "y": y} for x, y in struct.iter_unpack("!ii", raw)]
        rest = buf[off:]
        if len(rest) % 2:
            raise Bad("short")  # struct.unpack: not a whole number of `H`
        if len(rest) // 2 > 32:
            raise Bad("cap")
        ports = list(struct.unpack("!%dH" % (len(rest) // 2), rest))
        return {"id": ident, "hops": hops, "ports": ports}, len(buf)


class Bundle:
    """Whole messages as fields (`#[netpack(message)]`): a `!I` sequence number,
    a `DnsQuestion`, a `ChatFrame`, and last a `Tftp` packet (which may end in a
    rest of the buffer)."""
    parts = 'struct.pack("!I", seq) + question + frame + packet'

    @staticmethod
    def gen(rng):
        return {"seq": rint(rng, 32), "question": DnsQuestion.gen(rng),
                "frame": ChatFrame.gen(rng), "packet": Tftp.gen(rng)}

    @staticmethod
    def encode(v):
        return (struct.pack("!I", v["seq"]) + DnsQuestion.encode(v["question"])
                + ChatFrame.encode(v["frame"]) + Tftp.encode(v["packet"]))

    @staticmethod
    def decode(buf, off):
        (seq,) = unpack_from("!I", buf, off)
        question, off = DnsQuestion.decode(buf, off + 4)
        frame, off = ChatFrame.decode(buf, off)
        packet, off = Tftp.decode(buf, off)
        return {"seq": seq, "question": question, "frame": frame, "packet": packet}, off


class IpOptions:
    """A length expression: `!BB` ihl and proto, then `ihl * 4 - 20` bytes of
    options (<= 40), as an IPv4 reader slices them."""
    parts = 'struct.pack("!BB", ihl, proto) + options'

    @staticmethod
    def gen(rng):
        ihl = rng.choice([5, 15, rng.randint(5, 15)])
        return {"ihl": ihl, "proto": rint(rng, 8), "options": Y(rbytes(rng, ihl * 4 - 20))}

    @staticmethod
    def encode(v):
        return struct.pack("!BB", v["ihl"], v["proto"]) + unY(v["options"])

    @staticmethod
    def edges():
        return [struct.pack("!BB", ihl, 6) + b"o" * 40 for ihl in (0, 4, 5, 15, 16, 255)]

    @staticmethod
    def decode(buf, off):
        ihl, proto = unpack_from("!BB", buf, off)
        n = ihl * 4 - 20
        if n < 0:
            raise Bad("value")
        options, off = read_counted(buf, off + 2, n, 40)
        return {"ihl": ihl, "proto": proto, "options": Y(options)}, off


class Flagged:
    """Conditional parts: `!B` flags, a Header if `flags & 1`, a Request if
    `flags & 2`, then `!H`."""
    parts = ('struct.pack("!B", flags) + (header if flags & 1 != 0 else b"")'
             ' + (request if flags & 2 != 0 else b"") + struct.pack("!H", tail)')

    @staticmethod
    def gen(rng):
        flags = rint(rng, 8)
        return {"flags": flags, "header": Header.gen(rng) if flags & 1 else None,
                "request": Request.gen(rng) if flags & 2 else None, "tail": rint(rng, 16)}

    @staticmethod
    def encode(v):
        out = struct.pack("!B", v["flags"])
        if v["header"] is not None:
            out += Header.encode(v["header"])
        if v["request"] is not None:
            out += Request.encode(v["request"])
        return out + struct.pack("!H", v["tail"])

    @staticmethod
    def decode(buf, off):
        (flags,) = unpack_from("!B", buf, off)
        off += 1
        header = request = None
        if flags & 1:
            header, off = Header.decode(buf, off)
        if flags & 2:
            request, off = Request.decode(buf, off)
        (tail,) = unpack_from("!H", buf, off)
        return {"flags": flags, "header": header, "request": request, "tail": tail}, off + 2


class Labels:
    """Repetition: DNS-style labels (`!B` length <= 63, then the bytes) up to and
    including the empty one, at most 8; then a `!B` count of ChatFrames (<= 4)."""
    parts = 'b"".join(labels) + struct.pack("!B", count) + b"".join(frames)'

    @staticmethod
    def gen(rng):
        n = rng.choice([0, 7, rng.randint(0, 7)])
        labels = [Y(rbytes(rng, rng.choice([1, 63, rng.randint(1, 12)]))) for _ in range(n)]
        count = rng.choice([0, 4, rng.randint(0, 4)])
        return {"labels": labels + [Y(b"")], "count": count,
                "frames": [ChatFrame.gen(rng) for _ in range(count)]}

    @staticmethod
    def encode(v):
        out = b"".join(struct.pack("!B", len(unY(l))) + unY(l) for l in v["labels"])
        return (out + struct.pack("!B", v["count"])
                + b"".join(ChatFrame.encode(f) for f in v["frames"]))

    @staticmethod
    def edges():
        label = lambda n: struct.pack("!B", n) + b"l" * n
        return [label(1) * 7 + label(0) + b"\0", label(1) * 8 + label(0) + b"\0",
                label(63) + label(0) + b"\0", label(64) + label(0) + b"\0",
                label(0) + b"\x05", label(0) + b"\x04"]

    @staticmethod
    def decode(buf, off):
        labels = []
        while True:
            if len(labels) == 8:
                raise Bad("cap")
            (n,) = unpack_from("!B", buf, off)
            label, off = read_counted(buf, off + 1, n, 63)
            labels.append(Y(label))
            if not label:
                break
        (count,) = unpack_from("!B", buf, off)
        off += 1
        if count > 4:
            raise Bad("cap")
        frames = []
        for _ in range(count):
            f, off = ChatFrame.decode(buf, off)
            frames.append(f)
        return {"labels": labels, "count": count, "frames": frames}, off


class Riff:
    """Alignment and repetition to the end: a `<4s` form type, then chunks up to
    the end of the buffer (at most 8), each `<4sI` id and size, `size` bytes
    (<= 64) and a zero pad byte after odd data, as RIFF files are read (the pad
    byte must be zero: netpack checks it, where Python's `chunk` skips it)."""
    parts = ('form + b"".join(struct.pack("<4sI", id, size) + data'
             ' + b"\\0" * (-len(data) % 2) for chunk in chunks)')

    @staticmethod
    def gen(rng):
        chunks = [{"id": Y(rbytes(rng, 4)), "data": rbytes(rng, rng.choice([0, 1, 63, 64,
                                                                            rng.randint(0, 64)]))}
                  for _ in range(rng.choice([0, 8, rng.randint(0, 8)]))]
        return {"form": Y(b"WAVE"),
                "chunks": [{"id": c["id"], "size": len(c["data"]), "data": Y(c["data"])}
                           for c in chunks]}

    @staticmethod
    def encode(v):
        out = unY(v["form"])
        for c in v["chunks"]:
            data = unY(c["data"])
            out += struct.pack("<4sI", unY(c["id"]), c["size"]) + data + b"\0" * (len(data) % 2)
        return out

    @staticmethod
    def edges():
        chunk = lambda n, pad=b"\0": struct.pack("<4sI", b"data", n) + b"d" * n + pad * (n % 2)
        return [b"WAVE" + chunk(1) * 8, b"WAVE" + chunk(1) * 9, b"WAVE" + chunk(64),
                b"WAVE" + chunk(65), b"WAVE" + chunk(3, b"\x01"), b"WAVE" + chunk(3, b"")]

    @staticmethod
    def decode(buf, off):
        (form,) = unpack_from("<4s", buf, off)
        off += 4
        chunks = []
        while off < len(buf):
            if len(chunks) == 8:
                raise Bad("cap")
            ident, size = unpack_from("<4sI", buf, off)
            data, off = read_counted(buf, off + 8, size, 64)
            if size % 2:
                need(buf, off, 1)
                if buf[off] != 0:
                    raise Bad("value")
                off += 1
            chunks.append({"id": Y(ident), "size": size, "data": Y(data)})
        return {"form": Y(form), "chunks": chunks}, off


class Pointers:
    """Custom codecs that see the whole buffer: a `!H` id, then two `!H`
    offsets into the whole buffer, each read with the byte it points to."""
    parts = 'struct.pack("!H", id) + pair'

    @staticmethod
    def gen(rng):
        # The offsets point into the message's own six bytes.
        v = {"id": rint(rng, 16), "a": {"offset": rng.randint(0, 5)},
             "b": {"offset": rng.randint(0, 5)}}
        buf = Pointers.encode(v)
        for k in ("a", "b"):
            v[k]["target"] = buf[v[k]["offset"]]
        return v

    @staticmethod
    def encode(v):
        return struct.pack("!HHH", v["id"], v["a"]["offset"], v["b"]["offset"])

    @staticmethod
    def edges():
        return [struct.pack("!HHH", 1, 5, 6), struct.pack("!HHH", 1, 0xFFFF, 0),
                struct.pack("!HHH", 1, 6, 0) + b"x"]

    @staticmethod
    def decode(buf, off):
        (ident,) = unpack_from("!H", buf, off)
        off += 2
        pair = {}
        for k in ("a", "b"):
            (offset,) = unpack_from("!H", buf, off)
            off += 2
            if offset >= len(buf):
                raise Bad("value")
            pair[k] = {"offset": offset, "target": buf[offset]}
        return {"id": ident, "a": pair["a"], "b": pair["b"]}, off


# --------------------------------------------------------------------------
# Whole formats: byte order at run time, magic, computed lengths, checksums.


def expect(buf, off, magic):
    """Constant bytes at `off`: any byte that differs is refused at once, even
    before the whole magic has arrived; a short buffer that agrees so far is
    short."""
    there = buf[off:off + len(magic)]
    if there != magic[:len(there)]:
        raise Bad("magic")
    need(buf, off, len(magic))
    return off + len(magic)


def internet_checksum(data):
    """RFC 1071."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


class _Block:
    """`order = "runtime"`: the same message in the order given at run time
    (BlockLe with "<", BlockBe with ">"): `HIH` kind, seq and the length of
    data (<= 64), then a `B` count of `I` words (<= 8)."""
    parts = ('struct.pack(order + "HIH", kind, seq, len(data)) + data'
             ' + struct.pack(order + "B%dI" % count, count, *words)')

    @classmethod
    def gen(cls, rng):
        n = rng.choice([0, 8, rng.randint(0, 8)])
        return {"kind": rint(rng, 16), "seq": rint(rng, 32),
                "data": Y(rbytes(rng, rlen(rng, 64))), "count": n,
                "words": [rint(rng, 32) for _ in range(n)]}

    @classmethod
    def encode(cls, v):
        o, data = cls.ORDER, unY(v["data"])
        return (struct.pack(o + "HIH", v["kind"], v["seq"], len(data)) + data
                + struct.pack(o + "B%dI" % len(v["words"]), v["count"], *v["words"]))

    @classmethod
    def edges(cls):
        o = cls.ORDER
        head = lambda n: struct.pack(o + "HIH", 1, 2, n) + b"d" * n
        return [head(64) + struct.pack(o + "B8I", 8, *range(8)), head(65) + b"\0",
                head(0) + struct.pack(o + "B9I", 9, *range(9)), head(0xFFFF),
                head(1) + struct.pack(o + "B", 2) + b"\0\0\0\0"]

    @classmethod
    def decode(cls, buf, off):
        o = cls.ORDER
        kind, seq, n = unpack_from(o + "HIH", buf, off)
        data, off = read_counted(buf, off + 8, n, 64)
        (count,) = unpack_from(o + "B", buf, off)
        raw, off = read_counted(buf, off + 1, count, 8, 4)
        words = list(struct.unpack(o + "%dI" % count, raw))
        return {"kind": kind, "seq": seq, "data": Y(data), "count": count, "words": words}, off


class BlockLe(_Block):
    ORDER = "<"


class BlockBe(_Block):
    ORDER = ">"


PCAP_ORDERS = {b"\xa1\xb2\xc3\xd4": ">", b"\xa1\xb2\x3c\x4d": ">",
               b"\xd4\xc3\xb2\xa1": "<", b"\x4d\x3c\xb2\xa1": "<"}


class PcapFile:
    """`order_by`: a pcap file header whose magic selects the order of the rest
    (`HHII` major, minor, snaplen, incl_len), then incl_len bytes (<= 64); any
    other magic is refused."""
    parts = ('magic + struct.pack(order + "HHII", major, minor, snaplen, incl_len) + data'
             '  # order = PCAP_ORDERS[magic]')

    @staticmethod
    def gen(rng):
        data = rbytes(rng, rlen(rng, 64))
        return {"magic": Y(rng.choice(sorted(PCAP_ORDERS))), "major": rng.choice([2, rint(rng, 16)]),
                "minor": rng.choice([4, rint(rng, 16)]), "snaplen": rint(rng, 32),
                "incl_len": len(data), "data": Y(data)}

    @staticmethod
    def encode(v):
        magic, data = unY(v["magic"]), unY(v["data"])
        return (magic + struct.pack(PCAP_ORDERS[magic] + "HHII", v["major"], v["minor"],
                                    v["snaplen"], len(data)) + data)

    @staticmethod
    def edges():
        body = struct.pack("<HHII", 2, 4, 65535, 0)
        return [b"\0\0\0\0" + body, b"\xd4\xc3\xb2\xa2" + body, b"\xa1\xb2\xc3\xd4" + body,
                b"\xa1\xb2", b"\xd4\xc3\xb2\xa1" + struct.pack("<HHII", 2, 4, 0, 65) + b"p" * 65,
                b"\xa1\xb2\xc3\xd4" + struct.pack(">HHII", 2, 4, 0, 64) + b"p" * 64]

    @staticmethod
    def decode(buf, off):
        (magic,) = unpack_from("4s", buf, off)
        order = PCAP_ORDERS.get(magic)
        if order is None:
            raise Bad("magic")
        major, minor, snaplen, incl_len = unpack_from(order + "HHII", buf, off + 4)
        data, off = read_counted(buf, off + 16, incl_len, 64)
        return {"magic": Y(magic), "major": major, "minor": minor, "snaplen": snaplen,
                "incl_len": incl_len, "data": Y(data)}, off


class Wave:
    """`magic` on a type and on fields: b"RIFF", `<I` size, b"WAVEfmt ", `<I`
    fmt_len and that many bytes (<= 32), then b"data" and `<I`-prefixed data
    (<= 64)."""
    parts = ('b"RIFF" + struct.pack("<I", size) + b"WAVEfmt " + struct.pack("<I", fmt_len) + fmt'
             ' + b"data" + struct.pack("<I", len(data)) + data')

    @staticmethod
    def gen(rng):
        fmt = rbytes(rng, rng.choice([0, 16, 32, rng.randint(0, 32)]))
        return {"size": rint(rng, 32), "fmt_len": len(fmt), "fmt": Y(fmt),
                "data": Y(rbytes(rng, rlen(rng, 64)))}

    @staticmethod
    def encode(v):
        fmt, data = unY(v["fmt"]), unY(v["data"])
        return (b"RIFF" + struct.pack("<I", v["size"]) + b"WAVEfmt " + struct.pack("<I", len(fmt))
                + fmt + b"data" + struct.pack("<I", len(data)) + data)

    @staticmethod
    def edges():
        w = lambda riff=b"RIFF", wave=b"WAVEfmt ", tag=b"data", n=2: (
            riff + struct.pack("<I", 36) + wave + struct.pack("<I", n) + b"f" * n
            + tag + struct.pack("<I", 3) + b"abc")
        return [w(), w(riff=b"RIFX"), w(riff=b"XIFF"), w(wave=b"WAVEfmt_"), w(tag=b"DATA"),
                w(tag=b"dat"), b"RIF", b"RIFX", b"R", w(n=33), w()[:13], w()[:10] + b"VE"]

    @staticmethod
    def decode(buf, off):
        off = expect(buf, off, b"RIFF")
        (size,) = unpack_from("<I", buf, off)
        off = expect(buf, off + 4, b"WAVEfmt ")
        (fmt_len,) = unpack_from("<I", buf, off)
        fmt, off = read_counted(buf, off + 4, fmt_len, 32)
        off = expect(buf, off, b"data")
        (n,) = unpack_from("<I", buf, off)
        data, off = read_counted(buf, off + 4, n, 64)
        return {"size": size, "fmt_len": fmt_len, "fmt": Y(fmt), "data": Y(data)}, off


class Command:
    """`magic` on enum variants (on each variant's first field): a `!B` tag, then
    1: b"HELO" + `!B` version | 2: b"SEND" + `!H`-prefixed body (<= 32) | 3:
    nothing; no catch-all."""
    parts = ('struct.pack("!B", tag) + (1: Hello: b"HELO" + struct.pack("!B", version)'
             ' | 2: Send: b"SEND" + struct.pack("!H", len(body)) + body | 3: Quit)')

    @staticmethod
    def gen(rng):
        r = rng.random()
        if r < 0.4:
            return {"Hello": {"version": rint(rng, 8)}}
        if r < 0.85:
            return {"Send": {"body": Y(rbytes(rng, rng.choice([0, 32, rng.randint(0, 32)])))}}
        return "Quit"

    @staticmethod
    def encode(v):
        if v == "Quit":
            return struct.pack("!B", 3)
        (name, f), = v.items()
        if name == "Hello":
            return struct.pack("!B", 1) + b"HELO" + struct.pack("!B", f["version"])
        body = unY(f["body"])
        return struct.pack("!B", 2) + b"SEND" + struct.pack("!H", len(body)) + body

    @staticmethod
    def edges():
        return [b"\x01HELX\x01", b"\x01SEND\x01", b"\x02HELO\x00\x00", b"\x02SE", b"\x02SX",
                b"\x04", b"\x00HELO\x01", b"\x02SEND\x00\x21" + b"b" * 33, b"\x03HELO"]

    @staticmethod
    def decode(buf, off):
        (tag,) = unpack_from("!B", buf, off)
        off += 1
        if tag == 1:
            off = expect(buf, off, b"HELO")
            (version,) = unpack_from("!B", buf, off)
            return {"Hello": {"version": version}}, off + 1
        if tag == 2:
            off = expect(buf, off, b"SEND")
            (n,) = unpack_from("!H", buf, off)
            body, off = read_counted(buf, off + 2, n, 32)
            return {"Send": {"body": Y(body)}}, off
        if tag == 3:
            return "Quit", off
        raise Bad("tag")


class Framed:
    """`Len<T>`: `!HBB` the length of body, kind and the count of headers, a
    NUL-terminated name (<= 16) between the lengths and what they count, then
    the body (<= 64) and the `!BBI` headers (<= 8)."""
    parts = ('struct.pack("!HBB", len(body), kind, len(headers)) + name + b"\\0" + body'
             ' + b"".join(struct.pack("!BBI", *h) for h in headers)')

    @staticmethod
    def gen(rng):
        return {"kind": rint(rng, 8), "name": rtext(rng, 16),
                "body": Y(rbytes(rng, rlen(rng, 64))),
                "headers": [Header.gen(rng) for _ in range(rng.choice([0, 8, rng.randint(0, 8)]))]}

    @staticmethod
    def encode(v):
        body, headers = unY(v["body"]), v["headers"]
        return (struct.pack("!HBB", len(body), v["kind"], len(headers)) + v["name"].encode()
                + b"\0" + body + b"".join(Header.encode(h) for h in headers))

    @staticmethod
    def edges():
        f = lambda n, c, name=b"n": (struct.pack("!HBB", n, 1, c) + name + b"\0" + b"b" * n
                                     + b"h" * 6 * c)
        return [f(64, 8), f(65, 0), f(0, 9), f(0xFFFF, 0), f(3, 255), f(0, 0, b"n" * 17),
                f(0, 0, b"\xff")]

    @staticmethod
    def decode(buf, off):
        length, kind, count = unpack_from("!HBB", buf, off)
        name, off = read_nul(buf, off + 4, 16)
        name = text(name)
        body, off = read_counted(buf, off, length, 64)
        raw, off = read_counted(buf, off, count, 8, 6)
        headers = [Header.decode(raw, i)[0] for i in range(0, len(raw), 6)]
        return {"kind": kind, "name": name, "body": Y(body), "headers": headers}, off


class Echo:
    """`Checksum<u16>`, `checksum = "internet"` over a range holding it: an ICMP
    echo, `!BBHHH` type, code, checksum, ident, seq and a `!B`-prefixed data
    (<= 64), summed (the checksum as zeros) by RFC 1071."""
    parts = ('h = struct.pack("!BB", kind, code) + b"\\0\\0" + struct.pack("!HHB", ident, seq,'
             ' len(data)) + data; h[:2] + struct.pack("!H", internet_checksum(h)) + h[4:]')

    @staticmethod
    def gen(rng):
        return {"kind": rng.choice([0, 8, rint(rng, 8)]), "code": rint(rng, 8),
                "ident": rint(rng, 16), "seq": rint(rng, 16),
                "data": Y(rbytes(rng, rng.choice([0, 1, 63, 64, rng.randint(0, 64)])))}

    @staticmethod
    def encode(v):
        data = unY(v["data"])
        h = (struct.pack("!BB", v["kind"], v["code"]) + b"\0\0"
             + struct.pack("!HHB", v["ident"], v["seq"], len(data)) + data)
        return h[:2] + struct.pack("!H", internet_checksum(h)) + h[4:]

    @staticmethod
    def edges():
        good = Echo.encode({"kind": 8, "code": 0, "ident": 1, "seq": 2, "data": Y(b"abc")})
        wrong = good[:2] + bytes([good[2] ^ 1]) + good[3:]
        swapped = good[:8] + b"\x03cba"
        over = struct.pack("!BBHHHB", 8, 0, 0, 1, 2, 65) + b"x" * 65
        return [good, wrong, swapped, over, good[:-1], good + b"!"]

    @staticmethod
    def decode(buf, off):
        start = off
        kind, code, checksum, ident, seq, n = unpack_from("!BBHHHB", buf, off)
        data, off = read_counted(buf, off + 9, n, 64)
        if internet_checksum(buf[start:start + 2] + b"\0\0" + buf[start + 4:off]) != checksum:
            raise Bad("checksum")
        return {"kind": kind, "code": code, "ident": ident, "seq": seq, "data": Y(data)}, off


class PngChunk:
    """`Checksum<u32>`, `checksum = "crc32"` over a range (`kind..=data`): a PNG
    chunk, `!I` length, a `4s` kind, the data (<= 64), `!I` CRC-32 of kind and
    data."""
    parts = 'struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))'

    @staticmethod
    def gen(rng):
        kind = rng.choice([b"IHDR", b"IDAT", b"IEND", b"tEXt", rbytes(rng, 4)])
        return {"kind": Y(kind), "data": Y(rbytes(rng, rlen(rng, 64)))}

    @staticmethod
    def encode(v):
        kind, data = unY(v["kind"]), unY(v["data"])
        return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))

    @staticmethod
    def edges():
        good = PngChunk.encode({"kind": Y(b"IEND"), "data": Y(b"")})
        data = PngChunk.encode({"kind": Y(b"tEXt"), "data": Y(b"k\0v")})
        return [good, good[:-1] + bytes([good[-1] ^ 0x80]), data[:8] + b"K" + data[9:],
                struct.pack("!I", 65) + b"IDAT" + b"x" * 69, struct.pack("!I", 0xFFFFFFFF) + b"IDAT"]

    @staticmethod
    def decode(buf, off):
        (length,) = unpack_from("!I", buf, off)
        (kind,) = unpack_from("4s", buf, off + 4)
        data, off = read_counted(buf, off + 8, length, 64)
        (crc,) = unpack_from("!I", buf, off)
        if zlib.crc32(kind + data) != crc:
            raise Bad("checksum")
        return {"kind": Y(kind), "data": Y(data)}, off + 4


class Stored:
    """A user's checksum function (`checksum = "adler32"`, Python's
    `zlib.adler32`) over `data..` (the data and its `!H` length, up to the
    checksum), then `checksum = "crc32"` over all before it, the Adler-32
    included: `!H` id, a `!B`-prefixed name (<= 32), a `!H`-prefixed data
    (<= 64), `!I` Adler-32, `!I` CRC-32."""
    parts = ('m = struct.pack("!HB", id, len(name)) + name + struct.pack("!H", len(data)) + data;'
             ' m += struct.pack("!I", zlib.adler32(m[3 + len(name):])); m + struct.pack("!I", zlib.crc32(m))')

    @staticmethod
    def gen(rng):
        return {"id": rint(rng, 16), "name": rtext(rng, 32), "data": Y(rbytes(rng, rlen(rng, 64)))}

    @staticmethod
    def encode(v):
        name, data = v["name"].encode(), unY(v["data"])
        covered = struct.pack("!H", len(data)) + data
        m = struct.pack("!HB", v["id"], len(name)) + name + covered
        m += struct.pack("!I", zlib.adler32(covered))
        return m + struct.pack("!I", zlib.crc32(m))

    @staticmethod
    def edges():
        good = Stored.encode({"id": 7, "name": "a", "data": Y(b"xyz")})
        bad_adler = good[:-8] + bytes([good[-8] ^ 1]) + good[-7:-4]
        bad_adler += struct.pack("!I", zlib.crc32(bad_adler))
        bad_crc = good[:-1] + bytes([good[-1] ^ 1])
        return [good, bad_adler, bad_crc, good[:3] + b"b" + good[4:],
                struct.pack("!HB", 1, 33) + b"n" * 33, struct.pack("!HBH", 1, 0, 65) + b"d" * 73]

    @staticmethod
    def decode(buf, off):
        start = off
        (ident, n) = unpack_from("!HB", buf, off)
        name, off = read_counted(buf, off + 3, n, 32)
        name = text(name)
        from_ = off
        (n,) = unpack_from("!H", buf, off)
        data, off = read_counted(buf, off + 2, n, 64)
        adler, crc = unpack_from("!II", buf, off)
        if zlib.adler32(buf[from_:off]) != adler:
            raise Bad("checksum")
        if zlib.crc32(buf[start:off + 4]) != crc:
            raise Bad("checksum")
        return {"id": ident, "name": name, "data": Y(data)}, off + 8



# In zoo order (tests/src/message_zoo.rs).
ZOO = [Header, Request, Tftp, Rrq, PcapRecord, ChatFrame, DnsQuestion, Polyline, Nested,
       Strings, Capped, Envelope, Route, Bundle,
       IpOptions, Flagged, Labels, Riff, Pointers,
       BlockLe, BlockBe, PcapFile, Wave, Command, Framed, Echo, PngChunk, Stored]


# --------------------------------------------------------------------------
# vectors


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


def decode_vector(out, name, t, buf):
    r = {"type": name, "op": "decode", "hex": buf.hex()}
    try:
        v, used = t.decode(buf, 0)
        r["ok"], r["used"] = v, used
        # What decodes re-encodes to the same bytes.
        assert t.encode(v) == buf[:used], (name, buf.hex())
    except Bad as e:
        r["err"] = e.args[0]
    out.emit(r)


def mutate(rng, buf):
    r = rng.random()
    if r < 0.3 and buf:  # truncated
        return buf[:rng.randrange(len(buf))]
    if r < 0.45:  # trailing bytes
        return buf + rbytes(rng, rng.randint(1, 4))
    if r < 0.85 and buf:  # one to three bytes changed (lengths, tags, NULs, UTF-8)
        b = bytearray(buf)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(min(len(b), 24)) if rng.random() < 0.6 else rng.randrange(len(b))
            b[i] = rng.choice([0, 0xFF, 0x80, rng.randrange(256)])
        return bytes(b)
    return rbytes(rng, rng.randint(0, 40))


def gen_type(out, t):
    name = t.__name__
    rng = random.Random("%d:%s" % (SEED, name))
    out.emit({"type": name, "parts": t.parts})
    encoded = []
    for _ in range(N_ENCODE):
        v = t.gen(rng)
        buf = t.encode(v)
        back, used = t.decode(buf, 0)
        assert (back, used) == (v, len(buf)), (name, v, back)
        out.emit({"type": name, "op": "encode", "value": v, "hex": buf.hex()})
        encoded.append(buf)
    for _ in range(N_DECODE):
        decode_vector(out, name, t, mutate(rng, rng.choice(encoded)))
    # Every cap, at its limit and one over; lengths past the buffer.
    for buf in getattr(t, "edges", lambda: [])():
        decode_vector(out, name, t, buf)


def main():
    opts = parse_args("gen_messages.py", __doc__, "message_vectors.jsonl")
    out = Out()
    for t in ZOO:
        gen_type(out, t)
    n = out.write(opts.out)
    print("wrote %d message vectors to %s" % (n, opts.out), file=sys.stderr)


if __name__ == "__main__":
    main()
