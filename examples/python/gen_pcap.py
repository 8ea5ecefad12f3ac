#!/usr/bin/env python3
"""The capture vectors of the `pcap_dump` example, printed by real tcpdump.

    python3 examples/python/gen_pcap.py > examples/tests/data/pcap.txt

Seeded; the standard library and `tcpdump` (4.99, `apt-get install -y
tcpdump`). Every capture is written with `struct` (both byte orders,
microsecond and nanosecond magic, link types 1, 0, 113 and 276): IPv4 with and
without options, UDP, TCP handshakes and teardowns with options and many flag
combinations, a fragmented datagram, ICMP echo, ARP, IPv6, packets cut by the
capture inside each header, a bad IPv4 header checksum, garbage; and 400
copies of those packets with a few header bytes changed at random. The expected
lines are what `TZ=UTC tcpdump -nn -tt -r FILE` prints for the file, word for
word: nothing here says what a line looks like.

Each capture is a block of `key value` lines:

    pcap LABEL
    hex HEX          the whole file
    line TEXT        one line of tcpdump's output, in order
    nano TEXT        one line of `tcpdump --nano -nn -tt -r FILE`
    end

With `--write DIR` the files are also written there as LABEL.pcap.
"""

import argparse
import os
import random
import struct
import subprocess
import sys
import tempfile

SEED = 17
rng = random.Random(SEED)


def internet_checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, options=b"", ident=1, flags_frag=0x4000, ttl=64,
         bad_checksum=False, total=None):
    ihl = 5 + len(options) // 4
    length = ihl * 4 + len(payload) if total is None else total
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, length, ident, flags_frag, ttl, proto, 0,
                    bytes(src), bytes(dst)) + options
    c = internet_checksum(h)
    if bad_checksum:
        c ^= 0x1234
    return h[:10] + struct.pack("!H", c) + h[12:] + payload


def ipv6(src, dst, nh, payload):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, 64, bytes(src), bytes(dst)) + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128


def tcp(sport, dport, seq, ack, flags, win, options=b"", payload=b"", urg=0):
    off = 5 + len(options) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags, win, 0, urg) \
        + options + payload


def syn_options(ts_val, ts_ecr):
    # mss 65495, sackOK, TS, nop, wscale 7: what Linux sends.
    return (struct.pack("!BBH", 2, 4, 65495) + b"\x04\x02" + struct.pack("!BBII", 8, 10, ts_val, ts_ecr)
            + b"\x01" + struct.pack("!BBB", 3, 3, 7))


def ts_options(val, ecr):
    return b"\x01\x01" + struct.pack("!BBII", 8, 10, val, ecr)


def eth(payload, ethertype=0x0800, src=b"\x02\0\0\0\0\x01", dst=b"\x02\0\0\0\0\x02"):
    return dst + src + struct.pack("!H", ethertype) + payload


