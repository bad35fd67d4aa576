//! NewsLens: how the news covers geopolitical actors.
//!
//! The data flows one way: files → [`corpus`] (articles) → [`extract`] (mentions) →
//! [`frames`] (Polars frames filtered by a [`frames::Query`]) → [`export`]. The command
//! line in [`cli`] and the workbench drive the same core.

pub mod actors;
pub mod app;
pub mod cli;
pub mod corpus;
pub mod dates;
pub mod events;
pub mod export;
pub mod extract;
pub mod frames;

/// The most memory this process has held at once (its peak resident set), where the
/// system says (Linux).
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
