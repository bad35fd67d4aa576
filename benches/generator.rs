//! A deterministic corpus generator: articles made by recombining the sample corpus's
//! sentences, with dates spread over ten years and fifty outlets.

use std::io::Write;
use std::path::Path;

use chrono::{Days, NaiveDate};
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
