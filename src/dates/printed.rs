//! Date lines as pages print them: `2/12/2024`, `Sept 7 2023`, wire datelines.

use chrono::{Datelike, NaiveDate};

use super::NumericOrder;

/// Parses a line that consists of a date and nothing else, as pages print them in a
/// header: `2/12/2024`, `Sept 7 2023`, `Nov. 23, 2022`, `7 September 2023`,
/// `2024-02-12T10:00:00+02:00`, `12-Feb-2024 14:05`, `03.03.2022`, optionally behind
/// `Updated:`/`Published on`/`Last updated` or a weekday, and optionally followed by a
/// time and time zone. Numeric dates are read month first unless the first number
/// cannot be a month.
pub fn parse_date_line(line: &str) -> Option<NaiveDate> {
    parse_date_line_with(line, NumericOrder::MonthFirst)
}

/// [`parse_date_line`] with numeric dates read in `order`.
pub fn parse_date_line_with(line: &str, order: NumericOrder) -> Option<NaiveDate> {
    let cleaned = cleaned_line(line)?;
    let tokens = date_words(&cleaned);
    let (date, used) = date_prefix(&tokens, order)?;
    tokens[used..].iter().all(|t| time_token(t)).then_some(date)
}

/// Parses a line that prints a day without a year, as some pages and wire datelines
/// do: `Dec 28`, `Thursday, December 28`, `28 December 10:05 GMT`. Returns the month
/// and day.
pub fn parse_yearless_line(line: &str) -> Option<(u32, u32)> {
    let cleaned = cleaned_line(line)?;
    let tokens = date_words(&cleaned);
    let (first, second) = (*tokens.first()?, *tokens.get(1)?);
    let (m, d) = match (month(first), day_number(second)) {
        (Some(m), Some(d)) => (m, d),
        _ => (month(second)?, day_number(first)?),
    };
    // A day that exists in some year (February 29 in a leap year).
    NaiveDate::from_ymd_opt(2000, m, d)?;
    tokens[2..].iter().all(|t| time_token(t)).then_some((m, d))
}

/// A wire dateline at the start of a story: `YEREVAN, Dec 28 (Reuters) -`,
/// `WASHINGTON, Feb. 12, 2024 (AP) —`, `KYIV, Ukraine, 12 February 2024 -`,
/// `YEREVAN (Azatutyun) —`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The place, as printed (`YEREVAN`, `KYIV, Ukraine`).
    pub place: String,
    /// The agency or outlet in parentheses.
    pub outlet: Option<String>,
    /// The date as printed, with or without a year.
    pub date: Option<String>,
}

/// Reads a dateline from the start of `line`; `None` when the line does not start
/// with one that names an outlet or a date.
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    // The dateline ends at the first dash that has a space (or nothing) before it.
    let head_end = line
        .char_indices()
        .take_while(|(i, _)| *i < 120)
        .find(|&(i, c)| matches!(c, '—' | '–') || (c == '-' && line[..i].ends_with(' ') && i > 0))
        .map(|(i, _)| i)?;
    let mut head = line[..head_end].trim();
    let mut outlet = None;
    if let Some(inner) = head.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let name = inner[open + 1..].trim();
        // An editor's note in brackets ("(cont.)", "(CORRECTED)") names no outlet.
        const NOTES: [&str; 10] = [
            "cont",
            "contd",
            "cont'd",
            "corrected",
            "correction",
            "updated",
            "update",
            "repeat",
            "refiled",
            "recasts",
        ];
        let note = NOTES.contains(&name.trim_end_matches('.').to_lowercase().as_str());
        if name.is_empty()
            || note
            || name.split_whitespace().count() > 4
            || !name.starts_with(|c: char| c.is_uppercase())
        {
            return None;
        }
        outlet = Some(name.to_owned());
        head = inner[..open].trim();
    }
    let segments: Vec<&str> = head.split(',').map(str::trim).collect();
    let place_first = segments.first()?;
    let upper_place = place_first.chars().any(char::is_alphabetic)
        && place_first.len() <= 40
        && place_first
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    if !upper_place {
        return None;
    }
    // Place segments after the first are names (`Ukraine`); the date is what is left.
    for split in 1..=segments.len() {
        let rest = segments[split..].join(", ");
        let names = segments[1..split].iter().all(|s| {
            s.split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && month(&s.to_lowercase()).is_none()
        });
        if !names {
            break;
        }
        let date = (!rest.is_empty()
            && (parse_date_line(&rest).is_some() || parse_yearless_line(&rest).is_some()))
        .then(|| rest.clone());
        if date.is_some() || (rest.is_empty() && outlet.is_some()) {
            return Some(Dateline {
                place: segments[..split].join(", "),
                outlet,
                date,
            });
        }
    }
    None
}

