//! Completion through real shells: bash (with bash-completion), zsh (compinit, driven
//! through zsh/zpty by `tests/completion-capture.zsh`) and fish, each with the
//! checked-in script installed where users put it, and once sourced from
//! `kzfp completions SHELL`. The built kzfp is first on PATH, as the scripts call
//! `kzfp`. A missing shell fails these tests: install them with
//! `apt-get install -y bash bash-completion zsh fish`.

#![cfg(test)]

mod common;

use common::{embedded, event_tags};
use kzfp::facts::{FactBase, Kind};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ALT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/completion-alt.toml"
);
const INSTALL: &str = "apt-get install -y bash bash-completion zsh fish";
/// A line whose answer is options: `--lang` and `--limit`.
const OPTION_LINE: &str = "kzfp --l";
const SHELL_TIMEOUT: &str = "60";
const BASH_COMPLETION: &str = "/usr/share/bash-completion/bash_completion";

/// How the script reaches the shell.
#[derive(Clone, Copy, Debug)]
enum Setup {
    /// The checked-in script where the shell looks for it (bash-completion's user
    /// folder, a `$fpath` folder, fish's completions folder).
    Installed,
    /// `source <(kzfp completions SHELL)` (fish: `kzfp completions fish | source`).
    Sourced,
}

/// One candidate as the shell offers it.
#[derive(Debug, Clone, PartialEq)]
struct Offered {
    value: String,
    help: Option<String>,
}

/// A scratch home for one shell run: nothing of the user's configuration.
fn home(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("completion-shells")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch home");
    // For `--facts ~/alt.toml`.
    std::fs::copy(ALT, dir.join("alt.toml")).expect("fixture copied");
    dir
}

/// The fixture again, in a folder whose name needs quoting on a command line.
fn spaced_alt() -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("completion shells fixture");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("alt.toml");
    // The shells' tests run at once and share this file: each copies to a name of
    // its own and renames, so no test reads it half written.
    let own = dir.join(format!("alt.toml.{:?}", std::thread::current().id()));
    std::fs::copy(ALT, &own).expect("fixture copied");
    std::fs::rename(&own, &path).expect("fixture in place");
    path.to_string_lossy().into_owned()
}

fn script(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("completions")
        .join(file)
}

fn install(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.parent().expect("parent")).expect("folder");
    std::fs::copy(from, to).expect("script copied");
}

/// PATH with the built kzfp's folder first.
fn search_path() -> OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_kzfp"))
        .parent()
        .expect("the binary has a folder")
        .to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest)))
        .expect("PATH joins")
}

/// The shell's executable; a clear failure when it is not installed.
fn require(shell: &str) -> PathBuf {
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&rest)
        .map(|dir| dir.join(shell))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{shell} is not installed: the completion tests drive real shells; run `{INSTALL}`"
            )
        })
}

/// The shell under coreutils' `timeout`: a stuck completion fails the test (exit 124)
/// instead of hanging it.
fn shell_command(shell: &str, home: &Path, facts_env: Option<&str>) -> Command {
    let mut command = Command::new(require("timeout"));
    command
        .arg(SHELL_TIMEOUT)
        .arg(require(shell))
        .env_clear()
        .env("PATH", search_path())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("TMPDIR", home)
        .env("TERM", "xterm")
        .env("LANG", "C.UTF-8")
        .current_dir(home);
    if let Some(facts) = facts_env {
        command.env("KZFP_FACTS", facts);
    }
    command
}

fn run(mut command: Command, what: &str) -> String {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let stderr = String::from_utf8_lossy(&stderr);
    assert_ne!(
        status.code(),
        Some(124),
        "{what} timed out after {SHELL_TIMEOUT} s"
    );
    assert!(status.success(), "{what} failed ({status}): {stderr}");
    assert!(
        stderr.is_empty(),
        "{what} printed into the prompt: {stderr}"
    );
    String::from_utf8(stdout).expect("UTF-8 candidates")
}

