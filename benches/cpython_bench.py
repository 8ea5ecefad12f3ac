#!/usr/bin/env python3
"""The CPython half of `bash benches/run.sh`.

Times CPython's `struct` on the workloads of the Rust bench (`benches/codecs.rs`):
a precompiled `struct.Struct` and the module-level functions (which go through
CPython's format cache), with `time.thread_time_ns` (the thread's CPU time, as
the Rust side: time slices taken by other processes do not count), or
`time.perf_counter_ns` with `--wall`. Each sample is a batch of
calls run by `timeit` (a compiled `for` loop around one statement); the cost of
that empty loop is measured in the same round and subtracted, so the numbers are
the calls alone, which is generous to CPython.

    python3 benches/cpython_bench.py [--quick] [--wall] [--json OUT] [--merge RUST_JSON] [W1 W7 …]

With `--merge`, prints the one table of `run.sh`: every Rust column and the
CPython columns, ns/op, ratio to hand-written Rust, and CPython's time divided by
each netpack column's, followed by the issue's targets and whether each holds.
"""

import argparse
import collections
import io
import itertools
import json
import os
import statistics
import struct
import sys
import time
import timeit
import wave
import zlib

W1 = ("W1", "!H8sb", (1, b"test.jpg", 2), b"\x00\x01test.jpg\x02")
W2 = (
    "W2",
    "<IHhqdf?3x",
    (0xDEADBEEF, 65535, -2, -1234567890123456789, 3.141592653589793, 1.5, True),
    bytes.fromhex("efbeadde" "ffff" "feff" "eb7e16820befddee" "182d4454fb210940" "0000c03f" "01" "000000"),
)
W3 = (
    "W3",
    "@?HIhqfd",
    (True, 0x1234, 0xDEADBEEF, -2, -1234567890123, 1.5, 2.25),
    bytes.fromhex(
        "01" "00" "3412" "efbeadde" "feff" "000000000000" "35fb048ee0feffff" "0000c03f" "00000000" "0000000000000240"
    ),
)
W4_FORMAT = "<Ihd"
W4_RECORDS = 1_000_000
W4_CRC32 = 0x75AE2223

# W5: a TFTP read request, `struct` for the opcode and slicing for the rest.
W5 = ("W5", "!H + filename NUL + mode NUL", (1, "pub/rfc/rfc1350.txt", "octet"),
      b"\x00\x01pub/rfc/rfc1350.txt\x00octet\x00")
# W6: 100,000 pcap-style records, `<IIII` + incl_len bytes.
W6_FORMAT = "<IIII + incl_len bytes"
W6_RECORDS = 100_000
W6_CRC32 = 0x3F153B2F
W6_LEN = 79_595_616

# W7: 1,000,000 IPv4 + TCP headers (40 bytes, 33 fields), bitstruct's format.
W7_FORMAT = "u4u4u6u2u16u16u1u1u1u13u8u8u16u32u32" "u16u16u32u32u4u3u1u1u1u1u1u1u1u1u1u16u16u16"
W7_SHOWN = "IPv4+TCP bits"
W7_RECORDS = 1_000_000
W7_CRC32 = 0xC14AC825
CPY_BITSTRUCT = "CPython bitstruct.c"
CPY_CTYPES = "CPython ctypes BigEndianStructure"

CPY_STRUCT = "CPython struct.Struct"
CPY_MODULE = "CPython struct module fn (cache)"
NUMPY = "numpy structured dtype"
CPY_WAVE = "CPython wave.open + readframes"

try:
    import numpy as np
except ImportError:  # run.sh installs it into a virtual environment when it can
    np = None


def w4_records():
    return [((i * 2654435761) & 0xFFFFFFFF, (i % 65536) - 32768, i * 0.25) for i in range(W4_RECORDS)]


W5_OPCODE = struct.Struct("!H")


def w5_pack(opcode, filename, mode):
    return W5_OPCODE.pack(opcode) + filename.encode() + b"\0" + mode.encode() + b"\0"


def w5_unpack(data):
    (opcode,) = W5_OPCODE.unpack_from(data)
    end = data.index(b"\0", 2, 2 + 513)
    filename = data[2:end].decode()
    last = data.index(b"\0", end + 1, end + 1 + 17)
    if last + 1 != len(data):
        raise ValueError("trailing bytes")
    return opcode, filename, data[end + 1:last].decode()


W6_HEADER = struct.Struct("<IIII")
W6_PATTERN = bytes(range(256)) * 8


def w6_record(i):
    n = 60 + ((i * 2654435761) & 0xFFFFFFFF) % 1441
    return (1_700_000_000 + i // 1000, (i * 7919) % 1_000_000, n, n + (i % 3) * 20,
            W6_PATTERN[i % 256:i % 256 + n])


def w6_buffer():
    return b"".join(W6_HEADER.pack(*r[:4]) + r[4] for r in map(w6_record, range(W6_RECORDS)))


