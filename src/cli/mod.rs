//! The `newslens` command line: the same pipeline and [`Query`] as the workbench.

mod args;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use clap::Parser;
use polars::prelude::*;

use crate::actors::{ActorKind, Dictionary, DictionarySource};
use crate::corpus::ReadOptions;
use crate::export::{self, Format, WriteError};
use crate::frames::Frames;
use crate::pipeline::{self, AnalystDates, OpenError, OpenOptions, StageTimes};
use crate::query::Query;
use args::{Cli, Command, CorpusArgs, FilterArgs, OutputArgs};

/// A usage error: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(String);

/// What the arguments ask for.
pub enum Invocation {
    /// The workbench on these paths (the last corpus when none).
    Workbench(Vec<PathBuf>),
    /// A command of the command line.
    Command(Box<Cli>),
    /// Nothing more to do (help, version, or arguments that cannot be read, already
    /// printed), with the exit code.
    Exit(ExitCode),
}

/// Reads the process's arguments.
pub fn parse_args() -> Invocation {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return Invocation::Exit(ExitCode::from(u8::try_from(code).unwrap_or(2)));
        }
    };
    match cli.command {
        None => Invocation::Workbench(Vec::new()),
        Some(Command::Gui { paths }) => Invocation::Workbench(paths),
        Some(_) => Invocation::Command(Box::new(cli)),
    }
}

/// Runs a command and returns the process exit code.
pub fn run(cli: &Cli) -> ExitCode {
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

fn execute(cli: &Cli) -> anyhow::Result<()> {
    let Some(command) = &cli.command else {
        return Ok(());
    };
    match command {
        Command::Gui { .. } => Ok(()),
        Command::Articles {
            corpus,
            filters,
            output,
            with_text,
        } => query_and_emit(corpus, filters, output, |q, s| {
            q.articles(&s.frames, *with_text)
        }),
        Command::Mentions {
            corpus,
            filters,
            output,
        } => query_and_emit(corpus, filters, output, |q, s| q.mentions(&s.frames)),
        Command::Events {
            corpus,
            filters,
            output,
        } => query_and_emit(corpus, filters, output, |q, s| q.events(&s.frames)),
        Command::Timeline {
            corpus,
            filters,
            output,
        } => query_and_emit(corpus, filters, output, |q, s| {
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
                emit(&actors_frame(&dictionary)?, output)
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
    stats: StageTimes,
}

impl Session {
    fn open(args: &CorpusArgs) -> anyhow::Result<Self> {
        if !args.paths.is_empty() {
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
        }
        let options = OpenOptions {
            dictionary: args.dictionary.source(),
            read: ReadOptions {
                columns: args.columns.clone().unwrap_or_default(),
                max_file_bytes: (args.max_file_size * 1e6) as u64,
                keep_duplicates: args.keep_duplicates,
                duplicate_threshold: args.duplicate_threshold,
            },
            numeric_dates: args.numeric_dates,
            dates: std::iter::once(AnalystDates::Kept)
                .chain(args.dates.iter().cloned().map(AnalystDates::File))
                .collect(),
        };
        let opened =
            match pipeline::open(&args.paths, &options, &AtomicBool::new(false), &mut |_| {}) {
                Ok(opened) => opened,
                Err(OpenError::NothingRead { warnings }) => {
                    for warning in &warnings {
                        eprintln!("newslens: {warning}");
                    }
                    anyhow::bail!("no article could be read from the given paths");
                }
                Err(e) => return Err(e.into()),
            };
        for warning in &opened.warnings {
            eprintln!("newslens: {warning}");
        }
        if opened.duplicates_folded > 0 {
            eprintln!(
                "newslens: {} duplicate article(s) counted once (--keep-duplicates counts every copy)",
                opened.duplicates_folded
            );
        }
        Ok(Self {
            outlets: opened.frames.outlets()?,
            dictionary: opened.dictionary,
            frames: opened.frames,
            stats: opened.times,
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
            in_title: filters.in_title,
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
        for line in dictionary.census() {
            writeln!(out, "{line}")?;
        }
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
                        r.phrases.first().map_or("office", String::as_str)
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
            Column::new(
                "existed_from".into(),
                actors.iter().map(|a| a.from).collect::<Vec<_>>(),
            ),
            Column::new(
                "existed_to".into(),
                actors.iter().map(|a| a.to).collect::<Vec<_>>(),
            ),
            Column::new(
                "successor".into(),
                actors
                    .iter()
                    .map(|a| a.successor.as_ref().map(|s| s.0.as_str()))
                    .collect::<Vec<_>>(),
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