/// The words readline makes of a line: split at spaces outside quotes, `=` a
/// word of its own.
fn bash_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    for token in quoted_split(line) {
        if token.starts_with(['\'', '"']) {
            words.push(token);
            continue;
        }
        let token = token.as_str();
        if token.is_empty() {
            words.push(String::new());
            continue;
        }
        let mut rest = token;
        while let Some(at) = rest.find('=') {
            if at > 0 {
                words.push(rest[..at].to_owned());
            }
            words.push("=".to_owned());
            rest = &rest[at + 1..];
        }
        if !rest.is_empty() {
            words.push(rest.to_owned());
        }
    }
    words
}

const BASH_DRIVER: &str = r#"
source "$BASH_COMPLETION" || { echo "bash-completion did not load" >&2; exit 3; }
case $SETUP in
    Installed) __load_completion kzfp || { echo "kzfp's completion did not load" >&2; exit 3; } ;;
    Sourced) source <(kzfp completions bash) ;;
esac
spec=$(complete -p kzfp) || exit 3
func=${spec##* -F }
func=${func%% *}
while IFS= read -r COMP_LINE; do
    IFS=$'\x1f' read -r -a COMP_WORDS
    COMP_POINT=${#COMP_LINE}
    COMP_TYPE=9
    COMP_KEY=9
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    if [[ $COMP_LINE == *' ' ]]; then
        COMP_WORDS+=("")
        COMP_CWORD=$(( COMP_CWORD + 1 ))
    fi
    COMPREPLY=()
    "$func" kzfp "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    for value in "${COMPREPLY[@]}"; do printf '%s\n' "$value"; done
    printf '\x1e\n'
done
"#;

/// bash's answers to `lines`, one list a line, through the function bash-completion loads.
fn bash(setup: Setup, facts_env: Option<&str>, lines: &[String]) -> Vec<Vec<Offered>> {
    assert!(
        Path::new(BASH_COMPLETION).is_file(),
        "bash-completion is not installed: run `{INSTALL}`"
    );
    let home = home(&format!("bash-{setup:?}-{}", facts_env.is_some()));
    install(
        &script("kzfp.bash"),
        &home.join(".local/share/bash-completion/completions/kzfp"),
    );
    let mut input = String::new();
    for line in lines {
        let words: Vec<String> = bash_words(line);
        // The driver adds the empty word a trailing space makes.
        let words = match words.split_last() {
            Some((last, rest)) if last.is_empty() => rest.to_vec(),
            _ => words,
        };
        input.push_str(&format!("{line}\n{}\n", words.join("\x1f")));
    }
    let driver = home.join("driver.bash");
    std::fs::write(&driver, BASH_DRIVER).expect("driver");
    let input_file = home.join("lines");
    std::fs::write(&input_file, input).expect("lines");
    let mut command = shell_command("bash", &home, facts_env);
    command
        .args(["--norc", "--noprofile"])
        .arg(&driver)
        .env("BASH_COMPLETION", BASH_COMPLETION)
        .env("SETUP", format!("{setup:?}"))
        .stdin(std::fs::File::open(&input_file).expect("lines"));
    let out = run(command, "bash");
    let answers = split_answers(&out, |line| Offered {
        value: line.to_owned(),
        help: None,
    });
    assert_eq!(
        answers.len(),
        lines.len(),
        "bash answered every line: {out}"
    );
    answers
}

/// Splits at spaces outside single or double quotes, keeping the quotes.
fn quoted_split(line: &str) -> Vec<String> {
    let mut tokens = vec![String::new()];
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, ' ') => tokens.push(String::new()),
            (None, '\'' | '"') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            _ => {}
        }
        if quote.is_some() || c != ' ' {
            if let Some(token) = tokens.last_mut() {
                token.push(c);
            }
        }
    }
    tokens
}

fn split_answers(out: &str, parse: impl Fn(&str) -> Offered) -> Vec<Vec<Offered>> {
    let mut answers = Vec::new();
    let mut current = Vec::new();
    for line in out.lines() {
        if line == "\x1e" {
            answers.push(std::mem::take(&mut current));
        } else {
            current.push(parse(line));
        }
    }
    answers
}

fn tab_separated(line: &str) -> Offered {
    match line.split_once('\t') {
        Some((value, help)) => Offered {
            value: value.to_owned(),
            help: Some(help.to_owned()),
        },
        None => Offered {
            value: line.to_owned(),
            help: None,
        },
    }
}

