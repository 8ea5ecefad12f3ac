// A buffer whose length the type gives is checked against the format's size at
// compile time; a slice is checked at run time.
fn main() {
    let buf = [0u8; 3];
    let _ = netpack::unpack!("!H", [0u8; 3]);
    let _ = netpack::unpack!("!H", &buf);
    let _ = netpack::unpack!("!HH", b"\x00\x01\x02");
    let _ = netpack::unpack!("!H", &mut [0u8; 1]);
    // Fine: the right length, and slices.
    let _ = netpack::unpack!("!H", [0u8; 2]);
    let _ = netpack::unpack!("!H", &buf[..2]);
    let _ = netpack::unpack!("!H", buf.to_vec());
}
