//! The frames behind the views, each derived by a background [`Job`] so that a query
//! over millions of mentions never stalls drawing. Requests coalesce: while one query
//! of a kind is being answered, only the newest request of that kind waits.

use std::sync::Arc;

use eframe::egui;
use polars::prelude::{DataFrame, IdxSize};

use super::job::{Job, JobError, JobPoll};
use crate::actors::Dictionary;
use crate::frames::{FrameError, Frames};
use crate::query::Query;

/// Which frame a view needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// The timeline.
    Timeline,
    /// The mentions table.
    Mentions,
    /// The articles table.
    Articles,
}

const KINDS: [ViewKind; 3] = [ViewKind::Timeline, ViewKind::Mentions, ViewKind::Articles];

impl ViewKind {
    fn slot(self) -> usize {
        match self {
            Self::Timeline => 0,
            Self::Mentions => 1,
            Self::Articles => 2,
        }
    }

    fn thread(self) -> &'static str {
        match self {
            Self::Timeline => "newslens-timeline",
            Self::Mentions => "newslens-mentions",
            Self::Articles => "newslens-articles",
        }
    }
}

/// What a view is drawn from.
pub enum Derived {
    /// The timeline frame.
    Timeline(DataFrame),
    /// Row numbers into the mentions frame, which may be millions long.
    Mentions(Vec<IdxSize>),
    /// The articles frame.
    Articles(DataFrame),
}

/// A derived view, or the reason it could not be made.
pub struct ViewResult {
    /// The query it answers.
    pub query: Query,
    /// The data.
    pub derived: Result<Derived, JobError<FrameError>>,
}

/// The job of one kind of view and the request waiting behind it.
#[derive(Default)]
struct Slot {
    running: Option<(Query, Job<Derived, FrameError>)>,
    next: Option<Query>,
}

/// The frames the views are derived from, and the jobs deriving them.
pub struct Views {
    frames: Frames,
    dictionary: Arc<Dictionary>,
    slots: [Slot; 3],
    /// Views that could not start, to report at the next poll.
    failed: Vec<ViewResult>,
}

impl Views {
    /// Views over `frames`.
    pub fn new(frames: Frames, dictionary: Arc<Dictionary>) -> Self {
        Self {
            frames,
            dictionary,
            slots: Default::default(),
            failed: Vec::new(),
        }
    }

    /// Asks for the frame of `kind` under `query`, unless it is already on its way.
    pub fn request(&mut self, ctx: &egui::Context, kind: ViewKind, query: &Query) {
        let slot = &mut self.slots[kind.slot()];
        let running = slot.running.as_ref().map(|(running, _)| running == query);
        match running {
            Some(true) => slot.next = None,
            Some(false) => slot.next = Some(query.clone()),
            None => {
                slot.next = Some(query.clone());
                // A view that cannot start is reported by the next poll of its kind.
                if let Some(failed) = self.start_next(ctx, kind) {
                    self.failed.push(failed);
                }
            }
        }
    }

    /// Starts the job of `kind` for the request waiting in its slot.
    fn start_next(&mut self, ctx: &egui::Context, kind: ViewKind) -> Option<ViewResult> {
        let slot = &mut self.slots[kind.slot()];
        let query = slot.next.take()?;
        let (frames, dictionary) = (self.frames.clone(), self.dictionary.clone());
        let work = query.clone();
        let job = Job::spawn(kind.thread(), ctx, move |_, _, _| {
            derive(kind, &work, &frames, &dictionary)
        });
        match job {
            Ok(job) => {
                slot.running = Some((query, job));
                None
            }
            Err(e) => Some(ViewResult {
                query,
                derived: Err(e),
            }),
        }
    }

    /// Whether a frame of `kind` is being derived.
    pub fn pending(&self, kind: ViewKind) -> bool {
        let slot = &self.slots[kind.slot()];
        slot.running.is_some() || slot.next.is_some()
    }

    /// Whether anything is being derived.
    pub fn busy(&self) -> bool {
        KINDS.into_iter().any(|kind| self.pending(kind))
    }

    /// The results that arrived since the last call, without waiting; the next
    /// request of a finished kind starts.
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<ViewResult> {
        let mut out = std::mem::take(&mut self.failed);
        for kind in KINDS {
            let slot = &mut self.slots[kind.slot()];
            let Some((_, job)) = &slot.running else {
                continue;
            };
            let derived = match job.poll() {
                JobPoll::Running => continue,
                JobPoll::Done(derived) => Ok(derived),
                JobPoll::Failed(e) => Err(e),
                // Views are never cancelled; a new request waits behind the running one.
                JobPoll::Cancelled => Err(JobError::Stopped(kind.thread().to_owned())),
            };
            if let Some((query, _)) = slot.running.take() {
                out.push(ViewResult { query, derived });
            }
            out.extend(self.start_next(ctx, kind));
        }
        out
    }
}

fn derive(
    kind: ViewKind,
    query: &Query,
    frames: &Frames,
    dictionary: &Dictionary,
) -> Result<Derived, FrameError> {
    Ok(match kind {
        ViewKind::Timeline => Derived::Timeline(query.timeline(frames, dictionary)?),
        ViewKind::Mentions => Derived::Mentions(query.mention_rows(frames)?),
        ViewKind::Articles => {
            let mut frame = query.articles(frames, false)?;
            frame.rechunk_mut();
            Derived::Articles(frame)
        }
    })
}
