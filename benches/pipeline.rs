//! The pipeline benchmark: NewsLens end to end against a Python Polars notebook doing
//! the same job (the peer) and against the floor of reading the files plus one
//! Aho-Corasick pass, all on the same generated corpus in one run; then filter +
//! re-aggregate on a corpus of about two million mentions, as the workbench runs it.
//!
//!     cargo bench --bench pipeline                      # 10k and 100k articles
//!     NEWSLENS_BENCH_SIZES=2000 cargo bench --bench pipeline
//!     NEWSLENS_BENCH_SHAPES=wire cargo bench --bench pipeline
//!     cargo bench --bench pipeline -- --generate DIR N [web|wire]  # just write a corpus
//!
//! Two shapes of corpus are measured: `web` (articles of 300–2,000 words copied from
//! web pages) and `wire` (short wire stories: capital headlines, hard-wrapped lines,
//! tables of figures).
//!
//! With `NEWSLENS_BENCH_VERBOSE=1` the filter changes are listed one by one (timeline
//! and table rows timed apart) on stderr.
//!
//! The peer runs in a virtual environment made with `python3 -m venv` under
//! `target/bench-venv` (Polars installed with pip on first use). Each measurement runs
//! in its own process, so that peak memory (VmHWM) is its own.

#[expect(
    dead_code,
    reason = "what a wire story holds besides its text is for the tests"
)]
mod generator;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use newslens::actors::{ActorId, Dictionary};
use newslens::corpus::Corpus;
use newslens::extract::Matcher;
use newslens::extract::extract_all;
use newslens::frames::Dating;
use newslens::pipeline::{self, OpenOptions};
use newslens::query::{Granularity, Metric, Query};
use newslens::text::fold;
use rayon::prelude::*;

const SEED: u64 = 0x5eed_2024;
/// Generated articles that hold about two million mentions.
const INTERACTIVE_ARTICLES: usize = 14_600;
/// The Polars release the peer is measured with.
const PEER_POLARS: &str = "polars==2.1.0";

