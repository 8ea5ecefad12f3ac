#!/usr/bin/env python3
"""The DNS vectors of the `dns` example and of benchmark W8, made by dnspython.

    PY=$(bash .ci/python-env)
    $PY examples/python/gen_dns.py > examples/tests/data/dns.txt
    $PY examples/python/gen_dns.py --bench benches/data/w8_responses.bin > benches/data/w8_responses.txt

Seeded: the same dnspython (pinned in .ci/requirements.txt) writes the same
files. Every message is built with dnspython's own API and rendered with its
`to_wire()` (which compresses names); the text the example must print is
dnspython's `to_text()` of each rrset of `dns.message.from_wire(wire)`.

The vector file has one block per case, a keyword and its value per line:

    response LABEL          a response dnspython decodes
    wire HEX
    question TEXT           rrset.to_text() of each rrset, by section
    answer TEXT
    authority TEXT
    additional TEXT
    end

    error LABEL             a message dnspython refuses
    wire HEX
    why EXCEPTION           dnspython's exception class
    end

    query NAME TYPE ID      dns.message.make_query(NAME, TYPE), id set to ID
    wire HEX
    end

Every truncation of every response is checked here to be refused by dnspython,
so the example's test can demand the same.
"""

import argparse
import random
import struct
import sys
import zlib

import dns.exception
import dns.message
import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.rrset

SEED = 18
ZONES = ["example.com.", "example.org.", "Example.NET.", "a.b.c.d.example.", "xn--bcher-kva.example.",
         "with\\.dot.example.", "sp\\032ace.example.", "_sip._udp.example.com."]
HOSTS = ["www", "mail", "ns1", "ns2", "web", "cdn", "api", "a", "WWW", "x-y", "h\\(1\\)", "q\\\"", "long" * 15]
TEXTS = [b"v=spf1 -all", b"hello world", b'he said "hi"', b"back\\slash", b"caf\xc3\xa9", b"",
         b"\x00\x01\x7f\xff", b"tab\there", b"a" * 255, b";semi", b"@at $dollar"]


def name(rng, zone=None):
    zone = zone or rng.choice(ZONES)
    host = rng.choice(HOSTS + [""])
    return dns.name.from_text(host + "." + zone if host else zone)


def rdata_text(rng, rdtype, zone):
    if rdtype == "A":
        return ".".join(str(rng.randrange(256)) for _ in range(4))
    if rdtype == "AAAA":
        kind = rng.randrange(6)
        words = [rng.randrange(65536) if rng.random() < 0.6 else 0 for _ in range(8)]
        if kind == 0:
            return "::ffff:%d.%d.%d.%d" % tuple(rng.randrange(256) for _ in range(4))
        if kind == 1:
            return "::%d.%d.%d.%d" % tuple(rng.randrange(1, 256) for _ in range(4))
        if kind == 2:
            return rng.choice(["::", "::1", "1::", "2001:db8::1", "fe80::1:0:0:1", "1:0:0:1:0:0:0:1"])
        return ":".join("%x" % w for w in words)
    if rdtype in ("CNAME", "NS", "PTR"):
        return name(rng, zone).to_text()
    if rdtype == "MX":
        return "%d %s" % (rng.randrange(65536), name(rng, zone).to_text())
    if rdtype == "TXT":
        strings = [rng.choice(TEXTS) for _ in range(rng.randrange(1, 4))]
        return " ".join('"%s"' % "".join(
            "\\%03d" % c if c < 0x20 or c >= 0x7f or c in b'"\\' else chr(c) for c in s) for s in strings)
    if rdtype == "SOA":
        return "%s %s %d %d %d %d %d" % (name(rng, zone).to_text(), name(rng, zone).to_text(),
                                          rng.randrange(2**32), rng.randrange(2**31), rng.randrange(2**31),
                                          rng.randrange(2**31), rng.randrange(2**31))
    raise ValueError(rdtype)


def rrset(rng, rdtype, zone, owner=None):
    owner = owner or name(rng, zone)
    texts = []
    for _ in range(rng.randrange(1, 4) if rdtype not in ("CNAME", "SOA") else 1):
        t = rdata_text(rng, rdtype, zone)
        if t not in texts:
            texts.append(t)
    return dns.rrset.from_text(owner, rng.choice([0, 1, 60, 300, 3600, 86400, 2**31 - 1, 2**32 - 1]),
                               "IN", rdtype, *texts)


