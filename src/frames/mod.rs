//! Articles and mentions as Polars frames, the [`Query`] that filters them, and the
//! zero-filled timeline built from them.

mod index;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Days, Months, NaiveDate};
use polars::prelude::*;

use crate::actors::{ActorId, ActorKind, AliasClass, Dictionary};
use crate::corpus::{Article, ArticleId, Corpus};
use crate::dates::DateSource;
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

/// Mentions of a corpus as columns, in article and text order, with every article's
/// sentence spans (split once during extraction, used again for search and context).
#[derive(Debug, Default)]
pub struct Extraction {
    /// Per mention: the article's row.
    pub article: Vec<u32>,
    /// Per mention: the actor's position in the dictionary.
    pub actor: Vec<u32>,
    /// Per mention: which kind of alias matched.
    pub class: Vec<AliasClass>,
    /// Per mention: first and one-past-last character.
    pub chars: Vec<(u32, u32)>,
    /// Per mention: byte range in the text.
    pub bytes: Vec<(u32, u32)>,
    /// Per mention: sentence within the article.
    pub sentence: Vec<u32>,
    /// Per article: byte spans of its sentences.
    pub sentences: Vec<Vec<(u32, u32)>>,
}

impl Extraction {
    /// Mentions found.
    pub fn len(&self) -> usize {
        self.article.len()
    }

    /// Whether no mention was found.
    pub fn is_empty(&self) -> bool {
        self.article.is_empty()
    }

    fn push(&mut self, mentions: Vec<Mention>, sentences: Vec<(u32, u32)>) {
        for m in mentions {
            self.article.push(m.article.0);
            self.actor.push(m.actor);
            self.class.push(m.alias_class);
            self.chars.push((m.start, m.end));
            self.bytes.push(m.byte_range);
            self.sentence.push(m.sentence_index);
        }
        self.sentences.push(sentences);
    }
}

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

/// Articles searched together, on every core, between progress reports.
const EXTRACT_BATCH: usize = 1024;

/// Extracts mentions from every article of a corpus.
pub fn extract_all(corpus: &Corpus, matcher: &Matcher) -> Extraction {
    extract_until(corpus, matcher, &mut |_| true).unwrap_or_default()
}

/// Extracts mentions a batch of articles at a time on every core, calling `go_on` with
/// the number of articles done before each batch; `None` when it returns false.
pub fn extract_until(
    corpus: &Corpus,
    matcher: &Matcher,
    go_on: &mut dyn FnMut(usize) -> bool,
) -> Option<Extraction> {
    use rayon::prelude::*;
    let mut out = Extraction {
        sentences: Vec::with_capacity(corpus.articles.len()),
        ..Extraction::default()
    };
    for (number, batch) in corpus.articles.chunks(EXTRACT_BATCH).enumerate() {
        if !go_on(number * EXTRACT_BATCH) {
            return None;
        }
        let found: Vec<_> = batch
            .par_iter()
            .map(|article| matcher.mentions_and_sentences(article))
            .collect();
        for (mentions, sentences) in found {
            out.push(mentions, sentences);
        }
    }
    Some(out)
}

fn date_column(name: &str, dates: impl Iterator<Item = Option<NaiveDate>>) -> Column {
    let days: Int32Chunked = dates.map(|d| d.map(to_epoch_days)).collect();
    days.with_name(name.into()).into_date().into_column()
}