type Measures = Vec<(String, f64)>;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [flag, dir, n, rest @ ..] = args.as_slice()
        && flag == "--generate"
    {
        let n: usize = n.parse().unwrap_or(1000);
        let shape = rest.first().map_or("web", String::as_str);
        match write_corpus(shape, Path::new(dir), n) {
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
            "interactive" => interactive(&dir),
            _ => {}
        }
        return;
    }
    let sizes: Vec<usize> = std::env::var("NEWSLENS_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let python = peer_python(&target);
    let shapes: Vec<String> = std::env::var("NEWSLENS_BENCH_SHAPES")
        .unwrap_or_else(|_| "web,wire".to_owned())
        .split(',')
        .map(|s| s.trim().to_owned())
        .collect();
    for (shape, n) in shapes
        .iter()
        .flat_map(|shape| sizes.iter().map(move |n| (shape.as_str(), *n)))
    {
        let Some(dir) = corpus(&target, shape, n) else {
            return;
        };
        println!("\n## {n} generated articles ({shape})\n");
        let floor = child("floor", &dir);
        let ours = newslens_timeline(
            &dir,
            &target.join(format!("bench-out/newslens-{n}.parquet")),
        );
        let peer = match &python {
            Ok(python) => peer(
                python,
                &dir,
                &target.join(format!("bench-out/peer-{n}.parquet")),
            ),
            Err(why) => {
                println!("peer: not run ({why})");
                Vec::new()
            }
        };
        let text_mb = get(&floor, "bytes") / 1e6;
        println!(
            "corpus: {n} articles, {text_mb:.1} MB of text; {:.0} mentions found by NewsLens, {:.0} by the peer",
            get(&ours, "mentions"),
            get(&peer, "mentions"),
        );
        println!();
        println!(
            "| {:<22} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} |",
            "", "total s", "read", "parse", "extract", "frames", "aggregate", "export", "peak MB"
        );
        println!("|{}|", ["---"; 9].join("|"));
        let row = |name: &str, m: &Measures, total: f64, frames: f64, parse: f64| {
            println!(
                "| {:<22} | {:>9.3} | {:>9.3} | {:>9.3} | {:>9.3} | {:>9.3} | {:>9.3} | {:>9.3} | {:>9.0} |",
                name,
                total,
                get(m, "read"),
                parse,
                get(m, "extract"),
                frames,
                get(m, "aggregate"),
                get(m, "export"),
                get(m, "peak_kb") / 1e3,
            );
        };
        let ours_parse = get(&ours, "parse") + get(&ours, "duplicates");
        let ours_frames = get(&ours, "dictionary") + get(&ours, "frames");
        row(
            "NewsLens (wall)",
            &ours,
            get(&ours, "wall"),
            ours_frames,
            ours_parse,
        );
        row(
            "peer: Python Polars",
            &peer,
            get(&peer, "wall"),
            f64::NAN,
            get(&peer, "parse"),
        );
        row(
            "floor: read + one AC pass",
            &floor,
            get(&floor, "total"),
            f64::NAN,
            f64::NAN,
        );
        println!();
        println!(
            "NewsLens parse includes duplicate detection ({:.3} s); frames include compiling the dictionary ({:.3} s). Wall times include process start (and, for the peer, Python's and Polars' imports).",
            get(&ours, "duplicates"),
            get(&ours, "dictionary"),
        );
        println!(
            "ratios: peer / NewsLens = {:.2}× (target ≥ 5)   NewsLens / floor = {:.2}× (target ≤ 2)   NewsLens peak memory / text = {:.2}× (target < 2)",
            get(&peer, "wall") / get(&ours, "wall"),
            get(&ours, "wall") / get(&floor, "total"),
            get(&ours, "peak_kb") * 1e3 / get(&floor, "bytes"),
        );
        let dict = child("dictionary", &dir);
        println!(
            "extraction, full dictionary ({:.0} actors): {:.3} s; the sample's actors only ({:.0}): {:.3} s; throughput ratio full/sample: {:.2} (target ≥ 0.67)",
            get(&dict, "full_actors"),
            get(&dict, "full_s"),
            get(&dict, "seed_actors"),
            get(&dict, "seed_s"),
            get(&dict, "seed_s") / get(&dict, "full_s"),
        );
    }
    if let Some(dir) = corpus(&target, "web", INTERACTIVE_ARTICLES) {
        let m = child("interactive", &dir);
        println!(
            "\n## Filter + re-aggregate ({:.0} mentions)\n",
            get(&m, "mentions")
        );
        println!(
            "{:.0} filter changes (1–6 selected actors, outlets, dates, kinds, period, metric, inferred), each the timeline plus the table's rows as the workbench asks for them: median {:.1} ms, p95 {:.1} ms, max {:.1} ms (target: median < 16 ms)",
            get(&m, "changes"),
            get(&m, "median_ms"),
            get(&m, "p95_ms"),
            get(&m, "max_ms"),
        );
        println!(
            "a new text search (every sentence of every article searched once): {:.1} ms; the same search again (cached, as when the period changes): {:.1} ms",
            get(&m, "search_first_ms"),
            get(&m, "search_again_ms"),
        );
        println!(
            "a date set on one article (its mentions found again): {:.1} ms, against {:.2} s to read and search the whole corpus again",
            get(&m, "redate_ms"),
            get(&m, "load_s"),
        );
        println!(
            "a dictionary edit (an alias added to Russia, {:.0} more mentions; only articles holding it searched again): {:.1} ms",
            get(&m, "rematch_added"),
            get(&m, "rematch_ms"),
        );
    }
}

/// Writes a generated corpus of `shape` (`web` or `wire`); returns the bytes written.
fn write_corpus(shape: &str, dir: &Path, n: usize) -> std::io::Result<u64> {
    match shape {
        "wire" => generator::generate_wire(dir, n, SEED),
        "web" => generator::generate(dir, n, SEED),
        other => Err(std::io::Error::other(format!(
            "no corpus shape \"{other}\" (web or wire)"
        ))),
    }
}

/// The generated corpus of `n` articles of `shape`, written on first use.
fn corpus(target: &Path, shape: &str, n: usize) -> Option<PathBuf> {
    let name = match shape {
        "web" => n.to_string(),
        _ => format!("{shape}-{n}"),
    };
    let dir = target.join("bench-corpus").join(name);
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("writing {n} generated articles to {}", dir.display());
        if let Err(e) = write_corpus(shape, &dir, n).and_then(|_| std::fs::write(&marker, b"")) {
            eprintln!("cannot generate {}: {e}", dir.display());
            return None;
        }
    }
    Some(dir)
}

fn get(m: &Measures, key: &str) -> f64 {
    m.iter()
        .find(|(k, _)| k == key)
        .map_or(f64::NAN, |(_, v)| *v)
}

/// `key=value` pairs from the lines of `out` (also inside a `newslens: stats` line).
fn measures(out: &str) -> Measures {
    out.split_whitespace()
        .filter_map(|word| {
            let (k, v) = word.split_once('=')?;
            Some((k.to_owned(), v.parse().ok()?))
        })
        .collect()
}

/// Runs this binary in `mode` on `dir`.
fn child(mode: &str, dir: &Path) -> Measures {
    let exe = std::env::current_exe().unwrap_or_default();
    Command::new(exe)
        .env("NEWSLENS_BENCH_CHILD", mode)
        .env("NEWSLENS_BENCH_DIR", dir)
        .output()
        .map(|out| measures(&String::from_utf8_lossy(&out.stdout)))
        .unwrap_or_default()
}

