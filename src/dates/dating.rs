//! Dating an article from its own text: the latest day it gives with a year,
//! narrowed by "yesterday", "last week" or "this year" beside it, or a day printed
//! without a year placed at the first year the text allows.

use chrono::{Datelike, NaiveDate};

use super::{Precision, find_dates};

/// What an article's own text says about when it was published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicationEstimate {
    /// The date to place the article at: the earliest the evidence allows.
    pub date: NaiveDate,
    /// The earliest publication date the evidence allows.
    pub earliest: NaiveDate,
    /// The latest, when the evidence bounds it.
    pub latest: Option<NaiveDate>,
    /// The phrases the estimate rests on, quoted.
    pub evidence: String,
}

/// Dates an article that prints no full date from its text: the latest day it gives
/// with a year of its own (it cannot have been published before), narrowed by what
/// the same sentence says of that day ("yesterday", "last week", "this year", "last
/// year"), and placed on `printed_day` (a month and day printed without a year, with
/// the words as printed) when one was printed. `None` when the text gives no year: a
/// year is never made up.
pub fn estimate_publication(
    text: &str,
    printed_day: Option<(u32, u32, &str)>,
) -> Option<PublicationEstimate> {
    let found = find_dates(text, None);
    let latest_reference = found
        .iter()
        .filter(|e| e.absolute && e.precision == Precision::Day)
        .filter_map(|e| Some((e.date?, e)))
        .max_by_key(|(date, _)| *date)?;
    let mut earliest = latest_reference.0;
    let mut latest: Option<NaiveDate> = None;
    let mut evidence = vec![latest_reference.1.expression.clone()];

    // Relative words in the sentence of a dated reference bound the publication date.
    let sentences = crate::text::sentence_spans(text);
    for expression in found.iter().filter(|e| e.absolute) {
        let Some(date) = expression.date else {
            continue;
        };
        let at = expression.byte_range.0;
        let Some(&(start, end)) = sentences
            .iter()
            .find(|&&(start, end)| start <= at && at < end)
        else {
            continue;
        };
        let sentence = text[start..end].to_lowercase();
        let Some((cue, low, high)) = relative_bounds(&sentence, date, expression.precision) else {
            continue;
        };
        let (new_low, new_high) = (earliest.max(low), latest.map_or(high, |l| l.min(high)));
        if new_low > new_high {
            // Contradicts what is already known; the quote may be about something else.
            continue;
        }
        earliest = new_low;
        latest = Some(new_high);
        evidence.push(format!("“{cue}” beside {}", expression.expression));
    }

    let mut date = earliest;
    if let Some((month, day, printed)) = printed_day {
        // The first such day on or after the earliest the text allows.
        let placed = (earliest.year()..=earliest.year() + 1)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|d| *d >= earliest);
        match placed {
            Some(placed) if latest.is_none_or(|l| placed <= l) => {
                date = placed;
                earliest = placed;
                // Unique when the next such day is past the latest bound.
                let next = NaiveDate::from_ymd_opt(placed.year() + 1, month, day);
                latest = latest
                    .filter(|l| next.is_none_or(|n| n > *l))
                    .map(|_| placed);
                evidence.insert(
                    0,
                    format!("{printed} (printed without a year; the first after the text's dates)"),
                );
            }
            _ => evidence.push(format!(
                "{printed} (printed, but outside what the text allows)"
            )),
        }
    }
    Some(PublicationEstimate {
        date,
        earliest,
        latest,
        evidence: evidence.join("; "),
    })
}

/// The publication range a relative word in the sentence of `date` gives: the word
/// and the first and last possible day.
fn relative_bounds(
    sentence: &str,
    date: NaiveDate,
    precision: Precision,
) -> Option<(&'static str, NaiveDate, NaiveDate)> {
    let has = |word: &str| {
        sentence.match_indices(word).any(|(i, _)| {
            let before = sentence[..i].chars().next_back();
            let after = sentence[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    let year_end = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
    let year_start = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
    if precision == Precision::Day {
        if has("yesterday") {
            let next = date.succ_opt()?;
            return Some(("yesterday", next, next));
        }
        if has("today") || has("this morning") {
            return Some(("today", date, date));
        }
        if has("last week") {
            let monday = date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()));
            return Some((
                "last week",
                monday + chrono::Days::new(7),
                monday + chrono::Days::new(13),
            ));
        }
    }
    if has("this year") {
        return Some(("this year", date, year_end(date.year())?));
    }
    if has("last year") {
        let y = date.year() + 1;
        return Some(("last year", year_start(y)?, year_end(y)?));
    }
    None
}

/// A date the text gives without a year, for saying why an article stays undated.
pub fn yearless_evidence(text: &str) -> Option<String> {
    find_dates(text, None)
        .into_iter()
        .find(|e| !e.absolute && e.precision == Precision::Day)
        .map(|e| e.expression)
}
