#!/usr/bin/env python3
"""TFTP (RFC 1350) client for netpack's tftp example server, with only socket and struct.

    python3 examples/python/tftp_client.py --server 127.0.0.1:6969 get test.jpg out.jpg
    python3 examples/python/tftp_client.py --server 127.0.0.1:6969 put out.jpg upload.jpg

A request is `struct.pack("!H", 1 or 2) + filename + b"\\0" + b"octet\\0"`. The
server answers from a new port (the transfer's ID). A file travels in DATA
packets, `struct.pack("!HH", 3, block) + data`, each acknowledged with
`struct.pack("!HH", 4, block)`; a block shorter than 512 bytes is the last.
An ERROR is `struct.pack("!HH", 5, code) + message + b"\\0"` and is never
answered. A lost packet is sent again after a timeout; after a few tries, or on
a garbled packet from the transfer's peer, the client stops with an error.
"""

import argparse
import os
import socket
import struct
import sys

OPCODE = struct.Struct("!H")
HEAD = struct.Struct("!HH")  # opcode, then block number or error code
RRQ, WRQ, DATA, ACK, ERROR = 1, 2, 3, 4, 5
ILLEGAL_OPERATION = 4
BLOCK = 512


class TransferError(Exception):
    pass


def request(opcode, name):
    raw = name.encode("utf-8")
    if not 1 <= len(raw) <= 255 or b"\0" in raw:
        raise TransferError(f"{name!r}: a file name is 1 to 255 bytes, no NUL")
    return OPCODE.pack(opcode) + raw + b"\0" + b"octet\0"


def parse(datagram):
    """(opcode, number, rest) of a DATA, ACK or ERROR; None for anything else."""
    if len(datagram) < HEAD.size:
        return None
    opcode, number = HEAD.unpack_from(datagram)
    rest = datagram[HEAD.size:]
    if opcode == DATA and len(rest) <= BLOCK:
        return opcode, number, rest
    if opcode == ACK and not rest:
        return opcode, number, rest
    if opcode == ERROR and rest.endswith(b"\0"):
        return opcode, number, rest[:-1]
    return None


class Link:
    """The socket of one transfer and its peer, learnt from the first answer."""

    def __init__(self, server, timeout, tries):
        self.server = server
        self.peer = None
        self.tries = tries
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.settimeout(timeout)

    def exchange(self, packet, to, judge, waiting_for):
        """Sends packet to `to` until judge(opcode, number, rest) returns something
        other than None ("keep waiting") or "resend"; returns (that, sender)."""
        for _ in range(self.tries):
            self.sock.sendto(packet, to)
            while True:
                try:
                    datagram, addr = self.sock.recvfrom(2048)
                except socket.timeout:
                    break
                locked = addr == self.peer
                # A stranger gets no answer: its address may be forged.
                if not locked and (self.peer is not None or addr[0] != self.server[0]):
                    continue
                parsed = parse(datagram)
                if parsed is not None and parsed[0] == ERROR:
                    message = parsed[2].decode("utf-8", "replace")
                    raise TransferError(f"error {parsed[1]}: {message}")  # never answered
                verdict = judge(*parsed) if parsed is not None else "wrong"
                if verdict is None:
                    continue
                if verdict == "resend":
                    self.sock.sendto(packet, to)
                    continue
                if verdict == "wrong":
                    if not locked:
                        continue  # not our transfer yet
                    self.sock.sendto(HEAD.pack(ERROR, ILLEGAL_OPERATION) + b"illegal operation\0", addr)
                    raise TransferError(f"garbled packet from {addr}")
                return verdict, addr
        raise TransferError(f"timed out waiting for block {waiting_for} after {self.tries} tries")


def get(server, name, out, timeout=1.0, tries=5):
    """Writes the file `name` from `server` (host, port) to `out`; returns its size."""
    link = Link(server, timeout, tries)
    try:
        last, to = request(RRQ, name), server
        expected, received = 1, 0
        while True:
            def judge(opcode, number, rest):
                if opcode == DATA and number == expected:
                    return (rest,)
                if opcode == DATA and (number + 1) % 65536 == expected:
                    return "resend"  # our ACK was lost: acknowledge again
                return "wrong"

            (data,), to = link.exchange(last, to, judge, expected)
            link.peer = to
            out.write(data)
            received += len(data)
            last = HEAD.pack(ACK, expected)
            if len(data) < BLOCK:
                link.sock.sendto(last, to)
                return received
            expected = (expected + 1) % 65536
    finally:
        link.sock.close()


def put(server, name, data_in, timeout=1.0, tries=5):
    """Sends the file object `data_in` to `server` as `name`; returns its size."""
    link = Link(server, timeout, tries)
    try:
        def acked(block):
            def judge(opcode, number, rest):
                if opcode == ACK and number == block:
                    return True
                if opcode == ACK:
                    return None  # a late duplicate: answering it would double every packet
                return "wrong"
            return judge

        _, peer = link.exchange(request(WRQ, name), server, acked(0), 0)
        link.peer = peer
        block, sent = 1, 0
        while True:
            data = data_in.read(BLOCK)
            link.exchange(HEAD.pack(DATA, block) + data, peer, acked(block), block)
            sent += len(data)
            if len(data) < BLOCK:
                return sent
            block = (block + 1) % 65536
    finally:
        link.sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="127.0.0.1:6969", help="HOST:PORT (default 127.0.0.1:6969)")
    parser.add_argument("--timeout", type=float, default=1.0, help="seconds to wait per packet")
    parser.add_argument("command", choices=["get", "put"])
    parser.add_argument("name", help="get: the file on the server; put: the local file")
    parser.add_argument("other", help="get: where to write it; put: its name on the server")
    args = parser.parse_args()
    host, _, port = args.server.rpartition(":")
    server = (host, int(port))
    created = False
    try:
        if args.command == "get":
            with open(args.other, "wb") as out:
                created = True
                size = get(server, args.name, out, args.timeout)
        else:
            with open(args.name, "rb") as data_in:
                size = put(server, args.other, data_in, args.timeout)
    except (TransferError, OSError) as e:
        if created:
            os.remove(args.other)  # not half a file under the name
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
    print(f"{args.command} {args.name}: {size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
