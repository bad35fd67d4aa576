//! The question an analyst asks of a corpus: which actors, outlets, days and words,
//! and how the timeline is cut and measured. Equal queries give equal answers, so a
//! query is the cache key for derived frames.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::actors::{ActorId, ActorKind};

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
    /// Only mentions in headlines.
    pub in_title: bool,
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
