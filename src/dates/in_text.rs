//! Dates written inside the text ("Nov. 23, 2022", "On September 6", "in 1994", "last
//! year"): when the events an article talks about happened.

use chrono::{Datelike, NaiveDate};

use super::{NumericOrder, day_number, full_date_prefix, month_number, year_number};

/// How much of a date an expression gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A day.
    Day,
    /// A month (the date is its first day).
    Month,
    /// A year (the date is its first day).
    Year,
}

impl Precision {
    /// The name used in frames and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// A date expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateExpression {
    /// The words as written.
    pub expression: String,
    /// Byte range in the text.
    pub byte_range: (usize, usize),
    /// The date meant, when it can be told; the first day of a month or year.
    pub date: Option<NaiveDate>,
    /// Day, month or year.
    pub precision: Precision,
    /// Whether the expression printed its own year (not resolved from the publication
    /// date): only these can date an undated article.
    pub absolute: bool,
}

/// A word of the text with its byte range, lowercased and without the punctuation
/// around it (a final period is kept: "Nov." and "2022." are read by the parsers).
struct Word {
    text: String,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let raw = &text[s..i];
                let lead = raw.len() - raw.trim_start_matches(is_wrapper).len();
                let trimmed = raw.trim_matches(is_wrapper);
                let end = s + lead + trimmed.len();
                out.push(Word {
                    text: trimmed.to_lowercase(),
                    start: s + lead,
                    end,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Punctuation around a word that is not part of a date.
fn is_wrapper(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '‘' | '’' | '\'' | '!' | '?'
    )
}

/// Every date expression in `text`, in order. Expressions without a year ("On
/// September 6", "last year") are resolved against `published`: the latest such day
/// not after it.
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateExpression> {
    let words = words(text);
    let tokens: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let Some((mut date, used, precision, absolute)) = date_at(&tokens, i, published) else {
            i += 1;
            continue;
        };
        let (start, end) = (words[i].start, words[i + used - 1].end);
        // A day without a year after "will", "scheduled", …: the next such day.
        if !absolute
            && precision == Precision::Day
            && let (Some(p), Some(d)) = (published, date)
            && speaks_of_the_future(&text[sentence_start(text, start)..start])
            && let Some(next) = NaiveDate::from_ymd_opt(p.year(), d.month(), d.day())
                .filter(|n| *n >= p)
                .or_else(|| NaiveDate::from_ymd_opt(p.year() + 1, d.month(), d.day()))
        {
            date = Some(next);
        }
        let end = start + text[start..end].trim_end_matches(['.', ',']).len();
        found.push(DateExpression {
            expression: text[start..end].to_owned(),
            byte_range: (start, end),
            date,
            precision,
            absolute,
        });
        i += used;
    }
    found
}

type Found = (Option<NaiveDate>, usize, Precision, bool);

/// A date expression starting at token `i`.
fn date_at(tokens: &[&str], i: usize, published: Option<NaiveDate>) -> Option<Found> {
    let rest = &tokens[i..];
    // A full date: Nov. 23, 2022 / 23 November 2022 / 2022-11-23 / 11/23/2022.
    if let Some((date, used)) = full_date_prefix(rest, NumericOrder::MonthFirst) {
        return Some((Some(date), used, Precision::Day, true));
    }
    let first = *rest.first()?;
    let second = rest.get(1).copied().unwrap_or("");
    // Month and year: "September 2023".
    if let (Some(m), Some(y)) = (month_number(first), year_number(second)) {
        return Some((NaiveDate::from_ymd_opt(y, m, 1), 2, Precision::Month, true));
    }
    // A day without a year: "September 6", "6 September".
    let yearless = match (month_number(first), day_number(second)) {
        (Some(m), Some(d)) => Some((m, d)),
        _ => match (day_number(first), month_number(second)) {
            (Some(d), Some(m)) => Some((m, d)),
            _ => None,
        },
    };
    if let Some((m, d)) = yearless {
        // "May" and "March" are words too: a bare number after them must be a day.
        let date = published.and_then(|p| latest_day_not_after(p, m, d));
        return Some((date, 2, Precision::Day, false));
    }
    // Relative years.
    if let (Some(p), Some(offset)) = (published, relative_year(first, second)) {
        let date = NaiveDate::from_ymd_opt(p.year() + offset, 1, 1);
        return Some((date, 2, Precision::Year, false));
    }
    // A bare year after a preposition: "in 1994", "since 2008".
    let before = i
        .checked_sub(1)
        .and_then(|b| tokens.get(b))
        .copied()
        .unwrap_or("");
    if matches!(
        before,
        "in" | "since" | "by" | "until" | "of" | "from" | "to" | "early" | "late" | "mid"
    ) && let Some(y) =
        year_number(first).filter(|_| !first.contains('.') || first.ends_with('.'))
    {
        return Some((NaiveDate::from_ymd_opt(y, 1, 1), 1, Precision::Year, true));
    }
    None
}

/// Where the sentence around byte `at` starts (at most 200 bytes back).
fn sentence_start(text: &str, at: usize) -> usize {
    let mut from = at.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at]
        .rfind(['.', '!', '?', '\n'])
        .map_or(from, |i| from + i + 1)
}

/// Whether words before a date put it in the future ("will start on", "is scheduled
/// for", "next").
fn speaks_of_the_future(before: &str) -> bool {
    let lower = before.to_lowercase();
    [
        " will ",
        "’ll ",
        "'ll ",
        " shall ",
        " is to ",
        " are to ",
        "scheduled",
        " due ",
        "planned",
        " plans ",
        " next ",
        "upcoming",
        " expected to ",
    ]
    .iter()
    .any(|marker| format!(" {lower} ").contains(marker))
}

