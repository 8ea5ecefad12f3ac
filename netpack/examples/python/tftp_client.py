#!/usr/bin/env python3
"""TFTP-style client for netpack's tftp_request server, with only socket and struct.

    python3 netpack/examples/python/tftp_client.py --server 127.0.0.1:6969 test.jpg out.jpg

The request is the tutorial's `struct.pack("!H8sb", 1, b"test.jpg", 2)`. The
server answers from a new port with data packets, `struct.pack("!HH", 3, block)`
followed by up to 512 bytes; each is acknowledged with `struct.pack("!HH", 4,
block)`, and a block shorter than 512 bytes is the last. A lost packet is sent
again after a timeout; after a few tries, or on a garbled packet, the client
stops with an error instead of waiting forever.
"""

import argparse
import socket
import struct
import sys

REQUEST = struct.Struct("!H8sb")  # opcode 1, file name (NUL-padded), mode 2
HEAD = struct.Struct("!HH")  # opcode, block number or error code
RRQ, DATA, ACK, ERROR = 1, 3, 4, 5
OCTET = 2
BLOCK = 512


class TransferError(Exception):
    pass


def fetch(server, name, out, timeout=1.0, tries=5):
    """Writes the file `name` from `server` (host, port) to `out`; returns its size."""
    raw = name.encode("utf-8")
    if not 1 <= len(raw) <= 8 or b"\0" in raw:
        raise TransferError(f"{name!r}: a request carries 1 to 8 bytes, no NUL")
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(timeout)
    try:
        last, last_to = REQUEST.pack(RRQ, raw, OCTET), server
        sock.sendto(last, last_to)
        peer, expected, received, sent = None, 1, 0, 1
        while True:
            try:
                # Larger than any valid packet, so an oversized one shows as such.
                datagram, addr = sock.recvfrom(2048)
            except socket.timeout:
                if sent >= tries:
                    raise TransferError(f"timed out waiting for block {expected} after {sent} tries")
                sent += 1
                sock.sendto(last, last_to)
                continue
            if peer is not None and addr != peer:
                continue  # not our transfer
            if peer is None and addr[0] != server[0]:
                continue
            if len(datagram) < HEAD.size:
                raise TransferError(f"garbled packet: {len(datagram)} bytes")
            opcode, number = HEAD.unpack_from(datagram)
            if opcode == ERROR:
                message = datagram[HEAD.size:].rstrip(b"\0").decode("utf-8", "replace")
                raise TransferError(f"error {number}: {message}")
            if opcode != DATA or len(datagram) - HEAD.size > BLOCK:
                sock.sendto(HEAD.pack(ERROR, 4) + b"illegal operation\0", addr)
                raise TransferError(f"garbled packet: opcode {opcode}, {len(datagram)} bytes")
            if number == expected:
                peer = addr
                data = datagram[HEAD.size:]
                out.write(data)
                received += len(data)
                last, last_to = HEAD.pack(ACK, number), addr
                sock.sendto(last, last_to)
                if len(data) < BLOCK:
                    return received
                expected = (expected + 1) % 65536
                sent = 1
            elif peer is not None and (number + 1) % 65536 == expected:
                sock.sendto(last, last_to)  # our ACK was lost: acknowledge again
            else:
                raise TransferError(f"garbled packet: block {number}, expected {expected}")
    finally:
        sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="127.0.0.1:6969", help="HOST:PORT (default 127.0.0.1:6969)")
    parser.add_argument("--timeout", type=float, default=1.0, help="seconds to wait per packet")
    parser.add_argument("name", help="the file to fetch, at most 8 bytes")
    parser.add_argument("out", help="where to write it")
    args = parser.parse_args()
    host, _, port = args.server.rpartition(":")
    try:
        with open(args.out, "wb") as out:
            size = fetch((host, int(port)), args.name, out, args.timeout)
    except TransferError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
    print(f"received {args.name}: {size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
