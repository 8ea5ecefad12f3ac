#!/usr/bin/env python3
"""Vectors for the `netpack` command, with what CPython 3.11 prints for each.

Cases are drawn (seeded, so the output is deterministic) from the CPython
vectors in tests/cpython/vectors.jsonl: formats and values for `pack`, formats,
buffers and offsets for `unpack`, formats for `calcsize`, buffers for `iter`,
plus ints beyond 64 bits for every code. For each case this script asks the
real `struct` module what happens and records what the command must print:

  pack      stdout_hex = struct.pack(fmt, *values).hex()
  unpack    stdout     = what print(struct.unpack_from(fmt, data, offset)) prints
  calcsize  stdout     = what print(struct.calcsize(fmt)) prints
  iter      stdout     = the lines of print(record) for each record of
                         struct.iter_unpack(fmt, data), or with "csv" the bytes
                         csv.writer(...).writerows(struct.iter_unpack(fmt, data))
                         writes

or, when CPython raises, its message (`error`) and the exit status the command
must end with (2 for a wrong command line, 1 for wrong data).

Values are written as the Python literals a shell user would type (ints in
decimal or hex, floats by repr, `inf`/`nan`, bytes by repr); the script checks
that each literal evaluates back to the vector's value.

    python3 netpack-cli/tests/gen_cli_vectors.py            # rewrites cli_vectors.jsonl
    python3 netpack-cli/tests/gen_cli_vectors.py --out F    # writes F instead
"""

import argparse
import csv
import io
import json
import math
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "..", "tests", "cpython", "vectors.jsonl")
OUT = os.path.join(HERE, "cli_vectors.jsonl")
SEED = 11
DEFAULT_NAN = 0x7FF8000000000000


def decode(v):
    tag, rest = v[0], v[1:]
    if tag == "i":
        return int(rest)
    if tag == "b":
        return rest == "1"
    if tag == "f":
        return struct.unpack(">d", bytes.fromhex(rest))[0]
    if tag == "y":
        return bytes.fromhex(rest)
    raise ValueError(v)


def literal(value, rng):
    """The literal a user types for `value`, or None when there is none (a NaN
    with a payload)."""
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return hex(value) if rng.random() < 0.25 else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            bits = struct.unpack(">Q", struct.pack(">d", value))[0]
            if bits & ~(1 << 63) != DEFAULT_NAN:
                return None
            return "-nan" if bits >> 63 else "nan"
        return repr(value)  # 'inf', '-inf' and every finite float round-trip
    return repr(value)


def evaluate(text):
    """What the command must read `text` as: Python's own reading of it."""
    stripped = text.lstrip("+-")
    if stripped in ("inf", "nan"):
        return float(text)
    return eval(text, {})


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b) and math.copysign(1, a) == math.copysign(1, b)
    return type(a) is type(b) and a == b


def arg_ok(fmt):
    """Whether a format can be passed as a command-line argument."""
    return "\0" not in fmt


def py(fmt):
    """The format as the command hands it to struct: the argument's bytes (a
    non-ASCII format is UTF-8 bytes, as in tests/cpython/)."""
    return fmt if fmt.isascii() else fmt.encode("utf-8")


def status(exc):
    """The exit status for a CPython exception: 1 when the data is at fault."""
    message = str(exc)
    data = (
        message.startswith("unpack requires")
        or message.startswith("unpack_from requires")
        or message.startswith("not enough data")
        or message.startswith("iterative unpacking requires")
        or (message.startswith("offset ") and "out of range" in message)
    )
    return 1 if data else 2


def outcome(call):
    try:
        return {"ok": call()}
    except (struct.error, OverflowError, TypeError, ValueError) as exc:
        return {"error": str(exc), "exit": status(exc)}


def pack_case(fmt, values, rng):
    literals = [literal(v, rng) for v in values]
    if any(lit is None for lit in literals):
        return None
    typed = [evaluate(lit) for lit in literals]
    assert all(same(a, b) for a, b in zip(typed, values)), (fmt, literals, values)
    case = {"cmd": "pack", "fmt": fmt, "args": literals}
    result = outcome(lambda: struct.pack(py(fmt), *typed).hex())
    if "ok" in result:
        case["stdout_hex"] = result.pop("ok")
    case.update(result)
    return case


