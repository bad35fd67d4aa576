//! The `newslens` command line: the same core and [`Query`] as the workbench.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use polars::prelude::*;

use crate::actors::{ActorKind, Dictionary, DictionarySource};
use crate::corpus::table::ColumnMap;
use crate::corpus::{Corpus, ReadOptions};
use crate::dates::{NumericDates, parse_user_date};
use crate::export::{self, Format, WriteError};
use crate::extract::Matcher;
use crate::frames::{Frames, Granularity, Metric, Query, TimeAxis};

/// NewsLens: how the news covers geopolitical actors.
#[derive(Debug, Parser)]
#[command(name = "newslens", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
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
struct DictionaryArgs {
    /// A dictionary laid on top of the built-in one (same ids replace).
    #[arg(long, value_name = "FILE", conflicts_with = "only_dictionary")]
    dictionary: Option<PathBuf>,
    /// A dictionary used instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    only_dictionary: Option<PathBuf>,
    /// Do not count demonyms ("Armenian", "Russians").
    #[arg(long)]
    no_demonyms: bool,
    /// Do not count capitals and seats of power used for their state ("Kremlin").
    #[arg(long)]
    no_metonyms: bool,
}

impl DictionaryArgs {
    fn source(&self) -> DictionarySource {
        DictionarySource {
            file: self
                .only_dictionary
                .clone()
                .or_else(|| self.dictionary.clone()),
            replace_default: self.only_dictionary.is_some(),
            no_demonyms: self.no_demonyms,
            no_metonyms: self.no_metonyms,
        }
    }
}

#[derive(Debug, Args)]
struct CorpusArgs {
    /// Article files and folders (read recursively); the sample corpus when none.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    dictionary: DictionaryArgs,
    /// How to read numeric dates such as 02/03/2024: as the corpus shows (day first when
    /// more of its dates can only be read so, like 27/11/2023), month first, or day first.
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = NumericDates::Auto)]
    numeric_dates: NumericDates,
    /// Publication dates to set, as CSV `source_path,published` (applied after the
    /// newslens-dates.csv kept in the corpus folder).
    #[arg(long, value_name = "FILE")]
    dates: Option<PathBuf>,
    /// Columns of tables of articles (CSV, TSV, JSONL, Parquet) when their names are not
    /// the usual ones: FIELD=COLUMN,… with fields id, title, text, published, outlet,
    /// url, author (e.g. text=body,published=date).
    #[arg(long, value_name = "MAP", value_parser = parse_columns)]
    columns: Option<ColumnMap>,
    /// Skip article files (text, web pages) larger than this many megabytes; tables of
    /// articles are not limited.
    #[arg(long, value_name = "MB", default_value_t = 50.0)]
    max_file_size: f64,
    /// Count every copy of a story (by default a story printed by several outlets, or
    /// a file read twice, counts once; `duplicate_of` names the copy kept).
    #[arg(long)]
    keep_duplicates: bool,
    /// How similar (0–1, share of shared five-word phrases) two texts must be to count
    /// as one story.
    #[arg(long, value_name = "SHARE", default_value_t = crate::corpus::duplicates::DEFAULT_THRESHOLD)]
    duplicate_threshold: f64,
    /// Print the time each stage took (read, parse, duplicates, dictionary, extract,
    /// frames, aggregate, export) and the peak memory to stderr.
    #[arg(long)]
    stats: bool,
}

fn parse_columns(spec: &str) -> Result<ColumnMap, String> {
    ColumnMap::parse(spec)
}

#[derive(Debug, Args)]
struct FilterArgs {
    /// Only this actor: id, name or alias (repeatable).
    #[arg(long = "actor", value_name = "NAME_OR_ID")]
    actors: Vec<String>,
    /// Only actors of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind)]
    kinds: Vec<ActorKind>,
    /// Only articles from this outlet (repeatable).
    #[arg(long = "outlet", value_name = "NAME")]
    outlets: Vec<String>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    from: Option<NaiveDate>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    to: Option<NaiveDate>,
    /// Only mentions whose sentence contains this text (case ignored).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Timeline period.
    #[arg(long = "by", value_enum, default_value_t = Granularity::Month)]
    granularity: Granularity,
    /// What the timeline's value measures.
    #[arg(long, value_enum, default_value_t = Metric::Mentions)]
    metric: Metric,
    /// Place mentions at their article's publication date, or at the date their
    /// sentence refers to (--from/--to then filter those dates).
    #[arg(long, value_enum, default_value_t = TimeAxis::Published)]
    time: TimeAxis,
    /// Treat articles whose date is inferred from their text as undated (left out of
    /// the timeline and of --from/--to).
    #[arg(long)]
    exclude_inferred: bool,
}

