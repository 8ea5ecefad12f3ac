//! The classic file request of the Python socket tutorials, on netpack.
//!
//! Python:
//! ```python
//! import struct
//! request = struct.pack("!H8sb", 1, b"test.jpg", 2)
//! print(request)
//! opcode, filename, mode = struct.unpack("!H8sb", request)
//! ```
//!
//! Run with `cargo run -p netpack --example quickstart`.

use netpack::{Struct, Value};
use std::io::Write;

/// Prints a line; ends the program quietly when the reader has gone
/// (`| head -1`), where `println!` would panic.
fn show(line: String) {
    if writeln!(std::io::stdout(), "{line}").is_err() {
        std::process::exit(0);
    }
}

fn main() -> Result<(), netpack::Error> {
    // The format is parsed once; `pack` checks every value as CPython does.
    let request = Struct::new("!H8sb")?;
    let bytes = request.pack(&[1.into(), b"test.jpg".into(), 2.into()])?;
    show(format!(
        "format {:?} is {} bytes",
        request.format(),
        request.size()
    ));
    show(format!("packed: {}", Value::Bytes(bytes.clone())));

    let values = request.unpack(&bytes)?;
    let shown: Vec<String> = values.iter().map(Value::to_string).collect();
    show(format!("unpacked: ({})", shown.join(", ")));

    // The same mistakes CPython rejects, with its words.
    if let Err(err) = request.pack(&[1.into(), b"test.jpg".into(), 200.into()]) {
        show(format!("rejected: {err}"));
    }
    Ok(())
}
