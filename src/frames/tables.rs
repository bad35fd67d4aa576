//! Answers to a query as tables: the mentions, the articles and the dates written in
//! their texts.

use polars::prelude::*;

use crate::query::{Query, TimeAxis};

use crate::dates::from_epoch_days;

use super::{FrameError, Frames, date_column, index};

impl Query {
    /// The mentions that pass every filter, in article and text order.
    pub fn mentions(&self, frames: &Frames) -> Result<DataFrame, FrameError> {
        frames.mentions_frame(&self.mention_rows(frames)?)
    }

    /// The row numbers, in `frames.mentions`, of the mentions that pass every filter:
    /// what [`Query::mentions`] returns, without copying the rows.
    pub fn mention_rows(&self, frames: &Frames) -> Result<Vec<IdxSize>, FrameError> {
        if self.time == TimeAxis::Published {
            return frames.index.passing_rows(self);
        }
        let mask = frames.index.mentions_passing(self, &frames.articles)?;
        Ok(index::rows_of(mask.iter().copied()))
    }

    /// The articles that pass the filters. Actor, kind and search filters keep the
    /// articles that hold at least one matching mention.
    pub fn articles(&self, frames: &Frames, with_text: bool) -> Result<DataFrame, FrameError> {
        let ix = &frames.index;
        // In referenced time the date range applies to the mentions' dates.
        let referenced = self.time == TimeAxis::Referenced;
        let base = if referenced {
            Query {
                from: None,
                to: None,
                time: TimeAxis::Published,
                ..self.clone()
            }
        } else {
            self.clone()
        };
        let mut keep = ix.articles_passing(&base);
        if referenced || index::Index::mention_filtered(self) {
            let mut mentioned = vec![false; keep.len()];
            let mask = ix.mentions_passing(self, &frames.articles)?;
            for (&a, _) in ix.mention_article.iter().zip(&mask).filter(|(_, m)| **m) {
                if let Some(slot) = mentioned.get_mut(a as usize) {
                    *slot = true;
                }
            }
            for (k, m) in keep.iter_mut().zip(mentioned) {
                *k = *k && m;
            }
        }
        let mut articles = frames.articles.filter(&index::mask_column(&keep))?;
        if with_text {
            let texts: Vec<&str> = keep
                .iter()
                .enumerate()
                .filter(|(_, k)| **k)
                .map(|(row, _)| frames.text(row))
                .collect();
            articles.with_column(Column::new("text".into(), texts))?;
        }
        Ok(articles)
    }

    /// The dates written in the texts of the articles that pass the filters: one row
    /// per expression, resolved against its article's publication date.
    pub fn events(&self, frames: &Frames) -> Result<DataFrame, FrameError> {
        let articles = self.articles(frames, true)?;
        let ids = articles.column("article_id")?.u32()?;
        let texts = articles.column("text")?.str()?;
        let published = articles.column("published")?.cast(&DataType::Int32)?;
        let published = published.i32()?;
        let sources = articles.column("date_source")?.str()?;
        let mut article_col = Vec::new();
        let mut expression_col = Vec::new();
        let mut date_col = Vec::new();
        let mut precision_col = Vec::new();
        let mut sentence_index_col = Vec::new();
        let mut sentence_col = Vec::new();
        for row in 0..articles.height() {
            let (Some(id), Some(text)) = (ids.get(row), texts.get(row)) else {
                continue;
            };
            // Days without a year are placed before a printed (or analyst's) date; an
            // inferred date is only a lower bound, so they stay unresolved there.
            let anchored = matches!(sources.get(row), Some("explicit" | "override"));
            let date = published
                .get(row)
                .and_then(from_epoch_days)
                .filter(|_| anchored);
            let sentences = crate::text::sentence_spans(text);
            for found in crate::dates::find_dates(text, date) {
                let at = found.byte_range.0;
                let index = sentences
                    .partition_point(|&(start, _)| start <= at)
                    .saturating_sub(1);
                let sentence = sentences
                    .get(index)
                    .and_then(|&(start, end)| text.get(start..end))
                    .unwrap_or("");
                article_col.push(id);
                expression_col.push(found.expression);
                date_col.push(found.date);
                precision_col.push(found.precision.as_str());
                sentence_index_col.push(u32::try_from(index).unwrap_or(u32::MAX));
                sentence_col.push(sentence.to_owned());
            }
        }
        Ok(DataFrame::new(
            article_col.len(),
            vec![
                Column::new("article_id".into(), article_col),
                Column::new("expression".into(), expression_col),
                date_column("date", date_col.into_iter()),
                Column::new("precision".into(), precision_col),
                Column::new("sentence_index".into(), sentence_index_col),
                Column::new("sentence".into(), sentence_col),
            ],
        )?)
    }
}
