//! The TFTP client: [`Client::get`] and [`Client::put`] on any reader or
//! writer, and [`Client::download`] into a file, which it writes beside the
//! target and renames into place only when the transfer is complete.

use super::options;
use super::packet::{Packet, Request, BAD_OPTION, BLOCK, MAX_BLOCK};
use super::{netascii, receive_file, send_file, Link, Mode, Part, Retry, Step, TransferError};
use netpack::Message;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};

/// A client of one server.
#[derive(Clone, Copy, Debug)]
pub struct Client {
    pub server: SocketAddr,
    pub retry: Retry,
    /// The `blksize` to ask for (RFC 2348); `None` asks for no option, and
    /// the transfer goes in RFC 1350's 512-byte blocks.
    pub block: Option<usize>,
    pub mode: Mode,
}

/// The first answer to a read request.
enum First {
    /// Block 1: the server took no option.
    Data(Vec<u8>),
    /// The options the server agreed to.
    Oack(Vec<u8>),
}

impl Client {
    /// A client of `server` with the default retries, octet mode, no options.
    pub fn new(server: SocketAddr) -> Client {
        Client {
            server,
            retry: super::RETRY,
            block: None,
            mode: Mode::Octet,
        }
    }

    /// A link to the server, whose transfer port it learns from the answer.
    fn link(&self) -> Result<Link, TransferError> {
        let block = self.block.unwrap_or(BLOCK);
        if !(super::packet::MIN_BLOCK..=MAX_BLOCK).contains(&block) {
            return Err(TransferError::BadName(format!(
                "a block of {block} bytes: RFC 2348 allows 8 to {MAX_BLOCK}"
            )));
        }
        let socket = client_socket(self.server)?;
        Ok(Link::new(socket, None, self.server.ip(), self.retry, block))
    }

    /// The request's datagram. An empty name would be refused by any server;
    /// a name with a NUL or over `MAX_NAME` bytes cannot be encoded.
    fn request(&self, write: bool, name: &str) -> Result<Vec<u8>, TransferError> {
        if name.is_empty() {
            return Err(TransferError::BadName("an empty name".into()));
        }
        let options = options::request(self.block);
        let request = Request {
            filename: name,
            mode: self.mode.name(),
            options: &options,
        };
        let packet = if write {
            Packet::Write(request)
        } else {
            Packet::Read(request)
        };
        packet
            .encode()
            .map_err(|e| TransferError::BadName(format!("{name:?}: {e}")))
    }

    /// The block size of an OACK, or the ERROR 8 that refuses it.
    fn accept(&self, link: &Link, from: SocketAddr, oack: &[u8]) -> Result<usize, TransferError> {
        options::accept(oack, self.block).map_err(|message| {
            link.tell(from, BAD_OPTION, &message);
            TransferError::Stopped {
                code: BAD_OPTION,
                message,
            }
        })
    }

    /// Fetches `name` into `out`; returns the bytes received (in netascii,
    /// as they came on the wire).
    pub fn get(&self, name: &str, out: &mut impl Write) -> Result<u64, TransferError> {
        let rrq = self.request(false, name)?;
        let mut link = self.link()?;
        let asked = self.block.is_some();
        let (first, from) = link.exchange(&rrq, self.server, 1, |answer| match answer {
            Packet::Data { block: 1, data } if data.len() <= BLOCK => {
                Step::Done(First::Data(data.to_vec()))
            }
            Packet::Oack { options } if asked => Step::Done(First::Oack(options.to_vec())),
            other => Step::Wrong(format!("expected DATA 1 or an OACK, got {}", other.name())),
        })?;
        link.lock(from)?;
        let (ack0, block, pending) = match first {
            First::Data(data) => (Vec::new(), BLOCK, Some(data)),
            First::Oack(oack) => {
                let block = self.accept(&link, from, &oack)?;
                (Packet::Ack { block: 0 }.datagram(), block, None)
            }
        };
        link.expect_blocks(block);
        let (bytes, last_ack) = match self.mode {
            Mode::Octet => receive_file(&mut link, ack0, from, out, (block, u64::MAX), pending)?,
            Mode::Netascii => {
                let mut text = netascii::Decode::new(&mut *out);
                let received =
                    receive_file(&mut link, ack0, from, &mut text, (block, u64::MAX), pending)?;
                text.finish()?;
                received
            }
        };
        link.socket.send(&last_ack)?;
        Ok(bytes)
    }

    /// Fetches `name` into the file `out`: into a new file beside it, renamed
    /// over `out` only when the transfer is complete, so that a failure
    /// leaves `out` as it was. `out` is a new path or a regular file (through
    /// a symbolic link, the file it names); anything else (a device, a FIFO,
    /// a folder) is refused.
    pub fn download(&self, name: &str, out: &Path) -> Result<u64, TransferError> {
        let target = target(out)?;
        let mut part = Part::beside(&target)?;
        let mut file = io::BufWriter::new(part.file());
        let bytes = self.get(name, &mut file)?;
        file.flush()?;
        drop(file);
        part.replace(&target)?;
        Ok(bytes)
    }

    /// Sends `input` as `name`; returns the bytes sent (in netascii, as they
    /// went on the wire).
    pub fn put(&self, name: &str, input: &mut impl Read) -> Result<u64, TransferError> {
        let wrq = self.request(true, name)?;
        let mut link = self.link()?;
        let asked = self.block.is_some();
        let (oack, from) = link.exchange(&wrq, self.server, 0, |answer| match answer {
            Packet::Ack { block: 0 } => Step::Done(None),
            Packet::Oack { options } if asked => Step::Done(Some(options.to_vec())),
            other => Step::Wrong(format!("expected ACK 0 or an OACK, got {}", other.name())),
        })?;
        link.lock(from)?;
        let block = match oack {
            Some(oack) => self.accept(&link, from, &oack)?,
            None => BLOCK,
        };
        match self.mode {
            Mode::Octet => send_file(&mut link, from, input, block),
            Mode::Netascii => send_file(&mut link, from, &mut netascii::Encode::new(input), block),
        }
    }
}

/// Where [`Client::download`] writes `out`: the path itself when new, the
/// file it names when it is a regular file or a link to one.
fn target(out: &Path) -> Result<PathBuf, TransferError> {
    let refuse = |why: &str| TransferError::BadTarget(format!("{}: {why}", out.display()));
    match std::fs::metadata(out) {
        Ok(meta) if meta.is_file() => Ok(std::fs::canonicalize(out)?),
        Ok(_) => Err(refuse(
            "not a regular file; give the path of a new file or of a regular one",
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(out).is_ok() {
                Err(refuse("a symbolic link to nothing"))
            } else {
                Ok(out.to_path_buf())
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// Any free port, on the loopback interface when the server is there.
fn client_socket(server: SocketAddr) -> io::Result<UdpSocket> {
    let local: IpAddr = match server.ip() {
        ip if ip.is_loopback() => ip,
        IpAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        IpAddr::V6(_) => Ipv6Addr::UNSPECIFIED.into(),
    };
    UdpSocket::bind((local, 0))
}
