//! Deterministic corpus generators: web articles (dates spread over ten years, fifty
//! outlets) and short wire stories, made by recombining the sample corpus's sentences.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use newslens::corpus::Corpus;
use newslens::text::sentence_spans;

/// A small, fast, seedable generator (xorshift64*), so every run writes the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Sentences of the sample corpus, the material articles are made of.
pub fn sample_sentences() -> Vec<String> {
    let corpus = Corpus::sample();
    let mut sentences = Vec::new();
    for article in &corpus.articles {
        for (start, end) in sentence_spans(&article.text) {
            let s = &article.text[start..end];
            if s.split_whitespace().count() >= 6 {
                sentences.push(s.to_owned());
            }
        }
    }
    sentences
}

/// Writes `n` articles into `dir` (created if needed) and returns the bytes written.
/// Articles have 300–2,000 words, one of 50 outlets, and a date in 2015–2024.
pub fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let sentences = sample_sentences();
    let mut rng = Rng::new(seed);
    let first_day = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let mut bytes = 0u64;
    for i in 0..n {
        let words_wanted = 300 + rng.below(1_701);
        let outlet = rng.below(50);
        let date = first_day + Days::new(rng.below(3_652) as u64);
        let title = &sentences[rng.below(sentences.len())];
        let title: String = title
            .split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" ");
        let mut body = String::with_capacity(words_wanted * 7);
        let mut words = 0;
        while words < words_wanted {
            let paragraph_len = 1 + rng.below(4);
            for _ in 0..paragraph_len {
                let s = &sentences[rng.below(sentences.len())];
                words += s.split_whitespace().count();
                body.push_str(s);
                body.push(' ');
            }
            body.push_str("\n\n");
        }
        let text = format!(
            "{}\n\nBy Reporter {}\n{}\nSource: Outlet {:02}\n\n{}",
            title.trim_end_matches('.'),
            rng.below(200),
            date.format("%-m/%-d/%Y"),
            outlet,
            body
        );
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let mut file = std::fs::File::create(sub.join(format!("article_{i:06}.txt")))?;
        file.write_all(text.as_bytes())?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

/// One generated wire story: the file as written and what a reader must find in it.
pub struct WireStory {
    /// File name.
    pub file: String,
    /// The file's contents.
    pub raw: String,
    /// The headline as printed.
    pub title: String,
    /// The date printed under it.
    pub date: NaiveDate,
    /// Every paragraph of the body as it reads unwrapped (dateline included).
    pub paragraphs: Vec<String>,
}

const CITIES: [&str; 12] = [
    "TOKYO",
    "WASHINGTON",
    "LONDON",
    "PARIS",
    "BONN",
    "MOSCOW",
    "NEW YORK",
    "BRUSSELS",
    "OTTAWA",
    "CANBERRA",
    "GENEVA",
    "BEIJING",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words laid out in lines of at most `width` characters, the first indented by
/// `indent`.
fn wrap(words: &str, width: usize, indent: &str) -> String {
    let mut out = String::from(indent);
    let mut line = indent.len();
    for (i, word) in words.split_whitespace().enumerate() {
        if i > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if i > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

/// `n` stories in the shape of 1980s newswire copy: a headline in capitals (some in
/// title or sentence case, some with ticker markup), a date line in one of four forms,
/// a body hard-wrapped at 58–72 characters with indented or blank-line paragraphs, a
/// dateline, now and then a table of figures, and a sign-off.
pub fn wire_stories(n: usize, seed: u64) -> Vec<WireStory> {
    let sentences: Vec<String> = sample_sentences()
        .into_iter()
        .filter(|s| s.ends_with('.') && !s.contains('\n'))
        .collect();
    let mut rng = Rng::new(seed);
    let first_day = NaiveDate::from_ymd_opt(1985, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let date = first_day + Days::new(rng.below(2_190) as u64);
            let words: Vec<&str> = sentences[rng.below(sentences.len())]
                .trim_end_matches('.')
                .split_whitespace()
                .collect();
            let take = 3 + rng.below(9);
            let mut title = words[..take.min(words.len())].join(" ");
            title = match rng.below(10) {
                0..=6 => title.to_uppercase(),
                7 | 8 => title
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => title,
            };
            if rng.below(8) == 0 {
                title.push_str(&format!(
                    " <{}{}.T>",
                    (b'A' + (i % 26) as u8) as char,
                    i % 97
                ));
            }
            let month = MONTHS[date.month0() as usize];
            let date_line = match i % 4 {
                0 => date.format("%-m/%-d/%Y").to_string(),
                1 => format!("{month} {}, {}", date.day(), date.year()),
                2 => format!("{} {} {}", &month[..3], date.day(), date.year()),
                _ => format!("{} {month} {}", date.day(), date.year()),
            };
            let width = 58 + rng.below(15);
            let indented = rng.below(3) > 0;
            let mut paragraphs = Vec::new();
            for p in 0..2 + rng.below(6) {
                let mut paragraph = (0..1 + rng.below(3))
                    .map(|_| sentences[rng.below(sentences.len())].as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if p == 0 {
                    let city = CITIES[rng.below(CITIES.len())];
                    paragraph = format!("{city}, {} {} - {paragraph}", &month[..3], date.day());
                }
                paragraphs.push(paragraph);
            }
            let indent = if indented { "    " } else { "" };
            let separator = if indented { "\n" } else { "\n\n" };
            let mut body: Vec<String> = paragraphs.iter().map(|p| wrap(p, width, indent)).collect();
            if rng.below(5) == 0 {
                let table = [
                    "Shr 1.24 dlrs vs 1.08 dlrs",
                    "Net 12.4 mln vs 10.1 mln",
                    "Revs 245.6 mln vs 230.1 mln",
                ]
                .iter()
                .map(|row| format!("    {row}"))
                .collect::<Vec<_>>()
                .join("\n");
                body.insert(1, table);
            }
            let sign_off = if rng.below(5) > 0 {
                "\n Reuter\n"
            } else {
                "\n"
            };
            let raw = format!(
                "{title}\n\n{date_line}\n\n{}{sign_off}",
                body.join(separator)
            );
            WireStory {
                file: format!("wire_{i:06}.txt"),
                raw,
                title,
                date,
                paragraphs,
            }
        })
        .collect()
}

/// Writes `n` wire stories into `dir` (in folders of 1,000) and returns the bytes written.
pub fn generate_wire(dir: &Path, n: usize, seed: u64) -> std::io::Result<u64> {
    let mut bytes = 0u64;
    for (i, story) in wire_stories(n, seed).into_iter().enumerate() {
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        std::fs::write(sub.join(&story.file), &story.raw)?;
        bytes += story.raw.len() as u64;
    }
    Ok(bytes)
}
