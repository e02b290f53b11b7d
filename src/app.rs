//! From parsed arguments to printed output: load the active fact file, turn clap's
//! arguments into plain filters, run the query, order and cut the listing, and
//! hand the records to the renderer. Errors go back to `main`.

use crate::EMBEDDED;
mod listing;

use crate::cli::{Choice, Cli, ColorWhen, Command, DateArgs, GraphArgs, Lang, OutputOption};
use crate::commands::{CommandDef, Parsed, Searches};
use crate::facts::{FactBase, Index, Kind, Problems, Source};
use crate::query::{
    DateRange, Filter, Output, Search, graph, org, partner, search, timeline, treaty, with_bodies,
};
use crate::render::problems::CheckFormat;
use crate::render::{self, Format, RenderOptions, jq::Jq};
use crate::resolve::{did_you_mean, resolve};
use crate::text::{counted, escape_controls, fold};
use crate::usage::UsageError;
use anyhow::{Result, bail};
use clap::ValueEnum;
use listing::{note_if_empty, ordered, selectable, selected_fields};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs one command line; the exit code for success or `check`'s verdict.
pub fn run(parsed: Parsed) -> Result<ExitCode> {
    let Parsed { cli, def, search } = parsed;
    match &cli.command {
        Command::Completions { shell } => {
            refuse_output_options(&cli, def)?;
            crate::complete::print_script(*shell, &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { subcommand } => {
            refuse_output_options(&cli, def)?;
            match crate::man::print(subcommand.as_deref(), &mut std::io::stdout().lock()) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(crate::man::ManError::NoPage(message)) => Err(UsageError(message).into()),
                Err(crate::man::ManError::Io(e)) => Err(e.into()),
            }
        }
        Command::Check { path } => {
            let format = chosen_format(&cli, def)?;
            refuse_output_options(&cli, def)?;
            let filter = jq_filter(&cli)?;
            check(
                path.clone().or_else(|| cli.facts.clone()),
                format,
                filter.as_ref(),
            )
        }
        Command::Schema => {
            let format = chosen_format(&cli, def)?;
            refuse_output_options(&cli, def)?;
            let filter = jq_filter(&cli)?;
            let code = emit(filter.as_ref(), |out| render::schema::render(out, format))?;
            Ok(exit_code(code))
        }
        Command::Graph(args) => draw(&cli, def, args),
        _ => {
            let filter = jq_filter(&cli)?;
            no_empty_search(def, &search)?;
            let base = Source::new(cli.facts.clone())
                .load(&EMBEDDED)
                .map_err(|e| from_env_note(&cli, e))?;
            let search = Search::new(&search).naming(&base);
            let (output, tested) = query(&cli, &base, &search)?;
            print(&cli, def, output, filter.as_ref(), search, tested)
        }
    }
}

/// A command says so rather than ignore an output option it does not take.
fn refuse_output_options(cli: &Cli, def: &CommandDef) -> Result<()> {
    let given: Vec<String> = cli
        .output
        .given()
        .into_iter()
        .filter(|option| !def.takes.contains(option))
        .map(OutputOption::flag)
        .collect();
    match given.as_slice() {
        [] => Ok(()),
        given => Err(UsageError(format!(
            "{} {} nothing with `kzfp {}`: {}",
            given.join(", "),
            if given.len() == 1 { "does" } else { "do" },
            def.name,
            def.prints
        ))
        .into()),
    }
}

/// A path that came from `KZFP_FACTS`, not the line, is not where a user looks:
/// the error says where it came from.
fn from_env_note(cli: &Cli, problems: Problems) -> anyhow::Error {
    let typed = std::env::args_os()
        .any(|a| a == "-f" || a == "--facts" || a.to_string_lossy().starts_with("--facts="));
    let from_env = match (std::env::var_os("KZFP_FACTS"), &cli.facts) {
        (Some(value), Some(path)) => value == path.as_os_str(),
        _ => false,
    };
    if typed || !from_env {
        return problems.into();
    }
    anyhow::anyhow!(
        "{problems}\n(this path comes from KZFP_FACTS; unset it to use the built-in facts)"
    )
}

/// `kzfp check`: every problem in `format`; for people, a one-line verdict.
fn check(path: Option<PathBuf>, format: CheckFormat, filter: Option<&Jq>) -> Result<ExitCode> {
    let source = Source::new(path);
    let verdict = source.verify(&EMBEDDED);
    let code = emit(filter, |out| match &verdict {
        Ok(base) => match format {
            CheckFormat::Text => writeln!(
                out,
                "{}: ok ({}, {}, {}, {})",
                escape_controls(&source.name(), false),
                counted(base.partners.len(), "partner", "partners"),
                counted(base.orgs.len(), "org", "orgs"),
                counted(base.treaties.len(), "treaty", "treaties"),
                counted(base.events.len(), "event", "events")
            ),
            CheckFormat::Json => writeln!(out, "[]"),
            CheckFormat::Github => Ok(()),
        },
        Err(problems) => {
            render::problems::render(out, &mut std::io::stderr().lock(), problems, format)
        }
    });
    let code = match code {
        Ok(code) => code,
        // A closed pipe may end the report early; it never turns problems into success.
        Err(e) if verdict.is_err() && crate::is_broken_pipe(&e) => 1,
        Err(e) => return Err(e),
    };
    // Problems fail the check whatever --jq printed, unless it halted with a code.
    Ok(exit_code(match code {
        0 if verdict.is_err() => 1,
        code => code,
    }))
}

/// `kzfp graph`: the graph of the base, or of a neighbourhood, in its format.
fn draw(cli: &Cli, def: &CommandDef, args: &GraphArgs) -> Result<ExitCode> {
    let format: render::graph::GraphFormat = chosen_format(cli, def)?;
    refuse_output_options(cli, def)?;
    let seeded = !(args.partner.is_empty() && args.org.is_empty() && args.treaty.is_empty());
    if args.depth.is_some() && !seeded {
        return Err(UsageError(
            "--depth needs --partner, --org or --treaty: without them the graph is the whole base"
                .to_owned(),
        )
        .into());
    }
    let dates = date_range(&args.dates)?;
    let jq = jq_filter(cli)?;
    let base = Source::new(cli.facts.clone()).load(&EMBEDDED)?;
    let filter = graph::GraphFilter {
        events: args.events || !dates.is_open() || !args.tag.is_empty(),
        dates,
        tags: args.tag.clone(),
        partners: ids(&base, Kind::Partner, &args.partner)?,
        orgs: ids(&base, Kind::Org, &args.org)?,
        treaties: ids(&base, Kind::Treaty, &args.treaty)?,
        depth: args.depth.unwrap_or(1),
        at: args.at.at,
    };
    let graph = graph::build(&base, &filter);
    let links = render::graph::links_drawn(&graph);
    if format == render::graph::GraphFormat::Mermaid && links > render::graph::MERMAID_MAX_EDGES {
        crate::stderr_line!(
            "warning: {links} links; Mermaid (and GitHub) draw at most {} by default: \
             narrow the graph with --partner, --org, --treaty or the event filters",
            render::graph::MERMAID_MAX_EDGES
        );
    }
    let code = emit(jq.as_ref(), |out| {
        render::graph::render(out, &graph, format, cli.output.lang == Some(Lang::Tr))
    })?;
    Ok(exit_code(code))
}

/// `--jq EXPR` compiled, before the base is read: a bad expression is a usage error.
fn jq_filter(cli: &Cli) -> Result<Option<Jq>> {
    match &cli.output.jq {
        Some(code) => Ok(Some(Jq::compile(code).map_err(UsageError)?)),
        None => Ok(None),
    }
}

/// Prints what `write` renders, or its JSON through `--jq`; the exit code (that
/// of jq's `halt` when it ran).
fn emit(
    filter: Option<&Jq>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<i32> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let code = match filter {
        Some(filter) => {
            let mut json = Vec::new();
            write(&mut json)?;
            filter.run(&json, &mut stdout)?
        }
        None => {
            write(&mut stdout)?;
            0
        }
    };
    stdout.flush()?;
    Ok(code)
}

/// An exit code as the shell sees it (0 to 255).
fn exit_code(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code.rem_euclid(256)).unwrap_or(1))
}

