//! Publication dates: parsing the date lines real pages print, and their provenance.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How an article's publication date was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Printed in the article's header.
    Explicit,
    /// Derived from evidence in the text.
    Inferred,
    /// Set by the analyst.
    Override,
    /// No date could be found.
    Missing,
}

impl DateSource {
    /// The name used in frames and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Explicit => "explicit",
            Self::Inferred => "inferred",
            Self::Override => "override",
            Self::Missing => "missing",
        }
    }
}

/// Days from 1970-01-01, the physical representation of a Polars `Date`.
pub fn to_epoch_days(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

/// The date of a Polars `Date` value.
pub fn from_epoch_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_DAYS_FROM_CE)?)
}

const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Parses a user-supplied date (`2023-09-07`, or any form [`parse_date_line`] accepts).
pub fn parse_user_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .or_else(|| parse_date_line(s))
}

/// Parses a line that consists of a date and nothing else, as pages print them in a
/// header: `2/12/2024`, `Sept 7 2023`, `Nov. 23, 2022`, `7 September 2023`,
/// `2024-02-12T10:00:00+02:00`, optionally behind `Updated:`/`Published:` or a weekday,
/// and optionally followed by a time. Slash dates are read month first unless the first
/// number cannot be a month.
pub fn parse_date_line(line: &str) -> Option<NaiveDate> {
    let lowered = line.trim().to_lowercase();
    if lowered.is_empty() || lowered.len() > 60 {
        return None;
    }
    let cleaned: String = lowered
        .chars()
        .map(|c| if c == ',' { ' ' } else { c })
        .collect();
    let mut tokens: Vec<&str> = cleaned.split_whitespace().collect();
    while let Some(first) = tokens.first() {
        let word = first.trim_end_matches([':', '.']);
        if matches!(word, "updated" | "published" | "posted" | "date" | "on") || weekday(word) {
            tokens.remove(0);
        } else {
            break;
        }
    }
    let (date, used) = date_prefix(&tokens)?;
    tokens[used..].iter().all(|t| time_token(t)).then_some(date)
}

/// Reads a date from the first tokens; returns it with the number of tokens used.
fn date_prefix(tokens: &[&str]) -> Option<(NaiveDate, usize)> {
    let first = *tokens.first()?;
    if let Some(date) = iso_date(first) {
        return Some((date, 1));
    }
    if let Some(date) = slash_date(first) {
        return Some((date, 1));
    }
    if tokens.len() < 3 {
        return None;
    }
    // Month Day Year
    if let (Some(month), Some(day), Some(year)) =
        (month(tokens[0]), day_number(tokens[1]), year(tokens[2]))
    {
        return NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, 3));
    }
    // Day Month Year
    if let (Some(day), Some(month), Some(year)) =
        (day_number(tokens[0]), month(tokens[1]), year(tokens[2]))
    {
        return NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, 3));
    }
    None
}

fn iso_date(token: &str) -> Option<NaiveDate> {
    let head = token.get(..10)?;
    let rest = &token[10..];
    if !(rest.is_empty() || rest.starts_with('t') || rest.starts_with(' ')) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

fn slash_date(token: &str) -> Option<NaiveDate> {
    let mut parts = token.split('/');
    let a: u32 = parts.next()?.parse().ok()?;
    let b: u32 = parts.next()?.parse().ok()?;
    let y = year(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    if a > 12 {
        NaiveDate::from_ymd_opt(y, b, a)
    } else {
        NaiveDate::from_ymd_opt(y, a, b)
    }
}

fn month(token: &str) -> Option<u32> {
    let word = token.trim_end_matches('.');
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| word.len() >= 3 && m.starts_with(word) && (word.len() == 3 || word == *m))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn day_number(token: &str) -> Option<u32> {
    let digits = token
        .trim_end_matches('.')
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token.trim_end_matches('.')[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year(token: &str) -> Option<i32> {
    let token = token.trim_end_matches('.');
    if token.len() != 4 {
        return None;
    }
    let y: i32 = token.parse().ok()?;
    (1800..=2200).contains(&y).then_some(y)
}

fn weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.iter()
        .any(|d| *d == word || (word.len() == 3 && d.starts_with(word)))
}

fn time_token(token: &str) -> bool {
    let t = token.trim_end_matches('.');
    if matches!(
        t,
        "am" | "pm" | "a.m" | "p.m" | "utc" | "gmt" | "est" | "edt" | "cet" | "|"
    ) {
        return true;
    }
    t.contains(':')
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '+' | '-' | 'z' | 'a' | 'p' | 'm'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn header_date_lines() {
        let cases = [
            ("2/12/2024", d(2024, 2, 12)),
            ("11/27/2023", d(2023, 11, 27)),
            ("27/11/2023", d(2023, 11, 27)),
            ("Sept 7 2023", d(2023, 9, 7)),
            ("Sept. 7, 2023", d(2023, 9, 7)),
            ("Nov. 23, 2022", d(2022, 11, 23)),
            ("September 7, 2023", d(2023, 9, 7)),
            ("7 September 2023", d(2023, 9, 7)),
            ("23rd November 2022", d(2022, 11, 23)),
            ("Monday, February 12, 2024", d(2024, 2, 12)),
            ("Updated: 2/12/2024", d(2024, 2, 12)),
            ("2024-02-12", d(2024, 2, 12)),
            ("2024-02-12T10:00:00+02:00", d(2024, 2, 12)),
            ("FEB 12 2024 10:30 AM", d(2024, 2, 12)),
            ("Published: Dec. 28, 2023 | 14:05", d(2023, 12, 28)),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_date_line(line), expected, "{line}");
        }
    }

    #[test]
    fn non_dates_are_rejected() {
        for line in [
            "",
            "0:00",
            "Updated:",
            "Categories: 2023",
            "Adam Morrow",
            "On September 5, 2023, Armenia recalled its representative",
            "May 2023",
            "13/13/2023",
            "2/30/2024",
        ] {
            assert_eq!(parse_date_line(line), None, "{line}");
        }
    }

    #[test]
    fn epoch_days_round_trip() {
        let date = NaiveDate::from_ymd_opt(2024, 2, 12).unwrap();
        assert_eq!(
            to_epoch_days(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()),
            0
        );
        assert_eq!(from_epoch_days(to_epoch_days(date)), Some(date));
    }
}