/// `newslens timeline DIR --by month --format parquet --out OUT`, with its stage times.
fn newslens_timeline(dir: &Path, out: &Path) -> Measures {
    if let Some(parent) = out.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let started = Instant::now();
    let run = Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg("timeline")
        .arg(dir)
        .args([
            "--by", "month", "--format", "parquet", "--force", "--stats", "--out",
        ])
        .arg(out)
        .output();
    let wall = started.elapsed().as_secs_f64();
    let Ok(run) = run else {
        return Vec::new();
    };
    let stderr = String::from_utf8_lossy(&run.stderr);
    if !run.status.success() {
        eprintln!("newslens failed: {stderr}");
    }
    let mut m = measures(stderr.lines().find(|l| l.contains("stats")).unwrap_or(""));
    m.push(("wall".to_owned(), wall));
    if let Some(mb) = m.iter().find(|(k, _)| k == "peak_mb").map(|(_, v)| *v) {
        m.push(("peak_kb".to_owned(), mb * 1e3));
    }
    m
}

/// The venv's Python with Polars, made on first use.
fn peer_python(target: &Path) -> Result<PathBuf, String> {
    let venv = target.join("bench-venv");
    let python = venv.join("bin/python");
    let ready = venv.join(".installed");
    if ready.exists() {
        return Ok(python);
    }
    eprintln!(
        "making a Python venv with {PEER_POLARS} in {}",
        venv.display()
    );
    let ok = |c: &mut Command| c.status().is_ok_and(|s| s.success());
    if !ok(Command::new("python3").arg("-m").arg("venv").arg(&venv)) {
        return Err("python3 -m venv failed; on Debian: apt-get install -y python3-venv".into());
    }
    if !ok(Command::new(&python).args(["-m", "pip", "install", "-q", PEER_POLARS])) {
        return Err(format!("pip install {PEER_POLARS} failed"));
    }
    let _ = std::fs::write(&ready, b"");
    Ok(python)
}

fn peer(python: &Path, dir: &Path, out: &Path) -> Measures {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peer.py");
    let dictionary = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/actors.toml");
    let started = Instant::now();
    let run = Command::new(python)
        .arg(script)
        .arg(dir)
        .arg(dictionary)
        .arg(out)
        .output();
    let wall = started.elapsed().as_secs_f64();
    let Ok(run) = run else {
        return Vec::new();
    };
    if !run.status.success() {
        eprintln!("peer failed: {}", String::from_utf8_lossy(&run.stderr));
    }
    let mut m = measures(&String::from_utf8_lossy(&run.stdout));
    m.push(("wall".to_owned(), wall));
    m
}

fn report(key: &str, value: f64) {
    println!("{key}={value}");
}

