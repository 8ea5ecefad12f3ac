#!/usr/bin/env python3
"""Generate the bit-field zoo's vectors with bitstruct, struct and ctypes.

The zoo (tests/src/bits_zoo.rs) is a set of `#[derive(NetPack)]` protocol
headers with `#[netpack(bits = N)]` fields.  This script spells each type's
layout on its own, field by field as the RFC (or the C struct) draws it, and
lets the oracles write the bytes: `bitstruct` for the runs of bit fields (most
significant bit first), `struct` for the byte fields, and ctypes'
`LittleEndianStructure` for the LSB-first C structs (`bit_order = "lsb"`).
Nothing expected is computed here.

Usage:
    $(bash .ci/python-env) tests/bits_zoo/gen_zoo.py [--out PATH]

Output: tests/bits_zoo/vectors.jsonl, JSON Lines, one object per line:
    {"type": T, "op": "pack", "fields": [...], "bytes": HEX}
        the fields (declaration order) pack to bytes, which unpack to them
    {"type": T, "op": "unpack", "bytes": HEX, "fields": [...]}
        random bytes and the fields the oracles read from them; with
        "derive_err": "InvalidValue" when an enum field holds a value that
        names no variant (the runtime reads the number, the derive refuses it)
    {"type": T, "op": "range", "fields": [...], "field": NAME, "message": M}
        field NAME does not fit its bits: bitstruct's message M
Field values: ints, booleans (bitstruct's `b`), and byte strings as hex text.
The output is deterministic (one seeded RNG per type).
"""

import argparse
import ctypes
import json
import os
import random
import struct

import bitstruct

# A field: (name, kind, ...):
#   ("bits", code, n, rust_bits, enum_values or None)  a bit field
#   ("pad", n)                                            padding bits (p)
#   ("byte", struct_code)                                 a byte-level field
# An enum's values are its variants' discriminants; None for a plain integer,
# "any" for an enum with a catch-all.
MQTT_TYPES = list(range(1, 16))

TYPES = {
    "Ipv4Header": ("!", False, [
        ("version", "bits", "u", 4, 8, None),
        ("ihl", "bits", "u", 4, 8, None),
        ("dscp", "bits", "u", 6, 8, None),
        ("ecn", "bits", "u", 2, 8, None),
        ("total_len", "byte", "H"),
        ("id", "byte", "H"),
        ("evil", "bits", "b", 1, 1, None),
        ("dont_fragment", "bits", "b", 1, 1, None),
        ("more_fragments", "bits", "b", 1, 1, None),
        ("fragment_offset", "bits", "u", 13, 16, None),
        ("ttl", "byte", "B"),
        ("protocol", "byte", "B"),
        ("checksum", "byte", "H"),
        ("src", "byte", "4s"),
        ("dst", "byte", "4s"),
    ]),
    "TcpHeader": ("!", False, [
        ("src_port", "byte", "H"),
        ("dst_port", "byte", "H"),
        ("seq", "byte", "I"),
        ("ack", "byte", "I"),
        ("data_offset", "bits", "u", 4, 8, None),
        (None, "pad", 3),
        ("ns", "bits", "b", 1, 1, None),
        ("cwr", "bits", "b", 1, 1, None),
        ("ece", "bits", "b", 1, 1, None),
        ("urg", "bits", "b", 1, 1, None),
        ("ack_flag", "bits", "b", 1, 1, None),
        ("psh", "bits", "b", 1, 1, None),
        ("rst", "bits", "b", 1, 1, None),
        ("syn", "bits", "b", 1, 1, None),
        ("fin", "bits", "b", 1, 1, None),
        ("window", "byte", "H"),
        ("checksum", "byte", "H"),
        ("urgent", "byte", "H"),
    ]),
    "UdpHeader": ("!", False, [
        ("src_port", "byte", "H"),
        ("dst_port", "byte", "H"),
        ("len", "byte", "H"),
        ("checksum", "byte", "H"),
    ]),
    "DnsHeader": ("!", False, [
        ("id", "byte", "H"),
        ("qr", "bits", "b", 1, 1, None),
        ("opcode", "bits", "u", 4, 8, "any"),
        ("aa", "bits", "b", 1, 1, None),
        ("tc", "bits", "b", 1, 1, None),
        ("rd", "bits", "b", 1, 1, None),
        ("ra", "bits", "b", 1, 1, None),
        ("z", "bits", "b", 1, 1, None),
        ("ad", "bits", "b", 1, 1, None),
        ("cd", "bits", "b", 1, 1, None),
        ("rcode", "bits", "u", 4, 8, None),
        ("qdcount", "byte", "H"),
        ("ancount", "byte", "H"),
        ("nscount", "byte", "H"),
        ("arcount", "byte", "H"),
    ]),
    "NtpPacket": ("!", False, [
        ("leap", "bits", "u", 2, 8, None),
        ("version", "bits", "u", 3, 8, None),
        ("mode", "bits", "u", 3, 8, list(range(8))),
        ("stratum", "byte", "B"),
        ("poll", "byte", "b"),
        ("precision", "byte", "b"),
        ("root_delay", "byte", "I"),
        ("root_dispersion", "byte", "I"),
        ("reference_id", "byte", "4s"),
        ("reference_ts", "byte", "Q"),
        ("origin_ts", "byte", "Q"),
        ("receive_ts", "byte", "Q"),
        ("transmit_ts", "byte", "Q"),
    ]),
    "MqttFixedHeader": ("!", False, [
        ("packet_type", "bits", "u", 4, 8, MQTT_TYPES),
        ("dup", "bits", "b", 1, 1, None),
        ("qos", "bits", "u", 2, 8, None),
        ("retain", "bits", "b", 1, 1, None),
        ("remaining_len", "byte", "B"),
    ]),
    "VlanTag": ("!", False, [
        ("tpid", "byte", "H"),
        ("pcp", "bits", "u", 3, 8, None),
        ("dei", "bits", "b", 1, 1, None),
        ("vid", "bits", "u", 12, 16, None),
    ]),
    "Widths": ("!", False, [
        ("head", "byte", "B"),
        ("a", "bits", "s", 3, 8, None),
        ("b", "bits", "s", 21, 32, None),
        ("c", "bits", "s", 40, 64, None),
        ("tail", "byte", "h"),
    ]),
    # LSB first: C bit fields in a storage unit of the run's size.
    "CanId": ("<", True, [
        ("id", "bits", "u", 29, 32, None),
        ("err", "bits", "b", 1, 1, None),
        ("rtr", "bits", "b", 1, 1, None),
        ("eff", "bits", "b", 1, 1, None),
    ]),
    "UsbSetup": ("<", True, [
        ("recipient", "bits", "u", 5, 8, None),
        ("kind", "bits", "u", 2, 8, None),
        ("device_to_host", "bits", "b", 1, 1, None),
        ("request", "byte", "B"),
        ("value", "byte", "H"),
        ("index", "byte", "H"),
        ("length", "byte", "H"),
    ]),
    "LsbSigned": ("<", True, [
        ("temperature", "bits", "s", 12, 16, None),
        ("status", "bits", "u", 4, 8, None),
        (None, "pad", 1),
        ("level", "bits", "s", 7, 8, None),
        ("flags", "bits", "u", 8, 8, None),
        ("count", "byte", "I"),
    ]),
}

