//! Wire copy and other hard-wrapped text: lines joined back into their paragraphs,
//! rows of figures told from prose, and the sign-offs of wire services.

use std::borrow::Cow;

use crate::dates::{parse_date_line, parse_yearless_line};

use super::header::clean_line;

/// A wire service's sign-off line, with the agency it names when it names one.
pub(super) fn sign_off(line: &str) -> Option<Option<&'static str>> {
    let agency = match line
        .trim_matches(|c: char| c == '(' || c == ')' || c == '-')
        .trim()
    {
        "Reuter" | "REUTER" | "Reuters" | "REUTERS" => Some("Reuters"),
        "AP" => Some("AP"),
        "UPI" => Some("UPI"),
        "AFP" => Some("AFP"),
        "MORE" | "more" | "0" | "30" | "ENDS" | "ENDIT" | "###" | "cont." | "cont" | "cont'd"
        | "contd" | "CONT" => None,
        _ => return None,
    };
    Some(agency)
}

/// Characters that close a sentence (or a quoted one) at the end of a line.
const SENTENCE_END: [char; 8] = ['.', '!', '?', ':', ';', '"', '”', '\''];

/// A line of a hard-wrapped file, as read.
struct Physical<'a> {
    /// Trimmed, without Markdown heading markers.
    text: &'a str,
    /// Characters up to its last non-space, indentation included.
    width: usize,
    /// Whether it starts with two spaces or a tab (a paragraph's first line in wire copy).
    indented: bool,
}

/// The lines of a text, cleaned, with the lines of a hard-wrapped paragraph joined
/// into one (separated by a space; a word broken by a hyphen is joined whole).
///
/// A file is hard-wrapped when its longest lines of prose are at most 100 characters
/// and many lines come close to that width. A line then continues the one before it
/// unless it starts a paragraph (it is indented, in a file whose paragraphs are; or it
/// follows a blank line), and if the first word of the line would not have fitted on
/// the line before (the break was forced by the width), or the paragraph so far ends
/// without closing a sentence, or the line before is a long one. Headlines in capitals,
/// dates, bullets, sign-offs and rows of figures are never joined.
///
/// `body` says the text has no header (a table row's text, its title apart): a line
/// then also continues a paragraph that closes no sentence, however it starts.
pub(super) fn unwrap(text: &str, body: bool) -> Vec<std::borrow::Cow<'_, str>> {
    let physical: Vec<Physical<'_>> = text
        .lines()
        .map(|l| Physical {
            text: clean_line(l),
            width: l.trim_end().chars().count(),
            indented: l.starts_with("  ") || l.starts_with('\t'),
        })
        .collect();
    let width = wrap_width(&physical);
    // Without hard wraps, a line continues the one before only mid-sentence: when it
    // starts in lower case after a line that closes no sentence.
    let mid_sentence = |paragraph: &str, line: &str| {
        (body || line.starts_with(char::is_lowercase)) && !paragraph.ends_with(SENTENCE_END)
    };
    if width.is_none()
        && !physical
            .windows(2)
            .any(|w| !w[0].text.is_empty() && mid_sentence(w[0].text, w[1].text))
    {
        return physical
            .into_iter()
            .map(|p| Cow::Borrowed(p.text))
            .collect();
    }
    let indent_marks_paragraphs = width.is_some()
        && physical
            .iter()
            .filter(|p| p.indented && !p.text.is_empty())
            .nth(1)
            .is_some();
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let dated = |line: &str| parse_date_line(line).is_some() || parse_yearless_line(line).is_some();
    let capitals: usize = physical
        .iter()
        .map(|p| p.text.chars().filter(|c| c.is_uppercase()).count())
        .sum();
    let all_letters: usize = physical.iter().map(|p| letters(p.text)).sum();
    let shouting = capitals * 10 > all_letters * 8;
    let capitals_only =
        |line: &str| !shouting && letters(line) > 0 && !line.chars().any(char::is_lowercase);
    let stands_alone = |line: &str| {
        sign_off(line).is_some()
            || capitals_only(line)
            || line.starts_with(['•', '·', '▪', '●', '◦', '■'])
            || dated(line)
    };
    let mut out: Vec<Cow<'_, str>> = Vec::with_capacity(physical.len());
    let mut previous: Option<&Physical<'_>> = None;
    for line in &physical {
        let paragraph = out.last().map_or("", AsRef::as_ref);
        let continues = previous.is_some_and(|prev| {
            if line.text.is_empty() || prev.text.is_empty() {
                return false;
            }
            let Some(width) = width else {
                return mid_sentence(paragraph, line.text)
                    && !stands_alone(prev.text)
                    && !table_row(prev.text);
            };
            // Mid-sentence, a line that reads like a date or a headline ("published on
            // December 28.", "OPEC.") is the rest of the sentence.
            let unfinished = !paragraph.ends_with(SENTENCE_END);
            let alone = |text: &str| {
                sign_off(text).is_some()
                    || text.starts_with(['•', '·', '▪', '●', '◦', '■'])
                    || table_row(text)
            };
            if alone(prev.text)
                || alone(line.text)
                || capitals_only(prev.text)
                || dated(paragraph)
                || (!unfinished && (capitals_only(line.text) || dated(line.text)))
            {
                return false;
            }
            if indent_marks_paragraphs && line.indented {
                return false;
            }
            let first_word = line
                .text
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            // The line's first word would have fitted on the line before.
            let forced = prev.width + 1 + first_word > width;
            let long = if indent_marks_paragraphs {
                prev.width * 2 >= width
            } else {
                prev.width * 4 >= width * 3
            };
            forced || unfinished || long
        });
        match (continues, out.last_mut()) {
            (true, Some(paragraph)) => {
                let joined = paragraph.to_mut();
                let broken_word = joined.ends_with('-')
                    && joined[..joined.len() - 1].ends_with(char::is_alphabetic)
                    && line.text.starts_with(char::is_lowercase);
                if !broken_word {
                    joined.push(' ');
                }
                joined.push_str(line.text);
            }
            _ => out.push(Cow::Borrowed(line.text)),
        }
        previous = Some(line);
    }
    out
}