#[derive(Debug, Args)]
struct OutputArgs {
    /// Output format; with --out, taken from the file's extension by default.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to this file (.csv, .parquet, .json, .jsonl) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace --out if it exists.
    #[arg(long)]
    force: bool,
}

fn parse_kind(s: &str) -> Result<ActorKind, String> {
    ActorKind::parse(s).ok_or_else(|| {
        let allowed: Vec<&str> = ActorKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind \"{s}\"; use one of: {}", allowed.join(", "))
    })
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_user_date(s).ok_or_else(|| format!("\"{s}\" is not a date; write it as YYYY-MM-DD"))
}

/// An error in how the command was called; exits with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(String);

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return ExitCode::from(u8::try_from(code).unwrap_or(2));
        }
    };
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            // Every message carries its cause already; the chain would repeat it.
            eprintln!("newslens: {e}");
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn execute(cli: Cli) -> anyhow::Result<()> {
    let Some(command) = cli.command else {
        return crate::app::run(Vec::new());
    };
    match command {
        Command::Gui { paths } => crate::app::run(paths),
        Command::Articles {
            corpus,
            filters,
            output,
            with_text,
        } => query_and_emit(&corpus, &filters, &output, |q, s| {
            q.articles(&s.frames, with_text)
        }),
        Command::Mentions {
            corpus,
            filters,
            output,
        } => query_and_emit(&corpus, &filters, &output, |q, s| q.mentions(&s.frames)),
        Command::Events {
            corpus,
            filters,
            output,
        } => query_and_emit(&corpus, &filters, &output, |q, s| q.events(&s.frames)),
        Command::Timeline {
            corpus,
            filters,
            output,
        } => query_and_emit(&corpus, &filters, &output, |q, s| {
            q.timeline(&s.frames, &s.dictionary)
        }),
        Command::Actors {
            dictionary,
            check,
            output,
        } => match check {
            Some(file) => check_dictionary(file.as_deref(), &dictionary.source()),
            None => {
                let dictionary = dictionary.source().load()?;
                emit(&actors_frame(&dictionary)?, &output)
            }
        },
    }
}

/// Opens the corpus, runs the query and writes its result.
fn query_and_emit(
    corpus: &CorpusArgs,
    filters: &FilterArgs,
    output: &OutputArgs,
    run: impl FnOnce(&Query, &Session) -> Result<DataFrame, crate::frames::FrameError>,
) -> anyhow::Result<()> {
    let mut session = Session::open(corpus)?;
    let query = session.query(filters)?;
    let started = Instant::now();
    let result = run(&query, &session)?;
    session.stats.push(("aggregate", started.elapsed()));
    let started = Instant::now();
    emit(&result, output)?;
    session.stats.push(("export", started.elapsed()));
    if corpus.stats {
        let stages: Vec<String> = session
            .stats
            .iter()
            .map(|(stage, took)| format!("{stage}={:.3}", took.as_secs_f64()))
            .collect();
        let peak = crate::peak_memory_bytes()
            .map(|b| format!(" peak_mb={:.0}", b as f64 / 1e6))
            .unwrap_or_default();
        eprintln!(
            "newslens: stats (seconds): {}{peak} articles={} mentions={}",
            stages.join(" "),
            session.frames.articles.height(),
            session.frames.mention_count()
        );
    }
    Ok(())
}

