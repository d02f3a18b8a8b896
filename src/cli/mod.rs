//! Command-line front-end. Every bot command has a twin here, each with `--json`.

mod offline;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "newsdesk",
    version,
    about = "Read news links, analyse them offline, answer questions about them."
)]
struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract articles from HTML files (no database). JSON Lines with --json.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Analyse HTML or plain-text files (no database). JSON Lines with --json.
    Analyze {
        /// Summary length in sentences.
        #[arg(long, default_value_t = 3)]
        sentences: usize,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract { files } => offline::extract(&files, cli.json),
        Command::Analyze { sentences, files } => offline::analyze(&files, sentences, cli.json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsdesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}
