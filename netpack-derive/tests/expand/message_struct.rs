// A message with every variable field kind: a length prefix with a cap, a
// length field, a NUL terminator, records, and the rest of the input.
#[derive(NetPack)]
struct Upload<'a> {
    #[netpack(len_prefix = "H", max = 255)]
    name: &'a str,
    count: u8,
    #[netpack(len = "count")]
    points: Vec<Point>,
    #[netpack(nul, max = 8)]
    mode: String,
    #[netpack(rest)]
    data: &'a [u8],
}
