//! The command line, as clap derive structs and nothing else: every flag with the
//! one line of help users see. `app` turns these into plain filters.

use crate::facts::{Kind, OrgKind, Participation, PartnerKind, Period, Role, TreatyKind, date};
use crate::text::shorten;
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const MAIN_EXAMPLES: &str = "\
Examples:
  kzfp timeline --from 1991 --to 1995    what happened in the first years
  kzfp org un                            when Kazakhstan joined the UN
  kzfp treaty --partner china --json     what it signed with China, as JSON
  kzfp org --json | jq -r '.[] | select(.roles | index(\"founder\")) | .id'
  kzfp org --jq '.[] | select(.roles | index(\"founder\")) | .id'   # jq built in";

const TIMELINE_EXAMPLES: &str = "\
Examples:
  kzfp timeline --from 1991 --to 1995
  kzfp timeline --partner russia --org csto
  kzfp timeline -s 'security council' --json | jq -r '.[].date'";

const PARTNER_EXAMPLES: &str = "\
Examples:
  kzfp partner                      every partner
  kzfp partner rusya                Russia's card, and all that names Russia
  kzfp partner --kind region --lang tr";

const ORG_EXAMPLES: &str = "\
Examples:
  kzfp org un                       when Kazakhstan joined the UN
  kzfp org --role founder           the organisations it founded
  kzfp org --from 2000 --fields id,acronym,joined";

const TREATY_EXAMPLES: &str = "\
Examples:
  kzfp treaty --partner china       what it signed with China
  kzfp treaty russia-friendship-1992
  kzfp treaty --from 1990 --to 1999 --format csv";

const GRAPH_EXAMPLES: &str = "\
Examples:
  kzfp graph | dot -Tsvg -o kzfp.svg        the whole base, drawn by Graphviz
  kzfp graph --partner russia --depth 2     two steps out from Russia
  kzfp graph --org sco --format mermaid     a Mermaid flowchart for Markdown
  kzfp graph --events --from 2014 --json    with the events since 2014";

/// Answers questions about the foreign policy of Kazakhstan from one TOML fact file.
/// Help headings: what an option is for, so filters and output options don't mix.
const SEARCH_EXAMPLES: &str = "\
Examples:
  kzfp search nuclear                        everything about nuclear matters
  kzfp search çin --kind treaty              treaties that name China
  kzfp search '\"astana talks\"' --json      a phrase, as JSON
  kzfp search security council --limit 5     the five best matches";

pub const FILTERS: &str = "Filters";
pub const OUTPUT: &str = "Output";
const FACT_FILE: &str = "Fact file";

#[derive(Parser, Debug)]
#[command(name = "kzfp", version, about, after_help = MAIN_EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// Fact file to read; `-` reads standard input [default: the facts.toml built into kzfp]
    #[arg(
        short = 'f',
        long,
        env = "KZFP_FACTS",
        value_name = "PATH",
        global = true,
        help_heading = FACT_FILE
    )]
    pub facts: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Declares the output options once: the flattened struct clap fills, and the
