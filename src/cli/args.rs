//! The command line's arguments, as clap reads them.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::actors::{ActorKind, DictionarySource, Usage};
use crate::corpus::table::{ColumnError, ColumnMap};
use crate::dates::{NumericDates, parse_user_date};
use crate::export::Format;
use crate::query::{Granularity, Metric, TimeAxis};

/// NewsLens: how the news covers geopolitical actors.
#[derive(Debug, Parser)]
#[command(name = "newslens", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    /// Open the workbench window on files and folders (the last corpus when none).
    Gui {
        /// Article files and folders.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Parsed article metadata, one row per article.
    Articles {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Include the cleaned text that mention offsets refer to.
        #[arg(long)]
        with_text: bool,
    },
    /// One row per mention of an actor.
    Mentions {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Dates written in the articles' text, resolved against their publication dates.
    Events {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Mentions over time per actor, zero-filled.
    Timeline {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// List an actor dictionary, or check one for problems.
    Actors {
        #[command(flatten)]
        dictionary: DictionaryArgs,
        /// Report every problem of the built-in dictionary, or of FILE laid on top of
        /// it (invalid entries, duplicate ids, empty aliases, aliases claimed by two
        /// actors, overlapping role dates); exit 1 when there is any.
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        check: Option<Option<PathBuf>>,
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// Which dictionary is used, and which of its aliases count.
#[derive(Debug, Args)]
pub(super) struct DictionaryArgs {
    /// A dictionary laid on top of the built-in one (same ids replace).
    #[arg(long, value_name = "FILE", conflicts_with = "only_dictionary")]
    pub(super) dictionary: Option<PathBuf>,
    /// A dictionary used instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub(super) only_dictionary: Option<PathBuf>,
    /// Do not count demonyms ("Armenian", "Russians").
    #[arg(long)]
    pub(super) no_demonyms: bool,
    /// Do not count capitals and seats of power used for their state ("Kremlin").
    #[arg(long)]
    pub(super) no_metonyms: bool,
    /// Also count these uses of actors' names, not counted by default: organization
    /// (a company's or agency's name: "American Express"), currency ("Swiss franc"),
    /// named ("Paris Club", "Uruguay round"), sports (a national team), location (a
    /// capital named only as a place: "talks in Geneva"), historical (a state or
    /// organisation named after it ended: "the Soviet Union" in 2021), ambiguous (a name
    /// people share that the article's date does not resolve), or all.
    #[arg(long, value_name = "USAGE", value_delimiter = ',', value_parser = parse_usages)]
    pub(super) count_usage: Vec<Usages>,
}

/// Usages named on the command line (`all` names every one).
#[derive(Clone, Debug)]
pub(super) struct Usages(Vec<Usage>);

fn parse_usages(s: &str) -> Result<Usages, String> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(Usages(Usage::SWITCHABLE.to_vec()));
    }
    match Usage::parse(s) {
        Some(usage) if usage != Usage::Actor => Ok(Usages(vec![usage])),
        _ => Err(format!(
            "\"{s}\" is not a usage; use {}, or all",
            Usage::SWITCHABLE.map(Usage::as_str).join(", ")
        )),
    }
}

impl DictionaryArgs {
    pub(super) fn source(&self) -> DictionarySource {
        DictionarySource {
            file: self
                .only_dictionary
                .clone()
                .or_else(|| self.dictionary.clone()),
            replace_default: self.only_dictionary.is_some(),
            no_demonyms: self.no_demonyms,
            no_metonyms: self.no_metonyms,
            count_usages: self.count_usage.iter().flat_map(|u| u.0.clone()).collect(),
        }
    }
}

#[derive(Debug, Args)]
pub(super) struct CorpusArgs {
    /// Article files and folders (read recursively); the sample corpus when none.
    #[arg(value_name = "PATH")]
    pub(super) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) dictionary: DictionaryArgs,
    /// How to read numeric dates such as 02/03/2024: as the corpus shows (day first when
    /// more of its dates can only be read so, like 27/11/2023), month first, or day first.
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = NumericDates::Auto)]
    pub(super) numeric_dates: NumericDates,
    /// Publication dates to set, as CSV `source_path,published` (applied after the
    /// newslens-dates.csv kept in the corpus folder).
    #[arg(long, value_name = "FILE")]
    pub(super) dates: Option<PathBuf>,
    /// Columns of tables of articles (CSV, TSV, JSONL, Parquet) when their names are not
    /// the usual ones: FIELD=COLUMN,… with fields id, title, text, published, outlet,
    /// url, author (e.g. text=body,published=date).
    #[arg(long, value_name = "MAP", value_parser = parse_columns)]
    pub(super) columns: Option<ColumnMap>,
    /// Skip article files (text, web pages) larger than this many megabytes; tables of
    /// articles are not limited.
    #[arg(long, value_name = "MB", default_value_t = 50.0)]
    pub(super) max_file_size: f64,
    /// Count every copy of a story (by default a story printed by several outlets, or
    /// a file read twice, counts once; `duplicate_of` names the copy kept).
    #[arg(long)]
    pub(super) keep_duplicates: bool,
    /// How similar (0–1, share of shared five-word phrases) two texts must be to count
    /// as one story.
    #[arg(long, value_name = "SHARE", default_value_t = crate::corpus::duplicates::DEFAULT_THRESHOLD)]
    pub(super) duplicate_threshold: f64,
    /// Print the time each stage took (read, parse, duplicates, dictionary, extract,
    /// frames, aggregate, export) and the peak memory to stderr.
    #[arg(long)]
    pub(super) stats: bool,
}

