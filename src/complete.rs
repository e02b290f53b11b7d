//! Shell completion through clap_complete's environment protocol: the scripts
//! `kzfp completions SHELL` prints call back into kzfp (`COMPLETE=bash kzfp -- …`),
//! which answers with candidates from the active fact file.

use crate::cli::{Cli, Shell};
use clap::CommandFactory;
use clap_complete::env::{CompleteEnv, Shells};
use std::io::Write;

/// The variable the registration scripts set when they ask for candidates.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// Answers a completion request and exits, when this run is one.
pub fn complete_if_asked() {
    CompleteEnv::with_factory(Cli::command)
        .var(COMPLETE_VAR)
        .complete();
}

/// Prints the registration script for `shell`, exactly as checked in under `completions/`.
pub fn print_script(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Elvish => "elvish",
        Shell::Powershell => "powershell",
    };
    let shells = Shells::builtins();
    let completer = shells
        .completer(name)
        .ok_or_else(|| std::io::Error::other(format!("no completer for {name}")))?;
    completer.write_registration(COMPLETE_VAR, "kzfp", "kzfp", "kzfp", out)
}
