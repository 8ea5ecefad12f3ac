// A message whose byte order is given at run time, with a nested one.
#[derive(NetPack)]
#[netpack(order = "runtime")]
struct Chunk<'a> {
    kind: u16,
    #[netpack(len_prefix = "I", max = 64)]
    data: &'a [u8],
}

#[derive(NetPack)]
#[netpack(order = "runtime")]
struct Outer<'a> {
    #[netpack(message)]
    inner: Chunk<'a>,
}