/// A date line lowercased, with commas and separators as spaces; `None` when empty or
/// too long to be only a date.
fn cleaned_line(line: &str) -> Option<String> {
    let trimmed = line.trim();
    // Lowercasing never makes a line shorter, so a long line is refused before it.
    if trimmed.len() > 80 && (trimmed.len() > 320 || trimmed.chars().count() > 80) {
        return None;
    }
    let lowered = trimmed.to_lowercase();
    if lowered.is_empty() || lowered.chars().count() > 80 {
        return None;
    }
    Some(
        lowered
            .chars()
            .map(|c| {
                if matches!(c, ',' | '|' | '·' | '•') {
                    ' '
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// The words of a cleaned date line after labels (`Updated:`) and a weekday.
fn date_words(cleaned: &str) -> Vec<&str> {
    let mut tokens: Vec<&str> = cleaned.split_whitespace().collect();
    while let Some(first) = tokens.first() {
        let word = first.trim_end_matches([':', '.']);
        let label = matches!(
            word,
            "updated"
                | "published"
                | "posted"
                | "date"
                | "on"
                | "last"
                | "first"
                | "modified"
                | "created"
                | "dated"
        );
        if label || weekday(word) || first.chars().all(|c| matches!(c, ':' | '-' | '–' | '—')) {
            tokens.remove(0);
        } else {
            break;
        }
    }
    tokens
}

/// Reads a full date (with its year) from the first of `tokens` (lowercased words,
/// commas removed); returns it with the number of tokens used.
pub(crate) fn full_date_prefix(tokens: &[&str], order: NumericOrder) -> Option<(NaiveDate, usize)> {
    date_prefix(tokens, order)
}

/// The month a word names (`sept.`, `November`, `NOV`), 1–12.
pub(crate) fn month_number(token: &str) -> Option<u32> {
    month(token)
}

/// A four-digit year between 1800 and 2200.
pub(crate) fn year_number(token: &str) -> Option<i32> {
    year(token)
}

/// Reads a date from the first tokens; returns it with the number of tokens used.
fn date_prefix(tokens: &[&str], order: NumericOrder) -> Option<(NaiveDate, usize)> {
    let first = *tokens.first()?;
    if let Some(date) = iso_date(first) {
        return Some((date, 1));
    }
    if let Some(date) = numeric_date(first, order) {
        return Some((date, 1));
    }
    if let Some(date) = named_month_date(first) {
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

/// `2/12/2024`, `12-02-2024`, `12.02.2024`, `2024/02/12`, `2024.02.12`.
fn numeric_date(token: &str, order: NumericOrder) -> Option<NaiveDate> {
    let token = token.trim_end_matches(['.', 't']);
    let separator = ['/', '-', '.'].into_iter().find(|c| token.contains(*c))?;
    let parts: Vec<&str> = token.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if a.len() == 4 {
        let (y, m, d) = (year(a)?, b.parse().ok()?, c.parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    if a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let y = year(c)?;
    let (month, day) = match order {
        _ if a > 12 => (b, a),
        _ if b > 12 => (a, b),
        NumericOrder::MonthFirst => (a, b),
        NumericOrder::DayFirst => (b, a),
    };
    NaiveDate::from_ymd_opt(y, month, day)
}

/// What a date line says about the order of numeric dates: `27/11/2023` can only be
/// day first, `11/27/2023` only month first; `2/12/2024` says nothing.
pub fn numeric_order_evidence(line: &str) -> Option<NumericOrder> {
    let month_first = parse_date_line_with(line, NumericOrder::MonthFirst)?;
    let day_first = parse_date_line_with(line, NumericOrder::DayFirst)?;
    if month_first != day_first {
        return None;
    }
    // Both readings agree: either no ambiguity was possible, or one number was above
    // 12. Which one decides the evidence.
    let lowered = line.to_lowercase();
    let numbers: Vec<u32> = lowered
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty() && t.len() <= 2)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    let first_token = lowered
        .split_whitespace()
        .find(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit()))?
        .trim_end_matches([',', ';', '.']);
    let numeric = first_token
        .chars()
        .filter(|c| matches!(c, '/' | '-' | '.'))
        .count()
        == 2
        // Day and month first, year last: 27/11/2023, not 2023/11/27.
        && first_token
            .split(['/', '-', '.'])
            .next()
            .is_some_and(|p| p.len() <= 2)
        && first_token
            .split(['/', '-', '.'])
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().all(|c| c.is_ascii_digit()));
    match numbers.as_slice() {
        [a, b] if numeric && *a > 12 && *b <= 12 && month_first.day() == *a => {
            Some(NumericOrder::DayFirst)
        }
        [a, b] if numeric && *b > 12 && *a <= 12 && month_first.day() == *b => {
            Some(NumericOrder::MonthFirst)
        }
        _ => None,
    }
}

/// `12-Feb-2024`, `12/feb/2024`, `2024-feb-12`.
fn named_month_date(token: &str) -> Option<NaiveDate> {
    let separator = ['-', '/', '.'].into_iter().find(|c| token.contains(*c))?;
    let parts: Vec<&str> = token.trim_end_matches('.').split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let m = month(b)?;
    if let Some(y) = year(a) {
        return NaiveDate::from_ymd_opt(y, m, day_number(c)?);
    }
    NaiveDate::from_ymd_opt(year(c)?, m, day_number(a)?)
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

/// A day of the month, 1–31, with an optional ordinal suffix (`23rd`).
pub(crate) fn day_number(token: &str) -> Option<u32> {
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

/// A token that may follow a date on its line: a time, a time zone, or a filler word.
fn time_token(token: &str) -> bool {
    let t = token
        .trim_start_matches('(')
        .trim_end_matches([')', '.', ':']);
    if matches!(
        t,
        "" | "am"
            | "pm"
            | "a.m"
            | "p.m"
            | "at"
            | "-"
            | "–"
            | "—"
            | "h"
            | "hrs"
            | "local"
            | "time"
            | "utc"
            | "gmt"
            | "z"
            | "est"
            | "edt"
            | "cst"
            | "cdt"
            | "pst"
            | "pdt"
            | "et"
            | "pt"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "msk"
            | "amt"
            | "ist"
    ) {
        return true;
    }
    // UTC+4, GMT+04:00
    if let Some(offset) = t.strip_prefix("utc").or_else(|| t.strip_prefix("gmt")) {
        return offset.starts_with(['+', '-'])
            && offset[1..].chars().all(|c| c.is_ascii_digit() || c == ':');
    }
    // +0400, -05:00
    if t.starts_with(['+', '-']) && t.len() > 2 {
        return t[1..].chars().all(|c| c.is_ascii_digit() || c == ':');
    }
    // 14:05, 10:30am, 14.05 (with a separator and digits around it)
    let digits_and = |seps: &[char]| {
        t.chars().any(|c| seps.contains(&c))
            && t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && t.chars().all(|c| {
                c.is_ascii_digit()
                    || seps.contains(&c)
                    || matches!(c, '+' | '-' | 'z' | 'a' | 'p' | 'm')
            })
    };
    digits_and(&[':']) || (t.len() <= 5 && digits_and(&['.']))
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

    /// Date lines as real pages and wires print them, with the date expected when
    /// numeric dates are read month first and when they are read day first.
    #[test]
    fn date_line_table() {
        let same = |y, m, day| (d(y, m, day), d(y, m, day));
        let cases = [
            // ISO dates and timestamps.
            ("2024-02-12", same(2024, 2, 12)),
            ("2024-02-12T10:00:00+02:00", same(2024, 2, 12)),
            ("2024-02-12T10:00:00Z", same(2024, 2, 12)),
            ("2024-02-12 10:00", same(2024, 2, 12)),
            ("2024-02-12 10:00:00 +0400", same(2024, 2, 12)),
            ("Published: 2023-11-27T16:41:00.000Z", same(2023, 11, 27)),
            ("2024/02/12", same(2024, 2, 12)),
            ("2024.02.12", same(2024, 2, 12)),
            // Numeric, the order decided by the setting unless a day is above 12.
            ("2/12/2024", (d(2024, 2, 12), d(2024, 12, 2))),
            ("11/27/2023", same(2023, 11, 27)),
            ("27/11/2023", same(2023, 11, 27)),
            ("02/03/2024", (d(2024, 2, 3), d(2024, 3, 2))),
            ("12/12/2023", same(2023, 12, 12)),
            ("7/9/2023 10:15 AM", (d(2023, 7, 9), d(2023, 9, 7))),
            ("12-02-2024 14:30", (d(2024, 12, 2), d(2024, 2, 12))),
            ("28-12-2023 14:05", same(2023, 12, 28)),
            ("03.03.2022", same(2022, 3, 3)),
            ("3.3.2022", same(2022, 3, 3)),
            ("28.12.2023, 09:41", same(2023, 12, 28)),
            ("07.09.2023 11:20", (d(2023, 7, 9), d(2023, 9, 7))),
            // Month names, full, abbreviated and in capitals.
            ("Sept 7 2023", same(2023, 9, 7)),
            ("Sept. 7, 2023", same(2023, 9, 7)),
            ("Sep 7, 2023", same(2023, 9, 7)),
            ("SEPT. 7, 2023", same(2023, 9, 7)),
            ("Nov. 23, 2022", same(2022, 11, 23)),
            ("NOV 23 2022", same(2022, 11, 23)),
            ("November 23, 2022", same(2022, 11, 23)),
            ("September 7, 2023", same(2023, 9, 7)),
            ("7 September 2023", same(2023, 9, 7)),
            ("7 Sept 2023", same(2023, 9, 7)),
            ("07 SEP 2023", same(2023, 9, 7)),
            ("Dec. 28, 2023", same(2023, 12, 28)),
            ("28 Dec 2023", same(2023, 12, 28)),
            ("Jan 1, 2024", same(2024, 1, 1)),
            ("1 January 2024", same(2024, 1, 1)),
            ("Feb 29, 2024", same(2024, 2, 29)),
            ("JUNE 3, 2021", same(2021, 6, 3)),
            ("Aug. 4, 2020", same(2020, 8, 4)),
            // Ordinals.
            ("23rd November 2022", same(2022, 11, 23)),
            ("November 23rd, 2022", same(2022, 11, 23)),
            ("1st March 2024", same(2024, 3, 1)),
            ("March 2nd, 2024", same(2024, 3, 2)),
            ("21st of March 2024", (None, None)),
            // Weekdays and labels.
            ("Monday, February 12, 2024", same(2024, 2, 12)),
            ("Mon, Feb 12, 2024", same(2024, 2, 12)),
            ("Monday 12 February 2024", same(2024, 2, 12)),
            ("Tue., Nov. 28, 2023", same(2023, 11, 28)),
            ("Updated: 2/12/2024", (d(2024, 2, 12), d(2024, 12, 2))),
            ("Published: Dec. 28, 2023 | 14:05", same(2023, 12, 28)),
            ("Published on September 7, 2023", same(2023, 9, 7)),
            (
                "Last updated: 12 February 2024, 10:05 GMT",
                same(2024, 2, 12),
            ),
            ("Posted: Nov 27, 2023 at 4:41 pm", same(2023, 11, 27)),
            ("Date: 2023-09-07", same(2023, 9, 7)),
            ("UPDATED 12 FEB 2024 10:05 UTC", same(2024, 2, 12)),
            // Dash-separated with month names, and times with zones.
            ("12-Feb-2024 14:05", same(2024, 2, 12)),
            ("12-FEB-2024", same(2024, 2, 12)),
            ("2024-Feb-12", same(2024, 2, 12)),
            ("February 12, 2024 10:30 AM EST", same(2024, 2, 12)),
            ("Feb 12 2024 10:30 a.m. ET", same(2024, 2, 12)),
            ("12 February 2024 14:05 (MSK)", same(2024, 2, 12)),
            ("12 February 2024, 14:05 UTC+4", same(2024, 2, 12)),
            ("12 February 2024 - 14:05", same(2024, 2, 12)),
            ("12 February 2024 · 14.05", same(2024, 2, 12)),
            // Not a full date on its own.
            ("February 2024", (None, None)),
            ("12 February", (None, None)),
            ("2/30/2024", (None, None)),
            ("13/13/2023", (None, None)),
            ("31 June 2023", (None, None)),
            ("2023", (None, None)),
            ("Feb 12, 2024 and more", (None, None)),
        ];
        assert!(cases.len() >= 60, "{} cases", cases.len());
        for (line, (month_first, day_first)) in cases {
            assert_eq!(
                parse_date_line_with(line, NumericOrder::MonthFirst),
                month_first,
                "{line} (month first)"
            );
            assert_eq!(
                parse_date_line_with(line, NumericOrder::DayFirst),
                day_first,
                "{line} (day first)"
            );
        }
    }

    #[test]
    fn days_printed_without_a_year() {
        for (line, expected) in [
            ("Dec 28", Some((12, 28))),
            ("December 28", Some((12, 28))),
            ("Thursday, December 28", Some((12, 28))),
            ("28 December 10:05 GMT", Some((12, 28))),
            ("Updated: Feb. 29", Some((2, 29))),
            ("Dec 28, 2023", None),
            ("February 30", None),
            ("May be", None),
            ("December", None),
        ] {
            assert_eq!(parse_yearless_line(line), expected, "{line}");
        }
    }

    #[test]
    fn wire_datelines() {
        let dateline = |place: &str, outlet: Option<&str>, date: Option<&str>| {
            Some(Dateline {
                place: place.to_owned(),
                outlet: outlet.map(str::to_owned),
                date: date.map(str::to_owned),
            })
        };
        for (line, expected) in [
            (
                "YEREVAN, Dec 28 (Reuters) - Armenia said on Thursday",
                dateline("YEREVAN", Some("Reuters"), Some("Dec 28")),
            ),
            (
                "WASHINGTON, Feb. 12, 2024 (AP) — The White House said",
                dateline("WASHINGTON", Some("AP"), Some("Feb. 12, 2024")),
            ),
            (
                "KYIV, Ukraine, 12 February 2024 – Officials said",
                dateline("KYIV, Ukraine", None, Some("12 February 2024")),
            ),
            (
                "YEREVAN (Azatutyun) — Prime Minister Nikol Pashinyan",
                dateline("YEREVAN", Some("Azatutyun"), None),
            ),
            (
                "MOSCOW, December 28 - Russia's foreign ministry",
                dateline("MOSCOW", None, Some("December 28")),
            ),
            ("Yerevan, Dec 28 - lowercase place", None),
            ("NATO - an alliance", None),
            ("The talks - held in Moscow", None),
            ("BAKU, the capital - no date", None),
        ] {
            assert_eq!(parse_dateline(line), expected, "{line}");
        }
    }

    #[test]
    fn numeric_order_evidence_from_unambiguous_dates() {
        let day_first = Some(NumericOrder::DayFirst);
        let month_first = Some(NumericOrder::MonthFirst);
        for (line, expected) in [
            ("27/11/2023", day_first),
            ("28.12.2023, 09:41", day_first),
            ("Updated: 13-02-2024 10:00", day_first),
            ("11/27/2023", month_first),
            ("2/12/2024", None),
            ("2024-02-13", None),
            ("13 February 2024", None),
            ("Feb 13, 2024", None),
            ("not a date", None),
        ] {
            assert_eq!(numeric_order_evidence(line), expected, "{line}");
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

    /// Every cut of real and odd lines goes through every date parser without a panic.
    #[test]
    fn parsers_take_any_text() {
        let odd = [
            "YEREVAN, Dec 28 (Reuters) —",
            "ÉLYSÉE, 12 février 2024 (AFP) – ",
            "МОСКВА, 28 декабря (ТАСС) -",
            "(",
            ") -",
            "A, , , (x) -",
            "Updated: 2/12/2024 10:30 a.m. ET · 🇦🇲",
            "2024-02-12T10:00:00+02:00Z-",
            "31st, 1st 2nd 3rd 4th 99th",
            "İ, K, ß 12-Feb-2024",
        ];
        let seeds = crate::corpus::Corpus::sample();
        let lines = seeds
            .articles
            .iter()
            .flat_map(|a| a.text.lines().take(12))
            .chain(odd);
        for line in lines {
            for (i, _) in line.char_indices() {
                for part in [&line[..i], &line[i..]] {
                    let _ = parse_date_line_with(part, NumericOrder::DayFirst);
                    let _ = parse_yearless_line(part);
                    let _ = parse_dateline(part);
                    let _ = numeric_order_evidence(part);
                    let _ = crate::dates::estimate_publication(part, Some((2, 29, part)));
                }
            }
        }
    }

    #[test]
    fn epoch_days_round_trip() {
        use crate::dates::{from_epoch_days, to_epoch_days};
        let date = NaiveDate::from_ymd_opt(2024, 2, 12).unwrap();
        assert_eq!(
            to_epoch_days(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()),
            0
        );
        assert_eq!(from_epoch_days(to_epoch_days(date)), Some(date));
    }
}