/// `OutputOption` naming each, which the table of commands says a command takes.
macro_rules! output_options {
    ($($(#[$meta:meta])* pub $field:ident: $ty:ty => $variant:ident,)*) => {
        /// The options that shape what a command prints, global to every command.
        #[derive(Args, Debug, Default)]
        pub struct OutputArgs {
            $($(#[$meta])* pub $field: $ty,)*
        }

        /// One output option, by what it is.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum OutputOption {
            $($variant,)*
        }

        impl OutputOption {
            /// Every output option, in the order of the help.
            pub const ALL: &[OutputOption] = &[$(OutputOption::$variant,)*];

            /// The option's id in clap: `no_headers`.
            pub fn id(self) -> &'static str {
                match self {
                    $(OutputOption::$variant => stringify!($field),)*
                }
            }

            /// The option as typed: `--no-headers`.
            pub fn flag(self) -> String {
                format!("--{}", self.id().replace('_', "-"))
            }
        }

        impl OutputArgs {
            /// The output options given on the line.
            pub fn given(&self) -> Vec<OutputOption> {
                let mut given = Vec::new();
                $(if Given::given(&self.$field) {
                    given.push(OutputOption::$variant);
                })*
                given
            }
        }
    };
}

/// Whether an option's value says it was given on the line.
trait Given {
    fn given(&self) -> bool;
}

impl Given for bool {
    fn given(&self) -> bool {
        *self
    }
}

impl<T> Given for Option<T> {
    fn given(&self) -> bool {
        self.is_some()
    }
}

output_options! {
    /// Output format (its help and values: the table of commands)
    #[arg(short = 'o', long, value_name = "FMT", global = true, help_heading = OUTPUT)]
    pub format: Option<String> => Format,

    /// Same as --format json
    #[arg(long, global = true, help_heading = OUTPUT)]
    pub json: bool => Json,

    /// Filter the JSON output with a jq expression; strings print raw, as with jq -r
    #[arg(long, value_name = "EXPR", global = true, help_heading = OUTPUT)]
    pub jq: Option<String> => Jq,

    /// Comma-separated fields to show, in that order (timeline: id,date,title; partner: id,name,kind; org: id,acronym,joined; treaty: id,signed,parties)
    #[arg(long, value_name = "LIST", global = true, help_heading = OUTPUT)]
    pub fields: Option<String> => Fields,

    /// Sort the listing by this field
    #[arg(long, value_name = "FIELD", global = true, help_heading = OUTPUT)]
    pub sort: Option<String> => Sort,

    /// Reverse the order of the listing
    #[arg(long, global = true, help_heading = OUTPUT)]
    pub reverse: bool => Reverse,

    /// Show at most N records (N is 1 or more)
    #[arg(long, value_name = "N", global = true, help_heading = OUTPUT, allow_negative_numbers = true, value_parser = parse_limit)]
    pub limit: Option<usize> => Limit,

    /// Leave out the header row of table, csv and tsv output (markdown: the header and delimiter lines)
    #[arg(long, global = true, help_heading = OUTPUT)]
    pub no_headers: bool => NoHeaders,

    /// When to color the table [default: auto; NO_COLOR and CLICOLOR_FORCE apply to auto]
    #[arg(long, value_enum, value_name = "WHEN", global = true, help_heading = OUTPUT, ignore_case = true)]
    pub color: Option<ColorWhen> => Color,

    /// Language of the table: headers, names, titles and values; a card shows that language
    /// only, unless `all` [default: en] (JSON always has both)
    #[arg(long, value_enum, value_name = "LANG", global = true, help_heading = OUTPUT, ignore_case = true)]
    pub lang: Option<Lang> => Lang,

    /// Fit the table to N columns, piped or not [default: COLUMNS, else the terminal's width;
    /// piped without either, no limit]
    #[arg(long, value_name = "N", global = true, help_heading = OUTPUT, allow_negative_numbers = true, value_parser = parse_width)]
    pub width: Option<u16> => Width,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Dated events, oldest first
    #[command(after_help = TIMELINE_EXAMPLES)]
    Timeline(TimelineArgs),
    /// States, blocs and regions Kazakhstan deals with; with an ID, one partner and all that names it
    #[command(after_help = PARTNER_EXAMPLES)]
    Partner(PartnerArgs),
    /// International organisations, UN bodies and programmes, and Kazakhstan's roles in them
    #[command(after_help = ORG_EXAMPLES)]
    Org(OrgArgs),
    /// Treaties and agreements; with an ID, one treaty and all that names it
    #[command(after_help = TREATY_EXAMPLES)]
    Treaty(TreatyArgs),
    /// Records of every kind that match TEXT, best matches first (the rules of -s)
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// The relations as a graph (DOT, Mermaid or JSON): partners, orgs, treaties, events
    #[command(after_help = GRAPH_EXAMPLES)]
    Graph(GraphArgs),
    /// Validate a fact file: list every problem, exit 1 if there is any
    #[command(after_help = "Examples:\n  kzfp check\n  kzfp check my-edition.toml")]
    Check {
        /// Fact file to check [default: the active fact file]
        path: Option<PathBuf>,
    },
    /// Print the fact file's schema: a JSON Schema for editors, or the README's field tables
    #[command(
        after_help = "Examples:\n  kzfp schema > facts.schema.json\n  kzfp schema --format markdown"
    )]
    Schema,
    /// Print the completion script for a shell
    #[command(
        after_help = "Examples:\n  source <(kzfp completions bash)\n  kzfp completions fish > ~/.config/fish/completions/kzfp.fish"
    )]
    Completions {
        /// The shell to print the script for
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page of kzfp, or of a subcommand (man/ holds them all)
    #[command(hide = true)]
    Man {
        /// The subcommand whose page to print [default: kzfp's own]
        subcommand: Option<String>,
    },
}

/// `--from` / `--to` on a date field.
#[derive(Args, Debug, Clone, Default)]
pub struct DateArgs {
    /// Only records whose date overlaps the period from DATE on (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    pub from: Option<Period>,
    /// Only records whose date overlaps the period up to DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    pub to: Option<Period>,
}