/// `--format` (`--json` is `--format json`) among the formats `F` the command
/// prints (`def.formats`); the first when neither is given.
fn chosen_format<F: ValueEnum>(cli: &Cli, def: &CommandDef) -> Result<F> {
    let name = match (
        &cli.output.format,
        cli.output.json || cli.output.jq.is_some(),
    ) {
        // --jq filters JSON: any other format given with it is a mistake.
        (Some(name), true) if cli.output.jq.is_some() && name != "json" => {
            return Err(UsageError(format!(
                "--jq filters JSON output: it cannot be used with --format {name}"
            ))
            .into());
        }
        (_, true) => "json",
        (Some(name), false) => name.as_str(),
        (None, false) => {
            return F::value_variants()
                .first()
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("`kzfp {}` prints no format", def.name));
        }
    };
    let valid = def.format_names();
    (def.formats)()
        .iter()
        .any(|v| v.matches(name, true))
        .then(|| F::from_str(name, true).ok())
        .flatten()
        .ok_or_else(|| {
            let command = def.name;
            let shown = crate::text::shorten(name);
            let hint = match command {
                "graph" if GRAPHVIZ_FORMATS.contains(&name) => format!(
                    "\nGraphviz draws the DOT as {name}: kzfp graph | dot -T{name} -o kzfp.{name}"
                ),
                _ => did_you_mean(name, valid.iter().map(String::as_str)),
            };
            UsageError(format!(
                "--format {shown} is not a format of {command}; it prints {}{hint}",
                valid.join(", ")
            ))
            .into()
        })
}

