//! Article header parsing and boilerplate removal for plain-text articles copied from
//! web pages: finds the title, author, outlet and printed date, and keeps the body
//! without junk lines, newsletter prompts, related-link lists or repeated lines.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use crate::dates::{DateSource, parse_date_line, parse_dateline, parse_yearless_line};

/// What the header of a text article says, and its cleaned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedText {
    /// The headline.
    pub title: String,
    /// The publishing outlet, when the page names it.
    pub outlet: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The printed publication date.
    pub published: Option<NaiveDate>,
    /// How `published` was found.
    pub date_source: DateSource,
    /// The printed date as written: a header line, or the date of a dateline; without
    /// a year when `published` is `None`.
    pub date_line: Option<String>,
    /// Body text: kept lines, one paragraph each, separated by blank lines.
    pub text: String,
}

/// How many non-empty lines at the top of a file count as its header.
const HEADER_LINES: usize = 12;

/// Parses a decoded text article. `fallback_title` is used when no line looks like one.
pub fn parse_text_article(raw: &str, fallback_title: &str) -> ParsedText {
    let normalized = normalize(raw);
    let paragraphs = super::wire::unwrap(&normalized, false);
    let lines: Vec<&str> = paragraphs.iter().map(AsRef::as_ref).collect();
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(l)).collect();
    // A wire service's sign-off at the end of the story ("Reuter", "(AP)").
    let mut signed_by = None;
    for i in (0..lines.len()).rev() {
        match kinds[i] {
            LineKind::Empty => continue,
            LineKind::Text => {
                if let Some(agency) = super::wire::sign_off(lines[i]) {
                    kinds[i] = LineKind::Junk;
                    signed_by = signed_by.or(agency);
                    continue;
                }
            }
            _ => {}
        }
        break;
    }

    // Header zone: the first HEADER_LINES non-empty lines.
    let header_end = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .nth(HEADER_LINES)
        .map_or(lines.len(), |(i, _)| i);

    // A full printed date, else a day printed without a year.
    let date_line = (0..header_end)
        .find(|&i| kinds[i] == LineKind::Date && parse_date_line(lines[i]).is_some())
        .or_else(|| (0..header_end).find(|&i| kinds[i] == LineKind::Date));
    // A headline that reads like a date ("On September 2,") above the printed date is
    // the headline.
    let first = lines.iter().position(|l| !l.is_empty());
    if let (Some(first), Some(date)) = (first, date_line)
        && first < date
        && kinds[first] == LineKind::Date
        && (first + 1..date).all(|i| kinds[i] == LineKind::Empty)
    {
        kinds[first] = LineKind::Text;
    }
    let mut published = date_line.and_then(|i| parse_date_line(lines[i]));
    let mut printed_date = date_line.map(|i| lines[i].to_owned());
    // Else a wire dateline at the start of the story: `YEREVAN, Dec 28 (Reuters) -`.
    if published.is_none()
        && let Some(date) = lines
            .iter()
            .filter(|l| !l.is_empty())
            .take(HEADER_LINES + 8)
            .find_map(|l| parse_dateline(l).and_then(|d| d.date))
    {
        published = parse_date_line(&date);
        if published.is_some() || printed_date.is_none() {
            printed_date = Some(date);
        }
    }

    let mut dropped = vec![false; lines.len()];
    for (i, kind) in kinds.iter().enumerate() {
        if matches!(
            kind,
            LineKind::Empty | LineKind::Junk | LineKind::Bullet | LineKind::Url
        ) || (*kind == LineKind::Date && i < header_end)
        {
            dropped[i] = true;
        }
    }

    drop_related_lists(&lines, &kinds, &mut dropped);

    let author = find_author(&lines, &kinds, date_line, header_end);
    if let Some((i, _)) = &author {
        dropped[*i] = true;
    }

    let outlet = find_outlet(&lines, &kinds, header_end, &mut dropped)
        .or_else(|| signed_by.map(str::to_owned));

    // A line repeated verbatim (a title or caption printed twice) is kept once.
    let mut seen: HashSet<&str, BuildHasherDefault<LineHasher>> = HashSet::default();
    for (i, line) in lines.iter().enumerate() {
        if dropped[i] || !repeatable(line) {
            continue;
        }
        if !seen.insert(*line) {
            dropped[i] = true;
        }
    }

    let title = find_title(&lines, &kinds, &dropped, header_end)
        .unwrap_or_else(|| fallback_title.to_owned());

    let text = lines
        .iter()
        .zip(&dropped)
        .filter(|(_, d)| !**d)
        .map(|(l, _)| *l)
        .collect::<Vec<_>>()
        .join("\n\n");

    ParsedText {
        title,
        outlet,
        author: author.map(|(_, a)| a),
        published,
        date_source: if published.is_some() {
            DateSource::Explicit
        } else {
            DateSource::Missing
        },
        date_line: printed_date,
        text,
    }
}

