//! Background work for the workbench: loading a corpus and extracting its mentions on a
//! named thread that reports progress and can be cancelled.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::actors::{Dictionary, DictionarySource};
use crate::corpus::LoadWarning;
use crate::corpus::overrides::DateOverride;
use crate::dates::{NumericDates, NumericOrder};
use crate::frames::{Dating, Frames};
use crate::pipeline::{self, AnalystDates, OpenError, OpenOptions, Step};

use super::Workspace;

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
    /// Dates the analyst set that the app keeps (the corpus folder cannot hold them).
    pub kept_dates: Vec<DateOverride>,
    /// How numeric dates are read.
    pub numeric_dates: NumericDates,
    /// How tables of articles are read.
    pub read: crate::corpus::ReadOptions,
}

/// Shared progress counters, written by the worker and read by the UI.
struct Progress {
    /// The warnings of a load that found no article, for the UI to act on.
    failed_warnings: Mutex<Vec<LoadWarning>>,
    done: AtomicUsize,
    total: AtomicUsize,
    /// What is being done, what `done` counts, and since when.
    stage: Mutex<Stage>,
}

/// A step of loading.
#[derive(Clone, Copy)]
struct Stage {
    name: &'static str,
    unit: &'static str,
    since: Instant,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            failed_warnings: Mutex::new(Vec::new()),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            stage: Mutex::new(Stage {
                name: "starting",
                unit: "files",
                since: Instant::now(),
            }),
        }
    }
}

impl Progress {
    /// Starts a stage of `total` items (0 when not known yet).
    fn set_stage(&self, name: &'static str, unit: &'static str, total: usize, repaint: &dyn Fn()) {
        if let Ok(mut s) = self.stage.lock() {
            *s = Stage {
                name,
                unit,
                since: Instant::now(),
            };
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        repaint();
    }
}

/// What the progress line shows.
pub struct Status {
    /// Items done in this stage.
    pub done: usize,
    /// Items in this stage.
    pub total: usize,
    /// The stage's name.
    pub stage: &'static str,
    /// What the items are ("files", "articles").
    pub unit: &'static str,
    /// Items per second in this stage.
    pub rate: f64,
}

/// A load running on a background thread.
pub struct LoadJob {
    cancel: Arc<AtomicBool>,
    progress: Arc<Progress>,
    result: Receiver<Result<Workspace, String>>,
    /// What is being done, for the progress line ("Opening …").
    pub label: String,
    /// What is being opened.
    pub paths: Vec<PathBuf>,
}

/// What the UI learns from a job this frame.
pub enum JobPoll {
    /// Still working.
    Running,
    /// Finished with data.
    Done(Box<Workspace>),
    /// Stopped by the user.
    Cancelled,
    /// Failed, with a sentence for the user.
    Failed(String),
}

impl LoadJob {
    /// Starts loading `paths` (the sample corpus when empty) as `options` say.
    /// `repaint` is called whenever there is news.
    pub fn start(
        paths: Vec<PathBuf>,
        options: LoadOptions,
        repaint: impl Fn() + Send + 'static,
    ) -> Result<Self, String> {
        let label = match paths.as_slice() {
            [] => "Opening the sample corpus".to_owned(),
            [one] => format!("Opening {}", one.display()),
            many => format!("Opening {} paths", many.len()),
        };
        let opened = paths.clone();
        Self::spawn(label, opened, repaint, move |cancel, progress, repaint| {
            load(paths, &options, cancel, progress, repaint)
        })
    }

    /// Dates one article of `workspace` as `dating` says, finding only its mentions
    /// again, in the background.
    pub fn redate(
        workspace: &Workspace,
        row: usize,
        dating: Dating,
        repaint: impl Fn() + Send + 'static,
    ) -> Result<Self, String> {
        Self::derive(
            workspace,
            "Applying the new date",
            repaint,
            move |frames, dictionary| {
                let frames = pipeline::redate(&frames, row, &dating, &dictionary)
                    .map_err(|e| e.to_string())?;
                Ok((frames, dictionary))
            },
        )
    }

    /// Finds the mentions of `workspace` with the dictionary `source` names, searching
    /// again only the articles its changes can touch, in the background.
    pub fn rematch(
        workspace: &Workspace,
        source: DictionarySource,
        repaint: impl Fn() + Send + 'static,
    ) -> Result<Self, String> {
        Self::derive(
            workspace,
            "Applying the changed dictionary",
            repaint,
            move |frames, old| pipeline::rematch(&frames, &old, &source).map_err(|e| e.to_string()),
        )
    }

