//! NewsLens: how the news covers geopolitical actors.
//!
//! The data flows one way, and so do the modules' dependencies: [`text`] helpers →
//! [`dates`] → [`export`] (frames and files written atomically) → [`actors`] (the
//! dictionary) → [`corpus`] (articles read from files) → [`extract`] (mentions) →
//! [`query`] → [`frames`] (Polars frames answering a [`query::Query`]) → [`pipeline`]
//! (opening a corpus end to end) → the two front ends, the command line in [`cli`] and
//! the workbench in `app` (cargo feature `gui`). Each module uses only those before it.

pub mod actors;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod corpus;
pub mod dates;
pub mod export;
pub mod extract;
pub mod frames;
pub mod pipeline;
pub mod query;
pub mod text;

/// The most memory this process has held at once (its peak resident set), where the
/// system says (Linux).
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