/// fish's answers to `lines` (`complete -C`), with descriptions.
fn fish(setup: Setup, facts_env: Option<&str>, lines: &[String]) -> Vec<Vec<Offered>> {
    let home = home(&format!("fish-{setup:?}-{}", facts_env.is_some()));
    let load = match setup {
        Setup::Installed => {
            install(
                &script("kzfp.fish"),
                &home.join(".config/fish/completions/kzfp.fish"),
            );
            ""
        }
        Setup::Sourced => "kzfp completions fish | source; ",
    };
    let code = format!("{load}for line in $argv; complete -C $line; printf '\\x1e\\n'; end");
    let mut command = shell_command("fish", &home, facts_env);
    command.arg("-c").arg(code).args(lines);
    let out = run(command, "fish");
    let answers = split_answers(&out, tab_separated);
    assert_eq!(
        answers.len(),
        lines.len(),
        "fish answered every line: {out}"
    );
    answers
}

/// zsh's answer to one TAB at the end of `line`, through compinit, with descriptions.
fn zsh(setup: Setup, facts_env: Option<&str>, line: &str, name: &str) -> Vec<Offered> {
    let home = home(&format!("zsh-{name}"));
    let functions = home.join(".zfunc");
    let code = match setup {
        Setup::Installed => {
            install(&script("_kzfp"), &functions.join("_kzfp"));
            String::new()
        }
        Setup::Sourced => "source <(kzfp completions zsh)".to_owned(),
    };
    let capture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/completion-capture.zsh");
    let mut command = shell_command("zsh", &home, facts_env);
    command
        .arg("-f")
        .arg(capture)
        .arg(code)
        .arg(line)
        .env("KZFP_CAPTURE_FPATH", &functions);
    let out = run(command, &format!("zsh completing {line:?}"));
    out.lines().map(tab_separated).collect()
}

/// The values offered, options (`-…`) left out, an inline `--option=` prefix
/// dropped (bash completes only what follows `=`), sorted.
fn values(offered: &[Offered]) -> Vec<String> {
    let mut values: Vec<String> = offered
        .iter()
        .map(|o| match o.value.split_once('=') {
            // `--org=un` from zsh and fish, `=un` from bash with the cursor on `=`.
            Some((option, value)) if option.is_empty() || option.starts_with('-') => {
                value.to_owned()
            }
            _ => o.value.clone(),
        })
        .filter(|v| !v.starts_with('-'))
        .collect();
    values.sort();
    values
}

/// The ids of a kind that start with `prefix`, sorted as the shells list them.
fn ids(base: &FactBase, kind: Kind, prefix: &str) -> Vec<String> {
    let mut ids = common::ids(base, kind);
    ids.retain(|id| id.starts_with(prefix));
    ids.sort();
    ids
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    list.sort();
    list
}

