// Magic on the type and before a field.
#[derive(NetPack)]
#[netpack(order = "<", magic = b"RIFF")]
struct Riff {
    size: u32,
    #[netpack(magic = b"WAVE")]
    format: u32,
}
