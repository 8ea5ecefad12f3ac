#!/usr/bin/env python3
"""The WAVE vectors of the `wav_info` example, and benchmark W9's file.

    python3 examples/python/gen_wav.py > examples/tests/data/wav.txt
    python3 examples/python/gen_wav.py --bench benches/data/w9.wav > benches/data/w9.txt

Seeded; only the standard library. Two kinds of file:

- written by Python's `wave` module (RIFF, PCM, 8 to 32 bits) and read back
  with it: what `wave.open(f).getnchannels()`, `getframerate()`,
  `getsampwidth()`, `getnframes()` and `readframes(4)` say is the expected
  output;
- written with `struct` for what `wave` does not write or read in 3.11:
  RIFX (big-endian), unknown chunks of odd size with their pad byte, `LIST`
  and `fact` chunks, WAVE_FORMAT_EXTENSIBLE, IEEE float; the expected values
  are the ones packed, read back with `struct` to check them.

Each case is a block of `key value` lines:

    wav LABEL
    hex HEX                   the file
    order little|big
    format N                  the format tag (the sub-format's for EXTENSIBLE)
    channels N
    rate N
    bits N                    bits per sample (the container's)
    frames N
    chunks ID:SIZE ...        every chunk, in order (ID with its spaces as _)
    samples V ...             the first 4 frames, channel by channel
    end

    error LABEL               a file the example must refuse
    hex HEX
    end
"""

import argparse
import io
import random
import struct
import sys
import wave
import zlib

SEED = 18
PCM, FLOAT, EXTENSIBLE = 1, 3, 0xFFFE
# KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: the format tag, then a fixed GUID tail.
GUID_TAIL = b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"


def sample_bytes(value, width, order):
    """One sample as WAVE stores it: 8 bits unsigned, wider ones signed."""
    if width == 1:
        return struct.pack("B", value)
    return value.to_bytes(width, "little" if order == "<" else "big", signed=True)


def read_sample(data, width, order):
    if width == 1:
        return data[0]
    return int.from_bytes(data, "little" if order == "<" else "big", signed=True)


def samples(rng, width, count):
    if width == 1:
        return [rng.randrange(256) for _ in range(count)]
    lim = 1 << (8 * width - 1)
    return [rng.choice([-lim, lim - 1, 0, rng.randrange(-lim, lim)]) for _ in range(count)]


def with_wave(rng, channels, width, rate, frames):
    """A file from the wave module, and what the wave module reads from it."""
    values = samples(rng, width, channels * frames)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(b"".join(sample_bytes(v, width, "<") for v in values))
    data = buf.getvalue()
    with wave.open(io.BytesIO(data), "rb") as r:
        first = r.readframes(4)
        got = dict(order="little", format=PCM, channels=r.getnchannels(), rate=r.getframerate(),
                   bits=8 * r.getsampwidth(), frames=r.getnframes(),
                   samples=[read_sample(first[i:i + width], width, "<") for i in range(0, len(first), width)])
    assert got["samples"] == values[:4 * channels]
    size = channels * width * frames
    got["chunks"] = [("fmt ", 16), ("data", size)]
    return data, got


def chunk(order, cid, body):
    pad = b"\x00" if len(body) % 2 else b""
    return struct.pack(order + "4sI", cid, len(body)) + body + pad


