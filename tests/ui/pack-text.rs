// Text in a variable: refused by its type, as Python refuses str for 's' and 'p'.
fn main() {
    let name: &str = "abc";
    let owned = String::from("abc");
    let _ = netpack::pack!("!2s", name);
    let _ = netpack::pack!("!4p", owned);
    let _ = netpack::unpack!("!2s", "ab");
    // Fine: bytes.
    let _ = netpack::pack!("!2s", name.as_bytes());
}
