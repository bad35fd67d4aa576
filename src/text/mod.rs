//! Text helpers every step reads text with: decoding bytes, case folding, word counts
//! and sentences. This module depends on nothing else in the crate.

mod decode;
mod sentences;
mod words;

pub use decode::{DecodeError, decode};
pub use sentences::sentence_spans;
pub use words::{fold, word_count};

/// The sample articles, for tests of text that looks like real news.
#[cfg(test)]
pub(crate) const SAMPLE_TEXTS: [&str; 5] = [
    include_str!("../../seeds/000_46a2f5bfce0b5f13.txt"),
    include_str!("../../seeds/001_39a5884de23c68e5.txt"),
    include_str!("../../seeds/002_5d30cdbac7daf14e.txt"),
    include_str!("../../seeds/003_03e5b107d287c939.txt"),
    include_str!("../../seeds/004_fecaf6ebe520c3b4.txt"),
];
