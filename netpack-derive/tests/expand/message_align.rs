// `align = 2`: RIFF's pad byte after an odd-sized chunk.
#[derive(NetPack)]
#[netpack(order = "<")]
struct Chunk {
    id: [u8; 4],
    size: u32,
    #[netpack(len = "size", max = 1024, align = 2)]
    data: Vec<u8>,
}