def by_hand(rng, order, channels, width, rate, frames, fmt_kind="plain", extra=(), float_=False, valid=None):
    """A file written with struct: RIFF or RIFX, any chunks around fmt and data."""
    block = channels * width
    if float_:
        values = [rng.randrange(-64, 64) / 8 for _ in range(channels * frames)]
        code = "f" if width == 4 else "d"
        data = b"".join(struct.pack(order + code, v) for v in values)
    else:
        values = samples(rng, width, channels * frames)
        data = b"".join(sample_bytes(v, width, order) for v in values)
    tag = FLOAT if float_ else PCM
    fmt = struct.pack(order + "HHIIHH", EXTENSIBLE if fmt_kind == "extensible" else tag,
                      channels, rate, rate * block, block, 8 * width)
    if fmt_kind == "cb0":
        fmt += struct.pack(order + "H", 0)
    elif fmt_kind == "extensible":
        fmt += struct.pack(order + "HHI", 22, valid or 8 * width, (1 << channels) - 1)
        fmt += struct.pack("<H", tag) + GUID_TAIL
    chunks = []
    for cid, body in extra:
        if cid == "@fmt":
            chunks.append((b"fmt ", fmt))
        elif cid == "@data":
            chunks.append((b"data", data))
        else:
            chunks.append((cid, body))
    if not any(c == b"fmt " for c, _ in chunks):
        chunks = [(b"fmt ", fmt)] + chunks + [(b"data", data)]
    body = b"WAVE" + b"".join(chunk(order, c, b) for c, b in chunks)
    file = struct.pack(order + "4sI", b"RIFF" if order == "<" else b"RIFX", len(body)) + body
    # Read back with struct, as a Python programmer would.
    magic, size, form = struct.unpack_from(order + "4sI4s", file)
    assert form == b"WAVE" and size == len(file) - 8
    got = dict(order="little" if order == "<" else "big", format=tag, channels=channels, rate=rate,
               bits=8 * width, frames=len(data) // block, chunks=[(c.decode("latin-1"), len(b)) for c, b in chunks])
    if float_:
        got["samples"] = list(struct.unpack_from(order + code * min(len(values), 4 * channels), data))
    else:
        got["samples"] = [read_sample(data[i:i + width], width, order)
                          for i in range(0, min(len(data), 4 * block), width)]
    return file, got


def emit(out, label, data, got):
    print("wav %s" % label, file=out)
    print("hex %s" % data.hex(), file=out)
    for key in ("order", "format", "channels", "rate", "bits", "frames"):
        print("%s %s" % (key, got[key]), file=out)
    print("chunks %s" % " ".join("%s:%d" % (c.replace(" ", "_"), n) for c, n in got["chunks"]), file=out)
    print("samples %s" % " ".join(repr(v) for v in got["samples"]), file=out)
    print("end", file=out)


def vectors(out):
    rng = random.Random(SEED)
    print("# Made by examples/python/gen_wav.py (seed %d); do not edit." % SEED, file=out)
    for channels, width, rate, frames in [(1, 1, 8000, 11), (2, 2, 44100, 50), (1, 3, 48000, 7),
                                          (4, 4, 96000, 5), (2, 2, 22050, 0), (6, 2, 48000, 3)]:
        data, got = with_wave(rng, channels, width, rate, frames)
        emit(out, "wave module %dch %d-bit %d Hz %d frames" % (channels, 8 * width, rate, frames), data, got)
    info = chunk("<", b"INAM", b"netpack\x00") + chunk("<", b"ISFT", b"gen_wav.py\x00")
    cases = [
        ("RIFX 16-bit stereo", ">", 2, 2, 44100, 9, "plain", (), False, None),
        ("RIFX 24-bit mono, odd data", ">", 1, 3, 8000, 5, "plain", (), False, None),
        ("RIFF odd unknown chunks with pad bytes", "<", 1, 1, 8000, 9, "plain",
         ((b"odd ", b"abc"), ("@fmt", None), (b"junk", b"x"), ("@data", None), (b"tail", b"12345")), False, None),
        ("RIFF LIST and fact chunks", "<", 2, 2, 16000, 6, "cb0",
         ((b"LIST", b"INFO" + info), ("@fmt", None), (b"fact", struct.pack("<I", 6)), ("@data", None)), False, None),
        ("RIFF EXTENSIBLE 24-bit, 20 valid bits", "<", 2, 3, 96000, 4, "extensible", (), False, 20),
        ("RIFX EXTENSIBLE 16-bit 3ch", ">", 3, 2, 32000, 4, "extensible", (), False, None),
        ("RIFF float 32-bit", "<", 2, 4, 48000, 5, "plain",
         (("@fmt", None), (b"fact", struct.pack("<I", 5)), ("@data", None)), True, None),
        ("RIFF EXTENSIBLE float 64-bit", "<", 1, 8, 44100, 3, "extensible", (), True, None),
        ("RIFX float 32-bit", ">", 1, 4, 8000, 4, "cb0", (), True, None),
    ]
    good = {}
    for label, order, ch, width, rate, frames, kind, extra, float_, valid in cases:
        data, got = by_hand(rng, order, ch, width, rate, frames, kind, extra, float_, valid)
        good[label] = data
        emit(out, label, data, got)

    base = good["RIFX 16-bit stereo"]
    riff = good["RIFF odd unknown chunks with pad bytes"]
    errors = [
        ("not RIFF", b"RIFZ" + base[4:]),
        ("not WAVE", base[:8] + b"AVI " + base[12:]),
        ("empty", b""),
        ("header only", base[:12]),
        ("RIFF size past the end", base[:4] + struct.pack(">I", len(base)) + base[8:]),
        ("chunk size past the end", riff[:12] + struct.pack("<4sI", b"odd ", 1000) + riff[20:]),
        ("fmt chunk of 14 bytes", struct.pack("<4sI4s", b"RIFF", 4 + 8 + 14 + 8, b"WAVE")
         + chunk("<", b"fmt ", struct.pack("<HHIIH", 1, 1, 8000, 8000, 1)) + chunk("<", b"data", b"")),
        ("no fmt chunk", struct.pack("<4sI4s", b"RIFF", 4 + 8 + 2, b"WAVE") + chunk("<", b"data", b"\x01\x02")),
        ("data before fmt", struct.pack("<4sI4s", b"RIFF", 4 + 10 + 24, b"WAVE") + chunk("<", b"data", b"\x01\x02")
         + chunk("<", b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 8000, 1, 8))),
        ("no data chunk", struct.pack("<4sI4s", b"RIFF", 4 + 24, b"WAVE")
         + chunk("<", b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 8000, 1, 8))),
        ("zero channels", struct.pack("<4sI4s", b"RIFF", 4 + 24 + 8, b"WAVE")
         + chunk("<", b"fmt ", struct.pack("<HHIIHH", 1, 0, 8000, 8000, 1, 8)) + chunk("<", b"data", b"")),
        ("block align not channels times bytes", struct.pack("<4sI4s", b"RIFF", 4 + 24 + 8, b"WAVE")
         + chunk("<", b"fmt ", struct.pack("<HHIIHH", 1, 2, 8000, 8000, 3, 16)) + chunk("<", b"data", b"")),
        ("EXTENSIBLE with cbSize 0", struct.pack("<4sI4s", b"RIFF", 4 + 26 + 8, b"WAVE")
         + chunk("<", b"fmt ", struct.pack("<HHIIHHH", EXTENSIBLE, 1, 8000, 16000, 2, 16, 0)) + chunk("<", b"data", b"")),
    ]
    for label, data in errors:
        print("error %s\nhex %s\nend" % (label, data.hex()), file=out)


