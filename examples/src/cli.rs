//! A few lines of argument parsing for the examples, so they need no CLI crate:
//! `--name value` options, `--flag` switches and positional words.

use std::collections::HashMap;
use std::fmt::Display;
use std::io::Write;
use std::process::exit;
use std::str::FromStr;

/// The parsed command line: options by name, and the positional words in order.
pub struct Args {
    options: HashMap<String, String>,
    switches: Vec<String>,
    pub words: Vec<String>,
}

impl Args {
    /// Parses `std::env::args()`. `switches` are the options that take no value;
    /// `--help` prints `usage` and exits.
    pub fn parse(usage: &str, switches: &[&str]) -> Args {
        let mut args = Args {
            options: HashMap::new(),
            switches: Vec::new(),
            words: Vec::new(),
        };
        let mut it = std::env::args().skip(1);
        while let Some(arg) = it.next() {
            if arg == "--help" || arg == "-h" {
                // Not println!, which panics when the reader has gone (`| head`).
                let _ = writeln!(std::io::stdout(), "{usage}");
                exit(0);
            } else if switches.contains(&arg.as_str()) {
                args.switches.push(arg);
            } else if arg.starts_with("--") {
                match it.next() {
                    Some(value) => {
                        args.options.insert(arg, value);
                    }
                    None => fail(usage, format!("{arg} needs a value")),
                }
            } else {
                args.words.push(arg);
            }
        }
        args
    }

    /// Whether the switch `name` was given.
    pub fn switch(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    /// The value of option `name` parsed as a `T`, or `default`.
    pub fn get<T: FromStr>(&self, usage: &str, name: &str, default: T) -> T
    where
        T::Err: Display,
    {
        match self.options.get(name) {
            None => default,
            Some(text) => text
                .parse()
                .unwrap_or_else(|e| fail(usage, format!("{name} {text}: {e}"))),
        }
    }
}

/// Prints a line of output. When the reader has gone (`| head -1`), the
/// program ends quietly with status 0, as a command-line tool should;
/// `println!` would panic there.
pub fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        exit(0);
    }
}

/// Writes a line to the log, standard error. Never panics, even with standard
/// error closed: a server must not die of its log (`eprintln!` would panic).
pub fn log(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// `text` with every control character escaped (`\n`, `\u{1b}`), and the
/// Unicode controls that reorder or hide text too: a peer's text printed raw
/// could end a line and fake another speaker's, or move the cursor and erase
/// the screen.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Prints `message` and the usage, and exits with status 2.
pub fn fail(usage: &str, message: impl Display) -> ! {
    log(&format!("error: {message}\n\n{usage}"));
    exit(2)
}

/// The lines typed on standard input, read by whichever thread iterates.
/// Python: `input()`.
pub fn stdin_lines() -> impl Iterator<Item = String> + Send + 'static {
    std::iter::from_fn(|| {
        let mut line = String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end_matches(['\r', '\n']).to_string()),
        }
    })
}