fn peak_kb() -> f64 {
    newslens::peak_memory_bytes().map_or(f64::NAN, |b| b as f64 / 1e3)
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

/// The floor: read every file and run one Aho-Corasick pass (a DFA over the folded
/// aliases of the dictionary, ASCII case ignored), on every core; nothing else.
fn floor(dir: &Path) {
    let Ok(dictionary) = Dictionary::builtin() else {
        return;
    };
    let patterns: Vec<String> = dictionary
        .actors()
        .iter()
        .flat_map(|a| a.aliases.iter().map(|al| fold(&al.text)))
        .collect();
    let Ok(automaton) = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .build(&patterns)
    else {
        return;
    };
    let start = Instant::now();
    let mut files = Vec::new();
    files_under(dir, &mut files);
    let (bytes, matches) = files
        .par_iter()
        .map(|path| match std::fs::read(path) {
            Ok(text) => (text.len(), automaton.find_overlapping_iter(&text).count()),
            Err(_) => (0, 0),
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    report("total", start.elapsed().as_secs_f64());
    report("bytes", bytes as f64);
    report("matches", matches as f64);
    report("peak_kb", peak_kb());
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
        for _ in 0..3 {
            let t = Instant::now();
            let found = extract_all(&corpus, &matcher).len();
            best = best.min(t.elapsed().as_secs_f64());
            report(&format!("{name}_mentions"), found as f64);
        }
        report(&format!("{name}_s"), best);
        report(&format!("{name}_actors"), dictionary.actors().len() as f64);
    }
}

/// Filter changes on a loaded corpus, each answered the way the workbench answers one:
/// the timeline and the mentions table's rows for the new query.
fn interactive(dir: &Path) {
    // Opened the way the command line and the workbench open a corpus.
    let started = Instant::now();
    let Ok(opened) = pipeline::open(
        &[dir.to_path_buf()],
        &OpenOptions::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    ) else {
        return;
    };
    report("load_s", started.elapsed().as_secs_f64());
    let (dictionary, frames) = (opened.dictionary, opened.frames);
    let Ok(matcher) = Matcher::new(&dictionary) else {
        return;
    };
    report("mentions", frames.mention_count() as f64);
    // An analyst's date on one article: only its mentions are found again.
    let started = Instant::now();
    let row = frames.articles.height() / 2;
    let redated = chrono::NaiveDate::from_ymd_opt(2019, 3, 1)
        .and_then(|day| frames.redated(row, &Dating::analyst(day), &matcher).ok());
    report("redate_ms", started.elapsed().as_secs_f64() * 1e3);
    drop(redated);
    // A dictionary edit: one more alias for Russia; only articles holding it are searched.
    let mut actors = dictionary.actors().to_vec();
    if let Some(russia) = actors.iter_mut().find(|a| a.id.0 == "RUS") {
        russia.aliases.push(newslens::actors::Alias::plain(
            "Soviet",
            newslens::actors::AliasClass::Variant,
            newslens::actors::CaseRule::Smart,
        ));
    }
    let edited = Dictionary::from_actors(actors);
    let started = Instant::now();
    let rematched = Matcher::new(&edited)
        .ok()
        .and_then(|m| frames.rematched(&dictionary, &edited, &m).ok());
    report("rematch_ms", started.elapsed().as_secs_f64() * 1e3);
    report(
        "rematch_added",
        rematched.map_or(f64::NAN, |f| {
            (f.mention_count() - frames.mention_count()) as f64
        }),
    );
    let outlets = ["Outlet 03", "Outlet 17", "Outlet 42"];
    let actors = [
        "RUS",
        "ARM",
        "AZE",
        "USA",
        "nikol-pashinyan",
        "vladimir-putin",
    ];
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let mut queries = Vec::new();
    for (i, granularity) in [
        Granularity::Month,
        Granularity::Week,
        Granularity::Day,
        Granularity::Quarter,
        Granularity::Year,
    ]
    .into_iter()
    .enumerate()
    {
        for (j, metric) in [Metric::Mentions, Metric::Articles, Metric::Share]
            .into_iter()
            .enumerate()
        {
            // The workbench plots the actors selected in its list (five at first).
            let base = Query {
                granularity,
                metric,
                actors: actors[..5]
                    .iter()
                    .map(|a| ActorId((*a).to_owned()))
                    .collect(),
                ..Query::default()
            };
            queries.push(base.clone());
            queries.push(Query {
                actors: actors[..1 + (i + j) % actors.len()]
                    .iter()
                    .map(|a| ActorId((*a).to_owned()))
                    .collect(),
                ..base.clone()
            });
            queries.push(Query {
                outlets: outlets[..1 + j].iter().map(|o| (*o).to_owned()).collect(),
                from: day(2016 + i as i32, 1, 1),
                to: day(2021 + j as i32, 6, 30),
                ..base.clone()
            });
            queries.push(Query {
                kinds: vec![newslens::actors::ActorKind::Person],
                exclude_inferred: true,
                ..base
            });
        }
    }
    let mut times = Vec::new();
    for query in &queries {
        let t = Instant::now();
        let rows = query
            .timeline(&frames, &dictionary)
            .map_or(0, |df| df.height())
            + query.mention_rows(&frames).map_or(0, |r| r.len());
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if std::env::var_os("NEWSLENS_BENCH_VERBOSE").is_some() {
            let t2 = Instant::now();
            let _ = query.timeline(&frames, &dictionary);
            let tl = t2.elapsed().as_secs_f64() * 1e3;
            let t2 = Instant::now();
            let _ = query.mention_rows(&frames);
            let mr = t2.elapsed().as_secs_f64() * 1e3;
            eprintln!(
                "{:?} {:?} actors={} outlets={} kinds={} from={:?}: timeline {tl:.1} ms, rows {mr:.1} ms",
                query.granularity,
                query.metric,
                query.actors.len(),
                query.outlets.len(),
                query.kinds.len(),
                query.from
            );
        }
        std::hint::black_box(rows);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    report("changes", times.len() as f64);
    report("median_ms", at(0.5));
    report("p95_ms", at(0.95));
    report("max_ms", at(1.0));
    let search = Query {
        search: Some("yerevan".to_owned()),
        actors: actors[..5]
            .iter()
            .map(|a| ActorId((*a).to_owned()))
            .collect(),
        ..Query::default()
    };
    for key in ["search_first_ms", "search_again_ms"] {
        let t = Instant::now();
        let rows = search
            .timeline(&frames, &dictionary)
            .map_or(0, |df| df.height())
            + search.mention_rows(&frames).map_or(0, |r| r.len());
        report(key, t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(rows);
    }
}
