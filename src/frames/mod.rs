//! Articles and mentions as Polars frames, and the answers to a [`Query`](crate::query::Query): tables of
//! articles, mentions and events, and the zero-filled timeline.

mod edit;
mod index;
mod tables;
mod timeline;

pub use edit::Dating;

use std::sync::Arc;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::actors::Dictionary;
use crate::corpus::{Article, Corpus};
use crate::dates::to_epoch_days;
use crate::extract::{Extraction, Matcher, extract_all};

/// A failure inside Polars while building or querying frames.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the result table: {0}")]
pub struct FrameError(#[from] PolarsError);

/// The corpus and its mentions. Built once; queries derive new frames.
///
/// Articles are a Polars frame (without their text, which is kept once, as read).
/// Mentions are kept as integer columns in the index — article, actor, class, offsets,
/// sentence — and become a frame with the data contract's columns
/// ([`Frames::mentions_frame`]) for the rows a query asks for, so millions of mentions
/// do not each hold copies of their title, outlet and sentence.
#[derive(Clone)]
pub struct Frames {
    /// One row per article, in article id order, without `text`.
    pub articles: DataFrame,
    /// Mentions, texts and sentences as integers, for filtering and counting.
    index: Arc<index::Index>,
}

fn date_column(name: &str, dates: impl Iterator<Item = Option<NaiveDate>>) -> Column {
    let days: Int32Chunked = dates.map(|d| d.map(to_epoch_days)).collect();
    days.with_name(name.into()).into_date().into_column()
}

/// The columns of a mentions frame, in order (the data contract).
pub const MENTION_COLUMNS: [&str; 15] = [
    "article_id",
    "published",
    "outlet",
    "title",
    "actor_id",
    "actor",
    "actor_kind",
    "matched",
    "alias_class",
    "usage",
    "in_title",
    "start",
    "end",
    "sentence_index",
    "sentence",
];

/// One mention with its article's details, read from the frames for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionView<'a> {
    /// The article's row (its id).
    pub article: u32,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// The outlet, when known.
    pub outlet: Option<&'a str>,
    /// The article's title.
    pub title: &'a str,
    /// The actor's id.
    pub actor_id: &'a str,
    /// The actor's display name.
    pub actor: &'a str,
    /// The words that matched.
    pub matched: &'a str,
    /// What the words do in their sentence.
    pub usage: crate::actors::Usage,
    /// First and one-past-last character of the match.
    pub chars: (u32, u32),
    /// Byte range of the match in `text`.
    pub bytes: (u32, u32),
    /// The article's cleaned text.
    pub text: &'a str,
}

impl Frames {
    /// Builds the articles frame and the mention index; the articles' texts move into
    /// the frames (they are not copied).
    pub fn build(
        corpus: Corpus,
        extraction: Extraction,
        dictionary: &Dictionary,
    ) -> Result<Self, FrameError> {
        let articles = &corpus.articles;
        let mut per_article = vec![0u32; articles.len()];
        for &a in &extraction.article {
            if let Some(n) = per_article.get_mut(a as usize) {
                *n += 1;
            }
        }
        let strings = |f: fn(&Article) -> &str| -> Column {
            Column::new("".into(), articles.iter().map(f).collect::<Vec<_>>())
        };
        let optional = |f: fn(&Article) -> Option<&str>| -> Column {
            Column::new("".into(), articles.iter().map(f).collect::<Vec<_>>())
        };
        let articles_df = DataFrame::new(
            articles.len(),
            vec![
                Column::new(
                    "article_id".into(),
                    articles.iter().map(|a| a.id.0).collect::<Vec<_>>(),
                ),
                strings(|a| a.source_path.as_str()).with_name("source_path".into()),
                optional(|a| a.outlet.as_deref()).with_name("outlet".into()),
                strings(|a| a.title.as_str()).with_name("title".into()),
                optional(|a| a.author.as_deref()).with_name("author".into()),
                date_column("published", articles.iter().map(|a| a.published)),
                strings(|a| a.date_source.as_str()).with_name("date_source".into()),
                optional(|a| a.date_evidence.as_deref()).with_name("date_evidence".into()),
                date_column(
                    "published_earliest",
                    articles.iter().map(|a| a.published_earliest),
                ),
                date_column(
                    "published_latest",
                    articles.iter().map(|a| a.published_latest),
                ),
                Column::new(
                    "duplicate_of".into(),
                    articles
                        .iter()
                        .map(|a| a.duplicate_of.map(|d| d.0))
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "word_count".into(),
                    articles.iter().map(|a| a.word_count).collect::<Vec<_>>(),
                ),
                Column::new("mention_count".into(), per_article),
            ],
        )?;
        let titles = articles.iter().map(|a| a.title.clone()).collect();
        let index = index::Index::build(articles, extraction, dictionary, titles);
        let texts = corpus.articles.into_iter().map(|a| a.text).collect();
        Ok(Self {
            articles: articles_df,
            index: Arc::new(index.with_texts(texts)),
        })
    }

