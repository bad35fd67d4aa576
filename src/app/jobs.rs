//! Loading a corpus and finding its mentions, and deriving new frames for the open
//! corpus (a new date, a changed dictionary), as background [`Job`]s that report
//! progress and can be cancelled.

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use eframe::egui;

use super::job::{Job, JobError, Progress};
use super::workspace::Workspace;
use crate::actors::{Dictionary, DictionarySource};
use crate::corpus::overrides::DateOverride;
use crate::corpus::{Corpus, LoadError, LoadWarning};
use crate::dates::{NumericDates, NumericOrder};
use crate::extract::Matcher;
use crate::frames::{Dating, Frames, extract_until};

/// What a finished load hands to the UI.
pub struct Loaded {
    /// The dictionary the mentions were found with.
    pub dictionary: Dictionary,
    /// Articles and mentions.
    pub frames: Frames,
    /// Files that were skipped.
    pub warnings: Vec<LoadWarning>,
    /// What was opened: paths, or none for the sample corpus.
    pub paths: Vec<PathBuf>,
    /// How numeric dates were read.
    pub numeric_order: NumericOrder,
    /// Duplicate articles counted once.
    pub duplicates_folded: usize,
}

/// How a corpus is read, besides its paths.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The dictionary and which of its aliases count.
    pub dictionary: DictionarySource,
    /// Dates the analyst set that are kept in the app's data folder (the corpus folder
    /// cannot hold them).
    pub kept_dates: Vec<DateOverride>,
    /// How numeric dates are read.
    pub numeric_dates: NumericDates,
    /// How tables of articles are read.
    pub read: crate::corpus::ReadOptions,
    /// Notes for the list of files, such as a kept dates file that cannot be read.
    pub notes: Vec<LoadWarning>,
}

/// A job's progress while loading, with the warnings of a load that found no article
/// (the UI offers the column dialog for them).
pub struct LoadProgress<'a> {
    progress: &'a Progress,
    failed_warnings: Mutex<Vec<LoadWarning>>,
}

impl Deref for LoadProgress<'_> {
    type Target = Progress;

    fn deref(&self) -> &Progress {
        self.progress
    }
}