/// Image formats people ask `kzfp graph` for, which Graphviz's `dot -T` draws.
const GRAPHVIZ_FORMATS: [&str; 8] = ["png", "svg", "pdf", "jpg", "jpeg", "gif", "ps", "webp"];

/// The records of `kind` that `given` names, each resolved like every ID.
fn ids(base: &FactBase, kind: Kind, given: &[String]) -> Result<Vec<Index>> {
    given.iter().map(|g| Ok(resolve(base, kind, g)?)).collect()
}

/// A search value with no word in it (`-s '.*'`, `-s -`) would match every
/// record: a usage error, as an empty pattern is to a user who meant one.
fn no_empty_search(def: &CommandDef, terms: &[String]) -> Result<()> {
    let Some(empty) = terms
        .iter()
        .find(|term| Search::new(std::slice::from_ref(term)).is_empty())
    else {
        return Ok(());
    };
    let given = match def.search {
        Searches::Words => "kzfp search",
        Searches::Flag | Searches::No => "-s",
    };
    Err(UsageError(format!(
        "{given} {} has no word to search for: a search matches words (letters and digits) \
         at their start, not patterns",
        crate::text::quote_arg(empty)
    ))
    .into())
}

/// The query's output, and the fields its filters test (`Filter::tested`).
fn query<'a>(
    cli: &Cli,
    base: &'a FactBase,
    search: &Search,
) -> Result<(Output<'a>, Vec<&'static str>)> {
    let ids = |kind: Kind, given: &[String]| ids(base, kind, given);
    let listed = |output: Output<'a>, filter: &dyn Filter| (output, filter.tested());
    Ok(match &cli.command {
        Command::Search(args) => (
            search::run(
                base,
                &search::SearchFilter {
                    kinds: chosen(&args.kind, "--kind")?,
                    search: search.clone(),
                },
            ),
            Vec::new(),
        ),
        Command::Timeline(args) => {
            let filter = timeline::TimelineFilter {
                dates: date_range(&args.dates)?,
                partners: ids(Kind::Partner, &args.partner)?,
                orgs: with_bodies(base, ids(Kind::Org, &args.org)?),
                treaties: ids(Kind::Treaty, &args.treaty)?,
                tags: known_tags(base, Kind::Event, &args.tag)?,
                search: search.clone(),
            };
            listed(timeline::run(base, &filter), &filter)
        }
        Command::Partner(args) => match &args.id {
            Some(id) => (
                partner::show(base, resolve(base, Kind::Partner, id)?, args.at.at),
                Vec::new(),
            ),
            None => {
                let filter = partner::PartnerFilter {
                    kinds: chosen(&args.kind, "--kind")?,
                    tags: known_tags(base, Kind::Partner, &args.tag)?,
                    search: search.clone(),
                };
                listed(partner::list(base, &filter), &filter)
            }
        },
        Command::Org(args) => match &args.id {
            Some(id) => (
                org::show(base, resolve(base, Kind::Org, id)?, args.at.at),
                Vec::new(),
            ),
            None => {
                let filter = org::OrgFilter {
                    roles: chosen(&args.role, "--role")?,
                    kinds: chosen(&args.kind, "--kind")?,
                    joined: date_range(&args.dates)?,
                    at: args.at.at,
                    search: search.clone(),
                };
                listed(org::list(base, &filter), &filter)
            }
        },
        Command::Treaty(args) => match &args.id {
            Some(id) => (
                treaty::show(base, resolve(base, Kind::Treaty, id)?, args.at.at),
                Vec::new(),
            ),
            None => {
                let filter = treaty::TreatyFilter {
                    partners: ids(Kind::Partner, &args.partner)?,
                    orgs: with_bodies(base, ids(Kind::Org, &args.org)?),
                    kinds: chosen(&args.kind, "--kind")?,
                    kazakhstan: args.kazakhstan.iter().map(|p| (*p).into()).collect(),
                    signed: date_range(&args.dates)?,
                    at: args.at.at,
                    search: search.clone(),
                };
                listed(treaty::list(base, &filter), &filter)
            }
        },
        Command::Check { .. }
        | Command::Schema
        | Command::Completions { .. }
        | Command::Man { .. }
        | Command::Graph(_) => {
            bail!("not a query")
        }
    })
}

