fn main() {
    let _ = netpack::pack!("!H8sb", 1, b"test.jpg");
}
