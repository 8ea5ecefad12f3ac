// A tokio codec reserves at most a message's cap: one without is refused.
use netpack::io::MessageCodec;
use netpack::NetPack;
use tokio_util::codec::Decoder;

#[derive(NetPack)]
struct Hello {
    #[netpack(nul)]
    name: Vec<u8>,
}

fn main() {
    let mut codec = MessageCodec::<Hello>::new();
    let _ = Decoder::decode(&mut codec, &mut bytes::BytesMut::new());
}
