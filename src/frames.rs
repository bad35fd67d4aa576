//! Articles and mentions as Polars frames, the [`Query`] that filters them, and the
//! zero-filled timeline built from them.

use std::collections::HashMap;

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
}

/// A failure inside Polars while building or querying frames.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the result table: {0}")]
pub struct FrameError(#[from] PolarsError);

/// The corpus and its mentions as frames. Built once; queries derive new frames.
#[derive(Clone)]
pub struct Frames {
    /// One row per article, with `text`.
    pub articles: DataFrame,
    /// One row per mention.
    pub mentions: DataFrame,
}

/// Extracts mentions from every article of a corpus.
pub fn extract_all(corpus: &Corpus, matcher: &Matcher) -> Vec<Mention> {
    corpus
        .articles
        .iter()
        .flat_map(|a| matcher.mentions(a))
        .collect()
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
        })
    }

    /// Loads nothing new: extracts with `matcher` and builds the frames in one step.
    pub fn from_corpus(
        corpus: &Corpus,
        dictionary: &Dictionary,
        matcher: &Matcher,
    ) -> Result<Self, FrameError> {
        Self::build(corpus, &extract_all(corpus, matcher), dictionary)
    }
}

fn date_lit(date: NaiveDate) -> Expr {
    lit(to_epoch_days(date)).cast(DataType::Date)
}

fn str_list(values: impl IntoIterator<Item = impl AsRef<str>>) -> Expr {
    let values: Vec<String> = values.into_iter().map(|v| v.as_ref().to_owned()).collect();
    lit(Series::new("values".into(), values)).implode(true)
}

impl Query {
    /// The date and outlet filters, which apply to articles and mentions alike.
    fn corpus_filter(&self, frame: LazyFrame) -> LazyFrame {
        let mut frame = frame;
        if !self.outlets.is_empty() {
            frame = frame.filter(col("outlet").is_in(str_list(&self.outlets), false));
        }
        if let Some(from) = self.from {
            frame = frame.filter(col("published").gt_eq(date_lit(from)));
        }
        if let Some(to) = self.to {
            frame = frame.filter(col("published").lt_eq(date_lit(to)));
        }
        frame
    }

    /// Every filter but the actor selection: the population that shares are taken of.
    fn population_filter(&self, mentions: LazyFrame) -> LazyFrame {
        let mut frame = self.corpus_filter(mentions);
        if !self.kinds.is_empty() {
            frame = frame.filter(
                col("actor_kind").is_in(str_list(self.kinds.iter().map(|k| k.as_str())), false),
            );
        }
        if let Some(search) = self.search.as_deref().filter(|s| !s.trim().is_empty()) {
            frame = frame.filter(
                col("sentence")
                    .str()
                    .to_lowercase()
                    .str()
                    .contains_literal(lit(search.trim().to_lowercase())),
            );
        }
        frame
    }

    fn mentions_lazy(&self, frames: &Frames) -> LazyFrame {
        let mut frame = self.population_filter(frames.mentions.clone().lazy());
        if !self.actors.is_empty() {
            frame = frame
                .filter(col("actor_id").is_in(str_list(self.actors.iter().map(|a| &a.0)), false));
        }
        frame
    }

    /// The mentions that pass every filter, in article and text order.
    pub fn mentions(&self, frames: &Frames) -> Result<DataFrame, FrameError> {
        Ok(self.mentions_lazy(frames).collect()?)
    }

    /// The articles that pass the filters. Actor, kind and search filters keep the
    /// articles that hold at least one matching mention.
    pub fn articles(&self, frames: &Frames, with_text: bool) -> Result<DataFrame, FrameError> {
        let mut frame = self.corpus_filter(frames.articles.clone().lazy());
        let mention_filtered = !self.actors.is_empty()
            || !self.kinds.is_empty()
            || self.search.as_deref().is_some_and(|s| !s.trim().is_empty());
        if mention_filtered {
            let ids = self
                .mentions_lazy(frames)
                .select([col("article_id")])
                .unique(None, UniqueKeepStrategy::Any);
            frame = frame.join(
                ids,
                [col("article_id")],
                [col("article_id")],
                JoinArgs::new(JoinType::Semi),
            );
        }
        if !with_text {
            frame = frame.drop(by_name(["text"], true, false));
        }
        Ok(frame
            .sort(["article_id"], SortMultipleOptions::default())
            .collect()?)
    }

