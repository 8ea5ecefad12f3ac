//! Records in presentation format, as dnspython's `rrset.to_text()` writes
//! them and `dig` prints them: `name. TTL CLASS TYPE rdata`.

use super::message::{Dns, Question, Rdata, Record};
use super::Section;
use std::fmt::{self, Write as _};
use std::net::Ipv6Addr;

impl fmt::Display for Question<'_> {
    /// `www.example.com. IN A`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.name, self.qclass)?;
        self.qtype.write(f)
    }
}

impl fmt::Display for Record<'_> {
    /// `www.example.com. 300 IN A 192.0.2.1`; a TTL with the top bit set is
    /// shown as 0 (RFC 2181 8, as dnspython reads it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ttl = if self.ttl > 0x7fff_ffff { 0 } else { self.ttl };
        write!(f, "{} {ttl} {} ", self.name, self.class)?;
        self.rtype.write(f)?;
        f.write_char(' ')?;
        match &self.data {
            Rdata::A(a) => write!(f, "{a}"),
            Rdata::Aaaa(a) => write_ipv6(f, a),
            Rdata::Ns(n) | Rdata::Cname(n) | Rdata::Ptr(n) => write!(f, "{n}"),
            Rdata::Mx {
                preference,
                exchange,
            } => write!(f, "{preference} {exchange}"),
            Rdata::Txt(strings) => {
                for (i, s) in strings.iter().enumerate() {
                    if i > 0 {
                        f.write_char(' ')?;
                    }
                    write_quoted(f, s)?;
                }
                Ok(())
            }
            Rdata::Soa {
                mname,
                rname,
                numbers: n,
            } => write!(
                f,
                "{mname} {rname} {} {} {} {} {}",
                n.serial, n.refresh, n.retry, n.expire, n.minimum
            ),
            Rdata::Other(data) => write_generic(f, data),
        }
    }
}

/// A character-string in quotes: `"` and `\` escaped with a backslash, bytes
/// outside ` `..`~` as `\DDD` (dnspython's `rdata._escapify`).
fn write_quoted(f: &mut fmt::Formatter<'_>, s: &[u8]) -> fmt::Result {
    f.write_char('"')?;
    for &c in s {
        match c {
            b'"' | b'\\' => {
                f.write_char('\\')?;
                f.write_char(c as char)?;
            }
            0x20..=0x7e => f.write_char(c as char)?,
            _ => write!(f, "\\{c:03}")?,
        }
    }
    f.write_char('"')
}

/// RFC 3597's generic data, as dnspython writes it: `\# LENGTH HEX`, the hex
/// in words of 32 digits.
fn write_generic(f: &mut fmt::Formatter<'_>, data: &[u8]) -> fmt::Result {
    write!(f, "\\# {} ", data.len())?;
    for (i, chunk) in data.chunks(16).enumerate() {
        if i > 0 {
            f.write_char(' ')?;
        }
        for b in chunk {
            write!(f, "{b:02x}")?;
        }
    }
    Ok(())
}

/// An IPv6 address as dnspython's `ipv6.inet_ntoa` writes it: the longest
/// run of zero words (the first of equal runs, two words at least) as `::`,
/// and `::a.b.c.d` / `::ffff:a.b.c.d` for addresses whose first 96 bits are
/// zero (or 80 zeros and `ffff`). Rust's `Display` differs on the first.
fn write_ipv6(f: &mut fmt::Formatter<'_>, a: &Ipv6Addr) -> fmt::Result {
    let w = a.segments();
    let (mut best_start, mut best_len) = (0, 0);
    let mut i = 0;
    while i < 8 {
        if w[i] == 0 {
            let start = i;
            while i < 8 && w[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                (best_start, best_len) = (start, i - start);
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        return write_words(f, &w);
    }
    if best_start == 0 && (best_len == 6 || best_len == 5 && w[5] == 0xffff) {
        let [.., a, b, c, d] = a.octets();
        let prefix = if best_len == 6 { "::" } else { "::ffff:" };
        return write!(f, "{prefix}{a}.{b}.{c}.{d}");
    }
    write_words(f, &w[..best_start])?;
    f.write_str("::")?;
    write_words(f, &w[best_start + best_len..])
}

fn write_words(f: &mut fmt::Formatter<'_>, words: &[u16]) -> fmt::Result {
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            f.write_char(':')?;
        }
        write!(f, "{w:x}")?;
    }
    Ok(())
}

/// Flags, rcode and section counts, as `dig` heads its answer.
fn write_header(out: &mut String, m: &Dns<'_>) -> fmt::Result {
    use super::message::flags::{AA, QR, RA, RD, TC};
    let h = &m.header;
    let rcode = match h.flags & 0xf {
        0 => "NOERROR".to_string(),
        1 => "FORMERR".to_string(),
        2 => "SERVFAIL".to_string(),
        3 => "NXDOMAIN".to_string(),
        4 => "NOTIMP".to_string(),
        5 => "REFUSED".to_string(),
        n => n.to_string(),
    };
    let mut names = Vec::new();
    for (bit, name) in [(QR, "qr"), (AA, "aa"), (TC, "tc"), (RD, "rd"), (RA, "ra")] {
        if h.flags & bit != 0 {
            names.push(name);
        }
    }
    writeln!(
        out,
        ";; id {}, opcode {}, status {rcode}, flags {}",
        h.id,
        h.flags >> 11 & 0xf,
        names.join(" ")
    )?;
    writeln!(
        out,
        ";; QUERY: {}, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: {}",
        m.questions.len(),
        m.answers.len(),
        m.authority.len(),
        m.additional.len()
    )
}

/// The whole message as `dig` prints it: a header, then each section that
/// has entries under `;; ANSWER SECTION:` and the like, one entry a line.
pub fn render(m: &Dns<'_>) -> String {
    let mut out = String::new();
    let _ = write_header(&mut out, m);
    if !m.questions.is_empty() {
        out.push_str("\n;; QUESTION SECTION:\n");
        for q in &m.questions {
            let _ = writeln!(out, ";{q}");
        }
    }
    for section in Section::RECORDS {
        let records = m.records(section);
        if records.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n;; {} SECTION:", section.title());
        for r in records {
            let _ = writeln!(out, "{r}");
        }
    }
    out
}
