//! Property tests: no input makes the parsers or the matcher panic, and every mention's
//! offsets point at its text. A normal `cargo test` runs a few hundred cases per target;
//! `NEWSLENS_FUZZ_SECONDS=600 cargo test --release --test it properties::TARGET` keeps
//! generating new cases for that long.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use newslens::actors::Dictionary;
use newslens::corpus::{Article, ArticleId, header::parse_text_article};
use newslens::dates::{
    DateSource, NumericOrder, parse_date_line_with, parse_dateline, parse_yearless_line,
};
use newslens::extract::Matcher;
use newslens::text::decode;

/// Runs `test` on cases from `strategy`: a few hundred, or for NEWSLENS_FUZZ_SECONDS.
fn check<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let seconds: u64 = std::env::var("NEWSLENS_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut rounds = 0u64;
    loop {
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{e}");
        }
        rounds += 1;
        if Instant::now() >= deadline {
            break;
        }
    }
    if seconds > 0 {
        eprintln!("{} cases in {seconds} s", rounds * 256);
    }
}

/// Text made of pieces that matter to the parsers, and noise around them.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Armenia".to_owned()),
        Just("Russia's".to_owned()),
        Just("Kremlin-backed".to_owned()),
        Just("the Russian foreign minister".to_owned()),
        Just("British Prime Minister".to_owned()),
        Just("Georgia".to_owned()),
        Just("Tbilisi".to_owned()),
        Just("US".to_owned()),
        Just("YEREVAN, Dec 28 (Reuters) - ".to_owned()),
        Just("Nov. 23, 2022".to_owned()),
        Just("2/12/2024".to_owned()),
        Just("Updated: ".to_owned()),
        Just("September 6".to_owned()),
        Just("last year".to_owned()),
        Just("yesterday".to_owned()),
        Just("\n\n".to_owned()),
        Just(". ".to_owned()),
        Just("’".to_owned()),
        Just("İ".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("é".to_owned()),
        "[ -~]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|parts| parts.concat())
}

#[test]
fn header_parser_takes_any_text() {
    check(newsy_text(), |text| {
        let parsed = parse_text_article(&text, "fallback");
        prop_assert!(!parsed.title.is_empty());
        if let Some(line) = parsed.date_line {
            prop_assert!(!line.is_empty());
        }
        Ok(())
    });
}

#[test]
fn date_parsers_take_any_text_and_point_at_what_they_read() {
    check(newsy_text(), |text| {
        for line in text.lines() {
            let _ = parse_date_line_with(line, NumericOrder::DayFirst);
            let _ = parse_yearless_line(line);
            let _ = parse_dateline(line);
        }
        let published = chrono::NaiveDate::from_ymd_opt(2024, 2, 29);
        for found in newslens::dates::find_dates(&text, published) {
            let (start, end) = found.byte_range;
            prop_assert_eq!(text.get(start..end), Some(found.expression.as_str()));
        }
        let _ = newslens::dates::estimate_publication(&text, Some((2, 29, "Feb 29")));
        Ok(())
    });
}

#[test]
fn decoding_takes_any_bytes() {
    check(prop::collection::vec(any::<u8>(), 0..3000), |bytes| {
        if let Ok((text, _)) = decode(&bytes) {
            prop_assert!(!text.contains('\r'));
        }
        Ok(())
    });
}

#[test]
fn table_import_takes_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let row = prop_oneof![
        Just("id,title,text,publish_date,media_name\n".to_owned()),
        Just("1,\"A, b\",\"Armenia \"\"and\"\" Russia\",2023-09-07,x\n".to_owned()),
        Just("{\"id\": 1, \"text\": \"Armenia\", \"publish_date\": \"2024-02-12\"}\n".to_owned()),
        Just("\t".to_owned()),
        Just(",".to_owned()),
        Just("\"".to_owned()),
        "[ -~]{0,20}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    let file = (prop::collection::vec(row, 0..30), 0usize..4);
    check(file, |(parts, kind)| {
        let name = ["t.csv", "t.tsv", "t.jsonl", "t.parquet"][kind];
        let path = dir.path().join(name);
        std::fs::write(&path, parts.concat()).unwrap();
        let _ = newslens::corpus::table::read_table(&path, name, &Default::default());
        Ok(())
    });
}

#[test]
fn every_mention_points_at_its_matched_text() {
    let dictionary = Dictionary::builtin().unwrap();
    let matcher = Matcher::new(&dictionary).unwrap();
    check(newsy_text(), |text| {
        let article = Article {
            id: ArticleId(0),
            source_path: "p".to_owned(),
            outlet: None,
            title: String::new(),
            author: None,
            published: chrono::NaiveDate::from_ymd_opt(2023, 9, 7),
            date_source: DateSource::Explicit,
            date_line: None,
            date_evidence: None,
            published_earliest: None,
            published_latest: None,
            word_count: 0,
            text: text.clone(),
            duplicate_of: None,
        };
        let chars: Vec<char> = text.chars().collect();
        for m in matcher.mentions(&article) {
            let by_chars: String = chars[m.start as usize..m.end as usize].iter().collect();
            let (b0, b1) = (m.byte_range.0 as usize, m.byte_range.1 as usize);
            prop_assert_eq!(Some(by_chars.as_str()), text.get(b0..b1));
        }
        Ok(())
    });
}

#[test]
fn html_extraction_takes_any_page() {
    let piece = prop_oneof![
        Just("<html><head>".to_owned()),
        Just("<meta property=\"og:title\" content=\"Armenia\">".to_owned()),
        Just(
            "<meta property=\"article:published_time\" content=\"2023-11-23T10:00:00Z\">"
                .to_owned()
        ),
        Just("<script type=\"application/ld+json\">{\"datePublished\": \"".to_owned()),
        Just("<time datetime=\"".to_owned()),
        Just("<article>".to_owned()),
        Just("</article>".to_owned()),
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<nav><li>".to_owned()),
        Just("<!--".to_owned()),
        Just("\"".to_owned()),
        Just(">".to_owned()),
        "[ -~]{0,16}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    check(prop::collection::vec(piece, 0..50), |parts| {
        let page = newslens::corpus::html::parse_page(&parts.concat());
        if let Some(title) = &page.title {
            prop_assert!(page.text.starts_with(title.as_str()));
        }
        Ok(())
    });
}