/// `--kind`, `--role`: the values of the set; any other is an error (exit 1)
/// with the closest value and the whole set.
fn chosen<E: ValueEnum + Copy + Into<M>, M>(given: &[Choice<E>], flag: &str) -> Result<Vec<M>> {
    given
        .iter()
        .map(|choice| match choice {
            Choice::Known(value) => Ok((*value).into()),
            Choice::Unknown(text) => {
                let names: Vec<String> = E::value_variants()
                    .iter()
                    .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
                    .collect();
                let hint = did_you_mean(text, names.iter().map(String::as_str));
                bail!(
                    "unknown {flag} {}{hint}\n{flag} takes: {}",
                    crate::text::quote_arg(text),
                    names.join(", ")
                )
            }
        })
        .collect()
}

/// `--tag`: tags some record of the kind has (folded); any other is an error
/// (exit 1) with the closest tags, or all of them.
fn known_tags(base: &FactBase, kind: Kind, given: &[String]) -> Result<Vec<String>> {
    // Without --tag there is nothing to check: the tags of 100,000 events, read
    // and sorted, were 15% of a query's time.
    if given.is_empty() {
        return Ok(Vec::new());
    }
    let mut tags: Vec<&str> = (0..base.count(kind) as Index)
        .filter_map(|i| base.meta(kind, i))
        .flat_map(|m| base.strs(base.list(m.tags)))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    for tag in given {
        if !tags.iter().any(|t| fold(t) == fold(tag)) {
            let hint = did_you_mean(tag, tags.iter().copied());
            bail!(
                "no {} tag {}{hint}\n{} tags: {}",
                kind.word(),
                crate::text::quote_arg(tag),
                kind.word(),
                tags.join(", ")
            );
        }
    }
    Ok(given.to_vec())
}