/// A loaded corpus with its dictionary and frames.
struct Session {
    dictionary: Dictionary,
    frames: Frames,
    /// Distinct outlet names of the corpus.
    outlets: Vec<String>,
    /// Time taken by each stage so far.
    stats: Vec<(&'static str, Duration)>,
}

impl Session {
    fn open(args: &CorpusArgs) -> anyhow::Result<Self> {
        let dictionary = args.dictionary.source().load()?;
        let mut corpus = if args.paths.is_empty() {
            Corpus::sample()
        } else {
            if args.max_file_size.is_nan() || args.max_file_size <= 0.0 {
                return Err(UsageError(
                    "--max-file-size must be a positive number of megabytes".to_owned(),
                )
                .into());
            }
            if !(0.0..=1.0).contains(&args.duplicate_threshold) {
                return Err(UsageError(
                    "--duplicate-threshold is a share between 0 and 1 (0.7 by default)".to_owned(),
                )
                .into());
            }
            let options = ReadOptions {
                columns: args.columns.clone().unwrap_or_default(),
                max_file_bytes: (args.max_file_size * 1e6) as u64,
                keep_duplicates: args.keep_duplicates,
                duplicate_threshold: args.duplicate_threshold,
            };
            Corpus::load_with(&args.paths, &options, &AtomicBool::new(false), &mut |_| {})?
        };
        corpus.set_numeric_dates(args.numeric_dates);
        if let Some(file) = &args.dates {
            let entries = crate::corpus::overrides::read(file)?;
            corpus.apply_overrides(&entries, &file.display().to_string());
        }
        for warning in &corpus.warnings {
            eprintln!("newslens: {warning}");
        }
        if corpus.duplicates_folded > 0 {
            eprintln!(
                "newslens: {} duplicate article(s) counted once (--keep-duplicates counts every copy)",
                corpus.duplicates_folded
            );
        }
        if corpus.articles.is_empty() {
            anyhow::bail!("no article could be read from the given paths");
        }
        let times = corpus.times;
        let mut stats = vec![
            ("read", times.read),
            ("parse", times.parse),
            ("duplicates", times.duplicates),
        ];
        let started = Instant::now();
        let matcher = Matcher::new(&dictionary)?;
        stats.push(("dictionary", started.elapsed()));
        let mut outlets: Vec<String> = corpus
            .articles
            .iter()
            .filter_map(|a| a.outlet.clone())
            .collect();
        outlets.sort();
        outlets.dedup();
        let started = Instant::now();
        let extraction = crate::frames::extract_all(&corpus, &matcher);
        stats.push(("extract", started.elapsed()));
        let started = Instant::now();
        let frames = Frames::build(corpus, extraction, &dictionary)?;
        stats.push(("frames", started.elapsed()));
        Ok(Self {
            dictionary,
            frames,
            outlets,
            stats,
        })
    }

