// `len = "…"` as an expression: IPv4 options, `ihl * 4 - 20` bytes.
#[derive(NetPack)]
struct Ip {
    ihl: u8,
    #[netpack(len = "ihl * 4 - 20", max = 40)]
    options: Vec<u8>,
    #[netpack(len = "-(ihl / 2) % 3 << 1 >> 1 & 7 | 1 ^ 2", max = 4)]
    odd: Vec<u8>,
}
