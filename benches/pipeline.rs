//! Ingest + extraction + monthly timeline on generated corpora, against a floor of
//! reading the same files and one Aho-Corasick pass over them, measured in one run.
//!
//!     cargo bench --bench pipeline                      # 10k and 100k articles
//!     NEWSLENS_BENCH_SIZES=2000 cargo bench --bench pipeline
//!     cargo bench --bench pipeline -- --generate DIR N  # just write a corpus
//!
//! Each measurement runs in a child process so that peak memory (VmHWM) is its own.

mod generator;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use aho_corasick::AhoCorasick;
use newslens::actors::Dictionary;
use newslens::corpus::Corpus;
use newslens::extract::{Matcher, fold};
use newslens::frames::{Frames, Granularity, Query, extract_all};

const SEED: u64 = 0x5eed_2024;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [flag, dir, n] = args.as_slice()
        && flag == "--generate"
    {
        let n: usize = n.parse().unwrap_or(1000);
        match generator::generate(Path::new(dir), n, SEED) {
            Ok(bytes) => println!("wrote {n} articles, {:.1} MB, to {dir}", bytes as f64 / 1e6),
            Err(e) => eprintln!("cannot write {dir}: {e}"),
        }
        return;
    }
    if let Ok(mode) = std::env::var("NEWSLENS_BENCH_CHILD") {
        let dir = PathBuf::from(std::env::var("NEWSLENS_BENCH_DIR").unwrap_or_default());
        match mode.as_str() {
            "floor" => floor(&dir),
            "dictionary" => dictionaries(&dir),
            _ => pipeline(&dir),
        }
        return;
    }
    let sizes: Vec<usize> = std::env::var("NEWSLENS_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-corpus");
    println!(
        "{:>8}  {:>8}  {:>9}  {:>9}  {:>9}  {:>9}  {:>10}  {:>10}  {:>9}  {:>8}",
        "articles",
        "MB",
        "floor s",
        "total s",
        "read s",
        "extract s",
        "frames s",
        "timeline s",
        "art/s",
        "MB/s"
    );
    for n in sizes {
        let dir = root.join(n.to_string());
        let marker = dir.join(".complete");
        if !marker.exists() {
            let _ = std::fs::remove_dir_all(&dir);
            if let Err(e) =
                generator::generate(&dir, n, SEED).and_then(|_| std::fs::write(&marker, b""))
            {
                eprintln!("cannot generate {}: {e}", dir.display());
                return;
            }
        }
        let floor = child("floor", &dir);
        let run = child("pipeline", &dir);
        let get = |m: &[(String, f64)], k: &str| {
            m.iter()
                .find(|(key, _)| key == k)
                .map_or(f64::NAN, |(_, v)| *v)
        };
        let mb = get(&run, "bytes") / 1e6;
        let total =
            get(&run, "read") + get(&run, "extract") + get(&run, "frames") + get(&run, "timeline");
        println!(
            "{:>8}  {:>8.1}  {:>9.3}  {:>9.3}  {:>9.3}  {:>9.3}  {:>10.3}  {:>10.3}  {:>9.0}  {:>8.1}",
            n,
            mb,
            get(&floor, "total"),
            total,
            get(&run, "read"),
            get(&run, "extract"),
            get(&run, "frames"),
            get(&run, "timeline"),
            n as f64 / total,
            mb / total
        );
        println!(
            "          ratio to floor: {:.2}×   peak memory: pipeline {:.0} MB ({:.2}× text), floor {:.0} MB   mentions: {:.0}",
            total / get(&floor, "total"),
            get(&run, "peak_kb") / 1e3,
            get(&run, "peak_kb") * 1e3 / get(&run, "bytes"),
            get(&floor, "peak_kb") / 1e3,
            get(&run, "mentions"),
        );
        println!(
            "          of reading, finding duplicates: {:.3} s",
            get(&run, "dedupe"),
        );
        println!(
            "          text search (timeline + table rows): {:.3} s = {:.2}× the timeline",
            get(&run, "search"),
            get(&run, "search") / get(&run, "timeline"),
        );
        let dict = child("dictionary", &dir);
        println!(
            "          extraction, full dictionary ({:.0} actors): {:.3} s, {:.0} mentions; seed-only dictionary ({:.0} actors): {:.3} s, {:.0} mentions; throughput ratio full/seed: {:.2}",
            get(&dict, "full_actors"),
            get(&dict, "full_s"),
            get(&dict, "full_mentions"),
            get(&dict, "seed_actors"),
            get(&dict, "seed_s"),
            get(&dict, "seed_mentions"),
            get(&dict, "seed_s") / get(&dict, "full_s"),
        );
    }
}