    /// The distinct outlets of the articles, sorted.
    pub fn outlets(&self) -> PolarsResult<Vec<String>> {
        let outlets: std::collections::BTreeSet<&str> = self
            .articles
            .column("outlet")?
            .str()?
            .iter()
            .flatten()
            .collect();
        Ok(outlets.into_iter().map(str::to_owned).collect())
    }

    /// The row of the article read from `source_path`.
    pub fn article_row(&self, source_path: &str) -> Option<usize> {
        let paths = self.articles.column("source_path").ok()?.str().ok()?;
        paths.iter().position(|p| p == Some(source_path))
    }

    /// These frames with every mention replaced (in article order), found with `dictionary`.
    fn with_mentions(
        &self,
        mentions: Extraction,
        dictionary: &Dictionary,
    ) -> Result<Self, FrameError> {
        let mut counts = vec![0u32; self.articles.height()];
        for &a in &mentions.article {
            if let Some(c) = counts.get_mut(a as usize) {
                *c += 1;
            }
        }
        let mut articles = self.articles.clone();
        articles.with_column(Column::new("mention_count".into(), counts))?;
        Ok(Self {
            articles,
            index: Arc::new(self.index.with_mentions(mentions, Some(dictionary))),
        })
    }

    /// Mentions in the corpus.
    pub fn mention_count(&self) -> usize {
        self.index.mention_article.len()
    }

    /// The cleaned text of an article row.
    pub fn text(&self, article: usize) -> &str {
        self.index.texts.get(article).map_or("", String::as_str)
    }

    /// The mention at `row`, with what a table shows of it.
    pub fn mention(&self, row: usize) -> Option<MentionView<'_>> {
        self.index.view(row)
    }

    /// The mentions at `rows` as a frame with the data contract's columns, in that order.
    pub fn mentions_frame(&self, rows: &[IdxSize]) -> Result<DataFrame, FrameError> {
        let columns = MENTION_COLUMNS
            .iter()
            .map(|name| self.index.mention_column(name, rows))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DataFrame::new(rows.len(), columns)?)
    }

    /// `rows` of the mentions frame reordered by `column` (stable, so ties keep their
    /// order; nulls last).
    pub fn sort_mention_rows(
        &self,
        rows: &[IdxSize],
        column: &str,
        descending: bool,
    ) -> Result<Vec<IdxSize>, FrameError> {
        let values = self.index.mention_column(column, rows)?;
        let order = values.as_materialized_series().arg_sort(SortOptions {
            descending,
            nulls_last: true,
            maintain_order: true,
            ..SortOptions::default()
        });
        Ok(order
            .into_no_null_iter()
            .filter_map(|i| rows.get(i as usize).copied())
            .collect())
    }

    /// Mentions per dictionary actor, in dictionary order.
    pub fn mentions_per_actor(&self) -> Vec<u64> {
        let mut counts = vec![0u64; self.index.actor_ids.len()];
        for &actor in &self.index.mention_actor {
            if let Some(n) = counts.get_mut(actor as usize) {
                *n += 1;
            }
        }
        counts
    }

    /// The mentions of one article, in text order.
    pub fn article_mentions(&self, article: u32) -> Result<DataFrame, FrameError> {
        let all = &self.index.mention_article;
        let rows: Vec<IdxSize> = if self.index.sorted {
            let from = all.partition_point(|a| *a < article);
            let to = all.partition_point(|a| *a <= article);
            (from..to)
                .filter_map(|r| IdxSize::try_from(r).ok())
                .collect()
        } else {
            index::rows_of(all.iter().map(|a| *a == article))
        };
        self.mentions_frame(&rows)
    }

    /// Extracts with `matcher` and builds the frames in one step.
    pub fn from_corpus(
        corpus: Corpus,
        dictionary: &Dictionary,
        matcher: &Matcher,
    ) -> Result<Self, FrameError> {
        let extraction = extract_all(&corpus, matcher);
        Self::build(corpus, extraction, dictionary)
    }
}

#[cfg(test)]
mod tests;
