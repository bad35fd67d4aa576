//! The integration tests, one binary: the command line on the sample corpus and on
//! corpora written to temp dirs, the dictionary on ambiguous words, property tests of
//! the parsers and the matcher, the shape of the source tree, and (feature `gui`) the
//! workbench driven headless.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers fail loudly on broken fixtures"
)]

mod architecture;
mod cli;
mod common;
mod dated;
mod dictionary;
mod editor;
#[path = "../../benches/generator.rs"]
#[expect(dead_code, reason = "the tests use the wire stories only")]
mod generator;
#[cfg(feature = "gui")]
mod gui;
mod properties;
#[cfg(feature = "snapshots")]
mod snapshots;
mod tables;
mod wire;
