//! Articles and mentions as Polars frames, the [`Query`] that filters them, and the
//! zero-filled timeline built from them.

mod index;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Days, Months, NaiveDate};
use polars::prelude::*;

use crate::actors::{ActorId, ActorKind, Dictionary};
use crate::corpus::{Article, Corpus};
use crate::dates::{from_epoch_days, to_epoch_days};
use crate::extract::{Matcher, Mention};

/// The length of a timeline period.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Calendar days.
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    #[default]
    Month,
    /// Calendar quarters.
    Quarter,
    /// Calendar years.
    Year,
}

impl Granularity {
    /// The first day of the period that holds `date`.
    pub fn period_start(self, date: NaiveDate) -> NaiveDate {
        let first_of = |month: u32| NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date);
        match self {
            Self::Day => date,
            Self::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Self::Month => first_of(date.month()),
            Self::Quarter => first_of((date.month() - 1) / 3 * 3 + 1),
            Self::Year => first_of(1),
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next_period(self, start: NaiveDate) -> NaiveDate {
        let next = match self {
            Self::Day => start.checked_add_days(Days::new(1)),
            Self::Week => start.checked_add_days(Days::new(7)),
            Self::Month => start.checked_add_months(Months::new(1)),
            Self::Quarter => start.checked_add_months(Months::new(3)),
            Self::Year => start.checked_add_months(Months::new(12)),
        };
        next.unwrap_or(NaiveDate::MAX)
    }

    /// The start of every period from the one holding `first` to the one holding `last`.
    pub fn periods(self, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
        let mut periods = Vec::new();
        let mut p = self.period_start(first);
        while p <= last {
            periods.push(p);
            p = self.next_period(p);
        }
        periods
    }

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }
}

/// What a timeline's `value` column measures.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// Mentions of the actor in the period.
    #[default]
    Mentions,
    /// Articles in the period that mention the actor.
    Articles,
    /// Mentions per article published in the period.
    PerArticle,
    /// Mentions per thousand words published in the period.
    #[value(name = "per-1k-words")]
    #[serde(rename = "per-1k-words")]
    Per1kWords,
    /// The actor's share of all mentions in the period.
    Share,
}

impl Metric {
    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mentions => "mentions",
            Self::Articles => "articles",
            Self::PerArticle => "per-article",
            Self::Per1kWords => "per-1k-words",
            Self::Share => "share",
        }
    }
}

/// Which date places a mention on the timeline.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TimeAxis {
    /// When the article was published.
    #[default]
    Published,
    /// The date its sentence refers to ("On Nov. 23, 2022, …"); mentions in sentences
    /// without a date are left out. The date range filters these dates.
    Referenced,
}

/// Filters and aggregation settings shared by the CLI and the GUI. Equal queries give
/// equal frames, so a query is the cache key for derived frames.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Query {
    /// Only these actors (all when empty).
    pub actors: Vec<ActorId>,
    /// Only actors of these kinds (all when empty).
    pub kinds: Vec<ActorKind>,
    /// Only these outlets (all when empty).
    pub outlets: Vec<String>,
    /// Only articles published on or after this day.
    pub from: Option<NaiveDate>,
    /// Only articles published on or before this day.
    pub to: Option<NaiveDate>,
    /// Only mentions whose sentence contains this text, ignoring case.
    pub search: Option<String>,
    /// Period length of the timeline.
    pub granularity: Granularity,
    /// What the timeline measures.
    pub metric: Metric,
    /// Which date places a mention on the timeline.
    pub time: TimeAxis,
    /// Treat articles whose date is inferred from their text as undated: out of the
    /// timeline and of date ranges.
    pub exclude_inferred: bool,
}

