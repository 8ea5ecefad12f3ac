#!/usr/bin/env python3
"""Vectors for `netpack bits`, with what Python's bitstruct (8.24.0, pure Python)
prints for each.

Cases are drawn (seeded) from the bitstruct vectors in
tests/bitstruct/vectors.jsonl: formats for `calcsize`, formats and values for
`pack`, formats, data, offsets and allow_truncated for `unpack`. For each case
this script asks bitstruct what happens and records what the command must print:

  calcsize  stdout     = what print(bitstruct.calcsize(fmt)) prints
  pack      stdout_hex = bitstruct.pack(fmt, *values).hex()
  unpack    stdout     = what print(bitstruct.unpack_from(fmt, data, offset,
                         allow_truncated=...)) prints

or, when bitstruct raises, its message (`error`) and the exit status the command
must end with (2 for a wrong command line, 1 for wrong data).

Values are written as the Python literals a shell user would type (repr of
ints, floats, bytes and str; `inf`/`nan`); the script checks that each literal
evaluates back to the value. Cases netpack documents as different (integers
beyond i128, formats beyond its limit) and formats a shell cannot pass (a NUL)
are left out.

    PY=$(bash .ci/python-env)
    $PY netpack-cli/tests/gen_bits_cli_vectors.py            # rewrites bits_cli_vectors.jsonl
    $PY netpack-cli/tests/gen_bits_cli_vectors.py --out F    # writes F instead
"""

import argparse
import io
import re
import json
import math
import os
import random
import struct
import sys
from contextlib import redirect_stdout

import bitstruct

assert bitstruct.__version__ == "8.24.0"

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "..", "tests", "bitstruct", "vectors.jsonl")
OUT = os.path.join(HERE, "bits_cli_vectors.jsonl")
SEED = 17
I128 = (-(2**127), 2**127 - 1)
MAX_BITS = 2**63 - 1
DATA_KINDS = {"BufferSize", "InvalidValue"}


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
    if tag == "t":
        return bytes.fromhex(rest).decode("utf-8")
    raise ValueError(v)


def literal(value):
    """The literal a user types for `value`, or None when there is none."""
    if isinstance(value, bool) or isinstance(value, (int, bytes, str)):
        text = repr(value)
    elif isinstance(value, float):
        if math.isnan(value):
            # Only the NaN float('nan') gives has a spelling.
            if struct.pack(">d", value) != struct.pack(">d", float("nan")):
                return None
            text = "nan"
        elif math.isinf(value):
            text = "inf" if value > 0 else "-inf"
        else:
            text = repr(value)
    else:
        return None
    back = float(text) if text in ("nan", "inf", "-inf") else eval(text)  # noqa: S307
    if type(back) is not type(value):
        return None
    if isinstance(value, float):
        if struct.pack(">d", back) != struct.pack(">d", value):
            return None
    elif back != value:
        return None
    return text


def kind_of(message):
    # The bitstruct vectors' classification, by the same messages.
    sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "bitstruct"))
    import gen_bits  # noqa: E402 - the one classifier

    return gen_bits.classify(Exception(message))[0]


def error_case(case, exc):
    message = str(exc)
    kind = kind_of(message)
    case["error"] = message
    case["exit"] = 1 if kind in DATA_KINDS else 2
    return case


def python_print(x):
    buf = io.StringIO()
    with redirect_stdout(buf):
        print(x)
    return buf.getvalue()


def within_i128(values):
    return all(not isinstance(v, int) or isinstance(v, bool) or I128[0] <= v <= I128[1]
               for v in values)


def shell_safe(fmt):
    return "\0" not in fmt and not fmt.startswith("-")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    rng = random.Random(SEED)
    with open(VECTORS, encoding="ascii") as f:
        vectors = [json.loads(line) for line in f]
    out = []
    for v in vectors:
        op, fmt = v["op"], v["fmt"]
        if op in ("pack_into", "byteswap") or not shell_safe(fmt):
            continue
        if v.get("size", 0) > MAX_BITS or rng.random() > 0.06:
            continue
        if op == "calcsize":
            case = {"cmd": "calcsize", "fmt": fmt}
            try:
                out.append({**case, "stdout": python_print(bitstruct.calcsize(fmt))})
            except Exception as e:  # noqa: BLE001
                out.append(error_case(case, e))
        elif op == "pack":
            values = [decode(x) for x in v["args"]]
            literals = [literal(x) for x in values]
            if None in literals:
                continue
            case = {"cmd": "pack", "fmt": fmt, "args": literals}
            try:
                packed = bitstruct.pack(fmt, *values)
            except Exception as e:  # noqa: BLE001
                out.append(error_case(case, e))
                continue
            if any(isinstance(x, (float, str, bytes)) and not isinstance(x, bool)
                   for x in values) and any(c in fmt for c in "us"):
                # int() of a float or a literal may be beyond i128 in a long
                # field: the library's vectors check those.
                if any(int(d) >= 127 for d in re.findall(r"\d+", fmt)):
                    continue
            out.append({**case, "stdout_hex": packed.hex()})
        else:
            data = bytes.fromhex(v["buf"])
            off = v.get("off", 0)
            trunc = bool(v.get("trunc"))
            case = {"cmd": "unpack", "fmt": fmt, "data": data.hex(), "offset": off,
                    "truncated": trunc}
            try:
                values = bitstruct.unpack_from(fmt, data, off, allow_truncated=trunc)
            except Exception as e:  # noqa: BLE001
                if any(int(d) >= 128 for d in re.findall(r"\d+", fmt)):
                    continue  # an earlier long field may be beyond i128 first
                out.append(error_case(case, e))
                continue
            if not within_i128(values):
                continue
            out.append({**case, "stdout": python_print(values)})
    with open(a.out, "w", encoding="ascii", newline="\n") as f:
        for case in out:
            f.write(json.dumps(case, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