/// A text without a header (a table row's) as paragraphs separated by a blank line:
/// wrapped lines joined, blank lines and wire markers ("MORE", a sign-off) left out.
pub(super) fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for paragraph in unwrap(text, true) {
        if paragraph.is_empty() || sign_off(&paragraph).is_some() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&paragraph);
    }
    out
}

/// A row of a table of figures ("Shr 1.24 dlrs vs 1.08 dlrs"): two numbers or more,
/// and as many numbers as other words.
pub(super) fn table_row(line: &str) -> bool {
    let (mut numbers, mut words) = (0usize, 0usize);
    for token in line.split_whitespace() {
        let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | '%' | '$'));
        if token.starts_with(|c: char| c.is_ascii_digit())
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-'))
        {
            numbers += 1;
        } else {
            words += 1;
        }
    }
    // A sentence full of figures ends with a period; a row of figures does not.
    numbers >= 2 && numbers * 2 >= words && !line.ends_with('.')
}

/// The width a file is hard-wrapped at, if it is: the third-longest of its lines of
/// prose (four words or more), when that is 40 to 100 characters, at least three lines
/// and two in five lines of prose come within a fifth of it, and most of those end in
/// the middle of a sentence (a file of one short paragraph per line ends them with a
/// period).
fn wrap_width(lines: &[Physical<'_>]) -> Option<usize> {
    let mut prose: Vec<(usize, bool)> = lines
        .iter()
        .filter(|l| l.text.split_whitespace().nth(3).is_some())
        .map(|l| (l.width, l.text.ends_with(SENTENCE_END)))
        .collect();
    if prose.len() < 3 {
        return None;
    }
    prose.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
    let width = prose[2].0;
    let near: Vec<bool> = prose
        .iter()
        .filter(|(w, _)| w * 5 >= width * 4)
        .map(|(_, closed)| *closed)
        .collect();
    let open = near.iter().filter(|closed| !**closed).count();
    ((40..=100).contains(&width)
        && near.len() >= 3
        && near.len() * 5 >= prose.len() * 2
        && open * 2 >= near.len())
    .then_some(width)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::header::parse_text_article;

    const COCOA: &str =
        "BAHIA COCOA REVIEW\n\n2/26/1987\n\n    Showers continued throughout the week in
the Bahia cocoa zone, alleviating the drought since early
January and improving prospects for the coming temporao,
although normal humidity levels have not been restored,
Comissaria Smith said in its weekly review.
    The dry period means the temporao will be late this year.
    Arrivals for the week ended February 22 were 155,221 bags
of 60 kilos making a cumulative total for the season of 5.93
mln against 5.81 at the same stage last year.
    Shr 1.24 dlrs vs 1.08 dlrs
    Net 12.4 mln vs 10.1 mln
 Reuter
";

    #[test]
    fn wire_copy_keeps_its_capital_headline_and_joins_wrapped_lines() {
        let parsed = parse_text_article(COCOA, "file");
        assert_eq!(parsed.title, "BAHIA COCOA REVIEW");
        assert_eq!(parsed.published, NaiveDate::from_ymd_opt(1987, 2, 26));
        assert_eq!(parsed.author, None);
        assert_eq!(parsed.outlet.as_deref(), Some("Reuters"));
        let paragraphs: Vec<&str> = parsed.text.split("\n\n").collect();
        assert_eq!(
            paragraphs,
            [
                "BAHIA COCOA REVIEW",
                "Showers continued throughout the week in the Bahia cocoa zone, alleviating \
                 the drought since early January and improving prospects for the coming \
                 temporao, although normal humidity levels have not been restored, Comissaria \
                 Smith said in its weekly review.",
                "The dry period means the temporao will be late this year.",
                "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making \
                 a cumulative total for the season of 5.93 mln against 5.81 at the same stage \
                 last year.",
                "Shr 1.24 dlrs vs 1.08 dlrs",
                "Net 12.4 mln vs 10.1 mln",
            ]
        );
    }

    #[test]
    fn wrapped_lines_that_look_like_headers_stay_in_their_sentence() {
        let raw = "U.K. MONEY MARKET GIVEN HELP\n\nFebruary 26, 1987\n\nLONDON, Feb 26 - The talks between the finance ministers of\nWest\nGermany and Japan ended today, officials said, and\nPrime Minister Yasuhiro Nakasone\nwelcomed the result of the meeting in a statement.\n\nThe Bank of England said it had provided the market with\nhelp worth 150 mln stg in the morning session, and that it\nexpected a shortage of around 400 mln stg in the afternoon.\n";
        let parsed = parse_text_article(raw, "file");
        assert_eq!(parsed.title, "U.K. MONEY MARKET GIVEN HELP");
        assert_eq!(parsed.author, None);
        assert!(
            parsed.text.contains(
                "finance ministers of West Germany and Japan ended today, officials said, and \
                 Prime Minister Yasuhiro Nakasone welcomed the result"
            ),
            "{}",
            parsed.text
        );
        assert!(parsed.text.contains(
            "The Bank of England said it had provided the market with help worth 150 mln stg"
        ));
    }
}
