//! The `netpack` command; everything is in the `netpack_cli` library.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    netpack_cli::main()
}
