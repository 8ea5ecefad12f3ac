#!/usr/bin/env python3
"""Chat client for netpack's tcp_chat_server, with only socket and struct.

    python3 examples/python/chat_client.py --server 127.0.0.1:9900 --name carol

Type a line to send it; `bye` (or the end of input) leaves.

The tutorial's client read with `sock.recv(1024)`, which returns whatever TCP has
delivered so far: half a message, or several glued together. Here every message
is a frame, `struct.pack("!IBQ", len(body), kind, sent_ms) + body`, and
`recv_exact` reads exactly the bytes the header announces.
"""

import argparse
import os
import socket
import struct
import sys
import threading
import time
import unicodedata

HEADER = struct.Struct("!IBQ")  # body length, kind, milliseconds since 1970
HELLO, TEXT, JOIN, LEAVE, ERROR = 1, 2, 3, 4, 5
MAX_TEXT = 4096  # the longest text a client may send; the server refuses more
MAX_NAME = 32
MAX_BODY = MAX_NAME + 2 + MAX_TEXT  # the longest frame: a relayed "name: text"


def recv_exact(sock, n):
    """Exactly n bytes; None if the peer closed before the first; an error if mid-way."""
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            if buf:
                raise ConnectionError(f"truncated message: {len(buf)} of {n} bytes")
            return None
        buf += chunk
    return bytes(buf)


def recv_frame(sock):
    """One whole frame as (kind, sent_ms, text), or None when the server closed."""
    header = recv_exact(sock, HEADER.size)
    if header is None:
        return None
    length, kind, sent_ms = HEADER.unpack(header)
    if length > MAX_BODY:
        raise ConnectionError(f"frame too large: {length} bytes")
    body = recv_exact(sock, length) if length else b""
    if body is None:
        raise ConnectionError("truncated message: no body")
    return kind, sent_ms, body.decode("utf-8")


def send_frame(sock, kind, text):
    body = text.encode("utf-8")
    if kind == TEXT and len(body) > MAX_TEXT:
        raise ValueError(f"message too long: {len(body)} bytes, at most {MAX_TEXT}")
    # One sendall per frame: the header and body leave together.
    sock.sendall(HEADER.pack(len(body), kind, int(time.time() * 1000)) + body)


HIDDEN = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
          0x2066, 0x2067, 0x2068, 0x2069}


def printable(text):
    """Control characters escaped: a peer's raw "\n" or "\x1b[2K" could fake a
    line from someone else or erase the screen."""
    return "".join(
        repr(c)[1:-1] if unicodedata.category(c) == "Cc" or ord(c) in HIDDEN else c
        for c in text
    )


def show(kind, text):
    text = printable(text)
    line = {TEXT: "{}", JOIN: "* {} joined", LEAVE: "* {} left", ERROR: "! server: {}"}.get(kind)
    if line is None:
        return
    try:
        print(line.format(text), flush=True)
    except BrokenPipeError:
        os._exit(0)  # the reader of our output has gone (`| head -1`): end quietly


def receive_loop(sock):
    try:
        while True:
            frame = recv_frame(sock)
            if frame is None:
                break
            kind, _sent_ms, text = frame
            show(kind, text)
    except (ConnectionError, OSError, UnicodeDecodeError) as e:
        print(f"connection broken: {e}", file=sys.stderr, flush=True)


def send_lines(sock):
    """Sends each typed line until `bye` or the end of input, then closes our
    sending side: the server answers by closing the connection."""
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line == "bye":
            break
        try:
            send_frame(sock, TEXT, line)
        except ValueError as e:
            print(f"not sent: {e}", file=sys.stderr, flush=True)
        except OSError:
            break
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="127.0.0.1:9900", help="HOST:PORT (default 127.0.0.1:9900)")
    parser.add_argument("--name", required=True, help="your nickname, 1 to 32 bytes")
    args = parser.parse_args()
    host, _, port = args.server.rpartition(":")

    sock = socket.create_connection((host, int(port)))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    send_frame(sock, HELLO, args.name)
    # A daemon thread: when the server closes the connection, the program ends
    # even while it waits for a line.
    threading.Thread(target=send_lines, args=(sock,), daemon=True).start()
    receive_loop(sock)
    sock.close()


if __name__ == "__main__":
    main()
