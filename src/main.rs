//! The `newsdesk` binary: turns command-line flags into calls on the core and renders the result.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