/// Extraction throughput with the full default dictionary against the dictionary of the
/// sample's actors only, on the same loaded corpus (best of three each).
fn dictionaries(dir: &Path) {
    let seed_text = include_str!("seed-dictionary.toml");
    let (Ok(full), Ok(seed)) = (
        Dictionary::builtin(),
        Dictionary::parse(seed_text, "benches/seed-dictionary.toml"),
    ) else {
        return;
    };
    let Ok(corpus) = Corpus::load(&[dir.to_path_buf()], &AtomicBool::new(false), &mut |_| {})
    else {
        return;
    };
    for (name, dictionary) in [("seed", &seed), ("full", &full)] {
        let Ok(matcher) = Matcher::new(dictionary) else {
            return;
        };
        let mut best = f64::INFINITY;
        let mut found = 0;
        for _ in 0..3 {
            let t = Instant::now();
            found = extract_all(&corpus, &matcher).len();
            best = best.min(t.elapsed().as_secs_f64());
        }
        report(&format!("{name}_s"), best);
        report(&format!("{name}_mentions"), found as f64);
        report(&format!("{name}_actors"), dictionary.actors().len() as f64);
    }
}

/// Runs this binary in `mode` on `dir` and parses its `key=value` lines.
fn child(mode: &str, dir: &Path) -> Vec<(String, f64)> {
    let exe = std::env::current_exe().unwrap_or_default();
    let out = Command::new(exe)
        .env("NEWSLENS_BENCH_CHILD", mode)
        .env("NEWSLENS_BENCH_DIR", dir)
        .output();
    let Ok(out) = out else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once('=')?;
            Some((k.to_owned(), v.parse().ok()?))
        })
        .collect()
}

fn report(key: &str, value: f64) {
    println!("{key}={value}");
}

fn peak_kb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(f64::NAN)
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

/// The floor: read every file and run one Aho-Corasick pass with the dictionary's aliases.
fn floor(dir: &Path) {
    let Ok(dictionary) = Dictionary::builtin() else {
        return;
    };
    let patterns: Vec<String> = dictionary
        .actors()
        .iter()
        .flat_map(|a| a.aliases.iter().map(|al| fold(&al.text)))
        .collect();
    let Ok(automaton) = AhoCorasick::new(&patterns) else {
        return;
    };
    let start = Instant::now();
    let mut files = Vec::new();
    files_under(dir, &mut files);
    let mut matches = 0usize;
    let mut bytes = 0usize;
    for path in files {
        if let Ok(text) = std::fs::read(&path) {
            bytes += text.len();
            matches += automaton.find_iter(&text).count();
        }
    }
    report("total", start.elapsed().as_secs_f64());
    report("bytes", bytes as f64);
    report("matches", matches as f64);
    report("peak_kb", peak_kb());
}

/// NewsLens: load and parse, extract, build frames, aggregate a monthly timeline.
fn pipeline(dir: &Path) {
    let Ok(dictionary) = Dictionary::builtin() else {
        return;
    };
    let Ok(matcher) = Matcher::new(&dictionary) else {
        return;
    };
    let t = Instant::now();
    let Ok(corpus) = Corpus::load(&[dir.to_path_buf()], &AtomicBool::new(false), &mut |_| {})
    else {
        return;
    };
    report("read", t.elapsed().as_secs_f64());
    // Duplicate detection is part of reading; timed again on its own.
    let mut again = Corpus {
        articles: corpus.articles.clone(),
        warnings: Vec::new(),
        duplicates_folded: 0,
    };
    let t = Instant::now();
    again.mark_duplicates(newslens::corpus::duplicates::DEFAULT_THRESHOLD);
    report("dedupe", t.elapsed().as_secs_f64());
    drop(again);
    report(
        "bytes",
        corpus.articles.iter().map(|a| a.text.len()).sum::<usize>() as f64,
    );
    let t = Instant::now();
    let mentions = extract_all(&corpus, &matcher);
    report("extract", t.elapsed().as_secs_f64());
    report("mentions", mentions.len() as f64);
    let t = Instant::now();
    let Ok(frames) = Frames::build(&corpus, &mentions, &dictionary) else {
        return;
    };
    report("frames", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let query = Query {
        granularity: Granularity::Month,
        ..Query::default()
    };
    let rows = query
        .timeline(&frames, &dictionary)
        .map_or(0, |df| df.height());
    report("timeline", t.elapsed().as_secs_f64());
    report("timeline_rows", rows as f64);
    // What the workbench asks for when the analyst types a word in the search box:
    // the timeline, then the table's rows, for the same query.
    let t = Instant::now();
    let search = Query {
        search: Some("yerevan".to_owned()),
        ..query
    };
    let found = search
        .timeline(&frames, &dictionary)
        .map_or(0, |df| df.height())
        + search.mention_rows(&frames).map_or(0, |rows| rows.len());
    report("search", t.elapsed().as_secs_f64());
    report("search_rows", found as f64);
    report("peak_kb", peak_kb());
}