def w6_decode(buf):
    """Every record, as a Python programmer reads a pcap file's records."""
    unpack_from, off, end, n = W6_HEADER.unpack_from, 0, len(buf), 0
    while off < end:
        ts_sec, ts_usec, incl_len, orig_len = unpack_from(buf, off)
        if incl_len > 65535:
            raise ValueError("incl_len over the snaplen")
        packet = buf[off + 16:off + 16 + incl_len]
        if len(packet) != incl_len:
            raise ValueError("truncated record")
        off += 16 + incl_len
        n += 1
    return n


def check_messages():
    """W5/W6: the bytes the Rust side hard-codes are still what this CPython makes."""
    name, _, args, expect = W5
    if w5_pack(*args) != expect or w5_unpack(expect) != args:
        sys.exit(f"{name}: CPython packs {w5_pack(*args)!r}, the benches expect {expect!r}")
    buf = w6_buffer()
    if len(buf) != W6_LEN or zlib.crc32(buf) != W6_CRC32:
        sys.exit(f"W6: {len(buf)} bytes, CRC-32 {zlib.crc32(buf):#x}; the benches expect "
                 f"{W6_LEN} and {W6_CRC32:#x}")
    if w6_decode(buf) != W6_RECORDS:
        sys.exit("W6: wrong number of records")
    return buf


def check():
    """The bytes the Rust side hard-codes are still what this CPython packs."""
    for name, fmt, args, expect in (W1, W2, W3):
        got = struct.pack(fmt, *args)
        if got != expect:
            sys.exit(f"{name}: CPython packs {got!r}, the benches expect {expect!r}")
        if struct.unpack(fmt, expect) != args:
            sys.exit(f"{name}: CPython unpacks {struct.unpack(fmt, expect)!r}")
    buf = b"".join(itertools.starmap(struct.Struct(W4_FORMAT).pack, w4_records()))
    if zlib.crc32(buf) != W4_CRC32:
        sys.exit(f"W4: CRC-32 {zlib.crc32(buf):#x}, the benches expect {W4_CRC32:#x}")
    return buf


def w7_record(i):
    """Header `i` (the formula of `benches/src/w7.rs`, `record`)."""
    seq = (i * 2654435761) & 0xFFFFFFFF
    flags = (i * 37) % 512
    return (4, 5, i % 64, (i >> 6) % 4, 40 + i % 1461, i % 65536,
            (i >> 2) & 1, (i >> 1) & 1, i & 1, (i * 7) % 8192,
            1 + i % 255, 6, (i * 40503) % 65536, 0x0A000000 | (i % (1 << 24)), 0xC0A80000 | (i % 65536),
            1024 + i % 64512, (i * 31) % 65536, seq, (i * 2246822519) & 0xFFFFFFFF,
            5, (i >> 3) % 8, *((flags >> (8 - k)) & 1 for k in range(9)),
            (i * 13) % 65536, (i * 65521) % 65536, (i * 3) % 65536)


def w7_ctypes():
    """The header as a ctypes `BigEndianStructure` with bit fields."""
    import ctypes
    u8, u16, u32 = ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
    flags = ("ns", "cwr", "ece", "urg", "ack_flag", "psh", "rst", "syn", "fin")

    class Ipv4Tcp(ctypes.BigEndianStructure):
        _fields_ = [
            ("version", u8, 4), ("ihl", u8, 4), ("dscp", u8, 6), ("ecn", u8, 2),
            ("total_len", u16), ("id", u16),
            ("reserved", u16, 1), ("df", u16, 1), ("mf", u16, 1), ("frag_offset", u16, 13),
            ("ttl", u8), ("protocol", u8), ("checksum", u16), ("src", u32), ("dst", u32),
            ("src_port", u16), ("dst_port", u16), ("seq", u32), ("ack", u32),
            ("data_offset", u16, 4), ("tcp_reserved", u16, 3), *((f, u16, 1) for f in flags),
            ("window", u16), ("tcp_checksum", u16), ("urgent", u16),
        ]

    return Ipv4Tcp


