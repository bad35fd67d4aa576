//! Integer columns kept beside the frames so that filters and the timeline stay fast at
//! millions of mentions: one pass over small integers instead of string comparisons.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use polars::prelude::*;

use crate::actors::{ActorKind, Dictionary};
use crate::corpus::Article;
use crate::dates::to_epoch_days;
use chrono::NaiveDate;

use crate::actors::{AliasClass, Usage};

mod search;

use super::{FrameError, MentionView};
use crate::extract::Extraction;
use crate::query::Query;

/// An actor's mentions in one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ArticleActor {
    pub(super) article: u32,
    pub(super) actor: u32,
    pub(super) mentions: u32,
}

/// The corpus and its mentions reduced to integers, row for row with the frames.
#[derive(Debug, Default)]
pub(super) struct Index {
    /// Per article row: published day (days since 1970-01-01).
    pub(super) article_day: Vec<Option<i32>>,
    /// Per article row: whether its date was inferred from its text.
    pub(super) article_inferred: Vec<bool>,
    /// Per article row: position of its outlet in `outlets`.
    article_outlet: Vec<Option<u32>>,
    /// Every distinct outlet.
    outlets: Vec<String>,
    /// Per article row: words.
    pub(super) article_words: Vec<u32>,
    /// Per mention row: the article's row.
    pub(super) mention_article: Vec<u32>,
    /// Per mention row: the actor's position in the dictionary.
    pub(super) mention_actor: Vec<u32>,
    /// Per mention row: its sentence within the article.
    pub(super) mention_sentence: Vec<u32>,
    /// Per mention row: which kind of alias matched.
    pub(super) mention_class: Vec<AliasClass>,
    /// Per mention row: what the words do in their sentence.
    pub(super) mention_usage: Vec<Usage>,
    /// Per mention row: first and one-past-last character in the text.
    pub(super) mention_chars: Vec<(u32, u32)>,
    /// Per mention row: byte range in the text.
    pub(super) mention_bytes: Vec<(u32, u32)>,
    /// Per article row: the cleaned text (shared by an index re-dated from this one).
    pub(super) texts: Arc<Vec<String>>,
    /// Per article row: the title.
    titles: Arc<Vec<String>>,
    /// Per article row: the byte range of the paragraph of its text that is its title.
    title_spans: Arc<Vec<Option<(u32, u32)>>>,
    /// Per dictionary actor: its display name.
    actor_names: Vec<String>,
    /// Per article row: byte spans of its sentences.
    sentence_spans: Arc<Vec<Vec<(u32, u32)>>>,
    /// Per mention row: the day its sentence refers to, found on first use.
    referenced: std::sync::OnceLock<Vec<Option<i32>>>,
    /// The last text search and which mention rows' sentences hold it.
    search_cache: Mutex<Option<(String, Arc<Vec<bool>>)>>,
    /// Per dictionary actor: its kind.
    actor_kinds: Vec<ActorKind>,
    /// Per dictionary actor: its id.
    pub(super) actor_ids: Vec<String>,
    /// Whether the mentions of each article are consecutive rows (as extraction makes
    /// them), so distinct articles can be counted without a set.
    pub(super) grouped: bool,
    /// Per article and actor mentioned in it, in article order: how many mentions.
    /// Counting over these instead of every mention makes a timeline without a text
    /// search several times faster.
    pub(super) article_actors: Vec<ArticleActor>,
    /// Whether mention rows are in article order, so an article's rows are a slice.
    pub(super) sorted: bool,
}

