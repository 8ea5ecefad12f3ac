// A checksum over a range of fields that holds the checksum itself, one over
// everything before it, and a user's function.
#[derive(NetPack)]
struct Header {
    version: u8,
    #[netpack(checksum = "internet", over = "version..=id")]
    checksum: Checksum<u16>,
    id: u16,
    #[netpack(len_prefix = "B", max = 8)]
    options: Vec<u8>,
    #[netpack(checksum = "crc32")]
    crc: Checksum<u32>,
    #[netpack(checksum = "xor")]
    check: Checksum<u8>,
}