/// The latest `month`/`day` on or before `published` (December 28 in a February
/// article is the previous December).
fn latest_day_not_after(published: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(published.year(), month, day);
    match this_year {
        Some(date) if date <= published => Some(date),
        _ => NaiveDate::from_ymd_opt(published.year() - 1, month, day),
    }
}

fn relative_year(first: &str, second: &str) -> Option<i32> {
    if second.trim_end_matches('.') != "year" {
        return None;
    }
    match first {
        "last" | "previous" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{estimate_publication, yearless_evidence};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn found(
        text: &str,
        published: Option<NaiveDate>,
    ) -> Vec<(String, Option<NaiveDate>, &'static str)> {
        find_dates(text, published)
            .into_iter()
            .map(|e| (e.expression, e.date, e.precision.as_str()))
            .collect()
    }

    #[test]
    fn dates_in_running_text() {
        let text = "Putin and Pashinyan met on April 20, 2022. The summit on Nov. 23, 2022, \
                    failed. On September 6 Armenia hosted drills, as it had in 1994 and \
                    in September 2021; last year it refused.";
        let got = found(text, Some(d(2023, 9, 7)));
        assert_eq!(
            got,
            [
                ("April 20, 2022".to_owned(), Some(d(2022, 4, 20)), "day"),
                ("Nov. 23, 2022".to_owned(), Some(d(2022, 11, 23)), "day"),
                ("September 6".to_owned(), Some(d(2023, 9, 6)), "day"),
                ("1994".to_owned(), Some(d(1994, 1, 1)), "year"),
                ("September 2021".to_owned(), Some(d(2021, 9, 1)), "month"),
                ("last year".to_owned(), Some(d(2022, 1, 1)), "year"),
            ]
        );
    }

    #[test]
    fn yearless_days_in_the_future_resolve_forwards() {
        let got = found(
            "The exercise will start on September 11. It began on September 1.",
            Some(d(2023, 9, 7)),
        );
        assert_eq!(
            got,
            [
                ("September 11".to_owned(), Some(d(2023, 9, 11)), "day"),
                ("September 1".to_owned(), Some(d(2023, 9, 1)), "day"),
            ]
        );
        let got = found("Talks are scheduled for January 15.", Some(d(2023, 12, 20)));
        assert_eq!(
            got,
            [("January 15".to_owned(), Some(d(2024, 1, 15)), "day")]
        );
    }

    #[test]
    fn yearless_days_resolve_backwards() {
        let got = found("It was published on December 28.", Some(d(2024, 2, 12)));
        assert_eq!(
            got,
            [("December 28".to_owned(), Some(d(2023, 12, 28)), "day")]
        );
        // Without a publication date the year stays unknown.
        let got = found("It was published on December 28.", None);
        assert_eq!(got, [("December 28".to_owned(), None, "day")]);
    }

    fn estimate(
        text: &str,
        printed: Option<(u32, u32, &str)>,
    ) -> Option<(NaiveDate, NaiveDate, Option<NaiveDate>)> {
        estimate_publication(text, printed).map(|e| (e.date, e.earliest, e.latest))
    }

    #[test]
    fn evidence_for_an_undated_article() {
        let text = "On September 20 the envoy left. On September 5, 2023, Armenia recalled \
                    its representative; in 2021 it had not.";
        let found = estimate_publication(text, None).unwrap();
        assert_eq!(found.date, d(2023, 9, 5));
        assert_eq!(found.latest, None);
        assert_eq!(found.evidence, "September 5, 2023");
        assert_eq!(estimate("It was published on December 28.", None), None);
        // Relative words beside a dated reference narrow the range.
        assert_eq!(
            estimate("Yesterday, on March 3, 2024, the talks ended.", None),
            Some((d(2024, 3, 4), d(2024, 3, 4), Some(d(2024, 3, 4))))
        );
        // 2024-03-06 is a Wednesday: published in the week of March 11.
        assert_eq!(
            estimate("Last week, on March 6, 2024, the envoy left.", None),
            Some((d(2024, 3, 11), d(2024, 3, 11), Some(d(2024, 3, 17))))
        );
        assert_eq!(
            estimate("The summit of May 2, 2023 was held last year.", None),
            Some((d(2024, 1, 1), d(2024, 1, 1), Some(d(2024, 12, 31))))
        );
        assert_eq!(
            estimate("Earlier this year, on May 2, 2023, they met.", None),
            Some((d(2023, 5, 2), d(2023, 5, 2), Some(d(2023, 12, 31))))
        );
        // "yesterday" in another sentence says nothing about the dated one.
        assert_eq!(
            estimate(
                "On March 3, 2024 the talks ended. Yesterday it rained.",
                None
            ),
            Some((d(2024, 3, 3), d(2024, 3, 3), None))
        );
        // A day printed without a year (a dateline) takes the first year the text
        // allows.
        let with_dateline = estimate_publication(
            "The agreement of September 5, 2023 was recalled.",
            Some((12, 28, "Dec 28")),
        )
        .unwrap();
        assert_eq!(with_dateline.date, d(2023, 12, 28));
        assert!(
            with_dateline
                .evidence
                .starts_with("Dec 28 (printed without a year")
        );
        assert!(with_dateline.evidence.contains("September 5, 2023"));
        // ... and is unique when the text bounds the year.
        assert_eq!(
            estimate(
                "The talks of September 5, 2023 ended this year.",
                Some((12, 28, "Dec 28"))
            ),
            Some((d(2023, 12, 28), d(2023, 12, 28), Some(d(2023, 12, 28))))
        );
        assert_eq!(estimate("No dates here.", Some((12, 28, "Dec 28"))), None);
        assert_eq!(
            yearless_evidence("It was published on December 28."),
            Some("December 28".to_owned())
        );
    }
}
