//! The macros' output names everything by absolute path: it compiles without the
//! prelude and with local items named like the prelude's and like its own
//! internals.
#![no_implicit_prelude]
#![allow(dead_code, non_camel_case_types)]

extern crate netpack;
extern crate std;

use netpack::Message as _;
use netpack::NetPack;

struct Result;
struct Option;
struct Vec;
struct String;
struct Ok;
struct Err;
struct Some;
struct None;
struct Error;
struct Value;
struct Shape;
struct __np;
mod core {}

// Names the macros use inside their expansions.
const __SIZE: u16 = 7;
const __FORMAT: u8 = 8;
const __OFFSETS: u8 = 9;

/// A field type named like a generic parameter.
#[derive(NetPack, ::std::fmt::Debug, ::std::cmp::PartialEq)]
struct O(u8);

#[derive(NetPack, ::std::fmt::Debug, ::std::cmp::PartialEq)]
#[netpack(order = "<")]
struct Message {
    id: u16,
    inner: O,
    #[netpack(c)]
    tag: u8,
    #[netpack(pad_after = 1, e)]
    ratio: f32,
    kind: Kind,
    #[netpack(code = "l")]
    big: i32,
}

#[derive(NetPack, ::std::fmt::Debug, ::std::cmp::PartialEq)]
#[repr(u8)]
enum Kind {
    Some = 1,
    None,
    Ok = 7,
}

#[derive(NetPack)]
#[netpack(format = "!Hx")]
struct Explicit(u16);

// Names the message expansion uses.
const __PARTS: u8 = 1;
const __TAG_SIZE: u8 = 2;
struct __O;
struct Packed;
struct Variable;

/// Every kind of variable-length field, borrowed and owned.
#[derive(NetPack, ::std::fmt::Debug, ::std::cmp::PartialEq)]
#[netpack(order = "<")]
struct Request<'a> {
    __pos: u16,
    #[netpack(nul, max = 16)]
    __buf: &'a str,
    #[netpack(len = "__pos")]
    __out: ::std::vec::Vec<O>,
    #[netpack(len_prefix = "B", max = 4)]
    __used: ::std::string::String,
    #[netpack(len_prefix = "H")]
    points: netpack::Packed<'a, O>,
    #[netpack(rest)]
    __tag: &'a [u8],
}

#[derive(NetPack, ::std::fmt::Debug, ::std::cmp::PartialEq)]
#[netpack(tag = "H")]
enum Packet<'a> {
    #[netpack(tag = 1)]
    Read(Request<'a>),
    #[netpack(tag = 2)]
    Ack { __p: u16 },
    #[netpack(tag = 3)]
    None,
    #[netpack(other)]
    Some(u16, ::std::vec::Vec<u8>),
}

#[derive(NetPack, ::std::fmt::Debug, ::std::cmp::PartialEq)]
#[repr(u8)]
enum WithOther {
    A = 1,
    #[netpack(other)]
    Other(u8),
}

#[::core::prelude::v1::test]
fn derive_and_macros_without_the_prelude() {
    let message = Message {
        id: 1,
        inner: O(2),
        tag: b'a',
        ratio: 0.5,
        kind: Kind::Ok,
        big: -3,
    };
    ::std::assert_eq!(<Message as NetPack>::FORMAT, "<HBcexBl");
    let bytes = message.encode().unwrap();
    ::std::assert_eq!(
        <Message as ::netpack::Message>::decode(&bytes).ok(),
        ::std::option::Option::Some(message)
    );
    ::std::assert_eq!(<Explicit as NetPack>::SIZE, 3);

    let request = Request {
        __pos: 1,
        __buf: "f",
        __out: ::std::vec![O(3)],
        __used: <::std::string::String as ::std::convert::From<&str>>::from("ab"),
        points: match netpack::Packed::new(b"\x05") {
            ::std::result::Result::Ok(p) => p,
            ::std::result::Result::Err(_) => ::std::panic!("Packed::new failed"),
        },
        __tag: b"rest",
    };
    let wire = match netpack::Message::encode(&request) {
        ::std::result::Result::Ok(wire) => wire,
        ::std::result::Result::Err(_) => ::std::panic!("encode failed"),
    };
    ::std::assert_eq!(
        <Request as netpack::Message>::decode(&wire).ok(),
        ::std::option::Option::Some(request)
    );
    let packet = Packet::Some(9, ::std::vec![1]);
    let wire = match netpack::Message::encode(&packet) {
        ::std::result::Result::Ok(wire) => wire,
        ::std::result::Result::Err(_) => ::std::panic!("encode failed"),
    };
    ::std::assert_eq!(
        <Packet as netpack::Message>::decode(&wire).ok(),
        ::std::option::Option::Some(packet)
    );
    ::std::assert_eq!(
        WithOther::decode(&[7]).ok(),
        ::std::option::Option::Some(WithOther::Other(7))
    );

    let packed = netpack::pack!("<HBce5s", 1, 2, b'a', 0.5, b"xy").ok();
    let packed = match packed {
        ::std::option::Option::Some(packed) => packed,
        ::std::option::Option::None => ::std::panic!("pack! failed"),
    };
    let plain: [u8; 4] = netpack::pack!("!HBx", 1, 2);
    let (a, b, c, d, e) = match netpack::unpack!("<HBce5s", &packed) {
        ::std::result::Result::Ok(values) => values,
        ::std::result::Result::Err(_) => ::std::panic!("unpack! failed"),
    };
    ::std::assert_eq!((a, b, c, d, &e), (1, 2, b'a', 0.5, b"xy\0\0\0"));
    ::std::assert!(netpack::unpack!("!HBx", plain).is_ok());

    // Arguments see the caller's items and locals, not the expansion's.
    let __buf: u8 = 1;
    let __a0: u8 = 2;
    let __data = [0u8, 7, 8, 9, 1, 2];
    ::std::assert_eq!(
        netpack::pack!("!HBBBB", __SIZE, __FORMAT, __OFFSETS, __buf, __a0),
        __data
    );
    let __bytes = __data;
    ::std::assert_eq!(
        netpack::unpack!("!HBBBB", __bytes).ok(),
        ::std::option::Option::Some((7, 8, 9, 1, 2))
    );
}
