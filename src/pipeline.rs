//! Opening a corpus end to end, one way for every front end: the dictionary, the files,
//! how numeric dates are read, the analyst's dates, the matcher, extraction and the
//! frames — with progress and cancellation. Re-dating an article and re-matching after a
//! dictionary edit go through here too.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::actors::{Dictionary, DictionaryError, DictionarySource};
use crate::corpus::overrides::{self, DateOverride, OverrideError};
use crate::corpus::{Corpus, LoadError, LoadWarning, ReadOptions};
use crate::dates::{NumericDates, NumericOrder};
use crate::extract::{BuildError, Matcher, extract_until};
use crate::frames::{Dating, FrameError, Frames};

/// Dates the analyst set, applied over the dates the articles print.
#[derive(Clone, Debug)]
pub enum AnalystDates {
    /// The dates kept in NewsLens's data folder for these paths (set in the workbench
    /// where the corpus folder cannot hold them, see
    /// [`overrides::kept_dates_file`]); a file that cannot be read becomes a warning.
    Kept,
    /// A dates file to read (`source_path,published`); a file that cannot be read is an
    /// error.
    File(PathBuf),
    /// Dates already read, with where they come from (for messages).
    Given {
        /// The dates.
        dates: Vec<DateOverride>,
        /// Where they come from, as messages name it.
        origin: String,
    },
}

/// How a corpus is opened, besides its paths.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// The dictionary and which of its aliases count.
    pub dictionary: DictionarySource,
    /// How files and tables of articles are read.
    pub read: ReadOptions,
    /// How numeric dates are read.
    pub numeric_dates: NumericDates,
    /// The analyst's dates, applied in order (a later one wins for the same article).
    pub dates: Vec<AnalystDates>,
}

/// A step of opening a corpus, reported as it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Reading and parsing files: done of total (total 0 while still listing).
    Reading {
        /// Files read.
        done: usize,
        /// Files to read.
        total: usize,
    },
    /// Every file is read; duplicate stories are being looked for.
    FindingDuplicates,
    /// Searching the articles for mentions: done of total.
    FindingMentions {
        /// Articles searched.
        done: usize,
        /// Articles to search.
        total: usize,
    },
    /// Building the frames.
    BuildingTables,
}

/// Why a corpus could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The dictionary could not be read.
    #[error(transparent)]
    Dictionary(#[from] DictionaryError),
    /// The dictionary could not be compiled.
    #[error(transparent)]
    Matcher(#[from] BuildError),
    /// A dates file could not be read.
    #[error(transparent)]
    Dates(#[from] OverrideError),
    /// No article could be read; the reasons are in the warnings.
    #[error("no article could be read from the given paths")]
    NothingRead {
        /// What was wrong with each file.
        warnings: Vec<LoadWarning>,
    },
    /// The frames could not be built.
    #[error(transparent)]
    Frames(#[from] FrameError),
    /// The analyst cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl From<LoadError> for OpenError {
    fn from(error: LoadError) -> Self {
        match error {
            LoadError::Cancelled => Self::Cancelled,
        }
    }
}

/// Time taken by each stage of opening, in order.
pub type StageTimes = Vec<(&'static str, Duration)>;

/// An opened corpus.
pub struct Opened {
    /// The dictionary the mentions were found with.
    pub dictionary: Dictionary,
    /// Articles and mentions.
    pub frames: Frames,
    /// Files that were skipped or read with a note.
    pub warnings: Vec<LoadWarning>,
    /// How numeric dates were read.
    pub numeric_order: NumericOrder,
    /// Duplicate articles counted once.
    pub duplicates_folded: usize,
    /// Time taken by each stage: read, parse, duplicates, dictionary, extract, frames.
    pub times: StageTimes,
}

/// Opens `paths` (the sample corpus when empty) as `options` say, reporting each step
/// to `report` and stopping when `cancel` is set.
pub fn open(
    paths: &[PathBuf],
    options: &OpenOptions,
    cancel: &AtomicBool,
    report: &mut dyn FnMut(Step),
) -> Result<Opened, OpenError> {
    report(Step::Reading { done: 0, total: 0 });
    let dictionary = options.dictionary.load()?;
    let mut corpus = if paths.is_empty() {
        Corpus::sample()
    } else {
        Corpus::load_with(paths, &options.read, cancel, &mut |p| {
            report(if p.finding_duplicates {
                Step::FindingDuplicates
            } else {
                Step::Reading {
                    done: p.files_done,
                    total: p.files_total,
                }
            });
        })?
    };
    let numeric_order = corpus.set_numeric_dates(options.numeric_dates);
    for dates in &options.dates {
        match dates {
            AnalystDates::Kept => {
                let file = overrides::kept_dates_file(paths);
                let (entries, warning) = overrides::read_kept(file.as_deref());
                corpus.warnings.extend(warning);
                if let Some(file) = file {
                    corpus.apply_overrides(&entries, &file.display().to_string());
                }
            }
            AnalystDates::File(file) => {
                let entries = overrides::read(file)?;
                corpus.apply_overrides(&entries, &file.display().to_string());
            }
            AnalystDates::Given { dates, origin } => corpus.apply_overrides(dates, origin),
        }
    }
    if corpus.articles.is_empty() {
        return Err(OpenError::NothingRead {
            warnings: corpus.warnings,
        });
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(OpenError::Cancelled);
    }
    let loaded = corpus.times;
    let mut times = vec![
        ("read", loaded.read),
        ("parse", loaded.parse),
        ("duplicates", loaded.duplicates),
    ];
    let total = corpus.articles.len();
    report(Step::FindingMentions { done: 0, total });
    let started = Instant::now();
    let matcher = Matcher::cached(&dictionary)?;
    times.push(("dictionary", started.elapsed()));
    let started = Instant::now();
    let extraction = extract_until(&corpus, &matcher, &mut |done| {
        report(Step::FindingMentions { done, total });
        !cancel.load(Ordering::Relaxed)
    })
    .ok_or(OpenError::Cancelled)?;
    times.push(("extract", started.elapsed()));
    report(Step::BuildingTables);
    let started = Instant::now();
    let warnings = std::mem::take(&mut corpus.warnings);
    let duplicates_folded = corpus.duplicates_folded;
    let frames = Frames::build(corpus, extraction, &dictionary)?;
    times.push(("frames", started.elapsed()));
    Ok(Opened {
        dictionary,
        frames,
        warnings,
        numeric_order,
        duplicates_folded,
        times,
    })
}

/// `frames` with article `row` dated as `dating` says: only that article's mentions are
/// found again, with the dictionary they were found with.
pub fn redate(
    frames: &Frames,
    row: usize,
    dating: &Dating,
    dictionary: &Dictionary,
) -> Result<Frames, OpenError> {
    let matcher = Matcher::cached(dictionary)?;
    Ok(frames.redated(row, dating, &matcher)?)
}

/// `frames` (found with `old`) with the mentions of the dictionary `source` names: only
/// the articles its changes can touch are searched again. Returns the new dictionary
/// with the new frames.
pub fn rematch(
    frames: &Frames,
    old: &Dictionary,
    source: &DictionarySource,
) -> Result<(Frames, Dictionary), OpenError> {
    let dictionary = source.load()?;
    let matcher = Matcher::cached(&dictionary)?;
    let frames = frames.rematched(old, &dictionary, &matcher)?;
    Ok((frames, dictionary))
}
