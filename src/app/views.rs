//! The frames behind the views, derived on a background thread so that a query over
//! millions of mentions never stalls drawing. Requests coalesce: while one query is
//! being answered, only the newest request of each kind waits.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use polars::prelude::{DataFrame, IdxSize};

use crate::actors::Dictionary;
use crate::frames::Frames;
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
}

/// What a view is drawn from.
pub enum Derived {
    /// A small frame (timeline, articles).
    Frame(DataFrame),
    /// Row numbers into the mentions frame, which may be millions long.
    Rows(Vec<IdxSize>),
}

/// A derived view, or the reason it could not be made.
pub struct ViewResult {
    /// Which view it is for.
    pub kind: ViewKind,
    /// The query it answers.
    pub query: Query,
    /// The data.
    pub derived: Result<Derived, String>,
}

/// The worker thread and what has been asked of it.
pub struct Views {
    requests: Sender<(ViewKind, Query)>,
    results: Receiver<ViewResult>,
    pending: [Option<Query>; 3],
}

impl Views {
    /// Starts a worker over `frames`; `repaint` is called when a result is ready.
    pub fn start(
        frames: Frames,
        dictionary: Dictionary,
        repaint: impl Fn() + Send + 'static,
    ) -> std::io::Result<Self> {
        let (requests, inbox) = channel::<(ViewKind, Query)>();
        let (outbox, results) = channel();
        std::thread::Builder::new()
            .name("newslens-views".to_owned())
            .spawn(move || {
                while let Ok(first) = inbox.recv() {
                    let mut latest: [Option<Query>; 3] = [None, None, None];
                    latest[first.0.slot()] = Some(first.1);
                    while let Ok((kind, query)) = inbox.try_recv() {
                        latest[kind.slot()] = Some(query);
                    }
                    for (kind, query) in KINDS.into_iter().zip(latest) {
                        let Some(query) = query else { continue };
                        let derived = derive(kind, &query, &frames, &dictionary);
                        if outbox
                            .send(ViewResult {
                                kind,
                                query,
                                derived,
                            })
                            .is_err()
                        {
                            return;
                        }
                        repaint();
                    }
                }
            })?;
        Ok(Self {
            requests,
            results,
            pending: [None, None, None],
        })
    }

    /// Asks for the frame of `kind` under `query`, unless it is already on its way.
    pub fn request(&mut self, kind: ViewKind, query: &Query) {
        let pending = &mut self.pending[kind.slot()];
        if pending.as_ref() == Some(query) {
            return;
        }
        if self.requests.send((kind, query.clone())).is_ok() {
            *pending = Some(query.clone());
        }
    }

    /// Whether a frame of `kind` is being derived.
    pub fn pending(&self, kind: ViewKind) -> bool {
        self.pending[kind.slot()].is_some()
    }

    /// Whether anything is being derived.
    pub fn busy(&self) -> bool {
        self.pending.iter().any(Option::is_some)
    }

    /// The results that arrived, waiting up to `budget` for every pending one, so that
    /// on a small corpus a change shows in the frame that made it.
    pub fn collect(&mut self, budget: Duration) -> Vec<ViewResult> {
        let deadline = Instant::now() + budget;
        let mut out = Vec::new();
        while self.busy() {
            let next = match deadline.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => self.results.recv_timeout(left),
                _ => self.results.try_recv().map_err(|e| match e {
                    TryRecvError::Empty => RecvTimeoutError::Timeout,
                    TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
                }),
            };
            match next {
                Ok(result) => {
                    let slot = &mut self.pending[result.kind.slot()];
                    if slot.as_ref() == Some(&result.query) {
                        *slot = None;
                    }
                    out.push(result);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    self.pending = [None, None, None];
                    break;
                }
            }
        }
        out
    }
}

fn derive(
    kind: ViewKind,
    query: &Query,
    frames: &Frames,
    dictionary: &Dictionary,
) -> Result<Derived, String> {
    let derived = match kind {
        ViewKind::Timeline => query.timeline(frames, dictionary).map(Derived::Frame),
        ViewKind::Mentions => query.mention_rows(frames).map(Derived::Rows),
        ViewKind::Articles => query.articles(frames, false).map(|mut f| {
            f.rechunk_mut();
            Derived::Frame(f)
        }),
    };
    derived.map_err(|e| e.to_string())
}