/// Every case each shell must answer: the line, then the values it must offer.
fn cases() -> Vec<(String, Vec<String>)> {
    let base = embedded();
    let event_tags = event_tags(&base);
    let broken = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("completion-shells-broken.toml");
    std::fs::write(&broken, "schema = 1\n[[partner]\nid = ").expect("broken file");
    let broken = broken.to_string_lossy().into_owned();
    vec![
        ("kzfp partner ".into(), ids(&base, Kind::Partner, "")),
        ("kzfp org ".into(), ids(&base, Kind::Org, "")),
        ("kzfp treaty ".into(), ids(&base, Kind::Treaty, "")),
        ("kzfp org u".into(), ids(&base, Kind::Org, "u")),
        (
            "kzfp timeline --partner ".into(),
            ids(&base, Kind::Partner, ""),
        ),
        ("kzfp timeline --org ".into(), ids(&base, Kind::Org, "")),
        (
            "kzfp timeline --treaty ".into(),
            ids(&base, Kind::Treaty, ""),
        ),
        (
            "kzfp treaty --partner ".into(),
            ids(&base, Kind::Partner, ""),
        ),
        ("kzfp treaty --org=".into(), ids(&base, Kind::Org, "")),
        ("kzfp timeline --tag ".into(), event_tags),
        (
            format!("kzfp --facts {ALT} partner "),
            sorted(&["alpha", "beta"]),
        ),
        (
            format!("kzfp --facts={ALT} treaty "),
            sorted(&["delta-treaty"]),
        ),
        (format!("kzfp -f {ALT} org "), sorted(&["gamma-org"])),
        (
            format!("kzfp timeline --facts {ALT} --partner "),
            sorted(&["alpha", "beta"]),
        ),
        (
            format!("kzfp -f {ALT} partner --tag "),
            sorted(&["fixture-only", "trade"]),
        ),
        (
            format!("kzfp -f '{}' partner ", spaced_alt()),
            sorted(&["alpha", "beta"]),
        ),
        (
            format!("kzfp --facts \"{}\" treaty ", spaced_alt()),
            sorted(&["delta-treaty"]),
        ),
        (
            "kzfp -f ~/alt.toml partner ".into(),
            sorted(&["alpha", "beta"]),
        ),
        (
            format!("kzfp --facts {ALT} timeline --tag "),
            sorted(&["fixture-event"]),
        ),
        (
            "kzfp partner --kind ".into(),
            sorted(&["state", "bloc", "region", "company"]),
        ),
        (
            "kzfp treaty --kind ".into(),
            sorted(&["bilateral", "multilateral", "set"]),
        ),
        (
            "kzfp org --role ".into(),
            sorted(&["member", "founder", "chair", "initiator", "host"]),
        ),
        ("kzfp timeline --fields id,da".into(), sorted(&["id,date"])),
        ("kzfp timeline --fields=id,da".into(), sorted(&["id,date"])),
        (
            "kzfp partner russia --fields id,rel".into(),
            sorted(&["id,relation", "id,relation_tr", "id,related"]),
        ),
        ("kzfp treaty --sort si".into(), sorted(&["signed"])),
        (
            "kzfp --format ".into(),
            sorted(&["table", "json", "jsonl", "csv", "tsv", "markdown"]),
        ),
        ("kzfp --color ".into(), sorted(&["auto", "always", "never"])),
        ("kzfp --lang ".into(), sorted(&["all", "en", "tr"])),
        (OPTION_LINE.into(), Vec::new()),
        (
            "kzfp completions ".into(),
            sorted(&["bash", "zsh", "fish", "elvish", "powershell"]),
        ),
        (
            "kzfp --facts /nonexistent/facts.toml partner ".into(),
            Vec::new(),
        ),
        (format!("kzfp --facts {broken} org "), Vec::new()),
    ]
}

/// `KZFP_FACTS` cases: the line, then the values.
fn environment_cases() -> Vec<(String, Vec<String>)> {
    vec![
        ("kzfp partner ".into(), sorted(&["alpha", "beta"])),
        ("kzfp timeline --treaty ".into(), sorted(&["delta-treaty"])),
        // --facts on the line wins over the environment.
        (
            "kzfp --facts /nonexistent/facts.toml org ".into(),
            Vec::new(),
        ),
    ]
}

fn check_all(shell: &str, cases: &[(String, Vec<String>)], answers: &[Vec<Offered>]) {
    let mut wrong = Vec::new();
    for ((line, wanted), offered) in cases.iter().zip(answers) {
        let got = values(offered);
        if &got != wanted {
            wrong.push(format!("{line:?}\n  wanted {wanted:?}\n  got    {got:?}"));
        }
        if line == OPTION_LINE {
            let options: Vec<&str> = offered.iter().map(|o| o.value.as_str()).collect();
            if !options.contains(&"--lang") || !options.contains(&"--limit") {
                wrong.push(format!(
                    "{line:?}: wanted --lang and --limit, got {options:?}"
                ));
            }
        }
        // On an empty word with values to offer, options wait for a `-`.
        let options = offered.iter().filter(|o| o.value.starts_with('-')).count();
        if line.ends_with(' ') && !wanted.is_empty() && options > 0 {
            wrong.push(format!(
                "{line:?}: {options} options offered with the values"
            ));
        }
    }
    assert!(wrong.is_empty(), "{shell}:\n{}", wrong.join("\n"));
}

fn lines(cases: &[(String, Vec<String>)]) -> Vec<String> {
    cases.iter().map(|(line, _)| line.clone()).collect()
}