/// `--from`/`--to`; a range that ends before it starts is a usage error.
fn date_range(args: &DateArgs) -> Result<DateRange> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if to.end < from.start {
            return Err(
                UsageError("--to is before --from: the range holds no day".to_owned()).into(),
            );
        }
    }
    Ok(DateRange {
        from: args.from,
        to: args.to,
    })
}

/// Orders, cuts and prints the query's output.
fn print(
    cli: &Cli,
    def: &CommandDef,
    output: Output,
    filter: Option<&Jq>,
    search: Search,
    tested: Vec<&'static str>,
) -> Result<ExitCode> {
    let listed = selectable(&output);
    let format: Format = chosen_format(cli, def)?;
    let options = RenderOptions {
        fields: selected_fields(cli.output.fields.as_deref(), &listed)?,
        no_headers: cli.output.no_headers,
        color: use_color(cli.output.color.unwrap_or(ColorWhen::Auto)),
        width: table_width(format, cli.output.width),
        turkish: cli.output.lang == Some(Lang::Tr),
        both_languages: cli.output.lang == Some(Lang::All),
        search,
        tested,
    };
    let output = match output {
        // Without --sort the order is known before any record is built.
        Output::Lazy {
            kind,
            base,
            mut indexes,
        } if cli.output.sort.is_none() => {
            if cli.output.reverse {
                indexes.reverse();
            }
            if let Some(limit) = cli.output.limit {
                indexes.truncate(limit);
            }
            note_if_empty(indexes.is_empty(), &listed, format);
            Output::Lazy {
                kind,
                base,
                indexes,
            }
        }
        listing @ (Output::Lazy { .. } | Output::List { .. }) => match listing.built() {
            Output::List { of, records } => Output::List {
                of,
                records: ordered(cli, &listed, records, format, of)?,
            },
            other => other,
        },
        detail => detail,
    };
    let code = emit(filter, |out| render::render(out, &output, format, &options))?;
    // The process ends next and the kernel takes the memory back whole: freeing
    // the records one by one was 4% of an embedded `org un` (callgrind).
    std::mem::forget(output);
    Ok(exit_code(code))
}

/// `--color`, then NO_COLOR and CLICOLOR_FORCE, then whether stdout is a terminal.
fn use_color(when: ColorWhen) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorWhen::Auto if set("CLICOLOR_FORCE") => true,
        ColorWhen::Auto => std::io::stdout().is_terminal(),
    }
}

/// The width a table fits: `--width`, else `COLUMNS` (as `ls` reads it), else
/// the terminal's when it prints to one; none (no limit) when piped without either.
fn table_width(format: Format, asked: Option<u16>) -> Option<u16> {
    if format != Format::Table {
        return None;
    }
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|v| v.trim().parse::<u16>().ok())
            .filter(|w| *w > 0)
    };
    let terminal = || {
        // A terminal that reports no size (0 columns) is treated as none.
        std::io::stdout()
            .is_terminal()
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(terminal_size::Width(width), _)| width)
            .filter(|w| *w > 0)
    };
    asked.or_else(columns).or_else(terminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The static base build.rs wrote is the base the loader makes of the
    /// shipped file.
    #[test]
    fn embedded_static_base_is_the_loaded_base() {
        let embedded = FactBase::from_static(&EMBEDDED);
        let loaded = Source::Embedded.verify(&EMBEDDED).unwrap();
        assert_eq!(format!("{embedded:?}"), format!("{loaded:?}"));
    }
}