def unpack_case(fmt, buf, offset, via):
    case = {"cmd": "unpack", "fmt": fmt, "data": buf.hex(), "offset": offset, "via": via}
    result = outcome(lambda: str(struct.unpack_from(py(fmt), buf, offset)) + "\n")
    if "ok" in result:
        case["stdout"] = result.pop("ok")
    case.update(result)
    return case


def iter_case(fmt, buf, style):
    case = {"cmd": "iter", "fmt": fmt, "data": buf.hex(), "style": style}

    def run():
        records = list(struct.iter_unpack(py(fmt), buf))
        if style == "csv":
            out = io.StringIO(newline="")
            csv.writer(out).writerows(records)
            return out.getvalue()
        return "".join(str(r) + "\n" for r in records)

    result = outcome(run)
    if "ok" in result:
        case["stdout"] = result.pop("ok")
    case.update(result)
    return case


def calcsize_case(fmt):
    case = {"cmd": "calcsize", "fmt": fmt}
    result = outcome(lambda: f"{struct.calcsize(py(fmt))}\n")
    if "ok" in result:
        case["stdout"] = result.pop("ok")
    case.update(result)
    return case


def huge_cases():
    """Ints beyond 64 and 128 bits for every code: CPython's conversions of big
    ints, which no vector of the runtime reaches from the command line."""
    cases = []
    codes = ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "P", "?", "e", "f", "d"]
    for prefix in ["", "<", ">"]:
        for code in codes:
            if prefix and code in "nNP":
                continue
            for value in ["2**64", "-2**127 - 1", "2**127", "-2**200", "10**400"]:
                number = eval(value)
                text = str(number) if abs(number) < 2**300 else hex(number)
                case = {"cmd": "pack", "fmt": prefix + code, "args": [text]}
                result = outcome(lambda: struct.pack(prefix + code, number).hex())
                if "ok" in result:
                    case["stdout_hex"] = result.pop("ok")
                case.update(result)
                cases.append(case)
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("CPython 3.11 is the reference")
    rng = random.Random(SEED)
    by_op = {}
    with open(VECTORS, encoding="utf-8") as f:
        for line in f:
            v = json.loads(line)
            if arg_ok(v["fmt"]):
                by_op.setdefault(v["op"], []).append(v)

    cases = []
    # pack: successes and the errors of values (range, type, count).
    packs = by_op["pack"]
    good = [v for v in packs if "ok" in v]
    bad = [v for v in packs if "err" in v]
    for pool, want in ((good, 180), (bad, 60)):
        for v in rng.sample(pool, len(pool)):
            if want == 0:
                break
            case = pack_case(v["fmt"], [decode(a) for a in v["args"]], rng)
            if case is not None:
                cases.append(case)
                want -= 1
    cases += huge_cases()
    # unpack: the buffers and offsets of unpack and unpack_from vectors, given
    # as --hex, as a file and on stdin.
    sources = ["hex", "file", "stdin"]
    for op, want in (("unpack", 120), ("unpack_from", 120)):
        for v in rng.sample(by_op[op], want):
            buf = bytes.fromhex(v["buf"])
            cases.append(unpack_case(v["fmt"], buf, v.get("off", 0), rng.choice(sources)))
    # calcsize: good and bad formats.
    for v in rng.sample(by_op["calcsize"], 60):
        cases.append(calcsize_case(v["fmt"]))
    # iter: every record, as tuples and as CSV.
    for v in rng.sample(by_op["iter_unpack"], min(40, len(by_op["iter_unpack"]))):
        cases.append(iter_case(v["fmt"], bytes.fromhex(v["buf"]), rng.choice(["repr", "csv"])))

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for case in cases:
            f.write(json.dumps(case, ensure_ascii=True, separators=(",", ":")) + "\n")
    print(f"{len(cases)} cases written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