def response(rng):
    zone = rng.choice(ZONES)
    qname = name(rng, zone)
    qtype = rng.choice(["A", "AAAA", "MX", "TXT", "NS", "CNAME", "ANY"])
    query = dns.message.make_query(qname, qtype)
    query.id = rng.randrange(65536)
    r = dns.message.make_response(query)
    if rng.random() < 0.1:
        r.set_rcode(dns.rcode.NXDOMAIN)
    owner = qname
    if rng.random() < 0.4:
        target = name(rng, zone)
        r.answer.append(dns.rrset.from_text(owner, 300, "IN", "CNAME", target.to_text()))
        owner = target
    for _ in range(rng.randrange(0, 4)):
        rdtype = rng.choice(["A", "AAAA", "MX", "TXT", "NS", "A", "AAAA", "PTR"])
        if any(s.name == owner and s.rdtype == dns.rdatatype.from_text(rdtype) for s in r.answer):
            continue
        r.answer.append(rrset(rng, rdtype, zone, owner))
    if rng.random() < 0.5:
        r.authority.append(rrset(rng, "NS", zone, dns.name.from_text(zone)))
    elif rng.random() < 0.3:
        r.authority.append(rrset(rng, "SOA", zone, dns.name.from_text(zone)))
    if rng.random() < 0.4:
        r.additional.append(rrset(rng, rng.choice(["A", "AAAA"]), zone))
    return r


def sections(wire):
    m = dns.message.from_wire(wire)
    out = []
    for section, rrsets in zip(("question", "answer", "authority", "additional"), m.sections):
        for rs in rrsets:
            for line in rs.to_text().split("\n"):
                out.append((section, line))
    return out


def refused(wire):
    try:
        dns.message.from_wire(wire)
    except (dns.exception.DNSException, ValueError) as e:
        return type(e).__name__
    return None


def hostile():
    """Messages dnspython refuses: (label, wire)."""
    header = struct.pack("!6H", 0xBEEF, 0x8180, 1, 1, 0, 0)
    q = b"\x03www\x07example\x03com\x00" + struct.pack("!HH", 1, 1)   # the name at offset 12
    rr = lambda owner, rdata, t=1: owner + struct.pack("!HHIH", t, 1, 60, len(rdata)) + rdata
    yield "pointer to itself", header + q + rr(b"\xc0\x21", b"\x01\x02\x03\x04")
    yield "pointer loop of two", header + q + rr(b"\x01a\xc0\x23", b"\x01\x02\x03\x04")
    yield "pointer forward", header + q + rr(b"\xc0\x30", b"\x01\x02\x03\x04") + b"\x01x\x00"
    yield "pointer past the end", header + q + rr(b"\xc3\xff", b"\x01\x02\x03\x04")
    yield "pointer in the question to the answer", (
        struct.pack("!6H", 1, 0x8180, 1, 1, 0, 0) + b"\xc0\x12\x00\x01\x00\x01" + rr(b"\x01a\x00", b"\x01\x02\x03\x04"))
    yield "label type 0x40", header + q + rr(b"\x41a\x00", b"\x01\x02\x03\x04")
    yield "label type 0x80", header + q + rr(b"\x81a\x00", b"\x01\x02\x03\x04")
    long_name = b"".join(b"\x3f" + b"a" * 63 for _ in range(4)) + b"\x00"   # 257 octets
    yield "name over 255 octets", struct.pack("!6H", 1, 0x8180, 1, 0, 0, 0) + long_name + b"\x00\x01\x00\x01"
    via = b"".join(b"\x3f" + b"b" * 63 for _ in range(3)) + b"\xc0\x0c"   # 192 + 64 + ... > 255
    yield "name over 255 octets through a pointer", header + q[:-4] + b"\x00\x01\x00\x01" + rr(
        b"\x3f" + b"c" * 63 + via, b"\x01\x02\x03\x04")
    yield "rdlength past the end", header + q + b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 40) + b"\x01\x02\x03\x04"
    yield "A of 3 bytes", header + q + rr(b"\xc0\x0c", b"\x01\x02\x03")
    yield "AAAA of 4 bytes", header + q + rr(b"\xc0\x0c", b"\x01\x02\x03\x04", 28)
    yield "CNAME name past its rdata", header + q + rr(b"\xc0\x0c", b"\x03www", 5)
    yield "CNAME with bytes after its name", header + q + rr(b"\xc0\x0c", b"\xc0\x0cxy", 5)
    yield "MX of one byte", header + q + rr(b"\xc0\x0c", b"\x00", 15)
    yield "TXT string past its rdata", header + q + rr(b"\xc0\x0c", b"\x05abc", 16)
    yield "answer count over the records", struct.pack("!6H", 1, 0x8180, 1, 2, 0, 0) + q + rr(b"\xc0\x0c", b"\x01\x02\x03\x04")
    yield "trailing bytes", header + q + rr(b"\xc0\x0c", b"\x01\x02\x03\x04") + b"\x00"
    yield "header only, counts lie", struct.pack("!6H", 1, 0x8180, 0, 0, 0, 1)
    yield "eleven bytes", b"\x00" * 11


