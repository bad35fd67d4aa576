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