pub(super) fn parse_columns(spec: &str) -> Result<ColumnMap, ColumnError> {
    ColumnMap::parse(spec)
}

#[derive(Debug, Args)]
pub(super) struct FilterArgs {
    /// Only this actor: id, name or alias (repeatable).
    #[arg(long = "actor", value_name = "NAME_OR_ID")]
    pub(super) actors: Vec<String>,
    /// Only actors of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind)]
    pub(super) kinds: Vec<ActorKind>,
    /// Only articles from this outlet (repeatable).
    #[arg(long = "outlet", value_name = "NAME")]
    pub(super) outlets: Vec<String>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub(super) from: Option<NaiveDate>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub(super) to: Option<NaiveDate>,
    /// Only mentions whose sentence contains this text (case ignored).
    #[arg(long, value_name = "TEXT")]
    pub(super) search: Option<String>,
    /// Only mentions in headlines (articles' titles).
    #[arg(long)]
    pub(super) in_title: bool,
    /// Timeline period.
    #[arg(long = "by", value_enum, default_value_t = Granularity::Month)]
    pub(super) granularity: Granularity,
    /// What the timeline's value measures.
    #[arg(long, value_enum, default_value_t = Metric::Mentions)]
    pub(super) metric: Metric,
    /// Place mentions at their article's publication date, or at the date their
    /// sentence refers to (--from/--to then filter those dates).
    #[arg(long, value_enum, default_value_t = TimeAxis::Published)]
    pub(super) time: TimeAxis,
    /// Treat articles whose date is inferred from their text as undated (left out of
    /// the timeline and of --from/--to).
    #[arg(long)]
    pub(super) exclude_inferred: bool,
}

#[derive(Debug, Args)]
pub(super) struct OutputArgs {
    /// Output format; with --out, taken from the file's extension by default.
    #[arg(long, value_enum)]
    pub(super) format: Option<Format>,
    /// Write to this file (.csv, .parquet, .json, .jsonl) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub(super) out: Option<PathBuf>,
    /// Replace --out if it exists.
    #[arg(long)]
    pub(super) force: bool,
}

pub(super) fn parse_kind(s: &str) -> Result<ActorKind, String> {
    ActorKind::parse(s).ok_or_else(|| {
        let allowed: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind \"{s}\"; use one of: {}", allowed.join(", "))
    })
}

pub(super) fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_user_date(s).ok_or_else(|| format!("\"{s}\" is not a date; write it as YYYY-MM-DD"))
}
