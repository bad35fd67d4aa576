//! An open corpus and what the side panel shows about it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use polars::prelude::*;

use crate::actors::Dictionary;
use crate::corpus::LoadWarning;
use crate::dates::{DateSource, NumericOrder, from_epoch_days};
use crate::frames::Frames;

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

/// Per-actor totals shown in the actor list.
#[derive(Clone, Debug)]
pub struct ActorRow {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind name.
    pub kind: String,
    /// Mentions in the whole corpus.
    pub mentions: u64,
    /// Every alias, lowercased and joined, for finding the actor by any of its names.
    pub aliases: String,
}

/// A loaded corpus and what the side panel shows about it.
pub struct Workspace {
    /// Tells this workspace from earlier ones, for views made from it.
    pub generation: u64,
    /// The dictionary the mentions were found with.
    pub dictionary: Arc<Dictionary>,
    /// Articles and mentions.
    pub frames: Frames,
    /// Files skipped or read with a note.
    pub warnings: Vec<LoadWarning>,
    /// What was opened: paths, or none for the sample corpus.
    pub paths: Vec<PathBuf>,
    /// Actors with at least one mention, most mentioned first.
    pub actors: Vec<ActorRow>,
    /// Outlets, sorted.
    pub outlets: Vec<String>,
    /// The first publication day.
    pub first: Option<NaiveDate>,
    /// The last publication day.
    pub last: Option<NaiveDate>,
    /// Articles without a date.
    pub undated: usize,
    /// Articles dated from their text.
    pub inferred: usize,
    /// How numeric dates were read.
    pub numeric_order: NumericOrder,
    /// Duplicate articles counted once.
    pub duplicates_folded: usize,
}

impl Workspace {
    /// Summarises what a load or a derivation made.
    pub fn new(loaded: Loaded) -> PolarsResult<Self> {
        let totals = loaded.frames.mentions_per_actor();
        let mut actors: Vec<ActorRow> = loaded
            .dictionary
            .actors()
            .iter()
            .zip(totals)
            .filter(|(_, n)| *n > 0)
            .map(|(a, n)| ActorRow {
                id: a.id.0.clone(),
                name: a.name.clone(),
                kind: a.kind.as_str().to_owned(),
                mentions: n,
                aliases: a
                    .aliases
                    .iter()
                    .map(|alias| alias.text.to_lowercase())
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect();
        actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
        let articles = &loaded.frames.articles;
        let outlets = loaded.frames.outlets()?;
        let days = articles.column("published")?.cast(&DataType::Int32)?;
        let days = days.i32()?;
        let undated = days.null_count();
        let inferred = articles
            .column("date_source")?
            .str()?
            .iter()
            .filter(|s| *s == Some(DateSource::Inferred.as_str()))
            .count();
        let first = days.min().and_then(from_epoch_days);
        let last = days.max().and_then(from_epoch_days);
        static GENERATION: AtomicU64 = AtomicU64::new(0);
        Ok(Self {
            generation: GENERATION.fetch_add(1, Ordering::Relaxed),
            dictionary: Arc::new(loaded.dictionary),
            frames: loaded.frames,
            warnings: loaded.warnings,
            paths: loaded.paths,
            actors,
            outlets,
            first,
            last,
            undated,
            inferred,
            numeric_order: loaded.numeric_order,
            duplicates_folded: loaded.duplicates_folded,
        })
    }

    /// Whether no duplicate was told apart (then one article's date can change alone).
    pub fn no_duplicates(&self) -> bool {
        self.duplicates_folded == 0
            && self
                .frames
                .articles
                .column("duplicate_of")
                .is_ok_and(|c| c.null_count() == c.len())
    }
}

/// "2 files skipped, 1 read with a note".
pub fn warning_summary(warnings: &[LoadWarning]) -> String {
    let skipped = warnings.iter().filter(|w| !w.read).count();
    let noted = warnings.len() - skipped;
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    match (skipped, noted) {
        (s, 0) => format!("{s} {} skipped", files(s)),
        (0, n) => format!("{n} {} read with a note", files(n)),
        (s, n) => format!("{s} {} skipped, {n} read with a note", files(s)),
    }
}

/// A count with thousands separated by commas: 4,187,523.
pub fn count(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `one` or `many`, as `n` asks.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_group_thousands() {
        assert_eq!(super::count(0u64), "0");
        assert_eq!(super::count(999u64), "999");
        assert_eq!(super::count(1000u64), "1,000");
        assert_eq!(super::count(4_187_523u64), "4,187,523");
    }
}
