//! Loading a corpus and finding its mentions, and deriving new frames for the open
//! corpus (a new date, a changed dictionary), as background [`Job`]s that report
//! progress and can be cancelled.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use eframe::egui;

use super::job::{Job, JobError, Progress};
use super::workspace::{Loaded, Workspace};
use crate::actors::{Dictionary, DictionarySource};
use crate::corpus::LoadWarning;
use crate::corpus::overrides::DateOverride;
use crate::dates::NumericDates;
use crate::frames::{Dating, Frames};
use crate::pipeline::{self, AnalystDates, OpenError, OpenOptions, Step};

/// How a corpus is read, besides its paths.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The dictionary and which of its aliases count.
    pub dictionary: DictionarySource,
    /// Dates earlier versions kept in the settings that could not move to the data
    /// folder's kept dates file (that file itself is read by the pipeline).
    pub kept_dates: Vec<DateOverride>,
    /// How numeric dates are read.
    pub numeric_dates: NumericDates,
    /// How tables of articles are read.
    pub read: crate::corpus::ReadOptions,
}

/// Why a load or a derivation gave no workspace.
#[derive(Debug, thiserror::Error)]
pub enum LoadFailure {
    /// No article could be read; `warnings` say why for each file.
    #[error("no article could be read ({})", reasons(warnings))]
    Load {
        /// What was wrong with each file.
        warnings: Vec<LoadWarning>,
    },
    /// Opening, dating or matching failed.
    #[error(transparent)]
    Open(OpenError),
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
            let loaded = load(paths, &options, cancel, progress, repaint)?;
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
                let frames = pipeline::redate(&frames, row, &dating, &dictionary)?;
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
            move |frames, old| Ok(pipeline::rematch(&frames, &old, &source)?),
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

impl From<OpenError> for LoadFailure {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::NothingRead { warnings } => Self::Load { warnings },
            other => Self::Open(other),
        }
    }
}

/// The first reasons files were skipped, for a message.
fn reasons(warnings: &[LoadWarning]) -> String {
    let reasons: Vec<String> = warnings.iter().take(3).map(ToString::to_string).collect();
    reasons.join("; ")
}

/// Reads the corpus at `paths` and finds its mentions through the pipeline, showing
/// each step on the progress line and stopping when `cancel` is set.
fn load(
    paths: Vec<PathBuf>,
    options: &LoadOptions,
    cancel: &AtomicBool,
    progress: &Progress,
    repaint: &dyn Fn(),
) -> Result<Loaded, LoadFailure> {
    let open = OpenOptions {
        dictionary: options.dictionary.clone(),
        read: options.read.clone(),
        numeric_dates: options.numeric_dates,
        dates: vec![
            AnalystDates::Kept,
            AnalystDates::Given {
                dates: options.kept_dates.clone(),
                origin: "the dates kept by the app".to_owned(),
            },
        ],
    };
    let mut last_repaint = Instant::now();
    let mut stage = None;
    let opened = pipeline::open(&paths, &open, cancel, &mut |step| {
        let (name, unit, done, total) = match step {
            Step::Reading { done, total } => ("reading files", "files", done, total),
            Step::FindingDuplicates => ("finding duplicate stories", "articles", 0, 0),
            Step::FindingMentions { done, total } => ("finding mentions", "articles", done, total),
            Step::BuildingTables => ("building tables", "articles", 0, 0),
        };
        if stage != Some(name) {
            stage = Some(name);
            progress.set_stage(name, unit, total, repaint);
        }
        progress.done.store(done, Ordering::Relaxed);
        progress.total.store(total, Ordering::Relaxed);
        if last_repaint.elapsed().as_millis() > 50 {
            last_repaint = Instant::now();
            repaint();
        }
    })?;
    Ok(Loaded {
        dictionary: opened.dictionary,
        frames: opened.frames,
        warnings: opened.warnings,
        paths,
        numeric_order: opened.numeric_order,
        duplicates_folded: opened.duplicates_folded,
    })
}