PER_TYPE = 150


def pieces(layout):
    """The layout cut into runs of bit fields and single byte fields."""
    out, run = [], []
    for field in layout:
        if field[1] == "byte":
            if run:
                out.append(("run", run))
                run = []
            out.append(("byte", field))
        else:
            run.append(field)
    if run:
        out.append(("run", run))
    return out


def ctypes_unit(run, signed_of):
    """A LittleEndianStructure for an LSB-first run: one C storage unit."""
    bits = sum(f[3] if f[1] == "bits" else f[2] for f in run)
    unsigned = {8: ctypes.c_uint8, 16: ctypes.c_uint16, 32: ctypes.c_uint32, 64: ctypes.c_uint64}[bits]
    signed = {8: ctypes.c_int8, 16: ctypes.c_int16, 32: ctypes.c_int32, 64: ctypes.c_int64}[bits]
    fields = []
    for i, f in enumerate(run):
        if f[1] == "pad":
            fields.append((f"_pad{i}", unsigned, f[2]))
        else:
            fields.append((f[0], signed if f[2] == "s" else unsigned, f[3]))

    class Unit(ctypes.LittleEndianStructure):
        _fields_ = fields

    assert ctypes.sizeof(Unit) * 8 == bits, (run, ctypes.sizeof(Unit))
    return Unit


def run_format(run):
    return "".join(f"p{f[2]}" if f[1] == "pad" else f"{f[2]}{f[3]}" for f in run)


def pack(order, lsb, layout, values):
    out = b""
    for kind, piece in pieces(layout):
        if kind == "byte":
            out += struct.pack(order + piece[2], values[piece[0]])
        elif lsb:
            unit = ctypes_unit(piece, None)()
            for f in piece:
                if f[1] == "bits":
                    setattr(unit, f[0], int(values[f[0]]))
            out += bytes(unit)
        else:
            out += bitstruct.pack(run_format(piece), *[values[f[0]] for f in piece if f[1] == "bits"])
    return out


