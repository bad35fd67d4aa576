//! The one kind of background work of the workbench: a closure run on a named thread
//! with a cancel flag and a progress handle, whose result comes back over a channel.
//! Loading, views, sorting and exports are all jobs; the UI polls them and never waits.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use eframe::egui;

/// Shared progress counters, written by the worker and read by the UI.
pub struct Progress {
    /// Items done in the current stage.
    pub done: AtomicUsize,
    /// Items in the current stage (0 when not known yet).
    pub total: AtomicUsize,
    /// What is being done, what `done` counts, and since when.
    stage: Mutex<Stage>,
}

/// A step of a job.
#[derive(Clone, Copy)]
struct Stage {
    name: &'static str,
    unit: &'static str,
    since: Instant,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
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
    pub fn set_stage(
        &self,
        name: &'static str,
        unit: &'static str,
        total: usize,
        repaint: &dyn Fn(),
    ) {
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

impl Status {
    /// The share done, 0 when the total is not known.
    pub fn fraction(&self) -> f32 {
        if self.total > 0 {
            self.done as f32 / self.total as f32
        } else {
            0.0
        }
    }
}

/// What the UI learns from a job this frame.
pub enum JobPoll<T, E> {
    /// Still working.
    Running,
    /// Finished with data.
    Done(T),
    /// Stopped by the user.
    Cancelled,
    /// Failed.
    Failed(JobError<E>),
}

/// Why a job gave no result.
#[derive(Debug, thiserror::Error)]
pub enum JobError<E> {
    /// The work itself failed.
    #[error("{0}")]
    Work(E),
    /// The thread could not be started.
    #[error("cannot start {name}: {source}")]
    Spawn {
        /// The thread's name.
        name: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The thread ended without an answer.
    #[error("{0} stopped unexpectedly")]
    Stopped(String),
}

/// Work running on a named background thread.
pub struct Job<T, E> {
    name: String,
    cancel: Arc<AtomicBool>,
    progress: Arc<Progress>,
    result: Receiver<Result<T, E>>,
}

impl<T: Send + 'static, E: Send + 'static> Job<T, E> {
    /// Runs `work` on a thread called `name`. `work` gets the cancel flag (it stops at
    /// its next check), the progress counters and a function that asks for a repaint;
    /// the context is asked to repaint when the result is ready.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(&AtomicBool, &Progress, &dyn Fn()) -> Result<T, E> + Send + 'static,
    ) -> Result<Self, JobError<E>> {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let (worker_cancel, worker_progress) = (cancel.clone(), progress.clone());
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let repaint = || ctx.request_repaint();
                let result = work(&worker_cancel, &worker_progress, &repaint);
                // The UI may have dropped the job (a newer one replaced it).
                let _ = tx.send(result);
                repaint();
            })
            .map_err(|source| JobError::Spawn {
                name: name.to_owned(),
                source,
            })?;
        Ok(Self {
            name: name.to_owned(),
            cancel,
            progress,
            result: rx,
        })
    }

    /// Asks the worker to stop; it does at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancelling was requested.
    pub fn cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Where the work is.
    pub fn status(&self) -> Status {
        let done = self.progress.done.load(Ordering::Relaxed);
        let total = self.progress.total.load(Ordering::Relaxed);
        let stage = self.progress.stage.lock().map_or(
            Stage {
                name: "working",
                unit: "items",
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
    pub fn poll(&self) -> JobPoll<T, E> {
        if self.cancelling() {
            return JobPoll::Cancelled;
        }
        match self.result.try_recv() {
            Ok(Ok(value)) => JobPoll::Done(value),
            Ok(Err(e)) => JobPoll::Failed(JobError::Work(e)),
            Err(TryRecvError::Empty) => JobPoll::Running,
            Err(TryRecvError::Disconnected) => {
                JobPoll::Failed(JobError::Stopped(self.name.clone()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_its_result_and_a_cancelled_one_reports_at_once() {
        let ctx = egui::Context::default();
        let job: Job<u32, String> =
            Job::spawn("test-job", &ctx, |_, _, _| Ok(7)).expect("a thread starts");
        let mut answer = None;
        for _ in 0..500 {
            match job.poll() {
                JobPoll::Running => std::thread::sleep(std::time::Duration::from_millis(5)),
                JobPoll::Done(n) => {
                    answer = Some(n);
                    break;
                }
                JobPoll::Cancelled | JobPoll::Failed(_) => break,
            }
        }
        assert_eq!(answer, Some(7));

        let (release, wait) = channel::<()>();
        let job: Job<u32, String> = Job::spawn("test-job", &ctx, move |cancel, _, _| {
            let _ = wait.recv();
            if cancel.load(Ordering::Relaxed) {
                Err("cancelled".to_owned())
            } else {
                Ok(1)
            }
        })
        .expect("a thread starts");
        job.cancel();
        assert!(matches!(job.poll(), JobPoll::Cancelled));
        let _ = release.send(());
    }
}