/// `--at`: the relations (members, parties, Kazakhstan's own) as of a date.
#[derive(Args, Debug, Clone, Default)]
pub struct AtArgs {
    /// As of DATE (YYYY, YYYY-MM or YYYY-MM-DD): the members, parties and memberships that held on some day of it
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    pub at: Option<Period>,
}

#[derive(Args, Debug)]
#[command(next_help_heading = FILTERS)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub dates: DateArgs,
    /// Only events involving this partner (id, alias or name; repeat to OR)
    #[arg(long, value_name = "ID")]
    pub partner: Vec<String>,
    /// Only events involving this organisation or one of its bodies (`--org un` takes in
    /// the UN's own, by their parent: UNSC, UNGA…; repeat to OR)
    #[arg(long, value_name = "ID")]
    pub org: Vec<String>,
    /// Only events involving this treaty (repeat to OR)
    #[arg(long, value_name = "ID")]
    pub treaty: Vec<String>,
    /// Only events with this tag (repeat to OR)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
}

#[derive(Args, Debug)]
#[command(next_help_heading = FILTERS)]
pub struct SearchArgs {
    /// Words to find at word starts, in either language; "a quoted phrase" in order
    #[arg(id = "search", value_name = "TEXT", required = true)]
    pub text: Vec<String>,
    /// Only records of this kind: event, partner, org, treaty (repeat to OR)
    #[arg(long, value_name = "KIND", value_parser = Lenient::<RecordKindArg>::default())]
    pub kind: Vec<Choice<RecordKindArg>>,
}

#[derive(Args, Debug)]
#[command(next_help_heading = FILTERS)]
pub struct GraphArgs {
    /// Only the neighbourhood of this partner (repeat for several)
    #[arg(long, value_name = "ID")]
    pub partner: Vec<String>,
    /// Only the neighbourhood of this organisation (repeat for several)
    #[arg(long, value_name = "ID")]
    pub org: Vec<String>,
    /// Only the neighbourhood of this treaty (repeat for several)
    #[arg(long, value_name = "ID")]
    pub treaty: Vec<String>,
    /// How many edges out a neighbourhood reaches [default: 1]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub depth: Option<usize>,
    /// Events too, as nodes linked to what they involve
    #[arg(long)]
    pub events: bool,
    /// Dates narrow the events (and imply --events)
    #[command(flatten)]
    pub dates: DateArgs,
    /// Only the relations of that date
    #[command(flatten)]
    pub at: AtArgs,
    /// Only events with this tag (repeat to OR; implies --events)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
}

#[derive(Args, Debug)]
#[command(next_help_heading = FILTERS)]
pub struct PartnerArgs {
    /// Show this partner in full (id, alias, ISO code, English or Turkish name)
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Only partners of this kind (repeat to OR)
    #[arg(long, value_name = "KIND", value_parser = Lenient::<PartnerKindArg>::default())]
    pub kind: Vec<Choice<PartnerKindArg>>,
    /// Only partners with this tag (repeat to OR)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// A card's organisations and treaties of that date
    #[command(flatten)]
    pub at: AtArgs,
}

#[derive(Args, Debug)]
#[command(next_help_heading = FILTERS)]
pub struct OrgArgs {
    /// Show this organisation in full (id, acronym, English or Turkish name)
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Only organisations where Kazakhstan has this role (repeat to OR)
    #[arg(long, value_name = "ROLE", value_parser = Lenient::<RoleArg>::default())]
    pub role: Vec<Choice<RoleArg>>,
    /// Only organisations of this kind (repeat to OR)
    #[arg(long, value_name = "KIND", value_parser = Lenient::<OrgKindArg>::default())]
    pub kind: Vec<Choice<OrgKindArg>>,
    /// Dates filter on when Kazakhstan joined
    #[command(flatten)]
    pub dates: DateArgs,
    /// The organisations Kazakhstan was in then, with their members then
    #[command(flatten)]
    pub at: AtArgs,
}