impl Index {
    pub(super) fn build(
        articles: &[Article],
        extraction: Extraction,
        dictionary: &Dictionary,
        titles: Vec<String>,
    ) -> Self {
        let mut outlets: Vec<String> = articles
            .iter()
            .filter_map(|a| a.outlet.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        outlets.shrink_to_fit();
        let article_outlet = articles
            .iter()
            .map(|a| {
                let outlet = a.outlet.as_deref()?;
                let at = outlets.binary_search_by(|o| o.as_str().cmp(outlet)).ok()?;
                u32::try_from(at).ok()
            })
            .collect();
        let mut extraction = extraction;
        let sentence_spans = std::mem::take(&mut extraction.sentences);
        // The articles, their sentences and titles; the mentions are laid on them.
        let base = Self {
            article_day: articles
                .iter()
                .map(|a| a.published.map(to_epoch_days))
                .collect(),
            article_inferred: articles
                .iter()
                .map(|a| a.date_source == crate::dates::DateSource::Inferred)
                .collect(),
            article_outlet,
            outlets,
            article_words: articles.iter().map(|a| a.word_count).collect(),
            titles: Arc::new(titles),
            sentence_spans: Arc::new(sentence_spans),
            ..Self::default()
        };
        base.with_mentions(extraction, Some(dictionary))
    }

    /// The index with the articles' texts, row for row.
    pub(super) fn with_texts(self, texts: Vec<String>) -> Self {
        let title_spans = texts
            .iter()
            .zip(self.titles.iter())
            .map(|(text, title)| {
                crate::corpus::title_span(text, title).map(|span| {
                    let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                    (at(span.start), at(span.end))
                })
            })
            .collect();
        Self {
            texts: Arc::new(texts),
            title_spans: Arc::new(title_spans),
            ..self
        }
    }

    /// Whether mention row `row` is in its article's title.
    pub(super) fn in_title(&self, row: usize) -> bool {
        let (Some(&article), Some(&(start, end))) =
            (self.mention_article.get(row), self.mention_bytes.get(row))
        else {
            return false;
        };
        self.title_spans
            .get(article as usize)
            .copied()
            .flatten()
            .is_some_and(|(from, to)| from <= start && end <= to)
    }

    /// The rows of the mentions of article `row` (they are consecutive).
    pub(super) fn article_rows(&self, row: u32) -> std::ops::Range<usize> {
        if self.sorted {
            let from = self.mention_article.partition_point(|a| *a < row);
            let to = self.mention_article.partition_point(|a| *a <= row);
            return from..to;
        }
        let from = self.mention_article.iter().position(|a| *a == row);
        let count = self.mention_article.iter().filter(|a| **a == row).count();
        from.map_or(0..0, |f| f..f + count)
    }

    /// This index with article `row` dated `day` (inferred or not) and its mentions
    /// replaced by `mentions`; texts, titles and sentences are shared, not copied.
    pub(super) fn redated(
        &self,
        row: u32,
        day: Option<i32>,
        inferred: bool,
        mentions: Vec<crate::extract::Mention>,
    ) -> Self {
        let rows = self.article_rows(row);
        fn splice<T: Clone>(
            all: &[T],
            rows: &std::ops::Range<usize>,
            new: impl Iterator<Item = T>,
        ) -> Vec<T> {
            let mut out = Vec::with_capacity(all.len() + 64);
            out.extend_from_slice(&all[..rows.start]);
            out.extend(new);
            out.extend_from_slice(&all[rows.end..]);
            out
        }
        let extraction = Extraction {
            article: splice(
                &self.mention_article,
                &rows,
                mentions.iter().map(|m| m.article.0),
            ),
            actor: splice(&self.mention_actor, &rows, mentions.iter().map(|m| m.actor)),
            class: splice(
                &self.mention_class,
                &rows,
                mentions.iter().map(|m| m.alias_class),
            ),
            usage: splice(&self.mention_usage, &rows, mentions.iter().map(|m| m.usage)),
            chars: splice(
                &self.mention_chars,
                &rows,
                mentions.iter().map(|m| (m.start, m.end)),
            ),
            bytes: splice(
                &self.mention_bytes,
                &rows,
                mentions.iter().map(|m| m.byte_range),
            ),
            sentence: splice(
                &self.mention_sentence,
                &rows,
                mentions.iter().map(|m| m.sentence_index),
            ),
            sentences: Vec::new(),
        };
        let mut index = self.with_mentions(extraction, None);
        if let Some(slot) = index.article_day.get_mut(row as usize) {
            *slot = day;
        }
        if let Some(slot) = index.article_inferred.get_mut(row as usize) {
            *slot = inferred;
        }
        index
    }

    /// This index with every mention replaced by `extraction`'s (whose sentences are
    /// not used: the texts, and so their sentences, are the same), found with
    /// `dictionary` (or the same dictionary as before).
    pub(super) fn with_mentions(
        &self,
        extraction: Extraction,
        dictionary: Option<&Dictionary>,
    ) -> Self {
        let Extraction {
            article: mention_article,
            actor: mention_actor,
            class: mention_class,
            usage: mention_usage,
            chars: mention_chars,
            bytes: mention_bytes,
            sentence: mention_sentence,
            sentences: _,
        } = extraction;
        // Whether each article's mentions are consecutive rows.
        let grouped = {
            let mut seen = HashSet::new();
            let mut previous = None;
            mention_article.iter().all(|&a| {
                if previous == Some(a) {
                    return true;
                }
                previous = Some(a);
                seen.insert(a)
            })
        };
        Self {
            sorted: mention_article.is_sorted(),
            grouped,
            article_actors: Vec::new(),
            article_day: self.article_day.clone(),
            article_inferred: self.article_inferred.clone(),
            article_outlet: self.article_outlet.clone(),
            outlets: self.outlets.clone(),
            article_words: self.article_words.clone(),
            mention_article,
            mention_actor,
            mention_sentence,
            mention_class,
            mention_usage,
            mention_chars,
            mention_bytes,
            texts: self.texts.clone(),
            titles: self.titles.clone(),
            title_spans: self.title_spans.clone(),
            sentence_spans: self.sentence_spans.clone(),
            referenced: std::sync::OnceLock::new(),
            search_cache: Mutex::new(None),
            actor_kinds: dictionary.map_or_else(
                || self.actor_kinds.clone(),
                |d| d.actors().iter().map(|a| a.kind).collect(),
            ),
            actor_ids: dictionary.map_or_else(
                || self.actor_ids.clone(),
                |d| d.actors().iter().map(|a| a.id.0.clone()).collect(),
            ),
            actor_names: dictionary.map_or_else(
                || self.actor_names.clone(),
                |d| d.actors().iter().map(|a| a.name.clone()).collect(),
            ),
        }
        .with_article_actors()
    }

    /// The index with its per article and actor counts made.
    fn with_article_actors(mut self) -> Self {
        let mut pairs = Vec::new();
        let mut actors: Vec<u32> = Vec::new();
        let all = &self.mention_article;
        let mut row = 0;
        while let Some(&article) = all.get(row) {
            let end = all[row..]
                .iter()
                .position(|a| *a != article)
                .map_or(all.len(), |n| row + n);
            actors.clear();
            actors.extend_from_slice(&self.mention_actor[row..end]);
            actors.sort_unstable();
            for run in actors.chunk_by(|a, b| a == b) {
                pairs.push(ArticleActor {
                    article,
                    actor: run[0],
                    mentions: u32::try_from(run.len()).unwrap_or(u32::MAX),
                });
            }
            row = end;
        }
        // Only rows grouped by article make each pair one article's.
        self.article_actors = if self.grouped { pairs } else { Vec::new() };
        self
    }

    fn text(&self, article: u32) -> &str {
        self.texts.get(article as usize).map_or("", String::as_str)
    }

    /// The words a mention row matched.
    fn matched(&self, row: usize) -> &str {
        let (Some(&a), Some(&(s, e))) =
            (self.mention_article.get(row), self.mention_bytes.get(row))
        else {
            return "";
        };
        self.text(a).get(s as usize..e as usize).unwrap_or("")
    }

    /// The byte span of a mention row's sentence.
    fn sentence_span(&self, row: usize) -> Option<(usize, usize)> {
        let a = *self.mention_article.get(row)? as usize;
        let s = *self.mention_sentence.get(row)? as usize;
        let &(start, end) = self.sentence_spans.get(a)?.get(s)?;
        Some((start as usize, end as usize))
    }

    /// The sentence of a mention row.
    fn sentence(&self, row: usize) -> &str {
        let Some((start, end)) = self.sentence_span(row) else {
            return "";
        };
        let a = self.mention_article[row];
        self.text(a).get(start..end).unwrap_or("")
    }

    fn outlet(&self, article: u32) -> Option<&str> {
        let o = self
            .article_outlet
            .get(article as usize)
            .copied()
            .flatten()?;
        self.outlets.get(o as usize).map(String::as_str)
    }

    pub(super) fn published(&self, article: u32) -> Option<NaiveDate> {
        self.article_day
            .get(article as usize)
            .copied()
            .flatten()
            .and_then(crate::dates::from_epoch_days)
    }

    /// A mention row for display.
    pub(super) fn view(&self, row: usize) -> Option<MentionView<'_>> {
        let article = *self.mention_article.get(row)?;
        let actor = *self.mention_actor.get(row)? as usize;
        Some(MentionView {
            article,
            published: self.published(article),
            outlet: self.outlet(article),
            title: self.titles.get(article as usize).map_or("", String::as_str),
            actor_id: self.actor_ids.get(actor).map_or("", String::as_str),
            actor: self.actor_names.get(actor).map_or("", String::as_str),
            matched: self.matched(row),
            usage: self.mention_usage.get(row).copied().unwrap_or(Usage::Actor),
            chars: *self.mention_chars.get(row)?,
            bytes: *self.mention_bytes.get(row)?,
            text: self.text(article),
        })
    }