/// A failure inside Polars while building or querying frames.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the result table: {0}")]
pub struct FrameError(#[from] PolarsError);

/// The corpus and its mentions as frames. Built once; queries derive new frames.
#[derive(Clone)]
pub struct Frames {
    /// One row per article, with `text`, in article id order.
    pub articles: DataFrame,
    /// One row per mention.
    pub mentions: DataFrame,
    /// The same rows as integers, for filtering and counting.
    index: Arc<index::Index>,
}

/// Extracts mentions from every article of a corpus.
pub fn extract_all(corpus: &Corpus, matcher: &Matcher) -> Vec<Mention> {
    extract_until(corpus, matcher, &mut |_| true).unwrap_or_default()
}

/// Extracts mentions article by article, calling `go_on` with the number of articles
/// done before each one; `None` when it returns false.
pub fn extract_until(
    corpus: &Corpus,
    matcher: &Matcher,
    go_on: &mut dyn FnMut(usize) -> bool,
) -> Option<Vec<Mention>> {
    let mut mentions = Vec::new();
    for (done, article) in corpus.articles.iter().enumerate() {
        if !go_on(done) {
            return None;
        }
        mentions.extend(matcher.mentions(article));
    }
    Some(mentions)
}

fn date_column(name: &str, dates: impl Iterator<Item = Option<NaiveDate>>) -> Column {
    let days: Int32Chunked = dates.map(|d| d.map(to_epoch_days)).collect();
    days.with_name(name.into()).into_date().into_column()
}

impl Frames {
    /// Builds the articles and mentions frames.
    pub fn build(
        corpus: &Corpus,
        mentions: &[Mention],
        dictionary: &Dictionary,
    ) -> Result<Self, FrameError> {
        let articles = &corpus.articles;
        let mut per_article = vec![0u32; articles.len()];
        for m in mentions {
            if let Some(n) = per_article.get_mut(m.article.0 as usize) {
                *n += 1;
            }
        }
        let articles_df = DataFrame::new(
            articles.len(),
            vec![
                Column::new(
                    "article_id".into(),
                    articles.iter().map(|a| a.id.0).collect::<Vec<_>>(),
                ),
                Column::new(
                    "source_path".into(),
                    articles
                        .iter()
                        .map(|a| a.source_path.as_str())
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "outlet".into(),
                    articles
                        .iter()
                        .map(|a| a.outlet.as_deref())
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "title".into(),
                    articles
                        .iter()
                        .map(|a| a.title.as_str())
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "author".into(),
                    articles
                        .iter()
                        .map(|a| a.author.as_deref())
                        .collect::<Vec<_>>(),
                ),
                date_column("published", articles.iter().map(|a| a.published)),
                Column::new(
                    "date_source".into(),
                    articles
                        .iter()
                        .map(|a| a.date_source.as_str())
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "date_evidence".into(),
                    articles
                        .iter()
                        .map(|a| a.date_evidence.as_deref())
                        .collect::<Vec<_>>(),
                ),
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
                Column::new(
                    "text".into(),
                    articles.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
                ),
            ],
        )?;

        let actors = dictionary.actors();
        let article = |m: &Mention| -> Option<&Article> { articles.get(m.article.0 as usize) };
        let sentences: HashMap<u32, Vec<(usize, usize)>> = articles
            .iter()
            .map(|a| (a.id.0, crate::extract::sentence_spans(&a.text)))
            .collect();
        let sentence_of = |m: &Mention| -> &str {
            let Some(a) = article(m) else { return "" };
            sentences
                .get(&a.id.0)
                .and_then(|s| s.get(m.sentence_index as usize))
                .and_then(|&(s, e)| a.text.get(s..e))
                .unwrap_or("")
        };
        let actor_of = |m: &Mention| actors.get(m.actor as usize);
        let mentions_df = DataFrame::new(
            mentions.len(),
            vec![
                Column::new(
                    "article_id".into(),
                    mentions.iter().map(|m| m.article.0).collect::<Vec<_>>(),
                ),
                date_column(
                    "published",
                    mentions
                        .iter()
                        .map(|m| article(m).and_then(|a| a.published)),
                ),
                Column::new(
                    "outlet".into(),
                    mentions
                        .iter()
                        .map(|m| article(m).and_then(|a| a.outlet.as_deref()))
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "title".into(),
                    mentions
                        .iter()
                        .map(|m| article(m).map_or("", |a| a.title.as_str()))
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "actor_id".into(),
                    mentions
                        .iter()
                        .map(|m| actor_of(m).map_or("", |a| a.id.0.as_str()))
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "actor".into(),
                    mentions
                        .iter()
                        .map(|m| actor_of(m).map_or("", |a| a.name.as_str()))
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "actor_kind".into(),
                    mentions
                        .iter()
                        .map(|m| actor_of(m).map_or("", |a| a.kind.as_str()))
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "matched".into(),
                    mentions
                        .iter()
                        .map(|m| {
                            article(m)
                                .and_then(|a| {
                                    a.text.get(m.byte_range.0 as usize..m.byte_range.1 as usize)
                                })
                                .unwrap_or("")
                        })
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "alias_class".into(),
                    mentions
                        .iter()
                        .map(|m| m.alias_class.as_str())
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "start".into(),
                    mentions.iter().map(|m| m.start).collect::<Vec<_>>(),
                ),
                Column::new(
                    "end".into(),
                    mentions.iter().map(|m| m.end).collect::<Vec<_>>(),
                ),
                Column::new(
                    "sentence_index".into(),
                    mentions
                        .iter()
                        .map(|m| m.sentence_index)
                        .collect::<Vec<_>>(),
                ),
                Column::new(
                    "sentence".into(),
                    mentions.iter().map(sentence_of).collect::<Vec<_>>(),
                ),
            ],
        )?;
        Ok(Self {
            articles: articles_df,
            mentions: mentions_df,
            index: Arc::new(index::Index::build(
                articles, mentions, dictionary, sentences,
            )),
        })
    }

    /// The mentions at `rows` of the mentions frame, in that order.
    pub fn take_mentions(&self, rows: &[IdxSize]) -> Result<DataFrame, FrameError> {
        let rows = IdxCa::from_vec("rows".into(), rows.to_vec());
        Ok(self.mentions.take(&rows)?)
    }

    /// `rows` of the mentions frame reordered by `column` (stable, so ties keep their
    /// order; nulls last).
    pub fn sort_mention_rows(
        &self,
        rows: &[IdxSize],
        column: &str,
        descending: bool,
    ) -> Result<Vec<IdxSize>, FrameError> {
        let taken = IdxCa::from_vec("rows".into(), rows.to_vec());
        let values = self.mentions.column(column)?.take(&taken)?;
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
        let rows = &self.index.mention_article;
        if self.index.sorted {
            let from = rows.partition_point(|a| *a < article);
            let to = rows.partition_point(|a| *a <= article);
            let from_i64 = i64::try_from(from).unwrap_or(i64::MAX);
            return Ok(self.mentions.slice(from_i64, to - from));
        }
        let mask: Vec<bool> = rows.iter().map(|a| *a == article).collect();
        Ok(self.mentions.filter(&index::mask_column(&mask))?)
    }

    /// Extracts with `matcher` and builds the frames in one step.
    pub fn from_corpus(
        corpus: &Corpus,
        dictionary: &Dictionary,
        matcher: &Matcher,
    ) -> Result<Self, FrameError> {
        Self::build(corpus, &extract_all(corpus, matcher), dictionary)
    }
}

impl Query {
    /// The mentions that pass every filter, in article and text order.
    pub fn mentions(&self, frames: &Frames) -> Result<DataFrame, FrameError> {
        let mask = frames.index.mentions_passing(self, &frames.articles)?;
        Ok(frames.mentions.filter(&index::mask_column(&mask))?)
    }

    /// The row numbers, in `frames.mentions`, of the mentions that pass every filter:
    /// what [`Query::mentions`] returns, without copying the rows.
    pub fn mention_rows(&self, frames: &Frames) -> Result<Vec<IdxSize>, FrameError> {
        let mask = frames.index.mentions_passing(self, &frames.articles)?;
        Ok(mask
            .iter()
            .enumerate()
            .filter(|(_, keep)| **keep)
            .filter_map(|(row, _)| IdxSize::try_from(row).ok())
            .collect())
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
        let articles = if with_text {
            frames.articles.clone()
        } else {
            frames.articles.drop("text")?
        };
        Ok(articles.filter(&index::mask_column(&keep))?)
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
            let sentences = crate::extract::sentence_spans(text);
            for found in crate::events::find_dates(text, date) {
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

    /// Mentions over time per actor: every period from the first to the last in range,
    /// for every selected actor (or every mentioned actor when none is selected), with
    /// zeros where there is no mention.
    pub fn timeline(
        &self,
        frames: &Frames,
        dictionary: &Dictionary,
    ) -> Result<DataFrame, FrameError> {
        if self.time == TimeAxis::Referenced {
            return self.referenced_timeline(frames, dictionary);
        }
        let g = self.granularity;
        let ix = &frames.index;
        let mut article_ok = ix.articles_passing(self);
        for (row, ok) in article_ok.iter_mut().enumerate() {
            *ok = *ok && ix.day(row, self).is_some();
        }
        let published = || {
            article_ok
                .iter()
                .enumerate()
                .filter(|(_, ok)| **ok)
                .filter_map(|(row, _)| ix.day(row, self))
        };
        let (Some(first), Some(last)) = (
            self.from
                .or_else(|| published().min().and_then(from_epoch_days)),
            self.to
                .or_else(|| published().max().and_then(from_epoch_days)),
        ) else {
            return empty_timeline();
        };
        let periods = g.periods(first, last);
        let starts: Vec<i32> = periods.iter().map(|p| to_epoch_days(*p)).collect();
        let end = to_epoch_days(g.next_period(last));
        let np = periods.len();

        // Each article's period (none when filtered out), and the denominators per
        // period: articles, words, and all mentions (for shares).
        let mut article_period = vec![None; article_ok.len()];
        let mut articles_in = vec![0u64; np];
        let mut words_in = vec![0u64; np];
        for (row, ok) in article_ok.iter().enumerate() {
            let Some(day) = ix.day(row, self).filter(|d| *ok && *d < end) else {
                continue;
            };
            let Some(i) = starts.partition_point(|s| *s <= day).checked_sub(1) else {
                continue;
            };
            article_period[row] = Some(i);
            articles_in[i] += 1;
            words_in[i] += u64::from(ix.article_words[row]);
        }
        let population = ix.population(self, &frames.articles, &article_ok)?;

        // Row of each actor in the result: the selection as given, else every actor.
        let (actor_slots, slots) = self.actor_slots(ix);
        let mut all_mentions_in = vec![0u64; np];
        let mut mentions = vec![0u64; slots * np];
        let mut inferred = vec![0u64; slots * np];
        let mut articles = vec![0u64; slots * np];
        let mut last_article = vec![u32::MAX; slots];
        let mut seen = std::collections::HashSet::new();
        for ((&a, &actor), _) in ix
            .mention_article
            .iter()
            .zip(&ix.mention_actor)
            .zip(&population)
            .filter(|(_, keep)| **keep)
        {
            let Some(i) = article_period.get(a as usize).copied().flatten() else {
                continue;
            };
            all_mentions_in[i] += 1;
            let Some(slot) = actor_slots.get(actor as usize).copied().flatten() else {
                continue;
            };
            mentions[slot * np + i] += 1;
            if ix.article_inferred[a as usize] {
                inferred[slot * np + i] += 1;
            }
            let new_article = if ix.grouped {
                std::mem::replace(&mut last_article[slot], a) != a
            } else {
                seen.insert((slot, a))
            };
            if new_article {
                articles[slot * np + i] += 1;
            }
        }

        self.timeline_rows(
            dictionary,
            ix,
            &periods,
            Counts {
                slots,
                mentions,
                inferred,
                articles,
                articles_in,
                words_in,
                all_mentions_in,
            },
        )
    }

    /// The timeline over the dates the mentions' sentences refer to.
    fn referenced_timeline(
        &self,
        frames: &Frames,
        dictionary: &Dictionary,
    ) -> Result<DataFrame, FrameError> {
        let g = self.granularity;
        let ix = &frames.index;
        // The date range applies to the referenced dates, the other filters as usual.
        let undated = Query {
            from: None,
            to: None,
            time: TimeAxis::Published,
            ..self.clone()
        };
        let article_ok = ix.articles_passing(&undated);
        let population = ix.population(&undated, &frames.articles, &article_ok)?;
        let days = ix.referenced_days(&frames.articles)?;
        let (from, to) = (self.from.map(to_epoch_days), self.to.map(to_epoch_days));
        let day_of = |i: usize| -> Option<i32> {
            let day = days.get(i).copied().flatten()?;
            let inside = from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t);
            (population.get(i).copied().unwrap_or(false) && inside).then_some(day)
        };
        let kept = || (0..population.len()).filter_map(day_of);
        let (Some(first), Some(last)) = (
            self.from.or_else(|| kept().min().and_then(from_epoch_days)),
            self.to.or_else(|| kept().max().and_then(from_epoch_days)),
        ) else {
            return empty_timeline();
        };
        let periods = g.periods(first, last);
        let starts: Vec<i32> = periods.iter().map(|p| to_epoch_days(*p)).collect();
        let np = periods.len();
        let (actor_slots, slots) = self.actor_slots(ix);
        let mut counts = Counts {
            slots,
            mentions: vec![0; slots * np],
            // Referenced dates never rest on an inferred publication date.
            inferred: vec![0; slots * np],
            articles: vec![0; slots * np],
            articles_in: vec![0; np],
            words_in: vec![0; np],
            all_mentions_in: vec![0; np],
        };
        // An article counts once per period it refers to, and once per actor there.
        let mut seen_article = std::collections::HashSet::new();
        let mut seen_actor_article = std::collections::HashSet::new();
        for i in 0..population.len() {
            let Some(day) = day_of(i) else { continue };
            let Some(p) = starts.partition_point(|s| *s <= day).checked_sub(1) else {
                continue;
            };
            let (a, actor) = (ix.mention_article[i], ix.mention_actor[i]);
            counts.all_mentions_in[p] += 1;
            if seen_article.insert((p, a)) {
                counts.articles_in[p] += 1;
                counts.words_in[p] += u64::from(ix.article_words[a as usize]);
            }
            let Some(slot) = actor_slots.get(actor as usize).copied().flatten() else {
                continue;
            };
            counts.mentions[slot * np + p] += 1;
            if seen_actor_article.insert((slot, p, a)) {
                counts.articles[slot * np + p] += 1;
            }
        }
        self.timeline_rows(dictionary, ix, &periods, counts)
    }

    /// Each dictionary actor's row in the timeline (the selection as given, else every
    /// actor), and the number of rows.
    fn actor_slots(&self, ix: &index::Index) -> (Vec<Option<usize>>, usize) {
        if self.actors.is_empty() {
            (
                (0..ix.actor_ids.len()).map(Some).collect(),
                ix.actor_ids.len(),
            )
        } else {
            let slots = ix
                .actor_ids
                .iter()
                .map(|id| self.actors.iter().position(|a| &a.0 == id))
                .collect();
            (slots, self.actors.len())
        }
    }

    /// The timeline's rows from the counts per actor slot and period.
    fn timeline_rows(
        &self,
        dictionary: &Dictionary,
        ix: &index::Index,
        periods: &[NaiveDate],
        counts: Counts,
    ) -> Result<DataFrame, FrameError> {
        let Counts {
            slots,
            mentions,
            inferred,
            articles,
            articles_in,
            words_in,
            all_mentions_in,
        } = counts;
        let np = periods.len();
        // Actors: the selection as given, else every actor mentioned, most mentioned first.
        let order: Vec<(usize, String)> = if self.actors.is_empty() {
            let mut totals: Vec<(usize, u64)> = (0..slots)
                .map(|s| (s, mentions[s * np..(s + 1) * np].iter().sum()))
                .filter(|(_, n)| *n > 0)
                .collect();
            totals.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then(ix.actor_ids[a.0].cmp(&ix.actor_ids[b.0]))
            });
            totals
                .into_iter()
                .map(|(s, _)| (s, ix.actor_ids[s].clone()))
                .collect()
        } else {
            self.actors
                .iter()
                .enumerate()
                .map(|(s, id)| (s, id.0.clone()))
                .collect()
        };

        let rows = order.len() * np;
        let mut period_col = Vec::with_capacity(rows);
        let mut id_col = Vec::with_capacity(rows);
        let mut name_col = Vec::with_capacity(rows);
        let mut mentions_col = Vec::with_capacity(rows);
        let mut articles_col = Vec::with_capacity(rows);
        let mut inferred_col = Vec::with_capacity(rows);
        let mut value_col = Vec::with_capacity(rows);
        for (slot, id) in &order {
            let name = dictionary
                .actors()
                .iter()
                .find(|a| &a.id.0 == id)
                .map_or(id.as_str(), |a| a.name.as_str());
            for (i, period) in periods.iter().enumerate() {
                let n = mentions[slot * np + i];
                let n_articles = articles[slot * np + i];
                let ratio = |num: f64, den: u64| if den == 0 { 0.0 } else { num / den as f64 };
                let value = match self.metric {
                    Metric::Mentions => n as f64,
                    Metric::Articles => n_articles as f64,
                    Metric::PerArticle => ratio(n as f64, articles_in[i]),
                    Metric::Per1kWords => ratio(n as f64 * 1000.0, words_in[i]),
                    Metric::Share => ratio(n as f64, all_mentions_in[i]),
                };
                period_col.push(Some(*period));
                id_col.push(id.clone());
                name_col.push(name.to_owned());
                mentions_col.push(u32::try_from(n).unwrap_or(u32::MAX));
                articles_col.push(u32::try_from(n_articles).unwrap_or(u32::MAX));
                inferred_col.push(u32::try_from(inferred[slot * np + i]).unwrap_or(u32::MAX));
                value_col.push(value);
            }
        }
        Ok(DataFrame::new(
            rows,
            vec![
                date_column("period_start", period_col.into_iter()),
                Column::new("actor_id".into(), id_col),
                Column::new("actor".into(), name_col),
                Column::new("mentions".into(), mentions_col),
                Column::new("articles".into(), articles_col),
                Column::new("value".into(), value_col),
                Column::new("inferred_mentions".into(), inferred_col),
            ],
        )?)
    }
}

