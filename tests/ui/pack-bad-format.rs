fn main() {
    let _ = netpack::pack!("!H8z", 1, b"test.jpg");
}
