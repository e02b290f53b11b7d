//! `kzfp`: parse, run, map the error to a message and an exit code.

use kzfp::{app, commands, complete, is_broken_pipe, stderr, stderr_line, usage};
use std::process::ExitCode;

/// The stack kzfp runs on: reserved, not used, until deep data needs it. jaq
/// (`--jq`) compares, converts and drops its values by recursion, and
/// `reduce range(1000000) as $i (1; [.])` builds a value a million levels deep.
const STACK: usize = 1 << 30;

fn main() -> ExitCode {
    // Only `--jq` builds such values; a thread at every start cost listings
    // 6-14% more CPU. Any word starting `--jq` (it may be `--jq=EXPR`, or a
    // search term, which costs only the thread).
    let jq = std::env::args_os()
        .skip(1)
        .any(|arg| arg.as_encoded_bytes().starts_with(b"--jq"));
    if !jq {
        return run();
    }
    match std::thread::Builder::new().stack_size(STACK).spawn(run) {
        Ok(thread) => thread.join().unwrap_or(ExitCode::FAILURE),
        // No room for the thread: the main thread's stack will do.
        Err(_) => run(),
    }
}

fn run() -> ExitCode {
    complete::complete_if_asked();
    if let Some(message) = usage::single_dash_long() {
        stderr_line!("error: {message}");
        return ExitCode::from(2);
    }
    let code = match commands::parse() {
        Ok(parsed) => match app::run(parsed) {
            Ok(code) => code,
            Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
            Err(e) => {
                stderr_line!("error: {e}");
                if e.downcast_ref::<usage::UsageError>().is_some() {
                    ExitCode::from(2)
                } else {
                    ExitCode::FAILURE
                }
            }
        },
        // --help and --version land here too; clap knows their exit code (0).
        Err(e) => match usage::print(&e) {
            Ok(()) => ExitCode::from(e.exit_code().clamp(0, 255) as u8),
            Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            // `kzfp --help >/dev/full`: the help was not printed.
            Err(io) => {
                stderr_line!("error: cannot write: {io}");
                ExitCode::FAILURE
            }
        },
    };
    // A diagnostic that could not be written fails a run that would succeed.
    if stderr::failed() && code == ExitCode::SUCCESS {
        return ExitCode::FAILURE;
    }
    code
}