/// Counts per actor slot and period (`slot * periods + period`), and per period.
struct Counts {
    slots: usize,
    mentions: Vec<u64>,
    /// Of `mentions`, those from articles whose date is inferred.
    inferred: Vec<u64>,
    articles: Vec<u64>,
    articles_in: Vec<u64>,
    words_in: Vec<u64>,
    all_mentions_in: Vec<u64>,
}

fn empty_timeline() -> Result<DataFrame, FrameError> {
    Ok(DataFrame::new(
        0,
        vec![
            date_column("period_start", std::iter::empty()),
            Column::new("actor_id".into(), Vec::<String>::new()),
            Column::new("actor".into(), Vec::<String>::new()),
            Column::new("mentions".into(), Vec::<u32>::new()),
            Column::new("articles".into(), Vec::<u32>::new()),
            Column::new("value".into(), Vec::<f64>::new()),
            Column::new("inferred_mentions".into(), Vec::<u32>::new()),
        ],
    )?)
}

#[cfg(test)]
mod tests {
    use super::index::Index;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn period_edges() {
        assert_eq!(
            Granularity::Week.period_start(d(2024, 2, 12)),
            d(2024, 2, 12)
        ); // Monday
        assert_eq!(
            Granularity::Week.period_start(d(2024, 2, 18)),
            d(2024, 2, 12)
        ); // Sunday
        assert_eq!(Granularity::Week.period_start(d(2024, 1, 3)), d(2024, 1, 1));
        assert_eq!(
            Granularity::Month.period_start(d(2023, 12, 31)),
            d(2023, 12, 1)
        );
        assert_eq!(
            Granularity::Quarter.period_start(d(2023, 9, 30)),
            d(2023, 7, 1)
        );
        assert_eq!(
            Granularity::Quarter.period_start(d(2023, 10, 1)),
            d(2023, 10, 1)
        );
        assert_eq!(
            Granularity::Year.period_start(d(2023, 12, 31)),
            d(2023, 1, 1)
        );
        assert_eq!(
            Granularity::Month.next_period(d(2023, 12, 1)),
            d(2024, 1, 1)
        );
        assert_eq!(
            Granularity::Quarter.next_period(d(2023, 10, 1)),
            d(2024, 1, 1)
        );
        assert_eq!(Granularity::Day.next_period(d(2024, 2, 28)), d(2024, 2, 29));
    }

