// A field selects the byte order.
#[derive(NetPack)]
struct Header {
    #[netpack(order_by = "pcap_order")]
    magic: [u8; 4],
    snaplen: u32,
}