def accepted():
    """Odd messages dnspython accepts: (label, wire)."""
    header = struct.pack("!6H", 0xBEEF, 0x8180, 1, 1, 0, 0)
    q = b"\x03www\x07example\x03com\x00" + struct.pack("!HH", 1, 1)
    rr = lambda owner, rdata, t=1: owner + struct.pack("!HHIH", t, 1, 60, len(rdata)) + rdata
    # A pointer to a pointer, each further back: legal for dnspython.
    two = header[:6] + struct.pack("!HHH", 2, 0, 0) + q + rr(b"\xc0\x10", b"\x01\x02\x03\x04")
    yield "pointer to a pointer", two + rr(b"\x01z\xc0\x21", b"\x05\x06\x07\x08")
    yield "root name and class CH", struct.pack("!6H", 7, 0x8180, 1, 1, 0, 0) + b"\x00" + struct.pack("!HH", 16, 3) + \
        b"\x00" + struct.pack("!HHIH", 16, 3, 60, 5) + b"\x04text"
    yield "unknown type", header + q + rr(b"\xc0\x0c", bytes(range(40)), 65280)
    yield "empty unknown type", header + q + rr(b"\xc0\x0c", b"", 65281)
    yield "upper-case pointer target", struct.pack("!6H", 9, 0x8180, 1, 1, 0, 0) + b"\x03WWW\x07Example\x03COM\x00" + \
        struct.pack("!HH", 1, 1) + rr(b"\x04mail\xc0\x10", b"\xc0\x0c", 5)


def write_response(out, label, wire):
    assert refused(wire) is None, label
    for cut in range(len(wire)):
        assert refused(wire[:cut]) is not None, (label, cut)
    print("response %s" % label, file=out)
    print("wire %s" % wire.hex(), file=out)
    for section, line in sections(wire):
        print("%s %s" % (section, line), file=out)
    print("end", file=out)


def vectors(out):
    print("# Made by examples/python/gen_dns.py (seed %d, dnspython %s); do not edit."
          % (SEED, dns.version.version), file=out)
    rng = random.Random(SEED)
    random.seed(SEED)  # dnspython's to_wire() shuffles each rrset with the global generator
    for i in range(60):
        write_response(out, "random %d" % i, response(rng).to_wire())
    for label, wire in accepted():
        write_response(out, label, wire)
    for label, wire in hostile():
        why = refused(wire)
        assert why is not None, label
        print("error %s\nwire %s\nwhy %s\nend" % (label, wire.hex(), why), file=out)
    for qname, qtype, qid in [("www.example.com", "A", 0x1234), ("example.org.", "MX", 1),
                              ("Mixed.Case.example", "AAAA", 65535), (".", "NS", 0),
                              ("_sip._udp.example.com", "TXT", 4242), ("a.b", "CNAME", 7)]:
        q = dns.message.make_query(qname, qtype)
        q.id = qid
        print("query %s %s %d\nwire %s\nend" % (qname, qtype, qid, q.to_wire().hex()), file=out)


def bench(path, out, count=10_000):
    """W8: `count` responses, each as DNS over TCP frames it (RFC 1035 4.2.2:
    `struct.pack("!H", len(wire)) + wire`), and what dnspython reads from them."""
    rng = random.Random(SEED + 8)
    random.seed(SEED + 8)
    blob = bytearray()
    text = []
    records = 0
    for _ in range(count):
        wire = response(rng).to_wire()
        assert refused(wire) is None
        blob += struct.pack("!H", len(wire)) + wire
        lines = sections(wire)
        records += len(lines)
        text.extend(line for _, line in lines)
    with open(path, "wb") as f:
        f.write(blob)
    joined = "\n".join(text).encode()
    print("# Made by examples/python/gen_dns.py --bench (seed %d, dnspython %s); do not edit."
          % (SEED + 8, dns.version.version), file=out)
    print("messages %d" % count, file=out)
    print("bytes %d" % len(blob), file=out)
    print("crc32 %#010x" % zlib.crc32(blob), file=out)
    print("lines %d" % records, file=out)
    print("text_crc32 %#010x" % zlib.crc32(joined), file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", metavar="PATH", help="write W8's responses to PATH instead")
    a = ap.parse_args()
    if a.bench:
        bench(a.bench, sys.stdout)
    else:
        vectors(sys.stdout)


if __name__ == "__main__":
    main()