    /// Mentions over time per actor: every period from the first to the last in range,
    /// for every selected actor (or every mentioned actor when none is selected), with
    /// zeros where there is no mention.
    pub fn timeline(
        &self,
        frames: &Frames,
        dictionary: &Dictionary,
    ) -> Result<DataFrame, FrameError> {
        let g = self.granularity;
        let articles = self
            .corpus_filter(frames.articles.clone().lazy())
            .filter(col("published").is_not_null())
            .select([col("article_id"), col("published"), col("word_count")])
            .collect()?;
        let published = dates_of(&articles, "published")?;
        let (Some(first), Some(last)) = (
            self.from.or_else(|| published.iter().min().copied()),
            self.to.or_else(|| published.iter().max().copied()),
        ) else {
            return empty_timeline();
        };
        let mut periods = Vec::new();
        let mut p = g.period_start(first);
        while p <= last {
            periods.push(p);
            p = g.next_period(p);
        }
        let period_index: HashMap<NaiveDate, usize> =
            periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();

        // Denominators per period: articles, words, and all mentions (for shares).
        let mut articles_in = vec![0u64; periods.len()];
        let mut words_in = vec![0u64; periods.len()];
        let words = articles.column("word_count")?.u32()?;
        for (date, w) in published.iter().zip(words.iter()) {
            if let Some(&i) = period_index.get(&g.period_start(*date)) {
                articles_in[i] += 1;
                words_in[i] += u64::from(w.unwrap_or(0));
            }
        }
        let population = self
            .population_filter(frames.mentions.clone().lazy())
            .filter(col("published").is_not_null())
            .select([col("published"), col("actor_id"), col("article_id")])
            .collect()?;
        let mut all_mentions_in = vec![0u64; periods.len()];
        let mut counts: HashMap<(usize, String), (u64, Vec<u32>)> = HashMap::new();
        let selected: Option<Vec<&str>> =
            (!self.actors.is_empty()).then(|| self.actors.iter().map(|a| a.0.as_str()).collect());
        let dates = dates_of(&population, "published")?;
        let ids = population.column("actor_id")?.str()?;
        let article_ids = population.column("article_id")?.u32()?;
        for ((date, id), article_id) in dates.iter().zip(ids.iter()).zip(article_ids.iter()) {
            let Some(&i) = period_index.get(&g.period_start(*date)) else {
                continue;
            };
            all_mentions_in[i] += 1;
            let id = id.unwrap_or("");
            if selected.as_ref().is_some_and(|s| !s.contains(&id)) {
                continue;
            }
            let entry = counts.entry((i, id.to_owned())).or_default();
            entry.0 += 1;
            if let Some(a) = article_id {
                entry.1.push(a);
            }
        }

        // Actors: the selection as given, else every actor mentioned, most mentioned first.
        let actor_ids: Vec<String> = match &selected {
            Some(s) => s.iter().map(|s| (*s).to_owned()).collect(),
            None => {
                let mut totals: HashMap<&str, u64> = HashMap::new();
                for ((_, id), (n, _)) in &counts {
                    *totals.entry(id.as_str()).or_default() += n;
                }
                let mut ids: Vec<(&str, u64)> = totals.into_iter().collect();
                ids.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                ids.into_iter().map(|(id, _)| id.to_owned()).collect()
            }
        };

        let rows = actor_ids.len() * periods.len();
        let mut period_col = Vec::with_capacity(rows);
        let mut id_col = Vec::with_capacity(rows);
        let mut name_col = Vec::with_capacity(rows);
        let mut mentions_col = Vec::with_capacity(rows);
        let mut articles_col = Vec::with_capacity(rows);
        let mut value_col = Vec::with_capacity(rows);
        for id in &actor_ids {
            let name = dictionary
                .actors()
                .iter()
                .find(|a| &a.id.0 == id)
                .map_or(id.as_str(), |a| a.name.as_str());
            for (i, period) in periods.iter().enumerate() {
                let (n, mut arts) = counts.remove(&(i, id.clone())).unwrap_or_default();
                arts.sort_unstable();
                arts.dedup();
                let n_articles = arts.len() as u64;
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
            ],
        )?)
    }
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
        ],
    )?)
}

/// The non-null dates of a Date column.
fn dates_of(frame: &DataFrame, name: &str) -> Result<Vec<NaiveDate>, FrameError> {
    let column = frame.column(name)?.cast(&DataType::Int32)?;
    Ok(column
        .i32()?
        .iter()
        .flatten()
        .filter_map(from_epoch_days)
        .collect())
}

#[cfg(test)]
mod tests {
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
}