    fn query(&self, filters: &FilterArgs) -> anyhow::Result<Query> {
        let mut actors = Vec::new();
        for key in &filters.actors {
            let actor = self.dictionary.find(key).ok_or_else(|| {
                UsageError(format!(
                    "unknown actor \"{key}\"; `newslens actors` lists the ids and names you can use"
                ))
            })?;
            if !actors.contains(&actor.id) {
                actors.push(actor.id.clone());
            }
        }
        let mut outlets = Vec::new();
        for outlet in &filters.outlets {
            let known = self
                .outlets
                .iter()
                .find(|o| o.eq_ignore_ascii_case(outlet.trim()));
            match known {
                Some(name) => outlets.push(name.clone()),
                None => {
                    let list = if self.outlets.is_empty() {
                        "this corpus names no outlet".to_owned()
                    } else {
                        format!("known outlets: {}", self.outlets.join(", "))
                    };
                    return Err(UsageError(format!("unknown outlet \"{outlet}\"; {list}")).into());
                }
            }
        }
        if let (Some(from), Some(to)) = (filters.from, filters.to)
            && to < from
        {
            return Err(UsageError(format!("--to {to} is before --from {from}")).into());
        }
        Ok(Query {
            actors,
            kinds: filters.kinds.clone(),
            outlets,
            from: filters.from,
            to: filters.to,
            search: filters.search.clone(),
            granularity: filters.granularity,
            metric: filters.metric,
            time: filters.time,
            exclude_inferred: filters.exclude_inferred,
        })
    }
}

/// `newslens actors --check [FILE]`: every problem at once, then a summary; an error
/// (exit 1) when there is any problem.
fn check_dictionary(file: Option<&Path>, source: &DictionarySource) -> anyhow::Result<()> {
    let origin = file.map_or_else(
        || crate::actors::DEFAULT_DICTIONARY_NAME.to_owned(),
        |f| f.display().to_string(),
    );
    // Every problem at once: the entries that cannot be read, then the conflicts among
    // those that can (with the built-in dictionary, when the file is laid on it).
    let (own, mut problems) = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read dictionary {}: {e}", path.display()))?;
            Dictionary::parse_lenient(&text, &path.display().to_string())
        }
        None => Dictionary::parse_lenient(
            crate::actors::DEFAULT_DICTIONARY,
            crate::actors::DEFAULT_DICTIONARY_NAME,
        ),
    };
    let combined = match (file, source.replace_default) {
        (Some(_), false) => Dictionary::builtin()?.merged_with(own.clone()),
        _ => own.clone(),
    };
    problems.extend(combined.conflicts());
    let dictionary = Some(own);
    let mut out = io::stdout().lock();
    for problem in &problems {
        writeln!(out, "{problem}")?;
    }
    if let Some(dictionary) = &dictionary {
        let mut counts = std::collections::BTreeMap::new();
        for actor in dictionary.actors() {
            *counts.entry(actor.kind).or_insert(0usize) += 1;
        }
        let kinds: Vec<String> = counts
            .iter()
            .map(|(kind, n)| {
                let (one, many) = match kind {
                    ActorKind::Country => ("state", "states"),
                    ActorKind::Person => ("person", "people"),
                    ActorKind::Organization => ("organization", "organizations"),
                    ActorKind::Group => ("group", "groups"),
                    ActorKind::Place => ("place", "places"),
                };
                format!("{n} {}", if *n == 1 { one } else { many })
            })
            .collect();
        let aliases: usize = dictionary.actors().iter().map(|a| a.aliases.len()).sum();
        let roles: usize = dictionary.actors().iter().map(|a| a.roles.len()).sum();
        let n = dictionary.actors().len();
        writeln!(
            out,
            "{origin}: {n} {} ({}), {aliases} aliases, {roles} dated roles",
            if n == 1 { "actor" } else { "actors" },
            kinds.join(", ")
        )?;
    }
    if problems.is_empty() {
        writeln!(out, "no problems")?;
        Ok(())
    } else {
        Err(anyhow::anyhow!(
            "{} problem{} in {origin}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ))
    }
}

/// The dictionary as a table: one row per actor.
fn actors_frame(dictionary: &Dictionary) -> anyhow::Result<DataFrame> {
    use crate::actors::AliasClass;
    let actors = dictionary.actors();
    let aliases = |class: AliasClass| -> Vec<String> {
        actors
            .iter()
            .map(|a| {
                a.aliases
                    .iter()
                    .filter(|al| al.class == class)
                    .map(|al| al.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .collect()
    };
    let roles: Vec<String> = actors
        .iter()
        .map(|a| {
            a.roles
                .iter()
                .map(|r| {
                    let from = r.from.map_or_else(|| "…".to_owned(), |d| d.to_string());
                    let to = r.to.map_or_else(String::new, |d| d.to_string());
                    format!(
                        "{} ({from}–{to})",
                        r.phrases.first().map_or("", String::as_str)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect();
    Ok(DataFrame::new(
        actors.len(),
        vec![
            Column::new(
                "actor_id".into(),
                actors.iter().map(|a| a.id.0.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "actor".into(),
                actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "actor_kind".into(),
                actors.iter().map(|a| a.kind.as_str()).collect::<Vec<_>>(),
            ),
            Column::new("names".into(), aliases(AliasClass::Name)),
            Column::new("demonyms".into(), aliases(AliasClass::Demonym)),
            Column::new("capitals".into(), aliases(AliasClass::Capital)),
            Column::new("variants".into(), aliases(AliasClass::Variant)),
            Column::new("roles".into(), roles),
        ],
    )?)
}

/// Prints `frame` to stdout or writes it to `--out`.
fn emit(frame: &DataFrame, output: &OutputArgs) -> anyhow::Result<()> {
    match &output.out {
        Some(path) => {
            let implied = Format::from_path(path);
            if let (Some(given), Some(implied)) = (output.format, implied)
                && given != implied
            {
                return Err(UsageError(format!(
                    "--format {} does not match the extension of {}; drop --format or change the name",
                    given.as_str(),
                    path.display()
                ))
                .into());
            }
            let format = match output.format {
                Some(format) => format,
                None => implied.ok_or_else(|| {
                    UsageError(format!(
                        "cannot tell the format of {} from its extension; use .csv, .parquet, .json or .jsonl, or give --format",
                        path.display()
                    ))
                })?,
            };
            export::write_file(frame, format, path, output.force)?;
            eprintln!(
                "newslens: wrote {} rows to {}",
                frame.height(),
                path.display()
            );
            Ok(())
        }
        None => {
            let format = output.format.unwrap_or(Format::Table);
            if format == Format::Parquet {
                return Err(UsageError(
                    "parquet is a binary format; write it to a file with --out FILE.parquet"
                        .to_owned(),
                )
                .into());
            }
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            export::write_frame(frame, format, &mut lock).map_err(|e| match e {
                WriteError::Io(io) => anyhow::Error::new(io),
                WriteError::Encode(e) => anyhow::Error::new(e),
            })?;
            lock.flush()?;
            Ok(())
        }
    }
}