/// Why a load or a derivation gave no workspace.
#[derive(Debug, thiserror::Error)]
pub enum LoadFailure {
    /// Reading or searching the corpus failed; `warnings` say which files were skipped.
    #[error("{message}")]
    Load {
        /// What went wrong, as the loader says it.
        message: String,
        /// The warnings of a load that found no article.
        warnings: Vec<LoadWarning>,
    },
    /// The dictionary cannot be read.
    #[error(transparent)]
    Dictionary(#[from] crate::actors::DictionaryError),
    /// The dictionary cannot be compiled into a matcher.
    #[error(transparent)]
    Matcher(#[from] crate::extract::BuildError),
    /// The new frames cannot be built.
    #[error(transparent)]
    Frames(#[from] crate::frames::FrameError),
    /// The corpus summary cannot be made.
    #[error("cannot summarise the corpus: {0}")]
    Summary(#[from] polars::prelude::PolarsError),
}

/// A load running in the background, with what the progress line says about it.
pub struct LoadJob {
    /// The work.
    pub job: Job<Workspace, LoadFailure>,
    /// What is being done, for the progress line ("Opening …").
    pub label: String,
    /// What is being opened.
    pub paths: Vec<PathBuf>,
}

impl LoadJob {
    /// Starts loading `paths` (the sample corpus when empty) as `options` say.
    pub fn start(
        ctx: &egui::Context,
        paths: Vec<PathBuf>,
        options: LoadOptions,
    ) -> Result<Self, JobError<LoadFailure>> {
        let label = match paths.as_slice() {
            [] => "Opening the sample corpus".to_owned(),
            [one] => format!("Opening {}", one.display()),
            many => format!("Opening {} paths", many.len()),
        };
        let opened = paths.clone();
        let job = Job::spawn("newslens-load", ctx, move |cancel, progress, repaint| {
            let progress = LoadProgress {
                progress,
                failed_warnings: Mutex::new(Vec::new()),
            };
            let mut loaded =
                load(paths, &options, cancel, &progress, repaint).map_err(|message| {
                    LoadFailure::Load {
                        message,
                        warnings: progress
                            .failed_warnings
                            .lock()
                            .map(|w| w.clone())
                            .unwrap_or_default(),
                    }
                })?;
            loaded.warnings.extend(options.notes);
            Ok(Workspace::new(loaded)?)
        })?;
        Ok(Self {
            job,
            label,
            paths: opened,
        })
    }

    /// Dates one article of `workspace` as `dating` says, finding only its mentions
    /// again, in the background.
    pub fn redate(
        ctx: &egui::Context,
        workspace: &Workspace,
        row: usize,
        dating: Dating,
    ) -> Result<Self, JobError<LoadFailure>> {
        Self::derive(
            ctx,
            workspace,
            "Applying the new date",
            move |frames, dictionary| {
                let matcher = Matcher::cached(&dictionary)?;
                let frames = frames.redated(row, &dating, &matcher)?;
                Ok((frames, dictionary))
            },
        )
    }

    /// Finds the mentions of `workspace` with the dictionary `source` names, searching
    /// again only the articles its changes can touch, in the background.
    pub fn rematch(
        ctx: &egui::Context,
        workspace: &Workspace,
        source: DictionarySource,
    ) -> Result<Self, JobError<LoadFailure>> {
        Self::derive(
            ctx,
            workspace,
            "Applying the changed dictionary",
            move |frames, old| {
                let dictionary = source.load()?;
                let matcher = Matcher::cached(&dictionary)?;
                let frames = frames.rematched(&old, &dictionary, &matcher)?;
                Ok((frames, dictionary))
            },
        )
    }

    /// New frames for the open corpus, made in the background by `work` from its
    /// frames and dictionary (it returns the dictionary the new frames go with).
    fn derive(
        ctx: &egui::Context,
        workspace: &Workspace,
        label: &str,
        work: impl FnOnce(Frames, Dictionary) -> Result<(Frames, Dictionary), LoadFailure>
        + Send
        + 'static,
    ) -> Result<Self, JobError<LoadFailure>> {
        let dictionary = Dictionary::clone(&workspace.dictionary);
        let frames = workspace.frames.clone();
        let warnings = workspace.warnings.clone();
        let paths = workspace.paths.clone();
        let (numeric_order, duplicates_folded) =
            (workspace.numeric_order, workspace.duplicates_folded);
        let opened = paths.clone();
        let job = Job::spawn("newslens-load", ctx, move |_, progress, repaint| {
            progress.set_stage("finding mentions", "articles", 0, repaint);
            let (frames, dictionary) = work(frames, dictionary)?;
            Ok(Workspace::new(Loaded {
                dictionary,
                frames,
                warnings,
                paths,
                numeric_order,
                duplicates_folded,
            })?)
        })?;
        Ok(Self {
            job,
            label: label.to_owned(),
            paths: opened,
        })
    }
}

/// Reads the corpus at `paths` and finds its mentions, reporting through `progress` and
/// stopping when `cancel` is set.
fn load(
    paths: Vec<PathBuf>,
    options: &LoadOptions,
    cancel: &AtomicBool,
    progress: &LoadProgress<'_>,
    repaint: &dyn Fn(),
) -> Result<Loaded, String> {
    let set_stage = |name: &'static str, unit: &'static str, total: usize| {
        progress.set_stage(name, unit, total, repaint);
    };
    set_stage("reading files", "files", 0);
    let dictionary = options.dictionary.load().map_err(|e| e.to_string())?;
    let mut last_repaint = Instant::now();
    let mut corpus = if paths.is_empty() {
        Corpus::sample()
    } else {
        Corpus::load_with(&paths, &options.read, cancel, &mut |p| {
            if p.finding_duplicates {
                set_stage("finding duplicate stories", "articles", 0);
                return;
            }
            progress.done.store(p.files_done, Ordering::Relaxed);
            progress.total.store(p.files_total, Ordering::Relaxed);
            if last_repaint.elapsed().as_millis() > 50 {
                last_repaint = Instant::now();
                repaint();
            }
        })
        .map_err(|LoadError::Cancelled| "cancelled".to_owned())?
    };
    let numeric_order = corpus.set_numeric_dates(options.numeric_dates);
    corpus.apply_overrides(&options.kept_dates, "the dates kept by the app");
    if corpus.articles.is_empty() {
        if let Ok(mut slot) = progress.failed_warnings.lock() {
            slot.clone_from(&corpus.warnings);
        }
        let reasons: Vec<String> = corpus
            .warnings
            .iter()
            .take(3)
            .map(ToString::to_string)
            .collect();
        return Err(format!("no article could be read ({})", reasons.join("; ")));
    }
    if cancel.load(Ordering::Relaxed) {
        return Err("cancelled".to_owned());
    }
    set_stage("finding mentions", "articles", corpus.articles.len());
    let matcher = Matcher::cached(&dictionary).map_err(|e| e.to_string())?;
    let mut last_repaint = Instant::now();
    let extraction = extract_until(&corpus, &matcher, &mut |done| {
        progress.done.store(done, Ordering::Relaxed);
        if last_repaint.elapsed().as_millis() > 50 {
            last_repaint = Instant::now();
            repaint();
        }
        !cancel.load(Ordering::Relaxed)
    })
    .ok_or_else(|| "cancelled".to_owned())?;
    set_stage("building tables", "articles", 0);
    let warnings = std::mem::take(&mut corpus.warnings);
    let duplicates_folded = corpus.duplicates_folded;
    let frames = Frames::build(corpus, extraction, &dictionary).map_err(|e| e.to_string())?;
    Ok(Loaded {
        dictionary,
        frames,
        warnings,
        paths,
        numeric_order,
        duplicates_folded,
    })
}