def unpack(order, lsb, layout, data):
    values, at = {}, 0
    for kind, piece in pieces(layout):
        if kind == "byte":
            fmt = order + piece[2]
            (values[piece[0]],) = struct.unpack_from(fmt, data, at)
            at += struct.calcsize(fmt)
        elif lsb:
            unit_type = ctypes_unit(piece, None)
            size = ctypes.sizeof(unit_type)
            unit = unit_type.from_buffer_copy(data[at:at + size])
            for f in piece:
                if f[1] == "bits":
                    v = getattr(unit, f[0])
                    values[f[0]] = bool(v) if f[2] == "b" else v
            at += size
        else:
            fmt = run_format(piece)
            names = [f[0] for f in piece if f[1] == "bits"]
            values.update(zip(names, bitstruct.unpack(fmt, data[at:])))
            at += bitstruct.calcsize(fmt) // 8
    assert at == len(data)
    return values


def size_of(order, lsb, layout):
    return len(pack(order, lsb, layout, {f[0]: sample(random.Random(0), f, "min") for f in layout if f[0]}))


def sample(rng, field, how="random"):
    if field[1] == "byte":
        code = field[2]
        if code.endswith("s"):
            n = int(code[:-1])
            return bytes(rng.randrange(256) for _ in range(n)) if how == "random" else bytes([0 if how == "min" else 255] * n)
        bits = struct.calcsize(code) * 8
        lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if code.islower() else (0, (1 << bits) - 1)
    else:
        code, n, enum = field[2], field[3], field[5]
        if code == "b":
            return {"random": rng.random() < 0.5, "min": False, "max": True}[how]
        if isinstance(enum, list):
            return {"random": rng.choice(enum), "min": min(enum), "max": max(enum)}[how]
        lo, hi = (-(1 << (n - 1)), (1 << (n - 1)) - 1) if code == "s" else (0, (1 << n) - 1)
    return {"random": rng.randint(lo, hi), "min": lo, "max": hi}[how]


def encode(v):
    return v.hex() if isinstance(v, bytes) else v


def fields_list(layout, values):
    return [encode(values[f[0]]) for f in layout if f[0]]


def too_big(rng, field):
    """A value of the Rust field's type that does not fit its bits, or None."""
    if field[1] != "bits" or field[2] == "b" or field[3] == field[4]:
        return None
    code, n, width, enum = field[2], field[3], field[4], field[5]
    if isinstance(enum, list):
        return None  # only a catch-all holds a value outside its variants
    if code == "s":
        lo, hi = -(1 << (width - 1)), (1 << (width - 1)) - 1
        return rng.choice([rng.randint(1 << (n - 1), hi), rng.randint(lo, -(1 << (n - 1)) - 1)])
    return rng.randint(1 << n, (1 << width) - 1)


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "vectors.jsonl"))
    args = parser.parse_args()
    lines = []
    for name, (order, lsb, layout) in TYPES.items():
        rng = random.Random(f"bits-zoo-{name}")
        named = [f for f in layout if f[0]]
        size = size_of(order, lsb, layout)
        for i in range(PER_TYPE):
            how = "min" if i == 0 else "max" if i == 1 else "random"
            values = {f[0]: sample(rng, f, how) for f in named}
            data = pack(order, lsb, layout, values)
            assert unpack(order, lsb, layout, data) == values
            lines.append({"type": name, "op": "pack", "fields": fields_list(layout, values), "bytes": data.hex()})
        for i in range(PER_TYPE):
            data = bytes([0xFF] * size) if i == 0 else bytes(size) if i == 1 else bytes(rng.randrange(256) for _ in range(size))
            values = unpack(order, lsb, layout, data)
            line = {"type": name, "op": "unpack", "bytes": data.hex(), "fields": fields_list(layout, values)}
            for f in named:
                if f[1] == "bits" and isinstance(f[5], list) and values[f[0]] not in f[5]:
                    line["derive_err"] = "InvalidValue"
            lines.append(line)
        candidates = [f for f in named if too_big(rng, f) is not None]
        for i in range(PER_TYPE // 5 if candidates else 0):
            field = rng.choice(candidates)
            values = {f[0]: sample(rng, f) for f in named}
            values[field[0]] = too_big(rng, field)
            try:
                bitstruct.pack(f"{field[2]}{field[3]}", values[field[0]])
                raise AssertionError(f"{name}.{field[0]}: bitstruct packed {values[field[0]]}")
            except bitstruct.Error as e:
                message = str(e)
            lines.append({"type": name, "op": "range", "fields": fields_list(layout, values),
                          "field": field[0], "message": message})
    with open(args.out, "w") as f:
        for line in lines:
            f.write(json.dumps(line, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