def w7_cells(rounds):
    """W7 with bitstruct's C extension and ctypes, checked against the pure-Python
    bitstruct and the CRC-32 the Rust side hard-codes; None without bitstruct."""
    try:
        import bitstruct
        import bitstruct.c
    except ImportError:
        print("bitstruct is not installed: no W7 CPython columns "
              "(run with PYTHON=$(bash .ci/python-env))", file=sys.stderr)
        return None
    import operator
    records = [w7_record(i) for i in range(W7_RECORDS)]
    cf = bitstruct.c.compile(W7_FORMAT)
    buf = b"".join(itertools.starmap(cf.pack, records))
    if zlib.crc32(buf) != W7_CRC32 or bitstruct.pack(W7_FORMAT, *records[1]) != buf[40:80]:
        sys.exit(f"W7: CRC-32 {zlib.crc32(buf):#x}, the benches expect {W7_CRC32:#x}")
    header = w7_ctypes()
    fields = operator.attrgetter(*(f[0] for f in header._fields_))
    writable = bytearray(buf)
    for i in (0, 1, 123457, W7_RECORDS - 1):
        if (cf.unpack_from(buf, 320 * i) != records[i]
                or fields(header.from_buffer(writable, 40 * i)) != records[i]
                or bytes(header(*records[i])) != buf[40 * i:40 * i + 40]):
            sys.exit(f"W7: header {i} differs between bitstruct.c, ctypes and the formula")
    out = bytearray(len(buf))
    pack_args = [(out, 320 * i, *r) for i, r in enumerate(records)]
    collections.deque(itertools.starmap(cf.pack_into, pack_args), maxlen=0)
    if out != buf or zlib.crc32(b"".join(map(bytes, itertools.starmap(header, records)))) != W7_CRC32:
        sys.exit("W7: bitstruct.c pack_into or ctypes encode differs from bitstruct")
    env = dict(
        cf=cf, buf=buf, writable=writable, header=header, fields=fields, records=records,
        pack_args=pack_args, deque=collections.deque, starmap=itertools.starmap,
        repeat=itertools.repeat, n=W7_RECORDS,
    )
    # Decoding builds every header's tuple of 33 ints and drops it (a zero-length
    # deque); encoding packs every header into the buffer, the arguments prepared.
    return [
        ("W7", "decode", W7_SHOWN, len(buf), W7_RECORDS, rounds, None, {
            CPY_BITSTRUCT: batch_timer(
                "deque(map(cf.unpack_from, repeat(buf, n), range(0, 320 * n, 320)), maxlen=0)", env),
            CPY_CTYPES: batch_timer(
                "deque(map(fields, map(header.from_buffer, repeat(writable, n), range(0, 40 * n, 40))),"
                " maxlen=0)", env),
        }),
        ("W7", "encode", W7_SHOWN, len(buf), W7_RECORDS, rounds, None, {
            CPY_BITSTRUCT: batch_timer("deque(starmap(cf.pack_into, pack_args), maxlen=0)", env),
            CPY_CTYPES: batch_timer("b''.join(map(bytes, starmap(header, records)))", env),
        }),
    ]


CLOCK = time.thread_time_ns
# The workloads to time (`cpython_bench.py W8 W9`); all when empty.
ONLY = []


def batch_timer(stmt, env):
    """A function timing `n` runs of `stmt`, minus an empty loop of `n`."""
    t = timeit.Timer(stmt, globals=env, timer=CLOCK)
    empty = timeit.Timer("pass", timer=CLOCK)

    def run(n):
        return max(t.timeit(n) - empty.timeit(n), 0)

    return run


def measure_cells(quick, only=()):
    rounds, bulk_rounds, target_ns = (7, 2, 200_000) if quick else (41, 7, 2_000_000)
    cells = []
    for name, fmt, args, packed in (W1, W2, W3):
        s = struct.Struct(fmt)
        buf = bytearray(s.size)
        arglist = ", ".join(f"a{i}" for i in range(len(args)))
        env = {f"a{i}": a for i, a in enumerate(args)}
        env.update(s=s, buf=buf, fmt=fmt, packed=packed, struct=struct)
        env.update(s_pack_into=s.pack_into, s_unpack_from=s.unpack_from)
        env.update(pack_into=struct.pack_into, unpack_from=struct.unpack_from)
        cells.append(
            (name, "pack", fmt, s.size, 1, rounds, target_ns, {
                CPY_STRUCT: batch_timer(f"s_pack_into(buf, 0, {arglist})", env),
                CPY_MODULE: batch_timer(f"pack_into(fmt, buf, 0, {arglist})", env),
            })
        )
        cells.append(
            (name, "unpack", fmt, s.size, 1, rounds, target_ns, {
                CPY_STRUCT: batch_timer("s_unpack_from(packed)", env),
                CPY_MODULE: batch_timer("unpack_from(fmt, packed)", env),
            })
        )

    buf = check()
    records = w4_records()
    s = struct.Struct(W4_FORMAT)
    env = dict(
        s=s, buf=buf, records=records, fmt=W4_FORMAT, struct=struct,
        deque=collections.deque, starmap=itertools.starmap, pack=struct.pack,
    )
    # Decoding consumes the records as cheaply as Python can (a zero-length
    # deque); encoding joins the packed records into one buffer.
    cells.append(
        ("W4", "decode", W4_FORMAT, len(buf), W4_RECORDS, bulk_rounds, None, {
            CPY_STRUCT: batch_timer("deque(s.iter_unpack(buf), maxlen=0)", env),
            CPY_MODULE: batch_timer("deque(struct.iter_unpack(fmt, buf), maxlen=0)", env),
        })
    )
    cells.append(
        ("W4", "encode", W4_FORMAT, len(buf), W4_RECORDS, bulk_rounds, None, {
            CPY_STRUCT: batch_timer("b''.join(starmap(s.pack, records))", env),
            CPY_MODULE: batch_timer("b''.join([pack(fmt, a, b, d) for a, b, d in records])", env),
        })
    )

    # W5/W6: `struct` for the fixed parts, slicing and bytes.index for the rest.
    w6 = check_messages()
    name, shown, args, packed = W5
    env = dict(w5_pack=w5_pack, w5_unpack=w5_unpack, packed=packed, w6_decode=w6_decode, w6=w6)
    env.update({f"a{i}": a for i, a in enumerate(args)})
    cells.append((name, "pack", shown, len(packed), 1, rounds, target_ns, {
        CPY_STRUCT: batch_timer("w5_pack(a0, a1, a2)", env)}))
    cells.append((name, "unpack", shown, len(packed), 1, rounds, target_ns, {
        CPY_STRUCT: batch_timer("w5_unpack(packed)", env)}))
    cells.append(("W6", "decode", W6_FORMAT, len(w6), W6_RECORDS, bulk_rounds, None, {
        CPY_STRUCT: batch_timer("w6_decode(w6)", env)}))

    # W8/W9: DNS responses and the RIFF chunk walk (`struct` + slicing).
    cells.extend(w89_cells(bulk_rounds))

    if np is not None:
        numpy_w4(cells, buf, records, bulk_rounds)
    else:
        print("numpy is not installed: no numpy column", file=sys.stderr)
    if not only or "W7" in only:
        cells.extend(w7_cells(bulk_rounds) or [])
    cells = [c for c in cells if not only or c[0] in only]

    results = []
    cells = [c for c in cells if not ONLY or c[0] in ONLY]
    for workload, op, fmt, size, nrec, nrounds, target, columns in cells:
        names = list(columns)
        batch = {}
        for c in names:
            if target is None:
                columns[c](1)
                batch[c] = 1
                continue
            n = 1
            while True:
                t = columns[c](n)
                if t >= target // 2:
                    batch[c] = max(1, int(target * n / max(t, 1)))
                    break
                n *= 2
        samples = {c: [] for c in names}
        for r in range(nrounds):
            for i in range(len(names)):
                c = names[(i + r) % len(names)]
                samples[c].append(columns[c](batch[c]) / batch[c])
        results.append(dict(
            workload=workload, op=op, format=fmt, bytes=size, records=nrec,
            columns=[dict(name=c, ns=statistics.median(samples[c]), batch=batch[c]) for c in names],
        ))
        print(f"{workload} {op}: " + ", ".join(f"{c} {statistics.median(samples[c]):.1f} ns" for c in names),
              file=sys.stderr)
    return results