    /// One column of the mentions frame (see [`super::MENTION_COLUMNS`]) for `rows`.
    pub(super) fn mention_column(&self, name: &str, rows: &[IdxSize]) -> PolarsResult<Column> {
        let rows = || rows.iter().map(|&r| r as usize);
        let article = |r: usize| self.mention_article.get(r).copied().unwrap_or(u32::MAX);
        let actor = |r: usize| self.mention_actor.get(r).copied().unwrap_or(u32::MAX) as usize;
        let chars = |r: usize| self.mention_chars.get(r).copied().unwrap_or_default();
        let column = match name {
            "article_id" => Column::new(name.into(), rows().map(article).collect::<Vec<_>>()),
            "published" => {
                let days: Int32Chunked = rows()
                    .map(|r| self.article_day.get(article(r) as usize).copied().flatten())
                    .collect();
                days.with_name(name.into()).into_date().into_column()
            }
            "outlet" => Column::new(
                name.into(),
                rows().map(|r| self.outlet(article(r))).collect::<Vec<_>>(),
            ),
            "title" => Column::new(
                name.into(),
                rows()
                    .map(|r| {
                        self.titles
                            .get(article(r) as usize)
                            .map_or("", String::as_str)
                    })
                    .collect::<Vec<_>>(),
            ),
            "actor_id" => Column::new(
                name.into(),
                rows()
                    .map(|r| self.actor_ids.get(actor(r)).map_or("", String::as_str))
                    .collect::<Vec<_>>(),
            ),
            "actor" => Column::new(
                name.into(),
                rows()
                    .map(|r| self.actor_names.get(actor(r)).map_or("", String::as_str))
                    .collect::<Vec<_>>(),
            ),
            "actor_kind" => Column::new(
                name.into(),
                rows()
                    .map(|r| self.actor_kinds.get(actor(r)).map_or("", |k| k.as_str()))
                    .collect::<Vec<_>>(),
            ),
            "matched" => Column::new(
                name.into(),
                rows().map(|r| self.matched(r)).collect::<Vec<_>>(),
            ),
            "alias_class" => Column::new(
                name.into(),
                rows()
                    .map(|r| self.mention_class.get(r).map_or("", |c| c.as_str()))
                    .collect::<Vec<_>>(),
            ),
            "usage" => Column::new(
                name.into(),
                rows()
                    .map(|r| self.mention_usage.get(r).map_or("", |u| u.as_str()))
                    .collect::<Vec<_>>(),
            ),
            "in_title" => Column::new(
                name.into(),
                rows().map(|r| self.in_title(r)).collect::<Vec<_>>(),
            ),
            "start" => Column::new(name.into(), rows().map(|r| chars(r).0).collect::<Vec<_>>()),
            "end" => Column::new(name.into(), rows().map(|r| chars(r).1).collect::<Vec<_>>()),
            "sentence_index" => Column::new(
                name.into(),
                rows()
                    .map(|r| self.mention_sentence.get(r).copied().unwrap_or(u32::MAX))
                    .collect::<Vec<_>>(),
            ),
            "sentence" => Column::new(
                name.into(),
                rows().map(|r| self.sentence(r)).collect::<Vec<_>>(),
            ),
            _ => polars_bail!(ColumnNotFound: "{name}"),
        };
        Ok(column)
    }