A = [10, 0, 0, 1]
B = [10, 0, 0, 2]
LO = [127, 0, 0, 1]
A6 = [0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [1]
B6 = [0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [2]


def ip_packets():
    """(packet from the IP header on, bytes cut off by the capture) pairs."""
    out = []
    # UDP, both ways.
    out.append(ipv4(LO, LO, 17, udp(48725, 45999, b"hi")))
    out.append(ipv4(A, B, 17, udp(40001, 33333, bytes(rng.randrange(256) for _ in range(100)))))
    # A TCP connection: handshake, data both ways, SACK, FIN, RST.
    c, s = rng.randrange(1 << 32), rng.randrange(1 << 32)
    cp, sp = 40000, 5555
    out.append(ipv4(LO, LO, 6, tcp(cp, sp, c, 0, SYN, 65495, syn_options(1, 0))))
    out.append(ipv4(LO, LO, 6, tcp(sp, cp, s, c + 1, SYN | ACK, 65483, syn_options(2, 1))))
    out.append(ipv4(LO, LO, 6, tcp(cp, sp, c + 1, s + 1, ACK, 512, ts_options(3, 2))))
    out.append(ipv4(LO, LO, 6, tcp(cp, sp, c + 1, s + 1, PSH | ACK, 512, ts_options(4, 2), b"hello")))
    out.append(ipv4(LO, LO, 6, tcp(sp, cp, s + 1, c + 6, ACK, 512, ts_options(5, 4))))
    sack = b"\x01\x01" + struct.pack("!BBIIII", 5, 18, s + 100, s + 200, s + 300, s + 400)
    out.append(ipv4(LO, LO, 6, tcp(cp, sp, c + 6, s + 1, ACK, 512, sack)))
    out.append(ipv4(LO, LO, 6, tcp(sp, cp, s + 1, c + 6, PSH | ACK | URG, 512, b"", b"urgent!", urg=3)))
    out.append(ipv4(LO, LO, 6, tcp(cp, sp, c + 6, s + 8, FIN | ACK, 512)))
    out.append(ipv4(LO, LO, 6, tcp(sp, cp, s + 8, c + 7, FIN | ACK | ECE | CWR, 512)))
    out.append(ipv4(LO, LO, 6, tcp(cp, sp, c + 7, 0, RST, 0)))
    # Flag combinations without a connection (no ACK: absolute numbers).
    out.append(ipv4(A, B, 6, tcp(1025, 40000, 7, 0, 0, 1000)))
    out.append(ipv4(A, B, 6, tcp(1026, 40000, 8, 0, SYN | ECE | CWR, 1000)))
    out.append(ipv4(A, B, 6, tcp(1027, 40000, 9, 0, FIN | PSH | URG, 1000, urg=1)))
    out.append(ipv4(A, B, 6, tcp(1028, 40000, 10, 5, RST | ACK, 0)))
    # Unknown and odd options, an end-of-options list.
    out.append(ipv4(A, B, 6, tcp(1029, 40000, 11, 0, SYN, 1000,
                                 b"\x63\x06\xab\xcd\xef\x01" + b"\x01\x00")))
    # Every option tcpdump decodes (but mptcp), well and badly formed.
    for opts in [b"\x13\x12" + bytes(range(16)) + b"\x01\x01", b"\x1d\x06\x01\x02\xab\xcd\0\0",
                 b"\x1d\x04\x01\x02", b"\x1d\x02\x00\x00", b"\x22\x02\x00\x00", b"\x22\x0a" + bytes(8) + b"\0\0",
                 b"\x22\x06abcd", b"\x22\x05abc\0\0\0", b"\xfe\x04\xf9\x89", b"\xfe\x06\x12\x34\0\0\0\0",
                 b"\xfe\x08\xf9\x89abcd\0\0\0\0", b"\xfe\x02\0\0", b"\x1c\x04\x01\x2d", b"\x1c\x04\x01\x2c",
                 b"\x06\x06abcd\0\0", b"\x07\x06abcd\0\0", b"\x0b\x06abcd\0\0", b"\x14\x04\x01\x02",
                 b"\x05\x0a" + bytes(8) + b"\0\0", b"\x05\x0b" + bytes(9) + b"\0", b"\x02\x05abc\0\0\0",
                 b"\x08\x0a" + bytes(8) + b"\x03\x03\x0e\x00", b"\x02\x01\0\0", b"\x02\x09\0\0"]:
        out.append(ipv4(A, B, 6, tcp(1034, 40000, 13, 0, SYN, 1000, opts)))
    # IPv4 options (router alert, then a NOP and EOL), over UDP and TCP.
    out.append(ipv4(A, B, 17, udp(40002, 33334, b"options"), options=b"\x94\x04\x00\x00"))
    out.append(ipv4(A, B, 6, tcp(1030, 40000, 12, 0, SYN, 1000), options=b"\x01\x01\x01\x00" * 2))
    # A fragmented UDP datagram: the first part with the UDP header, then the rest.
    whole = udp(40003, 33335, bytes(range(40)))
    out.append(ipv4(A, B, 17, whole[:24], ident=777, flags_frag=0x2000))
    out.append(ipv4(A, B, 17, whole[24:], ident=777, flags_frag=3))
    # A bad IPv4 header checksum (non-verbose tcpdump says nothing about it).
    out.append(ipv4(A, B, 17, udp(40004, 33336, b"bad sum"), bad_checksum=True))
    # ICMP echo request and reply, and an unknown protocol.
    echo = struct.pack("!BBHHH", 8, 0, 0, 0x1234, 1) + b"ping" * 4
    out.append(ipv4(A, B, 1, echo))
    out.append(ipv4(B, A, 1, b"\0" + echo[1:]))
    out.append(ipv4(A, B, 253, b"experimental"))
    # A UDP length that lies, and a total length longer than the packet.
    out.append(ipv4(A, B, 17, struct.pack("!HHHH", 40005, 33337, 200, 0) + b"short"))
    out.append(ipv4(A, B, 17, udp(40006, 33338, b"x"), total=100))
    out.append(ipv4(A, B, 17, udp(40006, 33338, b"x"), total=10))
    out.append(ipv4(A, B, 17, udp(40006, 33338, b"x") + b"\0" * 20, total=29))
    # A TCP header length under 20, and one past the packet.
    out.append(ipv4(A, B, 6, struct.pack("!HHIIBBHHH", 1031, 40000, 1, 0, 4 << 4, SYN, 9, 0, 0)))
    out.append(ipv4(A, B, 6, struct.pack("!HHIIBBHHH", 1032, 40000, 1, 0, 15 << 4, SYN, 9, 0, 0)))
    # Not version 4, an IHL under 5.
    out.append(b"\x55" + ipv4(A, B, 17, udp(1, 2, b""))[1:])
    out.append(b"\x44" + ipv4(A, B, 17, udp(1, 2, b""))[1:])
    return [(p, 0) for p in out]


def cut_packets():
    """Packets the capture cut (incl_len < orig_len), from the IP header on."""
    t = ipv4(A, B, 6, tcp(1033, 40000, 5, 0, SYN, 1000, syn_options(1, 0)))
    u = ipv4(A, B, 17, udp(40007, 33339, b"0123456789"))
    return [(t, len(t) - n) for n in (10, 30, 44, 55)] + [(u, len(u) - n) for n in (4, 14, 34)]


def ethernet_capture():
    ip = ip_packets() + cut_packets()
    packets = [eth(p)[: 14 + keep] if keep else eth(p) for p, keep in ip]
    origs = [len(eth(p)) for p, _ in ip]
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, b"\x02\0\0\0\0\x01", bytes(A),
                      b"\0" * 6, bytes(B))
    reply = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, b"\x02\0\0\0\0\x02", bytes(B),
                        b"\x02\0\0\0\0\x01", bytes(A))
    extra = [
        eth(arp, 0x0806, dst=b"\xff" * 6),
        eth(reply, 0x0806),
        eth(ipv6(A6, B6, 17, udp(40008, 33340, b"six"))),
        eth(ipv6(A6, B6, 17, udp(40008, 33340, b"six")), 0x86DD),
        eth(ipv6(B6, A6, 6, tcp(5555, 40009, 1, 0, SYN, 2000)), 0x86DD),
        # IPv6 extension headers, fragments and ICMPv6 echo.
        eth(ipv6(A6, B6, 0, bytes([17, 0, 1, 4, 0, 0, 0, 0]) + udp(40008, 33340, b"six")), 0x86DD),
        eth(ipv6(A6, B6, 0, bytes([60, 0, 5, 2, 0, 0, 1, 0]) + bytes([6, 0, 1, 4, 0, 0, 0, 0])
                 + tcp(40009, 5555, 1, 0, SYN, 2000)), 0x86DD),
        eth(ipv6(A6, B6, 44, struct.pack("!BBHI", 17, 0, 0x0001, 0x1234) + udp(40008, 33340, b"six")), 0x86DD),
        eth(ipv6(A6, B6, 44, struct.pack("!BBHI", 17, 0, 0x0008, 0x1234) + b"rest"), 0x86DD),
        eth(ipv6(A6, B6, 58, struct.pack("!BBHHH", 128, 0, 0, 7, 9) + b"ping"), 0x86DD),
        eth(ipv6(A6, B6, 58, struct.pack("!BBHHH", 129, 0, 0, 7, 9) + b"ping"), 0x86DD),
        eth(ipv6(A6, B6, 59, b""), 0x86DD),
        eth(ipv6(A6, B6, 253, b"exp"), 0x86DD),
        eth(ipv6(A6, B6, 0, bytes([17, 3, 0, 0])), 0x86DD),
        # ICMP types tcpdump names alone, and no next header over IPv4.
        eth(ipv4(A, B, 1, struct.pack("!BBHI", 4, 0, 0, 0) + bytes(28))),
        eth(ipv4(A, B, 1, struct.pack("!BBHI", 10, 0, 0, 0))),
        eth(ipv4(A, B, 1, struct.pack("!BBHI", 200, 3, 0, 0))),
        eth(ipv4(A, B, 59, b"")),
        eth(b"\0" * 30, 0x88B5),
        # VLAN tags (printed by tcpdump only with -e), stacked, cut, unknown inside.
        eth(struct.pack("!HH", 0xA064, 0x0800) + ipv4(A, B, 17, udp(40010, 33341, b"vlan")), 0x8100),
        eth(struct.pack("!HHHH", 0x0064, 0x8100, 0x00C8, 0x86DD) + ipv6(A6, B6, 17, udp(40011, 33342, b"q")), 0x88A8),
        eth(struct.pack("!HH", 7, 0x88B5) + b"\1" * 10, 0x8100),
        eth(b"\0\x05", 0x8100),
        b"\x02\0\0\0\0\x02\x02\0",
    ]
    return list(zip(packets, origs)) + [(p, len(p)) for p in extra]


