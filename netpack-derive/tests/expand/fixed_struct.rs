// A fixed struct with every fixed field kind: its own layout, pads, `c`, `e`,
// `code`, an array and a nested type.
#[derive(NetPack)]
#[netpack(order = "<")]
struct Request {
    opcode: u16,
    #[netpack(pad_before = 1, pad_after = 2)]
    filename: [u8; 8],
    #[netpack(c)]
    mode: u8,
    #[netpack(e)]
    ratio: f32,
    #[netpack(code = "l")]
    big: i32,
    inner: Inner,
}