/// The columns of a mentions frame, in order (the data contract).
pub const MENTION_COLUMNS: [&str; 13] = [
    "article_id",
    "published",
    "outlet",
    "title",
    "actor_id",
    "actor",
    "actor_kind",
    "matched",
    "alias_class",
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

    /// The row of the article read from `source_path`.
    pub fn article_row(&self, source_path: &str) -> Option<usize> {
        let paths = self.articles.column("source_path").ok()?.str().ok()?;
        paths.iter().position(|p| p == Some(source_path))
    }

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
                    .map(|row| automaton.is_match(&crate::extract::fold(self.text(row))))
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
                out.chars.push(ix.mention_chars[r]);
                out.bytes.push(ix.mention_bytes[r]);
                out.sentence.push(ix.mention_sentence[r]);
            }
        }
        out.sentences.clear();
        self.with_mentions(out, new)
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

    /// The mentions at `rows`, in that order (see [`Frames::mentions_frame`]).
    pub fn take_mentions(&self, rows: &[IdxSize]) -> Result<DataFrame, FrameError> {
        self.mentions_frame(rows)
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
        // The population that shares are taken of: every filter but the selection.
        let (kind_ok, _) = ix.actor_filters(self);
        let hits = ix.search_hits(self)?;
        let counted: Vec<bool> = article_period.iter().map(Option::is_some).collect();

        // Row of each actor in the result: the selection as given, else every actor.
        let (actor_slots, slots) = self.actor_slots(ix);
        let mut all_mentions_in = vec![0u64; np];
        let mut mentions = vec![0u64; slots * np];
        let mut inferred = vec![0u64; slots * np];
        let mut articles = vec![0u64; slots * np];
        if hits.is_none() && ix.grouped {
            // Without a text search whole articles count: one step per article and
            // actor instead of one per mention.
            for pair in &ix.article_actors {
                let (a, actor, n) = (pair.article as usize, pair.actor as usize, pair.mentions);
                let Some(i) = article_period.get(a).copied().flatten() else {
                    continue;
                };
                if !kind_ok.get(actor).copied().unwrap_or(false) {
                    continue;
                }
                all_mentions_in[i] += u64::from(n);
                let Some(slot) = actor_slots.get(actor).copied().flatten() else {
                    continue;
                };
                mentions[slot * np + i] += u64::from(n);
                if ix.article_inferred[a] {
                    inferred[slot * np + i] += u64::from(n);
                }
                articles[slot * np + i] += 1;
            }
        } else {
            let mut last_article = vec![u32::MAX; slots];
            let mut seen = std::collections::HashSet::new();
            ix.visit_mentions(&counted, |row, a, actor| {
                if !kind_ok.get(actor as usize).copied().unwrap_or(false)
                    || hits
                        .as_ref()
                        .is_some_and(|h| !h.get(row).copied().unwrap_or(false))
                {
                    return;
                }
                let Some(i) = article_period.get(a as usize).copied().flatten() else {
                    return;
                };
                all_mentions_in[i] += 1;
                let Some(slot) = actor_slots.get(actor as usize).copied().flatten() else {
                    return;
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
            });
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
        let population = ix.population(&undated, &article_ok)?;
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
        let frames = Frames::from_corpus(Corpus::sample(), &dictionary, &matcher).unwrap();
        (frames, dictionary)
    }

    #[test]
    fn redating_one_article_equals_reading_the_corpus_with_that_date() {
        let dictionary = Dictionary::builtin().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        let frames = Frames::from_corpus(Corpus::sample(), &dictionary, &matcher).unwrap();
        // 004 has no date; 003's "British Prime Minister" is Theresa May in 2019.
        for (row, date) in [(4, d(2023, 12, 28)), (3, d(2019, 3, 1)), (0, d(2024, 7, 5))] {
            let redated = frames
                .redated(row, &Dating::analyst(date), &matcher)
                .unwrap();
            let mut corpus = Corpus::sample();
            let path = corpus.articles[row].source_path.clone();
            corpus.apply_overrides(
                &[crate::corpus::overrides::DateOverride {
                    source_path: path,
                    published: date,
                }],
                "test",
            );
            let reread = Frames::from_corpus(corpus, &dictionary, &matcher).unwrap();
            assert!(redated.articles.equals_missing(&reread.articles), "{row}");
            let all = Query::default();
            assert!(
                all.mentions(&redated)
                    .unwrap()
                    .equals_missing(&all.mentions(&reread).unwrap()),
                "{row}"
            );
            for query in [
                all.clone(),
                Query {
                    search: Some("minister".into()),
                    granularity: Granularity::Week,
                    ..Query::default()
                },
                Query {
                    time: TimeAxis::Referenced,
                    ..Query::default()
                },
            ] {
                assert!(
                    query
                        .timeline(&redated, &dictionary)
                        .unwrap()
                        .equals_missing(&query.timeline(&reread, &dictionary).unwrap()),
                    "{row} {query:?}"
                );
            }
        }
        // Taking a date back gives the article its page's date again.
        let original = Dating::of(&Corpus::sample().articles[3]);
        let back = frames
            .redated(3, &Dating::analyst(d(2019, 3, 1)), &matcher)
            .unwrap()
            .redated(3, &original, &matcher)
            .unwrap();
        assert!(back.articles.equals_missing(&frames.articles));
        assert_eq!(back.mention_count(), frames.mention_count());
    }

    #[test]
    fn rematching_after_a_dictionary_edit_equals_searching_everything_again() {
        use crate::actors::{Alias, AliasClass, CaseRule};
        let builtin = Dictionary::builtin().unwrap();
        let corpus = || {
            let mut c = Corpus::sample();
            c.articles
                .extend(Corpus::sample().articles.into_iter().map(|mut a| {
                    a.text = a.text.replace("Armenia", "Armenia's neighbour Georgia");
                    a
                }));
            for (i, a) in c.articles.iter_mut().enumerate() {
                a.id = ArticleId(i as u32);
            }
            c
        };
        let old_matcher = Matcher::new(&builtin).unwrap();
        let frames = Frames::from_corpus(corpus(), &builtin, &old_matcher).unwrap();
        let actors = builtin.actors().to_vec();
        let russia = actors.iter().position(|a| a.id.0 == "RUS").unwrap();
        let mut added_alias = actors.clone();
        added_alias[russia].aliases.push(Alias::plain(
            "Soviet",
            AliasClass::Variant,
            CaseRule::Smart,
        ));
        let mut renamed = actors.clone();
        renamed[russia].name = "Russian Federation".into();
        let mut removed = actors.clone();
        removed.retain(|a| a.id.0 != "ARM");
        let mut new_actor = actors.clone();
        let mut erevan = actors[russia].clone();
        erevan.id = crate::actors::ActorId("erevan".into());
        erevan.name = "Erevan".into();
        erevan.aliases = vec![Alias::plain("Yerevan", AliasClass::Name, CaseRule::Smart)];
        erevan.roles.clear();
        erevan.exclude.clear();
        new_actor.push(erevan);
        let mut reordered = actors.clone();
        reordered.swap(0, russia);
        let edits = [
            Dictionary::from_actors(added_alias),
            Dictionary::from_actors(renamed),
            Dictionary::from_actors(removed),
            Dictionary::from_actors(new_actor),
            Dictionary::from_actors(reordered),
            builtin.clone().without_classes(&[AliasClass::Demonym]),
            Dictionary::from_actors(actors),
        ];
        for (i, new) in edits.into_iter().enumerate() {
            let matcher = Matcher::new(&new).unwrap();
            let rematched = frames.rematched(&builtin, &new, &matcher).unwrap();
            if i == 0 {
                // "Soviet" is in the sample: the new alias is found.
                assert!(rematched.mention_count() > frames.mention_count());
            }
            let searched = Frames::from_corpus(corpus(), &new, &matcher).unwrap();
            let all = Query::default();
            assert!(
                all.mentions(&rematched)
                    .unwrap()
                    .equals_missing(&all.mentions(&searched).unwrap())
            );
            assert!(rematched.articles.equals_missing(&searched.articles));
            assert!(
                all.timeline(&rematched, &new)
                    .unwrap()
                    .equals_missing(&all.timeline(&searched, &new).unwrap())
            );
        }
    }

    /// The filters written as plain Polars expressions, to check the integer index.
    fn reference_mentions(query: &Query, frames: &Frames) -> DataFrame {
        let all: Vec<IdxSize> = (0..frames.mention_count() as IdxSize).collect();
        let mut frame = frames.mentions_frame(&all).unwrap().lazy();
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