    /// The publication day of an article row as `query` sees it: none when the query
    /// leaves inferred dates out and this one is inferred.
    pub(super) fn day(&self, row: usize, query: &Query) -> Option<i32> {
        let day = self.article_day.get(row).copied().flatten()?;
        let left_out = query.exclude_inferred && self.article_inferred[row];
        (!left_out).then_some(day)
    }

    /// Per article row: whether it passes the outlet and date filters.
    pub(super) fn articles_passing(&self, query: &Query) -> Vec<bool> {
        let outlet_ok: Option<Vec<bool>> = (!query.outlets.is_empty()).then(|| {
            self.outlets
                .iter()
                .map(|o| query.outlets.contains(o))
                .collect()
        });
        let from = query.from.map(to_epoch_days);
        let to = query.to.map(to_epoch_days);
        (0..self.article_day.len())
            .map(|row| self.day(row, query))
            .zip(&self.article_outlet)
            .map(|(day, outlet)| {
                let outlet_pass = outlet_ok.as_ref().is_none_or(|ok| {
                    outlet.is_some_and(|o| ok.get(o as usize).copied().unwrap_or(false))
                });
                let date_pass = match (from, to) {
                    (None, None) => true,
                    _ => day
                        .is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t)),
                };
                outlet_pass && date_pass
            })
            .collect()
    }

    /// Per dictionary actor: whether its kind passes the kind filter.
    fn kinds_passing(&self, query: &Query) -> Vec<bool> {
        self.actor_kinds
            .iter()
            .map(|k| query.kinds.is_empty() || query.kinds.contains(k))
            .collect()
    }

    /// Per dictionary actor: whether it is selected (every actor when none is).
    pub(super) fn actors_passing(&self, query: &Query) -> Vec<bool> {
        self.actor_ids
            .iter()
            .map(|id| query.actors.is_empty() || query.actors.iter().any(|a| &a.0 == id))
            .collect()
    }

    /// Per mention row: whether it passes every filter but the actor selection (the
    /// population that shares are taken of), given the article rows that pass.
    pub(super) fn population(
        &self,
        query: &Query,
        article_ok: &[bool],
    ) -> Result<Vec<bool>, FrameError> {
        let kind_ok = self.kinds_passing(query);
        let mut mask: Vec<bool> = self
            .mention_article
            .iter()
            .zip(&self.mention_actor)
            .map(|(&a, &actor)| {
                article_ok.get(a as usize).copied().unwrap_or(false)
                    && kind_ok.get(actor as usize).copied().unwrap_or(false)
            })
            .collect();
        if let Some(found) = self.search_hits(query)? {
            for (keep, hit) in mask.iter_mut().zip(found.iter()) {
                *keep = *keep && *hit;
            }
        }
        Ok(mask)
    }

    /// Calls `visit(row, article, actor)` for every mention row of the articles that
    /// are `article_ok`, in row order: by article when rows are in article order, so
    /// that filtered-out articles cost nothing.
    pub(super) fn visit_mentions(
        &self,
        article_ok: &[bool],
        mut visit: impl FnMut(usize, u32, u32),
    ) {
        if self.sorted {
            let mut row = 0;
            let all = &self.mention_article;
            while let Some(&article) = all.get(row) {
                // An article's rows are few: a short forward scan finds their end.
                let end = all[row..]
                    .iter()
                    .position(|a| *a != article)
                    .map_or(all.len(), |n| row + n);
                if article_ok.get(article as usize).copied().unwrap_or(false) {
                    for (r, &actor) in self.mention_actor[row..end].iter().enumerate() {
                        visit(row + r, article, actor);
                    }
                }
                row = end;
            }
            return;
        }
        for (row, (&article, &actor)) in self
            .mention_article
            .iter()
            .zip(&self.mention_actor)
            .enumerate()
        {
            if article_ok.get(article as usize).copied().unwrap_or(false) {
                visit(row, article, actor);
            }
        }
    }

    /// Per dictionary actor: whether its mentions count for the population (kind
    /// filter), and for the selection (kind filter and selected actors).
    pub(super) fn actor_filters(&self, query: &Query) -> (Vec<bool>, Vec<bool>) {
        let kind_ok = self.kinds_passing(query);
        let selected = self
            .actors_passing(query)
            .iter()
            .zip(&kind_ok)
            .map(|(a, k)| *a && *k)
            .collect();
        (kind_ok, selected)
    }

    /// Per mention row, for a query with a text search or for headlines only: whether
    /// its sentence holds the text and it is in a headline.
    pub(super) fn search_hits(&self, query: &Query) -> Result<Option<Arc<Vec<bool>>>, FrameError> {
        let found = match query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(search) => Some(self.search(search)?),
            None => None,
        };
        if !query.in_title {
            return Ok(found);
        }
        let titles = (0..self.mention_article.len()).map(|r| self.in_title(r));
        Ok(Some(Arc::new(match found {
            Some(found) => found.iter().zip(titles).map(|(a, b)| *a && b).collect(),
            None => titles.collect(),
        })))
    }

    /// The mention rows that pass every filter of a query in publication time.
    pub(super) fn passing_rows(&self, query: &Query) -> Result<Vec<IdxSize>, FrameError> {
        let article_ok = self.articles_passing(query);
        let (_, selected) = self.actor_filters(query);
        let hits = self.search_hits(query)?;
        // Room for every mention of the selected actors in the articles that pass.
        let room: usize = self
            .article_actors
            .iter()
            .filter(|p| {
                article_ok.get(p.article as usize).copied().unwrap_or(false)
                    && selected.get(p.actor as usize).copied().unwrap_or(false)
            })
            .map(|p| p.mentions as usize)
            .sum();
        let mut rows = Vec::with_capacity(room);
        self.visit_mentions(&article_ok, |row, _, actor| {
            if selected.get(actor as usize).copied().unwrap_or(false)
                && hits
                    .as_ref()
                    .is_none_or(|h| h.get(row).copied().unwrap_or(false))
            {
                rows.push(IdxSize::try_from(row).unwrap_or(IdxSize::MAX));
            }
        });
        Ok(rows)
    }

    /// Per mention row: whether it passes every filter.
    pub(super) fn mentions_passing(
        &self,
        query: &Query,
        articles: &DataFrame,
    ) -> Result<Vec<bool>, FrameError> {
        if query.time == crate::query::TimeAxis::Referenced {
            // The date range applies to the dates the sentences refer to.
            let undated = Query {
                from: None,
                to: None,
                time: crate::query::TimeAxis::Published,
                ..query.clone()
            };
            let mut mask = self.mentions_passing(&undated, articles)?;
            let days = self.referenced_days(articles)?;
            let from = query.from.map(to_epoch_days);
            let to = query.to.map(to_epoch_days);
            for (keep, day) in mask.iter_mut().zip(days) {
                *keep = *keep
                    && day
                        .is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t));
            }
            return Ok(mask);
        }
        let article_ok = self.articles_passing(query);
        let mut mask = self.population(query, &article_ok)?;
        if !query.actors.is_empty() {
            let actor_ok = self.actors_passing(query);
            for (keep, &actor) in mask.iter_mut().zip(&self.mention_actor) {
                *keep = *keep && actor_ok.get(actor as usize).copied().unwrap_or(false);
            }
        }
        Ok(mask)
    }

    /// Per mention row: the day the first date written in its sentence refers to
    /// (days without a year placed before a printed or analyst's publication date).
    pub(super) fn referenced_days(
        &self,
        articles: &DataFrame,
    ) -> Result<&[Option<i32>], FrameError> {
        if let Some(days) = self.referenced.get() {
            return Ok(days);
        }
        let sources = articles.column("date_source")?.str()?;
        let mut per_article: Vec<Vec<Option<i32>>> = vec![Vec::new(); self.article_day.len()];
        let mentioned = self.articles_mentioned();
        for (row, sentences) in per_article.iter_mut().enumerate() {
            let (Some(text), true) = (self.texts.get(row), mentioned[row]) else {
                continue;
            };
            let anchored = matches!(sources.get(row), Some("explicit" | "override"));
            let published = self.article_day[row]
                .filter(|_| anchored)
                .and_then(crate::dates::from_epoch_days);
            let spans = &self.sentence_spans[row];
            *sentences = vec![None; spans.len()];
            for found in crate::dates::find_dates(text, published) {
                let Some(date) = found.date else { continue };
                let at = found.byte_range.0;
                let Some(i) = spans
                    .partition_point(|&(start, _)| start as usize <= at)
                    .checked_sub(1)
                else {
                    continue;
                };
                if let Some(slot) = sentences.get_mut(i)
                    && slot.is_none()
                {
                    *slot = Some(to_epoch_days(date));
                }
            }
        }
        let days = self
            .mention_article
            .iter()
            .zip(&self.mention_sentence)
            .map(|(&a, &s)| {
                per_article
                    .get(a as usize)
                    .and_then(|sentences| sentences.get(s as usize))
                    .copied()
                    .flatten()
            })
            .collect();
        Ok(self.referenced.get_or_init(|| days))
    }

    /// Per article row: whether any mention is in it.
    fn articles_mentioned(&self) -> Vec<bool> {
        let mut mentioned = vec![false; self.article_day.len()];
        for &a in &self.mention_article {
            if let Some(m) = mentioned.get_mut(a as usize) {
                *m = true;
            }
        }
        mentioned
    }

    /// Whether the query narrows articles through their mentions.
    pub(super) fn mention_filtered(query: &Query) -> bool {
        !query.actors.is_empty()
            || !query.kinds.is_empty()
            || query.in_title
            || query
                .search
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty())
    }
}

/// The positions where `mask` is true, as row numbers.
pub(super) fn rows_of(mask: impl Iterator<Item = bool>) -> Vec<IdxSize> {
    mask.enumerate()
        .filter(|(_, keep)| *keep)
        .filter_map(|(row, _)| IdxSize::try_from(row).ok())
        .collect()
}

/// A boolean column for `DataFrame::filter`.
pub(super) fn mask_column(mask: &[bool]) -> BooleanChunked {
    BooleanChunked::from_slice("mask".into(), mask)
}