    fn sample() -> (Frames, Dictionary) {
        let dictionary = Dictionary::builtin().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        let frames = Frames::from_corpus(&Corpus::sample(), &dictionary, &matcher).unwrap();
        (frames, dictionary)
    }

    /// The filters written as plain Polars expressions, to check the integer index.
    fn reference_mentions(query: &Query, frames: &Frames) -> DataFrame {
        let mut frame = frames.mentions.clone().lazy();
        let list = |values: Vec<String>| lit(Series::new("v".into(), values)).implode(true);
        if !query.outlets.is_empty() {
            frame = frame.filter(col("outlet").is_in(list(query.outlets.clone()), false));
        }
        if let Some(from) = query.from {
            frame =
                frame.filter(col("published").gt_eq(lit(to_epoch_days(from)).cast(DataType::Date)));
        }
        if let Some(to) = query.to {
            frame =
                frame.filter(col("published").lt_eq(lit(to_epoch_days(to)).cast(DataType::Date)));
        }
        if !query.kinds.is_empty() {
            let kinds = query.kinds.iter().map(|k| k.as_str().to_owned()).collect();
            frame = frame.filter(col("actor_kind").is_in(list(kinds), false));
        }
        if let Some(search) = &query.search {
            frame = frame.filter(
                col("sentence")
                    .str()
                    .to_lowercase()
                    .str()
                    .contains_literal(lit(search.to_lowercase())),
            );
        }
        if !query.actors.is_empty() {
            let ids = query.actors.iter().map(|a| a.0.clone()).collect();
            frame = frame.filter(col("actor_id").is_in(list(ids), false));
        }
        frame.collect().unwrap()
    }