def numpy_w4(cells, buf, records, bulk_rounds):
    """numpy's structured dtype on W4: decode is `np.frombuffer` plus a sum of
    each column (numpy's ground: it does not build Python objects); encode fills
    a structured array from three columns and takes its bytes. Both are checked
    against CPython's struct first."""
    dtype = np.dtype([("id", "<u4"), ("delta", "<i2"), ("value", "<f8")])
    ids = np.array([r[0] for r in records], dtype="<u4")
    deltas = np.array([r[1] for r in records], dtype="<i2")
    values = np.array([r[2] for r in records], dtype="<f8")

    def decode():
        a = np.frombuffer(buf, dtype=dtype)
        return int(a["id"].sum(dtype=np.uint64)), int(a["delta"].sum(dtype=np.int64)), float(a["value"].sum())

    def encode():
        a = np.empty(len(ids), dtype=dtype)
        a["id"] = ids
        a["delta"] = deltas
        a["value"] = values
        return a.tobytes()

    want = (sum(r[0] for r in records), sum(r[1] for r in records), sum(r[2] for r in records))
    got = decode()
    if got[:2] != want[:2] or abs(got[2] - want[2]) > 1e-6 * abs(want[2]):
        sys.exit(f"W4 numpy decode: sums {got}, CPython's {want}")
    if zlib.crc32(encode()) != W4_CRC32:
        sys.exit("W4 numpy encode: the bytes differ from CPython's")
    env = dict(decode=decode, encode=encode)
    for cell in cells:
        if cell[0] == "W4":
            cell[7][NUMPY] = batch_timer("decode()" if cell[1] == "decode" else "encode()", env)


# W8: 10,000 DNS responses over TCP framing (examples/python/gen_dns.py --bench).
W8_FORMAT = "!H + DNS (!6H, names, !HH / !HHIH + rdata)"
W8_MESSAGES = 10_000
W8_LEN = 1_699_104
W8_CRC32 = 0xA43B3B62
W8_CHECKSUM = 0x118A661AD26B3F42
W8_FRAME = struct.Struct("!H")
W8_HEADER = struct.Struct("!6H")
W8_QUESTION = struct.Struct("!HH")
W8_RECORD = struct.Struct("!HHIH")
DNSPYTHON_DECODE = "dnspython from_wire"
DNSPYTHON_ENCODE = "dnspython to_wire"
try:
    import dns.message
except ImportError:  # the oracle environment (.ci/python-env) has it
    dns = None


def w8_name(wire, off):
    """A name at `off`: its labels (pointers followed, each strictly back, as
    dnspython), the bytes it takes in place, and the offset after it."""
    start, last, after, labels, length = off, off, None, [], 1
    while True:
        n = wire[off]
        if n == 0:
            off += 1
            break
        if n < 64:
            label = wire[off + 1:off + 1 + n]
            if len(label) != n:
                raise ValueError("truncated name")
            length += 1 + n
            if length > 255:
                raise ValueError("name over 255 bytes")
            labels.append(label)
            off += 1 + n
        elif n >= 0xC0:
            target = (n & 0x3F) << 8 | wire[off + 1]
            if target >= last:
                raise ValueError("bad compression pointer")
            if after is None:
                after = off + 2
            last = off = target
        else:
            raise ValueError("bad label type")
    if after is None:
        after = off
    return labels, wire[start:after], after


