//! The timeline: mentions per actor and period, every period from the first to the
//! last, zero where there is no mention, measured by the query's metric.

use chrono::NaiveDate;
use polars::prelude::*;

use crate::actors::Dictionary;
use crate::dates::{from_epoch_days, to_epoch_days};
use crate::query::{Metric, Query, TimeAxis};

use super::{FrameError, Frames, date_column, index};

impl Query {
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
