// After an error: the error, and the stub impl.
#[derive(NetPack)]
struct Wrong {
    #[netpack(e)]
    ratio: u16,
}