/// A quick hash of whole lines, eight bytes a step (lines found equal are still
/// compared in full).
#[derive(Default)]
struct LineHasher(u64);

impl Hasher for LineHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let v = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in words.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
}

/// A trimmed line without Markdown heading markers (`## Title` → `Title`).
pub(super) fn clean_line(line: &str) -> &str {
    let line = line.trim();
    let unmarked = line.trim_start_matches('#');
    if unmarked.len() < line.len() && line.len() - unmarked.len() <= 6 && unmarked.starts_with(' ')
    {
        unmarked.trim()
    } else {
        line
    }
}

/// Line ends to `\n`, Unicode spaces to ASCII spaces, invisible characters removed.
/// Every later offset refers to text normalised this way.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        // Printable ASCII and line ends are copied as they are, a run at a time.
        let plain = rest
            .bytes()
            .position(|b| !(b == b'\n' || (0x20..0x7f).contains(&b)))
            .unwrap_or(rest.len());
        out.push_str(&rest[..plain]);
        rest = &rest[plain..];
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        match c {
            '\r' => {
                rest = rest.strip_prefix('\n').unwrap_or(rest);
                out.push('\n');
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            '\n' => out.push('\n'),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    Empty,
    /// Page furniture: a lone "X", "Categories: 2023", "Updated:", "0:00", newsletter prompts.
    Junk,
    /// A line that is only a date.
    Date,
    /// A bulleted line: header metadata or a related-links list.
    Bullet,
    /// A bare link.
    Url,
    Text,
}

fn classify(line: &str) -> LineKind {
    if line.is_empty() {
        return LineKind::Empty;
    }
    if parse_date_line(line).is_some() || parse_yearless_line(line).is_some() {
        return LineKind::Date;
    }
    if line.starts_with(['•', '·', '▪', '●', '◦', '■']) {
        return LineKind::Bullet;
    }
    if (line.starts_with("http://") || line.starts_with("https://")) && !line.contains(' ') {
        return LineKind::Url;
    }
    if is_junk(line) {
        return LineKind::Junk;
    }
    LineKind::Text
}

fn is_junk(line: &str) -> bool {
    // Every kind of page furniture below is a short line; prose is not looked at further.
    if line.split_whitespace().nth(12).is_some() {
        return false;
    }
    let words = line.split_whitespace().count();
    let lower = line.to_lowercase();
    // A lone symbol or letter ("X" close buttons, "|").
    if line.chars().count() <= 2 && !line.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // A media player's clock ("0:00", "12:34").
    if line.contains(':') && line.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return true;
    }
    const LABELS: [&str; 12] = [
        "updated:",
        "published:",
        "posted:",
        "categories:",
        "category:",
        "tags:",
        "share",
        "share this article",
        "print",
        "advertisement",
        "listen to this article",
        "read more",
    ];
    // An editor's marker of wire copy ("MORE", "(cont.)"); an agency's sign-off is
    // told from a word of text only at the end of the story.
    if LABELS.contains(&lower.as_str())
        || navigation_line(line)
        || super::wire::sign_off(line) == Some(None)
    {
        return true;
    }
    if (lower.starts_with("categories:") || lower.starts_with("tags:")) && words <= 8 {
        return true;
    }
    // Newsletter and subscription prompts ("Get the Mirror in your inbox:").
    let prompt = lower.starts_with("get the")
        || lower.starts_with("sign up")
        || lower.starts_with("subscribe")
        || lower.starts_with("follow us");
    prompt
        && words <= 12
        && (lower.contains("inbox")
            || lower.contains("newsletter")
            || lower.starts_with("subscribe")
            || lower.starts_with("follow us"))
}

/// Labels of a list of other stories' headlines.
const RELATED_LABELS: [&str; 14] = [
    "related",
    "related stories",
    "related articles",
    "related news",
    "related coverage",
    "read more",
    "read next",
    "more stories",
    "most read",
    "most popular",
    "trending",
    "recommended",
    "you may also like",
    "see also",
];