    /// New frames for the open corpus, made in the background by `work` from its
    /// frames and dictionary (it returns the dictionary the new frames go with).
    fn derive(
        workspace: &Workspace,
        label: &str,
        repaint: impl Fn() + Send + 'static,
        work: impl FnOnce(Frames, Dictionary) -> Result<(Frames, Dictionary), String> + Send + 'static,
    ) -> Result<Self, String> {
        let dictionary = workspace.dictionary.clone();
        let frames = workspace.frames.clone();
        let warnings = workspace.warnings.clone();
        let paths = workspace.paths.clone();
        let (numeric_order, duplicates_folded) =
            (workspace.numeric_order, workspace.duplicates_folded);
        Self::spawn(
            label.to_owned(),
            paths.clone(),
            repaint,
            move |_, progress, repaint| {
                progress.set_stage("finding mentions", "articles", 0, repaint);
                let (frames, dictionary) = work(frames, dictionary)?;
                Ok(Loaded {
                    dictionary,
                    frames,
                    warnings,
                    paths,
                    numeric_order,
                    duplicates_folded,
                })
            },
        )
    }

    /// Runs `work` on a background thread and summarises what it loaded.
    fn spawn(
        label: String,
        paths: Vec<PathBuf>,
        repaint: impl Fn() + Send + 'static,
        work: impl FnOnce(&AtomicBool, &Progress, &dyn Fn()) -> Result<Loaded, String> + Send + 'static,
    ) -> Result<Self, String> {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (worker_cancel, worker_progress) = (cancel.clone(), progress.clone());
        std::thread::Builder::new()
            .name("newslens-load".to_owned())
            .spawn(move || {
                let workspace =
                    work(&worker_cancel, &worker_progress, &repaint).and_then(|loaded| {
                        Workspace::new(loaded)
                            .map_err(|e| format!("cannot summarise the corpus: {e}"))
                    });
                let _ = tx.send(workspace);
                repaint();
            })
            .map_err(|e| format!("cannot start loading: {e}"))?;
        Ok(Self {
            cancel,
            progress,
            result: rx,
            label,
            paths,
        })
    }

    /// The warnings of a load that found no article.
    pub fn failed_warnings(&self) -> Vec<LoadWarning> {
        self.progress
            .failed_warnings
            .lock()
            .map(|w| w.clone())
            .unwrap_or_default()
    }

    /// Asks the worker to stop; it does at the next file.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancelling was requested.
    pub fn cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Where the load is.
    pub fn status(&self) -> Status {
        let done = self.progress.done.load(Ordering::Relaxed);
        let total = self.progress.total.load(Ordering::Relaxed);
        let stage = self.progress.stage.lock().map_or(
            Stage {
                name: "loading",
                unit: "files",
                since: Instant::now(),
            },
            |s| *s,
        );
        let secs = stage.since.elapsed().as_secs_f64().max(1e-3);
        Status {
            done,
            total,
            stage: stage.name,
            unit: stage.unit,
            rate: done as f64 / secs,
        }
    }

    /// Checks for a result without blocking. A cancelled job reports at once; its
    /// thread stops at its next check and its partial work is dropped.
    pub fn poll(&self) -> JobPoll {
        if self.cancelling() {
            return JobPoll::Cancelled;
        }
        match self.result.try_recv() {
            Ok(Ok(loaded)) => JobPoll::Done(Box::new(loaded)),
            Ok(Err(message)) => JobPoll::Failed(message),
            Err(TryRecvError::Empty) => JobPoll::Running,
            Err(TryRecvError::Disconnected) => {
                JobPoll::Failed("the loading thread stopped unexpectedly".to_owned())
            }
        }
    }
}

fn load(
    paths: Vec<PathBuf>,
    options: &LoadOptions,
    cancel: &AtomicBool,
    progress: &Progress,
    repaint: &dyn Fn(),
) -> Result<Loaded, String> {
    let open = OpenOptions {
        dictionary: options.dictionary.clone(),
        read: options.read.clone(),
        numeric_dates: options.numeric_dates,
        dates: vec![AnalystDates::Given {
            dates: options.kept_dates.clone(),
            origin: "the dates kept by the app".to_owned(),
        }],
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
    });
    match opened {
        Ok(opened) => Ok(Loaded {
            dictionary: opened.dictionary,
            frames: opened.frames,
            warnings: opened.warnings,
            paths,
            numeric_order: opened.numeric_order,
            duplicates_folded: opened.duplicates_folded,
        }),
        Err(OpenError::NothingRead { warnings }) => {
            let reasons: Vec<String> = warnings.iter().take(3).map(ToString::to_string).collect();
            if let Ok(mut slot) = progress.failed_warnings.lock() {
                *slot = warnings;
            }
            Err(format!("no article could be read ({})", reasons.join("; ")))
        }
        Err(e) => Err(e.to_string()),
    }
}
