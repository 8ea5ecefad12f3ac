// A tokio codec hands out messages that outlive the bytes they came from: a
// message that borrows from its input cannot be one.
use netpack::io::MessageCodec;
use netpack::NetPack;
use tokio_util::codec::FramedRead;

#[derive(NetPack)]
struct Hello<'a> {
    #[netpack(len_prefix = "B", max = 32)]
    name: &'a [u8],
}

fn main() {
    let _ = FramedRead::new(&b""[..], MessageCodec::<Hello<'static>>::new());
}