    #[test]
    fn index_filters_equal_polars_filters() {
        let (frames, dictionary) = sample();
        let queries = [
            Query::default(),
            Query {
                actors: vec![ActorId("RUS".into()), ActorId("nikol-pashinyan".into())],
                ..Query::default()
            },
            Query {
                outlets: vec!["JAMnews".into(), "Azatutyun".into()],
                ..Query::default()
            },
            Query {
                from: Some(d(2023, 10, 1)),
                to: Some(d(2024, 1, 31)),
                kinds: vec![ActorKind::Person],
                ..Query::default()
            },
            Query {
                search: Some("Kremlin".into()),
                actors: vec![ActorId("RUS".into())],
                ..Query::default()
            },
            Query {
                from: Some(d(2023, 11, 1)),
                ..Query::default()
            },
            Query {
                search: Some("PRIME minister".into()),
                kinds: vec![ActorKind::Country],
                ..Query::default()
            },
        ];
        for query in queries {
            let expected = reference_mentions(&query, &frames);
            let got = query.mentions(&frames).unwrap();
            assert!(got.equals_missing(&expected), "{query:?}");

            // Articles: those passing the article filters that hold a matching mention.
            let articles = query.articles(&frames, false).unwrap();
            let ids: Vec<u32> = articles
                .column("article_id")
                .unwrap()
                .u32()
                .unwrap()
                .iter()
                .flatten()
                .collect();
            let mut from_mentions: Vec<u32> = expected
                .column("article_id")
                .unwrap()
                .u32()
                .unwrap()
                .iter()
                .flatten()
                .collect();
            from_mentions.dedup();
            if Index::mention_filtered(&query) {
                assert_eq!(ids, from_mentions, "{query:?}");
            } else {
                assert!(from_mentions.iter().all(|a| ids.contains(a)), "{query:?}");
            }

            // Timeline: every dated mention lands in one period, and article counts
            // are distinct articles.
            for metric in [Metric::Mentions, Metric::Articles] {
                let timeline = Query {
                    metric,
                    ..query.clone()
                }
                .timeline(&frames, &dictionary)
                .unwrap();
                let total: f64 = timeline
                    .column("value")
                    .unwrap()
                    .f64()
                    .unwrap()
                    .iter()
                    .flatten()
                    .sum();
                let dated = expected.column("published").unwrap().is_not_null();
                let dated = expected.filter(&dated).unwrap();
                let want = match metric {
                    Metric::Mentions => dated.height(),
                    _ => dated
                        .select(["actor_id", "article_id"])
                        .unwrap()
                        .unique_stable(None, UniqueKeepStrategy::Any, None)
                        .unwrap()
                        .height(),
                };
                assert_eq!(total, want as f64, "{metric:?} {query:?}");
            }
        }
    }
}
