// `with = "Codec"`: a user's `FieldCodec`, given the whole input.
#[derive(NetPack)]
struct Question {
    #[netpack(with = "DnsName")]
    name: String,
    qtype: u16,
}