def w8_data_names(wire, rtype, start, end):
    """The names in a record's data, by type: NS, CNAME, PTR one name filling
    it; MX a preference and one name; SOA two names and 20 bytes of numbers."""
    if rtype in (2, 5, 12, 15):
        if rtype == 15 and end - start < 2:
            raise ValueError("MX data too short")
        labels, _, after = w8_name(wire, start + (2 if rtype == 15 else 0))
        if after != end:
            raise ValueError("the name does not fill the data")
        return [labels]
    if rtype == 6:
        mname, _, after = w8_name(wire, start)
        rname, _, after = w8_name(wire, after)
        if end - after != 20:
            raise ValueError("the names do not fill the data")
        return [mname, rname]
    return []


def w8_message(wire):
    """One response: the header, the questions, the records of the three sections."""
    header = W8_HEADER.unpack_from(wire)
    off, questions, records = 12, [], []
    name, q_unpack, r_unpack = w8_name, W8_QUESTION.unpack_from, W8_RECORD.unpack_from
    for _ in range(header[2]):
        labels, raw, off = name(wire, off)
        questions.append((labels, raw) + q_unpack(wire, off))
        off += 4
    for _ in range(header[3] + header[4] + header[5]):
        labels, raw, off = name(wire, off)
        rtype, rclass, ttl, rdlength = r_unpack(wire, off)
        rdata = wire[off + 10:off + 10 + rdlength]
        if len(rdata) != rdlength:
            raise ValueError("truncated record")
        records.append((labels, raw, rtype, rclass, ttl, rdata, w8_data_names(wire, rtype, off + 10, off + 10 + rdlength)))
        off += 10 + rdlength
    if off != len(wire):
        raise ValueError("trailing bytes")
    return header, questions, records


def w8_frames(blob):
    off, end = 0, len(blob)
    while off < end:
        (n,) = W8_FRAME.unpack_from(blob, off)
        yield blob[off + 2:off + 2 + n]
        off += 2 + n


def w8_decode(blob):
    return [w8_message(wire) for wire in w8_frames(blob)]


def w8_encode(messages):
    """Every response back, framed; names written as they were in place."""
    out = []
    q_pack, r_pack, h_pack, f_pack = W8_QUESTION.pack, W8_RECORD.pack, W8_HEADER.pack, W8_FRAME.pack
    for header, questions, records in messages:
        parts = [h_pack(*header)]
        for _, raw, qtype, qclass in questions:
            parts += (raw, q_pack(qtype, qclass))
        for _, raw, rtype, rclass, ttl, rdata, _ in records:
            parts += (raw, r_pack(rtype, rclass, ttl, len(rdata)), rdata)
        wire = b"".join(parts)
        out += (f_pack(len(wire)), wire)
    return b"".join(out)


def w8_checksum(messages):
    """The checksum every Rust column computes (`w8::fold`)."""
    acc = 0

    def step(x):
        nonlocal acc
        acc = (((acc << 5) | (acc >> 59)) & MASK64) ^ x

    def value(labels):
        full = b"".join(bytes([len(label)]) + label for label in labels) + b"\0"
        return len(full) | sum(full) << 16

    for (id_, flags, qd, an, ns, ar), questions, records in messages:
        step(id_ | flags << 16 | qd << 32 | an << 48)
        step(ns | ar << 16)
        for labels, _, qtype, qclass in questions:
            step(value(labels))
            step(qtype | qclass << 16)
        for labels, _, rtype, rclass, ttl, rdata, names in records:
            step(value(labels))
            step(rtype | rclass << 16 | ttl << 32)
            step(len(rdata) | (sum(rdata) & 0xFFFFFFFF) << 16)
            for name in names:
                step(value(name))
    return acc


def w8_dnspython_decode(blob):
    return [dns.message.from_wire(wire) for wire in w8_frames(blob)]


def w8_dnspython_encode(messages):
    return b"".join(W8_FRAME.pack(len(w)) + w for w in (m.to_wire() for m in messages))


# W9: the chunk walk of benches/data/w9.wav (examples/python/gen_wav.py --bench).
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
W9_FORMAT = "RIFF <I WAVE + (<4sI + body + pad)*"
W9_LEN = 1_162_584
W9_CRC32 = 0xA9E611BA
W9_CHUNKS = 2502
W9_CHECKSUM = 0x42425828C6F0F45A
W9_HEADER = struct.Struct("<4sI4s")
W9_CHUNK = struct.Struct("<4sI")
MASK64 = (1 << 64) - 1


