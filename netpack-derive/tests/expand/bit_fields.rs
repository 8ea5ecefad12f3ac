// Bit fields: a fixed struct with two runs (one padded, one holding an enum),
// an LSB-first C struct, and a message whose length field is a bit field.
#[derive(NetPack)]
struct Header {
    #[netpack(bits = 4)]
    version: u8,
    #[netpack(bits = 4)]
    ihl: u8,
    total_len: u16,
    #[netpack(bits = 3, pad_bits_before = 1)]
    flags: u8,
    #[netpack(bits = 4)]
    opcode: Opcode,
    #[netpack(bits = 8)]
    signed: i16,
}

#[derive(NetPack)]
#[netpack(order = "<", bit_order = "lsb")]
struct CanId {
    #[netpack(bits = 29)]
    id: u32,
    #[netpack(bits = 1)]
    err: bool,
    #[netpack(bits = 2)]
    flags: u8,
}

#[derive(NetPack)]
struct Tlv {
    #[netpack(bits = 4)]
    kind: u8,
    #[netpack(bits = 4)]
    len: u8,
    #[netpack(len = "len")]
    value: Vec<u8>,
}
