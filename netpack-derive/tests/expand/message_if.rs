// `if = "…"`: an `Option<T>` present when the condition holds.
#[derive(NetPack)]
struct Flagged {
    flags: u8,
    #[netpack(if = "flags & 1 != 0 && !(flags == 3) || flags > 7")]
    ext: Option<u16>,
}