#[derive(Args, Debug)]
#[command(next_help_heading = FILTERS)]
pub struct TreatyArgs {
    /// Show this treaty in full (id, alias, English or Turkish name)
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// Only treaties with this party (repeat to OR)
    #[arg(long, value_name = "ID")]
    pub partner: Vec<String>,
    /// Only treaties of this organisation or one of its bodies (`--org un` takes in the
    /// UN's own, by their parent; repeat to OR)
    #[arg(long, value_name = "ID")]
    pub org: Vec<String>,
    /// Only treaties of this kind (repeat to OR)
    #[arg(long, value_name = "KIND", value_parser = Lenient::<TreatyKindArg>::default())]
    pub kind: Vec<Choice<TreatyKindArg>>,
    /// Only treaties Kazakhstan is (or is not) a party to
    #[arg(long, value_enum, value_name = "PARTY")]
    pub kazakhstan: Vec<ParticipationArg>,
    /// Dates filter on Kazakhstan's own date: its signature or accession, else the treaty's signing
    #[command(flatten)]
    pub dates: DateArgs,
    /// The treaties Kazakhstan had signed or joined by then, with their parties then
    #[command(flatten)]
    pub at: AtArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English
    En,
    /// Turkish
    Tr,
    /// English, and a card shows the Turkish fields beside the English ones
    All,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// clap value enums mirroring the fact model's kinds (the model stays clap-free).
macro_rules! value_enum {
    ($name:ident => $model:ty { $($variant:ident),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
        pub enum $name { $($variant),* }
        impl From<$name> for $model {
            fn from(value: $name) -> $model {
                match value { $($name::$variant => <$model>::$variant),* }
            }
        }
    };
}

value_enum!(PartnerKindArg => PartnerKind { State, Bloc, Region, Company });
value_enum!(OrgKindArg => OrgKind { Organisation, UnOrgan, UnAgency, Programme, Conference, Initiative, Zone, National });
value_enum!(TreatyKindArg => TreatyKind { Bilateral, Multilateral, Set });
value_enum!(ParticipationArg => Participation { Party, NotParty, Signatory });
value_enum!(RecordKindArg => Kind { Event, Partner, Org, Treaty });
value_enum!(RoleArg => Role { Member, Founder, Chair, Initiator, Host });

/// A value of a fixed set, passed on by clap even when it is none of them: the
/// error is then kzfp's, with a did-you-mean and exit 1 as for an unknown id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice<E> {
    Known(E),
    Unknown(String),
}

/// Parses a `Choice`; help and completion list the set's values all the same.
#[derive(Clone, Debug)]
pub struct Lenient<E>(std::marker::PhantomData<E>);

impl<E> Default for Lenient<E> {
    fn default() -> Self {
        Lenient(std::marker::PhantomData)
    }
}

impl<E: ValueEnum + Clone + Send + Sync + 'static> clap::builder::TypedValueParser for Lenient<E> {
    type Value = Choice<E>;

    fn parse_ref(
        &self,
        _command: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Choice<E>, clap::Error> {
        let text = value.to_string_lossy();
        Ok(E::from_str(&text, true)
            .map_or_else(|_| Choice::Unknown(text.into_owned()), Choice::Known))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            E::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// One date; an interval or a year before 1 gets a message saying what to type.
/// clap quotes the rejected value itself, so the messages do not repeat it.
fn parse_date(text: &str) -> Result<Period, String> {
    const FORMS: &str = "DATE is YYYY, YYYY-MM or YYYY-MM-DD";
    if let Some((start, end)) = text.split_once('/') {
        return Err(format!(
            "that is an interval; for that period use --from {} --to {}",
            shorten(start),
            shorten(end)
        ));
    }
    if text.starts_with('-') {
        return Err(format!("years before 1 are not supported; {FORMS}"));
    }
    let parts: Vec<&str> = text.split('-').collect();
    let digits =
        |part: &&str, n: usize| part.len() == n && part.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        // `2014-2016`: two years, meant as a period.
        [start, end] if digits(start, 4) && digits(end, 4) => {
            return Err(format!(
                "that is two years; for that period use --from {start} --to {end}"
            ));
        }
        [year, month, ..]
            if digits(year, 4)
                && digits(month, 2)
                && !(1..=12).contains(&month.parse::<u32>().unwrap_or(0)) =>
        {
            return Err(format!("there is no month {month}; {FORMS}"));
        }
        _ => {}
    }
    date::parse_single(text).map_err(|e| match e {
        date::DateError::Malformed => FORMS.to_owned(),
        other => format!("{other}; {FORMS}"),
    })
}

/// `--width N`: a whole number of columns, 1 or more.
fn parse_width(text: &str) -> Result<u16, String> {
    match text.trim().parse::<i128>() {
        Ok(n) if n >= 1 => u16::try_from(n).map_err(|_| format!("N is at most {}", u16::MAX)),
        Ok(_) => Err("N is 1 or more columns".to_owned()),
        Err(_) => Err("N is a whole number of columns".to_owned()),
    }
}

/// `--limit N`: a whole number of 1 or more (0 would print nothing at all).
fn parse_limit(text: &str) -> Result<usize, String> {
    match text.trim().parse::<i128>() {
        Ok(n) if n >= 1 => usize::try_from(n).map_err(|_| "N is too large".to_owned()),
        Ok(_) => Err("N is 1 or more; leave --limit out to show every record".to_owned()),
        Err(_) => Err("N is a whole number, 1 or more".to_owned()),
    }
}