def bench(path, out):
    """W9: a RIFF file of many chunks, as a long recording with markers has:
    fmt, then 2,000 `LIST`/`cue `/`junk` chunks of 1 to 64 bytes (odd sizes
    padded) around 500 `data`-sized `wavl`-style sample chunks, and a data
    chunk. What a walk over its chunks must find is printed: the number of
    chunks, the sum of their sizes and a CRC-32 of their ids and sizes."""
    rng = random.Random(SEED + 9)
    chunks = [(b"fmt ", struct.pack("<HHIIHH", PCM, 2, 48000, 192000, 4, 16))]
    for i in range(2500):
        cid = rng.choice([b"LIST", b"cue ", b"junk", b"smpl", b"note"])
        n = rng.randrange(1, 65) if i % 5 else rng.randrange(256, 4096)
        chunks.append((cid, bytes(rng.randrange(256) for _ in range(n))))
    chunks.append((b"data", bytes(rng.randrange(256) for _ in range(4 * 4096))))
    body = b"WAVE" + b"".join(chunk("<", c, b) for c, b in chunks)
    data = struct.pack("<4sI", b"RIFF", len(body)) + body
    with open(path, "wb") as f:
        f.write(data)
    # The walk, in Python: struct.unpack_from("<4sI") per chunk, the body sliced.
    off, walked = 12, []
    while off < len(data):
        cid, size = struct.unpack_from("<4sI", data, off)
        body = data[off + 8:off + 8 + size]
        walked.append((cid, size, sum(body) & 0xFFFFFFFF))
        off += 8 + size + (size & 1)
    assert [(c, len(b)) for c, b in chunks] == [(c, s) for c, s, _ in walked]
    summary = b"".join(struct.pack("<4sII", c, s, t) for c, s, t in walked)
    print("# Made by examples/python/gen_wav.py --bench (seed %d); do not edit." % (SEED + 9), file=out)
    print("bytes %d" % len(data), file=out)
    print("crc32 %#010x" % zlib.crc32(data), file=out)
    print("chunks %d" % len(walked), file=out)
    print("walk_crc32 %#010x" % zlib.crc32(summary), file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", metavar="PATH", help="write W9's file to PATH instead")
    a = ap.parse_args()
    if a.bench:
        bench(a.bench, sys.stdout)
    else:
        vectors(sys.stdout)


if __name__ == "__main__":
    main()
