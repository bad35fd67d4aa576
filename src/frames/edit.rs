//! Frames after an edit: an article dated anew, a dictionary changed. Only the
//! articles the edit can touch are searched again.

use std::collections::HashMap;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::actors::Dictionary;
use crate::corpus::{Article, ArticleId};
use crate::dates::{DateSource, to_epoch_days};
use crate::extract::{Extraction, Matcher, Mention};

use super::{FrameError, Frames};

/// A publication date for one article, with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dating {
    /// The date.
    pub published: Option<NaiveDate>,
    /// How it was obtained.
    pub source: DateSource,
    /// For an inferred or missing date: the words it rests on.
    pub evidence: Option<String>,
    /// The earliest publication date the evidence allows.
    pub earliest: Option<NaiveDate>,
    /// The latest publication date the evidence allows.
    pub latest: Option<NaiveDate>,
}

impl Dating {
    /// A date the analyst set.
    pub fn analyst(date: NaiveDate) -> Self {
        Self {
            published: Some(date),
            source: DateSource::Override,
            evidence: None,
            earliest: Some(date),
            latest: Some(date),
        }
    }

    /// The date an article was read with.
    pub fn of(article: &Article) -> Self {
        Self {
            published: article.published,
            source: article.date_source,
            evidence: article.date_evidence.clone(),
            earliest: article.published_earliest,
            latest: article.published_latest,
        }
    }
}

/// Sets one row of a date column (days since 1970-01-01).
fn set_day(df: &mut DataFrame, name: &str, row: usize, day: Option<i32>) -> PolarsResult<()> {
    let column = {
        let days: Int32Chunked = df
            .column(name)?
            .date()?
            .physical()
            .iter()
            .enumerate()
            .map(|(i, d)| if i == row { day } else { d })
            .collect();
        days.with_name(name.into()).into_date().into_column()
    };
    df.with_column(column)?;
    Ok(())
}

/// Sets one row of a string column.
fn set_str(df: &mut DataFrame, name: &str, row: usize, value: Option<&str>) -> PolarsResult<()> {
    let column = {
        let values: Vec<Option<&str>> = df
            .column(name)?
            .str()?
            .iter()
            .enumerate()
            .map(|(i, v)| if i == row { value } else { v })
            .collect();
        Column::new(name.into(), values)
    };
    df.with_column(column)?;
    Ok(())
}

impl Frames {
    /// These frames with article `row` dated as `dating` says. Only that article's
    /// mentions are found again (which office holder a role title means depends on the
    /// date); the other articles, their texts and mentions are kept as they are.
    pub fn redated(
        &self,
        row: usize,
        dating: &Dating,
        matcher: &Matcher,
    ) -> Result<Self, FrameError> {
        let id = u32::try_from(row).unwrap_or(u32::MAX);
        let article = ArticleId(id);
        let (mentions, _) = matcher.mentions_of(article, self.text(row), dating.published);
        let mut articles = self.articles.clone();
        let day = dating.published.map(to_epoch_days);
        set_day(&mut articles, "published", row, day)?;
        set_day(
            &mut articles,
            "published_earliest",
            row,
            dating.earliest.map(to_epoch_days),
        )?;
        set_day(
            &mut articles,
            "published_latest",
            row,
            dating.latest.map(to_epoch_days),
        )?;
        set_str(
            &mut articles,
            "date_source",
            row,
            Some(dating.source.as_str()),
        )?;
        set_str(
            &mut articles,
            "date_evidence",
            row,
            dating.evidence.as_deref(),
        )?;
        let count = u32::try_from(mentions.len()).unwrap_or(u32::MAX);
        let counts: Vec<u32> = articles
            .column("mention_count")?
            .u32()?
            .iter()
            .enumerate()
            .map(|(i, n)| if i == row { count } else { n.unwrap_or(0) })
            .collect();
        articles.with_column(Column::new("mention_count".into(), counts))?;
        let inferred = dating.source == DateSource::Inferred;
        Ok(Self {
            articles,
            index: Arc::new(self.index.redated(id, day, inferred, mentions)),
        })
    }

    /// These frames with the mentions of `new` instead of `old`, the dictionary they
    /// were found with. Only the articles that hold a word of an actor added, removed or
    /// changed are searched again; the others keep their mentions.
    pub fn rematched(
        &self,
        old: &Dictionary,
        new: &Dictionary,
        matcher: &Matcher,
    ) -> Result<Self, FrameError> {
        use rayon::prelude::*;
        let ix = &self.index;
        let n = self.articles.height();
        let position: HashMap<&str, u32> = new
            .actors()
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.0.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let remap: Vec<Option<u32>> = old
            .actors()
            .iter()
            .map(|a| position.get(a.id.0.as_str()).copied())
            .collect();
        let mut touched: Vec<bool> = match crate::extract::changed_phrases(old, new) {
            None => vec![true; n],
            Some(phrases) if phrases.is_empty() => vec![false; n],
            Some(phrases) => match aho_corasick::AhoCorasick::new(&phrases) {
                Ok(automaton) => (0..n)
                    .into_par_iter()
                    .map(|row| automaton.is_match(&crate::text::fold(self.text(row))))
                    .collect(),
                Err(_) => vec![true; n],
            },
        };
        // An article whose actor is gone is searched again, whatever the phrases say.
        for (&a, &actor) in ix.mention_article.iter().zip(&ix.mention_actor) {
            if remap.get(actor as usize).copied().flatten().is_none()
                && let Some(t) = touched.get_mut(a as usize)
            {
                *t = true;
            }
        }
        let fresh: Vec<Vec<Mention>> = (0..n)
            .into_par_iter()
            .map(|row| {
                if !touched[row] {
                    return Vec::new();
                }
                let id = u32::try_from(row).unwrap_or(u32::MAX);
                matcher
                    .mentions_of(ArticleId(id), self.text(row), ix.published(id))
                    .0
            })
            .collect();
        let mut out = Extraction::default();
        let mut row = 0;
        for (article, mentions) in fresh.into_iter().enumerate() {
            let a = u32::try_from(article).unwrap_or(u32::MAX);
            let start = row;
            while ix.mention_article.get(row) == Some(&a) {
                row += 1;
            }
            if touched[article] {
                out.push(mentions, Vec::new());
                continue;
            }
            for r in start..row {
                let Some(actor) = remap.get(ix.mention_actor[r] as usize).copied().flatten() else {
                    continue;
                };
                out.article.push(a);
                out.actor.push(actor);
                out.class.push(ix.mention_class[r]);
                out.usage.push(ix.mention_usage[r]);
                out.chars.push(ix.mention_chars[r]);
                out.bytes.push(ix.mention_bytes[r]);
                out.sentence.push(ix.mention_sentence[r]);
            }
        }
        out.sentences.clear();
        self.with_mentions(out, new)
    }
}
