//! `kzfp`: parse, run, map the error to a message and an exit code.

use clap::Parser;
use kzfp::{app, cli::Cli, complete, usage};
use std::process::ExitCode;

fn main() -> ExitCode {
    complete::complete_if_asked();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version land here too; clap knows their exit code (0).
            usage::print(&e);
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    match app::run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            if e.downcast_ref::<app::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// The reader of stdout went away (`kzfp timeline | head -1`): not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