def damaged(packets, n):
    """`n` copies of IPv4 and IPv6 packets of `packets` with one to three bytes
    of their IP and transport headers changed, a fifth of them also cut by the
    capture. Left alone: the ethertype, the IP protocol (or next header) and
    the ports, which choose tcpdump's printers for other protocols."""
    # (Not the IPv6 packets with extension headers, whose damaged forms
    # tcpdump prints in ways pcap_dump does not follow: jumbo payloads, …)
    ip = [p for p, _ in packets if len(p) >= 34 and (p[12:14] == b"\x08\x00"
                                                    or p[12:14] == b"\x86\xdd" and p[20] in (6, 17, 58))]
    out = []
    for _ in range(n):
        p = bytearray(rng.choice(ip))
        v6 = p[12:14] == b"\x86\xdd"
        keep = {12, 13, 14 + 6} if v6 else {12, 13, 14 + 9}
        start = 14 + (40 if v6 else (p[14] & 15) * 4)
        keep |= set(range(start, start + 4))
        for _ in range(rng.randrange(1, 4)):
            j = rng.randrange(14, min(len(p), start + 40))
            if j in keep:
                continue
            p[j] = rng.choice([0, 1, 0xFF, 0x45, 0x50, 0x12, rng.randrange(256), p[j] ^ (1 << rng.randrange(8))])
        orig = len(p)
        if rng.random() < 0.2:
            p = p[: rng.randrange(1, len(p) + 1)]
        out.append((bytes(p), orig))
    return out


