fn main() {
    let _ = netpack::unpack!("<3", &[0u8; 3]);
}