/// Drops a labelled list of other stories' headlines ("Related stories" and the short
/// lines without a final period under it, up to the next sentence of prose).
fn drop_related_lists(lines: &[&str], kinds: &[LineKind], dropped: &mut [bool]) {
    let mut i = 0;
    while i < lines.len() {
        // Labels are short: longer lines are not lowercased to be compared.
        if lines[i].len() > 48 {
            i += 1;
            continue;
        }
        let label = lines[i].trim_end_matches(':').to_lowercase();
        let more_from = label.starts_with("more from ") && label.split_whitespace().count() <= 5;
        if kinds[i] == LineKind::Empty || !(RELATED_LABELS.contains(&label.as_str()) || more_from) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut items = 0;
        while j < lines.len() {
            let line = lines[j];
            let headline = kinds[j] == LineKind::Text
                && line.split_whitespace().nth(20).is_none()
                && !line.ends_with(['.', '!', ':']);
            if kinds[j] != LineKind::Empty && !headline {
                break;
            }
            items += usize::from(kinds[j] != LineKind::Empty);
            j += 1;
        }
        if items > 0 {
            dropped[i..j].fill(true);
        }
        i = j.max(i + 1);
    }
}

/// Lines long enough that a verbatim repeat is a printing artefact, not prose.
fn repeatable(line: &str) -> bool {
    line.split_whitespace().nth(2).is_some()
}

/// A short line of capitalised words without punctuation: a person's name.
fn name_like(line: &str) -> bool {
    // Words of a headline in capitals, never of a name.
    const NOT_NAMES: [&str; 16] = [
        "its", "the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "is", "are", "was",
        "not", "says",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                && !NOT_NAMES.contains(&w.to_lowercase().as_str())
        })
}

/// The name in a byline such as "By Jane Roe", "*By* **Jane Roe**", "By Jane Roe and
/// John Doe" or "By Jane Roe, Reuters".
pub(super) fn byline(line: &str) -> Option<String> {
    // Markdown emphasis around a byline ("*By* **Jane Roe**") is not part of it.
    let line = line.replace(['*', '_'], "");
    let name = strip_label(line.trim(), "by ")?.trim();
    let name = match name.split_once(',') {
        Some((person, rest)) if rest.split_whitespace().count() <= 4 => person.trim(),
        _ => name,
    };
    (name_like(name) || (name.split_whitespace().count() <= 8 && name.contains(" and ")))
        .then(|| name.to_owned())
}

/// Words of a site's menu.
const MENU_WORDS: [&str; 58] = [
    "home",
    "news",
    "world",
    "sports",
    "sport",
    "opinion",
    "business",
    "politics",
    "tech",
    "technology",
    "science",
    "health",
    "entertainment",
    "culture",
    "arts",
    "lifestyle",
    "travel",
    "video",
    "videos",
    "podcasts",
    "podcast",
    "local",
    "national",
    "international",
    "weather",
    "markets",
    "economy",
    "style",
    "food",
    "books",
    "music",
    "film",
    "movies",
    "tv",
    "life",
    "money",
    "education",
    "environment",
    "climate",
    "obituaries",
    "subscribe",
    "login",
    "log",
    "in",
    "search",
    "menu",
    "newsletters",
    "latest",
    "trending",
    "more",
    "sections",
    "photos",
    "games",
    "magazine",
    "events",
    "us",
    "u.s.",
    "&",
];

/// A line that is a site's menu: three or more menu words and nothing else
/// ("News Sports Opinion", "Home | World | Business").
pub(super) fn navigation_line(line: &str) -> bool {
    // Most lines are not menus: their first word tells.
    let first = line
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/' | '>'))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if !MENU_WORDS.iter().any(|m| m.eq_ignore_ascii_case(first)) {
        return false;
    }
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/' | '>'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (3..=24).contains(&words.len())
        && words.iter().all(|w| MENU_WORDS.contains(&w.as_str()))
        && words
            .iter()
            .filter(|w| !matches!(w.as_str(), "in" | "us" | "&" | "log"))
            .count()
            >= 3
}