def pcap(order, nanos, linktype, packets, snaplen=65535):
    magic = 0xA1B23C4D if nanos else 0xA1B2C3D4
    f = struct.pack(order + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    t = 1796705126
    for i, (data, orig) in enumerate(packets):
        frac = rng.randrange(10**9 if nanos else 10**6)
        f += struct.pack(order + "IIII", t + i, frac, len(data), orig) + data
    return f


def link(linktype, packets):
    """The IP packets of `packets` behind another link layer."""
    out = []
    for i, (p, _) in enumerate(packets):
        family = 6 if p[0] >> 4 == 4 else 7
        if linktype == 0:     # BSD loopback: the address family in the host's order (AF_INET 2)
            out.append(struct.pack("<I", 2 if family == 6 else 24) + p)
        elif linktype == 113:  # Linux cooked: type, ARPHRD, address length, address, protocol
            out.append(struct.pack("!HHH8sH", 0, 772, 6, b"\0" * 8, 0x0800 if family == 6 else 0x86DD) + p)
        else:                 # 276, Linux cooked v2: protocol, reserved, ifindex, ARPHRD, type, address
            out.append(struct.pack("!HHIHBB8s", 0x0800 if family == 6 else 0x86DD, 0, 9999, 772, i % 5, 6, b"\0" * 8) + p)
    return [(p, len(p)) for p in out]


def tcpdump(data, *flags):
    with tempfile.NamedTemporaryFile(suffix=".pcap") as f:
        f.write(data)
        f.flush()
        r = subprocess.run(["tcpdump", *flags, "-nn", "-tt", "-r", f.name], capture_output=True,
                           env=dict(os.environ, TZ="UTC"), check=False)
    if r.returncode not in (0, 1) or not r.stderr.startswith(b"reading from file"):
        sys.exit("tcpdump failed: %r" % r.stderr)
    return r.stdout.decode("utf-8").splitlines()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", metavar="DIR")
    args = parser.parse_args()
    version = subprocess.run(["tcpdump", "--version"], capture_output=True, check=True).stdout
    captures = []
    ether = ethernet_capture()
    for label, order, nanos in [("ethernet le us", "<", False), ("ethernet be us", ">", False),
                                ("ethernet le ns", "<", True), ("ethernet be ns", ">", True)]:
        captures.append((label, pcap(order, nanos, 1, ether)))
    captures.append(("damaged", pcap("<", False, 1, damaged(ether, 400))))
    few = ip_packets()[:12] + [(ipv6(A6, B6, 17, udp(40008, 33340, b"six")), 0)]
    for linktype in (0, 113, 276):
        captures.append(("linktype %d" % linktype, pcap("<", False, linktype, link(linktype, few))))
    print("# Made by examples/python/gen_pcap.py (seed %d) with %s; do not edit."
          % (SEED, version.decode().splitlines()[0]))
    for label, data in captures:
        if args.write:
            with open(os.path.join(args.write, label.replace(" ", "_") + ".pcap"), "wb") as f:
                f.write(data)
        print("pcap %s" % label)
        print("hex %s" % data.hex())
        for line in tcpdump(data):
            print("line %s" % line)
        for line in tcpdump(data, "--nano"):
            print("nano %s" % line)
        print("end")


if __name__ == "__main__":
    main()
