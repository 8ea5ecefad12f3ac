fn main() {
    let _ = netpack::pack!("!2s", "abc");
}