def w9_walk(data):
    """Every chunk as a Python programmer walks a RIFF file: (id, size, body)."""
    magic, riff_size, form = W9_HEADER.unpack_from(data)
    if magic != b"RIFF" or form != b"WAVE":
        raise ValueError("not a RIFF WAVE file")
    unpack_from, off, end, chunks = W9_CHUNK.unpack_from, 12, len(data), []
    while off < end:
        cid, size = unpack_from(data, off)
        body = data[off + 8:off + 8 + size]
        if len(body) != size:
            raise ValueError("truncated chunk")
        chunks.append((cid, size, body))
        off += 8 + size + (size & 1)
    return riff_size, chunks


def w9_checksum(riff_size, chunks):
    """The checksum every Rust column computes (`w9::fold`)."""
    acc = riff_size
    for cid, size, body in chunks:
        acc = (((acc << 5) | (acc >> 59)) & MASK64) ^ int.from_bytes(cid, "little") ^ (size << 32) \
            ^ ((sum(body) & 0xFFFFFFFF) << 16)
    return acc


def w9_wave(data):
    """The `wave` module's reading of the file: it walks the chunks to `fmt `
    and `data` (skipping the others unread) and reads the frames."""
    with wave.open(io.BytesIO(data)) as w:
        return w.readframes(w.getnframes())


def w89_cells(bulk_rounds):
    """W8 and W9, checked against the values the Rust side hard-codes."""
    cells = []
    with open(os.path.join(DATA, "w8_responses.bin"), "rb") as f:
        w8 = f.read()
    if len(w8) != W8_LEN or zlib.crc32(w8) != W8_CRC32:
        sys.exit(f"W8: {len(w8)} bytes, CRC-32 {zlib.crc32(w8):#x}; the benches expect {W8_LEN} and {W8_CRC32:#x}")
    messages = w8_decode(w8)
    if len(messages) != W8_MESSAGES or w8_checksum(messages) != W8_CHECKSUM:
        sys.exit(f"W8: {len(messages)} responses, checksum {w8_checksum(messages):#x}; "
                 f"the benches expect {W8_MESSAGES} and {W8_CHECKSUM:#x}")
    if w8_encode(messages) != w8:
        sys.exit("W8: the re-encoded responses differ from the file")
    env = dict(w8_decode=w8_decode, w8_encode=w8_encode, w8=w8, messages=messages)
    decode = {CPY_STRUCT: batch_timer("w8_decode(w8)", env)}
    encode = {CPY_STRUCT: batch_timer("w8_encode(messages)", env)}
    if dns is not None:
        # A reference: dnspython reads every record's data by type, and its
        # to_wire() compresses names afresh (and may reorder an rrset's records),
        # so its output is checked by reading it back, not by the CRC.
        parsed = w8_dnspython_decode(w8)
        again = w8_dnspython_decode(w8_dnspython_encode(parsed))
        if again != parsed:
            sys.exit("W8: dnspython does not read back what it wrote")
        env.update(w8_dnspython_decode=w8_dnspython_decode, w8_dnspython_encode=w8_dnspython_encode, parsed=parsed)
        decode[DNSPYTHON_DECODE] = batch_timer("w8_dnspython_decode(w8)", env)
        encode[DNSPYTHON_ENCODE] = batch_timer("w8_dnspython_encode(parsed)", env)
    else:
        print("dnspython is not installed: no dnspython column (PY=$(bash .ci/python-env) has it)",
              file=sys.stderr)
    cells.append(("W8", "decode", W8_FORMAT, len(w8), W8_MESSAGES, bulk_rounds, None, decode))
    cells.append(("W8", "encode", W8_FORMAT, len(w8), W8_MESSAGES, bulk_rounds, None, encode))
    with open(os.path.join(DATA, "w9.wav"), "rb") as f:
        w9 = f.read()
    if len(w9) != W9_LEN or zlib.crc32(w9) != W9_CRC32:
        sys.exit(f"W9: {len(w9)} bytes, CRC-32 {zlib.crc32(w9):#x}; the benches expect {W9_LEN} and {W9_CRC32:#x}")
    riff_size, chunks = w9_walk(w9)
    if len(chunks) != W9_CHUNKS or w9_checksum(riff_size, chunks) != W9_CHECKSUM:
        sys.exit(f"W9: {len(chunks)} chunks, checksum {w9_checksum(riff_size, chunks):#x}; "
                 f"the benches expect {W9_CHUNKS} and {W9_CHECKSUM:#x}")
    if len(w9_wave(w9)) != 4 * 4096:
        sys.exit("W9: the wave module reads other frames")
    env = dict(w9_walk=w9_walk, w9_wave=w9_wave, w9=w9)
    cells.append(("W9", "decode", W9_FORMAT, len(w9), W9_CHUNKS, bulk_rounds, None, {
        CPY_STRUCT: batch_timer("w9_walk(w9)", env),
        CPY_WAVE: batch_timer("w9_wave(w9)", env),
    }))
    return cells


def fmt_ns(x):
    if x >= 1e5:
        return f"{x:,.0f}"
    if x >= 100:
        return f"{x:.1f}"
    return f"{x:.2f}"


# Which CPython column each netpack column is compared with.
VERSUS = {
    "netpack module fn (cache)": CPY_MODULE,
}

# The netpack columns compared with numpy as well (W4).
NUMPY_VERSUS = ("netpack Struct columns", "netpack derive", "hand-written")