/// The byline: "By NAME" in the header, or a name printed next to the date line.
fn find_author(
    lines: &[&str],
    kinds: &[LineKind],
    date_line: Option<usize>,
    header_end: usize,
) -> Option<(usize, String)> {
    // The first line is the headline, even one that starts with "By".
    let first = lines.iter().position(|l| !l.is_empty());
    for (i, line) in lines.iter().enumerate().take(header_end) {
        if let Some(name) = byline(line).filter(|_| Some(i) != first) {
            return Some((i, name));
        }
    }
    let date_line = date_line?;
    // The first line is the headline, however name-like it looks; and a byline comes
    // before the story: a name-like line after the first sentence of prose below the
    // date is the story's own text.
    let prose = (date_line + 1..lines.len())
        .find(|&i| {
            let l = lines[i];
            l.split_whitespace().nth(7).is_some() && l.ends_with(['.', '!', '?', '"', '”'])
        })
        .unwrap_or(lines.len());
    let neighbour = |mut range: Box<dyn Iterator<Item = usize>>| {
        range.find(|&i| kinds[i] != LineKind::Empty).filter(|&i| {
            kinds[i] == LineKind::Text && name_like(lines[i]) && Some(i) != first && i < prose
        })
    };
    neighbour(Box::new((0..date_line).rev()))
        .or_else(|| neighbour(Box::new(date_line + 1..header_end)))
        .map(|i| (i, lines[i].to_owned()))
}

/// The outlet: a `Source:` line, the first bulleted header item, a dateline such as
/// `YEREVAN (Azatutyun) —`, or the host of a link to the article.
fn find_outlet(
    lines: &[&str],
    kinds: &[LineKind],
    header_end: usize,
    dropped: &mut [bool],
) -> Option<String> {
    for (i, line) in lines.iter().enumerate().take(header_end) {
        for label in ["source:", "outlet:", "publisher:", "publication:"] {
            if let Some(rest) = strip_label(line, label) {
                let value = rest.trim();
                if !value.is_empty() {
                    dropped[i] = true;
                    return Some(value.to_owned());
                }
            }
        }
    }
    if let Some(i) = (0..header_end).find(|&i| kinds[i] == LineKind::Bullet) {
        let value = lines[i]
            .trim_start_matches(['•', '·', '▪', '●', '◦', '■'])
            .trim();
        if !value.is_empty() && value.split_whitespace().count() <= 4 {
            return Some(value.to_owned());
        }
    }
    if let Some(outlet) = lines
        .iter()
        .filter(|l| !l.is_empty())
        .take(HEADER_LINES + 8)
        .find_map(|l| dateline_outlet(l))
    {
        return Some(outlet);
    }
    lines
        .iter()
        .zip(kinds)
        .find(|(_, k)| **k == LineKind::Url)
        .and_then(|(l, _)| url_host(l))
}

/// The rest of `line` after `label`, compared without regard to ASCII case.
fn strip_label<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let head = line.get(..label.len())?;
    head.eq_ignore_ascii_case(label)
        .then(|| &line[label.len()..])
}