#[test]
fn bash_installed_in_the_bash_completion_folder() {
    let cases = cases();
    let answers = bash(Setup::Installed, None, &lines(&cases));
    check_all("bash", &cases, &answers);
}

#[test]
fn bash_sourced_and_with_kzfp_facts() {
    let by_env = environment_cases();
    let answers = bash(Setup::Sourced, Some(ALT), &lines(&by_env));
    check_all("bash with KZFP_FACTS", &by_env, &answers);
    let cases = cases();
    let answers = bash(Setup::Sourced, None, &lines(&cases[..3]));
    check_all("bash sourced", &cases[..3], &answers);
}

#[test]
fn fish_installed_in_its_completions_folder() {
    let cases = cases();
    let answers = fish(Setup::Installed, None, &lines(&cases));
    check_all("fish", &cases, &answers);
    // Names are the descriptions.
    let base = embedded();
    for offered in &answers[0] {
        if offered.value.starts_with('-') {
            continue;
        }
        let index = (0..base.count(Kind::Partner) as u32)
            .find(|i| {
                base.meta(Kind::Partner, *i)
                    .is_some_and(|m| base.str(m.id) == offered.value)
            })
            .expect("an offered id is a partner");
        let name = base.display_name(Kind::Partner, index, false);
        assert_eq!(offered.help.as_deref(), Some(name), "{}", offered.value);
    }
    let alpha = answers[10].iter().find(|o| o.value == "alpha");
    assert_eq!(
        alpha.and_then(|o| o.help.as_deref()),
        Some("Alpha Republic")
    );
}

#[test]
fn fish_sourced_and_with_kzfp_facts() {
    let cases = environment_cases();
    let answers = fish(Setup::Sourced, Some(ALT), &lines(&cases));
    check_all("fish with KZFP_FACTS", &cases, &answers);
    let alpha = answers[0].iter().find(|o| o.value == "alpha");
    assert_eq!(
        alpha.and_then(|o| o.help.as_deref()),
        Some("Alpha Republic")
    );
}

/// zsh runs one TAB a process; the cases run four at a time.
fn zsh_all(setup: Setup, facts_env: Option<&str>, cases: &[(String, Vec<String>)], name: &str) {
    let mut answers: Vec<Vec<Offered>> = Vec::new();
    for (chunk, group) in cases.chunks(4).enumerate() {
        std::thread::scope(|scope| {
            let handles: Vec<_> = group
                .iter()
                .enumerate()
                .map(|(i, (line, _))| {
                    let name = format!("{name}-{chunk}-{i}");
                    scope.spawn(move || zsh(setup, facts_env, line, &name))
                })
                .collect();
            for handle in handles {
                match handle.join() {
                    Ok(offered) => answers.push(offered),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
    }
    check_all(&format!("zsh ({name})"), cases, &answers);
}

#[test]
fn zsh_installed_in_an_fpath_folder() {
    let cases = cases();
    zsh_all(Setup::Installed, None, &cases, "installed");
}

#[test]
fn zsh_sourced_and_with_kzfp_facts() {
    zsh_all(Setup::Sourced, Some(ALT), &environment_cases(), "env");
    let cases = cases();
    zsh_all(Setup::Sourced, None, &cases[..2], "sourced");
}

#[test]
fn zsh_shows_names_as_descriptions() {
    let offered = zsh(
        Setup::Installed,
        None,
        &format!("kzfp --facts {ALT} partner "),
        "descriptions",
    );
    let alpha = offered.iter().find(|o| o.value == "alpha");
    assert_eq!(
        alpha.and_then(|o| o.help.as_deref()),
        Some("Alpha Republic"),
        "{offered:?}"
    );
}

#[test]
fn readline_words() {
    assert_eq!(
        bash_words("kzfp --facts=a.toml partner "),
        ["kzfp", "--facts", "=", "a.toml", "partner", ""]
    );
    assert_eq!(
        bash_words("kzfp org --sort="),
        ["kzfp", "org", "--sort", "="]
    );
    assert_eq!(
        bash_words("kzfp -f 'a b=c' x"),
        ["kzfp", "-f", "'a b=c'", "x"]
    );
}