TARGETS = [
    # (what, column, workloads, ops, kind, limit); issue 10's targets for the runtime
    ("derived type `T::pack_into`/`T::unpack_from`/bulk `[T]` ≤ 1.10× hand-written (W1–W4)",
     "netpack derive", ("W1", "W2", "W3", "W4"), None, "ratio", 1.10),
    ("`pack!`/`unpack!` ≤ 1.10× hand-written (W1–W3)",
     "netpack pack!/unpack!", ("W1", "W2", "W3"), None, "ratio", 1.10),
    ("`Struct::pack_into` with `Value`s ≤ 4× hand-written (W1–W3)",
     "netpack Struct", ("W1", "W2", "W3"), ("pack",), "ratio", 4.0),
    ("`Struct::pack_into` ≥ 15× faster than CPython `struct.Struct` (W1–W3)",
     "netpack Struct", ("W1", "W2", "W3"), ("pack",), "cpython", 15.0),
    ("borrowed `unpack_ref_into` (reused vector) ≤ 4× hand-written (W1–W3)",
     "netpack Struct::unpack_ref_into", ("W1", "W2", "W3"), None, "ratio", 4.0),
    ("borrowed `unpack_ref_into` ≥ 20× faster than CPython (W1–W3)",
     "netpack Struct::unpack_ref_into", ("W1", "W2", "W3"), None, "cpython", 20.0),
    ("module-level functions (format cache) ≤ 1.2× the precompiled `Struct`",
     "netpack module fn (cache)", ("W1", "W2", "W3", "W4"), None, "vs_struct", 1.2),
    ("columnar decode (W4) ≤ 1.5× hand-written",
     "netpack Struct columns", ("W4",), ("decode",), "ratio", 1.5),
    ("columnar decode (W4) faster than numpy",
     "netpack Struct columns", ("W4",), ("decode",), "numpy", 1.0),
    ("columnar encode (W4) ≤ 2× hand-written",
     "netpack Struct columns", ("W4",), ("encode",), "ratio", 2.0),
    ("columnar encode (W4) faster than numpy",
     "netpack Struct columns", ("W4",), ("encode",), "numpy", 1.0),
    ("per-record borrowed iteration (`next_ref`, W4) ≥ 2 GB/s",
     "netpack iter_unpack_ref+next_ref", ("W4",), None, "gbps", 2.0),
    # Messages with variable-length fields (issue 9).
    ("message, borrowed (`&str`/`&[u8]` fields) ≤ 1.3× hand-written (W5, W6)",
     "netpack borrowed", ("W5", "W6"), None, "ratio", 1.3),
    ("message, owned (`String`/`Vec<u8>` fields) ≤ 1.1× hand-written that allocates the same fields (W5 unpack, W6)",
     "netpack owned", ("W5", "W6"), None, "vs_hand_owned", 1.1),
    ("message, borrowed: faster than binrw and deku (W5, W6)",
     "netpack borrowed", ("W5", "W6"), None, "vs_peers", 1.0),
    ("message, owned: faster than binrw and deku (W5, W6)",
     "netpack owned", ("W5", "W6"), None, "vs_peers", 1.0),
    # IPv4+TCP headers with bit fields (issue 17).
    ("bit fields: derive ≤ 1.1× hand-written (W7)",
     "netpack derive", ("W7",), None, "ratio", 1.1),
    ("bit fields: `bits` compiled form ≥ 20× faster than bitstruct.c (W7)",
     "netpack bits compiled", ("W7",), None, "cpython", 20.0),
    ("bit fields: derive faster than deku, modular-bitfield and bitfield-struct (W7)",
     "netpack derive", ("W7",), None, "vs_peers", 1.0),
    ("bit fields: `bits` compiled form faster than deku, modular-bitfield and bitfield-struct (W7)",
     "netpack bits compiled", ("W7",), None, "vs_peers", 1.0),
    # DNS responses and the RIFF chunk walk (issue 18).
    ("messages with `with`/`count`/`align`, borrowed ≤ 1.3× hand-written (W8, W9)",
     "netpack borrowed", ("W8", "W9"), None, "ratio", 1.3),
    ("messages with `with`/`count`/`align`, borrowed: faster than binrw and deku (W8, W9)",
     "netpack borrowed", ("W8", "W9"), None, "vs_peers", 1.0),
]