/// `YEREVAN (Azatutyun) — …` → `Azatutyun`.
fn dateline_outlet(line: &str) -> Option<String> {
    parse_dateline(line)?.outlet
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// A photo caption: ends with a credit such as `(Name/Agency)` or `(… via AP)`.
fn caption_like(line: &str) -> bool {
    let Some(open) = line.rfind('(') else {
        return false;
    };
    let credit = &line[open..];
    line.ends_with(')')
        && (credit.contains('/') || credit.contains(" via ") || credit.contains("Photo"))
}

/// A short label of capitalised words without punctuation, such as a caption naming a
/// person above the headline ("Russian Foreign Minister Sergei Lavrov").
fn label_like(line: &str) -> bool {
    // A line in capitals is a wire headline.
    if !line.chars().any(char::is_lowercase) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() <= 6
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !line.chars().any(|c| {
            matches!(
                c,
                ',' | ':' | ';' | '?' | '!' | '"' | '‘' | '’' | '“' | '”' | '\''
            )
        })
}

fn find_title(
    lines: &[&str],
    kinds: &[LineKind],
    dropped: &[bool],
    header_end: usize,
) -> Option<String> {
    let next_line = |i: usize| (i + 1..lines.len()).find(|&j| kinds[j] != LineKind::Empty);
    let candidates: Vec<usize> = (0..header_end)
        .filter(|&i| kinds[i] == LineKind::Text && !dropped[i])
        .filter(|&i| {
            let l = lines[i];
            // A headline may end with a period when the date follows it.
            let above_date = next_line(i).is_some_and(|j| kinds[j] == LineKind::Date);
            l.split_whitespace().nth(30).is_none()
                && !caption_like(l)
                && !super::wire::table_row(l)
                && (!l.ends_with('.') || above_date)
        })
        .take(4)
        .collect();
    // A headline printed twice is the headline.
    if let Some(&repeated) = candidates
        .iter()
        .find(|&&c| lines.iter().filter(|l| **l == lines[c]).count() > 1)
    {
        return Some(lines[repeated].to_owned());
    }
    // A label directly above the headline ("Russian Foreign Minister Sergei Lavrov"
    // over a photo's headline) is not the headline.
    match candidates.as_slice() {
        [first, second, ..]
            if label_like(lines[*first])
                && !label_like(lines[*second])
                && next_line(*first) == Some(*second) =>
        {
            Some(lines[*second].to_owned())
        }
        [first, ..] => Some(lines[*first].to_owned()),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_keeps_characters_one_to_one_for_spaces() {
        assert_eq!(normalize("a\u{a0}b\r\nc\rd\u{200b}e"), "a b\nc\nde");
        assert_eq!(normalize("\u{feff}x"), "x");
    }

    #[test]
    fn junk_lines() {
        for junk in [
            "X",
            "Updated:",
            "0:00",
            "Categories: 2023",
            "Get the Mirror in your inbox:",
        ] {
            assert!(is_junk(junk), "{junk}");
        }
        for text in [
            "Armenia",
            "Reuters contributed to this report.",
            "PM: No Talk of NATO Accession",
        ] {
            assert!(!is_junk(text), "{text}");
        }
    }

    #[test]
    fn header_with_byline_and_repeated_title() {
        let raw = "Big News Today\n\nA dek line.\nBig News Today\nJane Roe\n2/12/2024\nUpdated:\n2/12/2024\n0:00\n\nBody of the piece goes here.\n";
        let parsed = parse_text_article(raw, "file");
        assert_eq!(parsed.title, "Big News Today");
        assert_eq!(parsed.author.as_deref(), Some("Jane Roe"));
        assert_eq!(parsed.published, NaiveDate::from_ymd_opt(2024, 2, 12));
        assert_eq!(parsed.date_source, DateSource::Explicit);
        assert_eq!(
            parsed.text,
            "Big News Today\n\nA dek line.\n\nBody of the piece goes here."
        );
    }

    #[test]
    fn a_short_headline_above_the_date_is_not_the_author() {
        let parsed = parse_text_article("Russia Bom Title\n2024-02-12\n\nBody text here.", "f");
        assert_eq!(parsed.title, "Russia Bom Title");
        assert_eq!(parsed.author, None);
        assert!(parsed.text.starts_with("Russia Bom Title"));
    }

    #[test]
    fn markdown_headings_and_bylines() {
        let parsed = parse_text_article(
            "# A Markdown Title on Russia\n\n*By* **Jane Roe**\n\nBody.",
            "f",
        );
        assert_eq!(parsed.title, "A Markdown Title on Russia");
        assert_eq!(parsed.author.as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn caption_above_headline_and_dateline_outlet() {
        let raw = "Russian Foreign Minister Sergei Lavrov\n\nArmenia Turning Away From Russia, Says Lavrov\n\nYEREVAN (Azatutyun) — Armenia is reorienting.\n";
        let parsed = parse_text_article(raw, "file");
        assert_eq!(
            parsed.title,
            "Armenia Turning Away From Russia, Says Lavrov"
        );
        assert_eq!(parsed.outlet.as_deref(), Some("Azatutyun"));
        assert_eq!(parsed.date_source, DateSource::Missing);
    }

    #[test]
    fn bullets_give_outlet_and_related_links_are_dropped() {
        let raw = "X\nCategories: 2023\n\n7 facts about it\n\nSept 7 2023\n\n  • JAMnews\n  • Yerevan\n\nBody one.\n\n  • Related link one\n  • Related link two\n\nBody two.\n";
        let parsed = parse_text_article(raw, "file");
        assert_eq!(parsed.title, "7 facts about it");
        assert_eq!(parsed.outlet.as_deref(), Some("JAMnews"));
        assert_eq!(parsed.text, "7 facts about it\n\nBody one.\n\nBody two.");
    }

    #[test]
    fn a_labelled_list_of_other_headlines_is_not_text() {
        let raw = "Talks Resume in Geneva\n\nMarch 3, 2024\n\nNegotiators met on Monday for the first time in a year.\n\nRelated stories\nRussia and Ukraine swap prisoners\nChina warns Taiwan over arms sale\n\nThe talks will go on until Friday, officials said.\n";
        let parsed = parse_text_article(raw, "f");
        assert_eq!(
            parsed.text,
            "Talks Resume in Geneva\n\nNegotiators met on Monday for the first time in a year.\n\nThe talks will go on until Friday, officials said."
        );
    }
}