def merge(rust, cpython):
    """Prints the one table and the targets."""
    cpy = {(c["workload"], c["op"]): {col["name"]: col["ns"] for col in c["columns"]} for c in cpython}
    lines = [
        "| workload | op | implementation | ns/op | × hand-written | CPython ÷ this | GB/s | ns/record |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    table = {}
    for cell in rust["cells"]:
        key = (cell["workload"], cell["op"])
        hand = cell["columns"][0]["ns"]
        cp = cpy.get(key, {})
        rows = [dict(c) for c in cell["columns"]]
        for name, ns in cp.items():
            rows.append(dict(name=name, ns=ns, ratio=ns / hand))
        struct_ns = next((c["ns"] for c in cell["columns"]
                          if c["name"] in ("netpack Struct", "netpack iter_unpack+next_into")), None)
        numpy_ns = cp.get(NUMPY)
        for row in rows:
            name, ns = row["name"], row["ns"]
            row["numpy"] = numpy_ns / ns if numpy_ns and name != NUMPY else None
            versus = cp.get(VERSUS.get(name, CPY_STRUCT), cp.get(CPY_BITSTRUCT))
            speedup = versus / ns if (versus and name.startswith("netpack")) else None
            row["cpython"] = speedup
            row["gbps"] = cell["bytes"] / ns
            # The module-level column over the precompiled `Struct`: the Rust side's
            # median of per-round ratios when it has one.
            row["vs_struct"] = None
            if name == "netpack module fn (cache)" and struct_ns:
                row["vs_struct"] = cell.get("module_vs_struct") or ns / struct_ns
            # Messages: against hand-written code that allocates the same fields,
            # and against the fastest peer (time over theirs; < 1 is faster).
            columns = {c["name"]: c["ns"] for c in cell["columns"]}
            owned = columns.get("hand-written (owned)")
            row["vs_hand_owned"] = ns / owned if owned and name == "netpack owned" else None
            peers = [columns[p] for p in ("binrw", "deku", "modular-bitfield", "bitfield-struct")
                     if p in columns]
            row["vs_peers"] = ns / min(peers) if peers else None
            table[(key, name)] = row
            per_record = f"{ns / cell['records']:.2f}" if cell["records"] > 1 else ""
            lines.append(
                f"| {cell['workload']} `{cell['format']}` | {cell['op']} | {name} | {fmt_ns(ns)} | "
                f"{row['ratio']:.2f}× | {f'{speedup:.1f}×' if speedup else ''} | "
                f"{row['gbps']:.3f} | {per_record} |"
            )
    print("\n".join(lines))
    print()
    print("CPython ÷ this: CPython `struct.Struct` time over the netpack column's (for the module-level")
    print("column: CPython's module-level functions; W7: bitstruct.c). The netpack module-level column over the")
    print("precompiled `Struct` is listed under the targets.")
    print()
    numpy_rows = [(key, name, row) for (key, name), row in table.items() if row.get("numpy")]
    if numpy_rows:
        print("| workload | op | implementation | numpy ÷ this |")
        print("|---|---|---|---:|")
        for key, name, row in numpy_rows:
            print(f"| {key[0]} | {key[1]} | {name} | {row['numpy']:.2f}× |")
        print()
    print("| target | holds? | worst cell |")
    print("|---|---|---|")
    measured = {key[0] for key, _ in table}
    for what, column, workloads, ops, kind, limit in TARGETS:
        if not measured.intersection(workloads):
            continue  # a run of other workloads only (`cpython_bench.py W7`)
        rows = [(key, row) for (key, name), row in table.items()
                if name == column and key[0] in workloads and (ops is None or key[1] in ops)
                and (kind != "vs_hand_owned" or row[kind] is not None)]
        if not rows:
            print(f"| {what} | not measured (column missing) | |")
            continue
        if kind in ("ratio", "vs_struct", "vs_hand_owned", "vs_peers"):
            key, row = max(rows, key=lambda kr: kr[1][kind] or 0)
            ok = all((r[kind] or 0) <= limit for _, r in rows)
            if kind == "vs_peers":
                ok = all((r[kind] or 0) < limit for _, r in rows)
            worst = f"{key[0]} {key[1]}: {row[kind]:.2f}×"
        else:
            key, row = min(rows, key=lambda kr: kr[1][kind] or 0)
            ok = all((r[kind] or 0) >= limit for _, r in rows)
            unit = " GB/s" if kind == "gbps" else "×"
            if any(r[kind] is None for _, r in rows):
                print(f"| {what} | not measured | |")
                continue
            worst = f"{key[0]} {key[1]}: {row[kind]:.2f}{unit}"
        print(f"| {what} | {'yes' if ok else '**no**'} | {worst} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a few seconds, indicative numbers")
    ap.add_argument("--wall", action="store_true",
                    help="time with time.perf_counter_ns instead of the thread's CPU time")
    ap.add_argument("--json", help="write the CPython results here")
    ap.add_argument("--merge", help="the Rust bench's --json output: print the one table")
    ap.add_argument("--cpython-json", help="merge these CPython results instead of measuring")
    ap.add_argument("workloads", nargs="*", metavar="W", help="time only these workloads (W1 W7 …); all by default")
    a = ap.parse_args()
    ONLY.extend(a.workloads)
    if a.wall:
        global CLOCK
        CLOCK = time.perf_counter_ns
    if a.cpython_json:
        with open(a.cpython_json) as f:
            results = json.load(f)["cells"]
    else:
        results = measure_cells(a.quick, a.workloads)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"python": sys.version, "cells": results}, f, indent=1)
    if a.merge:
        with open(a.merge) as f:
            merge(json.load(f), results)
    else:
        for c in results:
            for col in c["columns"]:
                print(f"| {c['workload']} `{c['format']}` | {c['op']} | {col['name']} | {fmt_ns(col['ns'])} |")


if __name__ == "__main__":
    main()
