//! Reading corpora: files and folders of articles, or the embedded sample corpus.

pub mod duplicates;
pub mod header;
pub mod html;
pub mod overrides;
pub mod table;
mod wire;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use chrono::NaiveDate;

use crate::dates::{DateSource, NumericOrder, numeric_order_evidence, parse_date_line_with};
use crate::text::{decode, word_count};
use header::parse_text_article;

/// An article's number, stable for a corpus: the rank of its path in sorted order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub u32);

/// One article with its parsed metadata and cleaned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Stable number within the corpus.
    pub id: ArticleId,
    /// Path relative to the corpus root it was found under.
    pub source_path: String,
    /// The publishing outlet, when known.
    pub outlet: Option<String>,
    /// The headline.
    pub title: String,
    /// The byline, when printed.
    pub author: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// How `published` was obtained.
    pub date_source: DateSource,
    /// The printed line the date was read from, when it was read from one.
    pub date_line: Option<String>,
    /// For an inferred or missing date: the words in the text it rests on.
    pub date_evidence: Option<String>,
    /// The earliest publication date the evidence allows.
    pub published_earliest: Option<NaiveDate>,
    /// The latest publication date the evidence allows.
    pub published_latest: Option<NaiveDate>,
    /// Cleaned text; mention offsets refer to it.
    pub text: String,
    /// Words in `text`.
    pub word_count: u32,
    /// The article this one repeats (same or nearly the same text), if any.
    pub duplicate_of: Option<ArticleId>,
}

/// A file that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadWarning {
    /// The file as the user named or reached it.
    pub path: String,
    /// One sentence on what is wrong.
    pub reason: String,
    /// Whether the file was read all the same (a note), rather than skipped.
    pub read: bool,
    /// For a table skipped because no column could be told to hold the text: its
    /// columns, for the analyst to choose from.
    pub columns: Vec<String>,
}

impl LoadWarning {
    /// A file that was skipped, and why.
    pub fn skipped(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
            read: false,
            columns: Vec::new(),
        }
    }

    /// A file that was read, with something the analyst should know about it.
    pub fn note(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
            read: true,
            columns: Vec::new(),
        }
    }
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.read {
            write!(f, "{}: {}", self.path, self.reason)
        } else {
            write!(f, "{}: skipped: {}", self.path, self.reason)
        }
    }
}

/// The articles that loaded and the files that did not.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Articles in `id` order.
    pub articles: Vec<Article>,
    /// Files that were skipped.
    pub warnings: Vec<LoadWarning>,
    /// How many duplicate articles were folded into their originals (left out).
    pub duplicates_folded: usize,
    /// How long each stage of the load took.
    pub times: LoadTimes,
}

/// Wall time spent in each stage of a load.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadTimes {
    /// Reading files from disk.
    pub read: Duration,
    /// Decoding, header parsing, cleaning and dating.
    pub parse: Duration,
    /// Finding (and folding) duplicate articles.
    pub duplicates: Duration,
}

/// Files read and parsed together before progress is reported and Cancel looked at.
const LOAD_BATCH: usize = 1024;

/// How far a load has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadProgress {
    /// Files read so far.
    pub files_done: usize,
    /// Files to read.
    pub files_total: usize,
    /// Whether every file is read and duplicate stories are being looked for.
    pub finding_duplicates: bool,
}

/// Why a load stopped.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The user cancelled it.
    #[error("loading was cancelled")]
    Cancelled,
}

/// File extensions read as plain-text articles.
pub const TEXT_EXTENSIONS: [&str; 4] = ["txt", "md", "html", "htm"];

/// The sample corpus embedded in the binary: `(file name, contents)`.
pub const SAMPLE_FILES: [(&str, &str); 5] = [
    (
        "000_46a2f5bfce0b5f13.txt",
        include_str!("../../seeds/000_46a2f5bfce0b5f13.txt"),
    ),
    (
        "001_39a5884de23c68e5.txt",
        include_str!("../../seeds/001_39a5884de23c68e5.txt"),
    ),
    (
        "002_5d30cdbac7daf14e.txt",
        include_str!("../../seeds/002_5d30cdbac7daf14e.txt"),
    ),
    (
        "003_03e5b107d287c939.txt",
        include_str!("../../seeds/003_03e5b107d287c939.txt"),
    ),
    (
        "004_fecaf6ebe520c3b4.txt",
        include_str!("../../seeds/004_fecaf6ebe520c3b4.txt"),
    ),
];

impl Corpus {
    /// The order the corpus's own numeric dates show: day first when more of its
    /// printed dates can only be read day first (`27/11/2023`) than month first
    /// (`11/27/2023`), else month first.
    pub fn numeric_order(&self) -> NumericOrder {
        let (mut day_first, mut month_first) = (0usize, 0usize);
        for line in self.articles.iter().filter_map(|a| a.date_line.as_deref()) {
            match numeric_order_evidence(line) {
                Some(NumericOrder::DayFirst) => day_first += 1,
                Some(NumericOrder::MonthFirst) => month_first += 1,
                None => {}
            }
        }
        if day_first > month_first {
            NumericOrder::DayFirst
        } else {
            NumericOrder::MonthFirst
        }
    }

    /// Dates the articles that print none from the latest day their text gives with a
    /// year (`inferred`, the earliest they can have been published); one that gives
    /// only days without a year stays `missing`, with that day as its evidence.
    pub fn infer_dates(&mut self) {
        self.articles.par_iter_mut().for_each(|article| {
            if article.date_source != DateSource::Missing {
                return;
            }
            // A day printed without a year (a header line or a wire dateline).
            let printed = article.date_line.as_deref().and_then(|line| {
                let (month, day) = crate::dates::parse_yearless_line(line)?;
                Some((month, day, line))
            });
            if let Some(found) = crate::dates::estimate_publication(&article.text, printed) {
                article.published = Some(found.date);
                article.published_earliest = Some(found.earliest);
                article.published_latest = found.latest;
                article.date_source = DateSource::Inferred;
                article.date_evidence = Some(found.evidence);
            } else if let Some((_, _, line)) = printed {
                article.date_evidence = Some(format!(
                    "{line} (printed without a year; no year is given anywhere in the text)"
                ));
            } else if let Some(expression) = crate::dates::yearless_evidence(&article.text) {
                article.date_evidence = Some(format!(
                    "{expression} (no year is given for it anywhere in the text)"
                ));
            }
        });
    }

    /// Reads every printed date as the analyst chose; returns the order used.
    pub fn set_numeric_dates(&mut self, choice: crate::dates::NumericDates) -> NumericOrder {
        let order = match choice {
            crate::dates::NumericDates::Auto => self.numeric_order(),
            crate::dates::NumericDates::MonthFirst => NumericOrder::MonthFirst,
            crate::dates::NumericDates::DayFirst => NumericOrder::DayFirst,
        };
        self.read_numeric_dates(order);
        order
    }

    /// Reads every printed date again with numeric dates in `order`.
    pub fn read_numeric_dates(&mut self, order: NumericOrder) {
        self.articles.par_iter_mut().for_each(|article| {
            if article.date_source != DateSource::Explicit {
                return;
            }
            if let Some(date) = article
                .date_line
                .as_deref()
                .and_then(|line| parse_date_line_with(line, order))
            {
                article.published = Some(date);
                article.published_earliest = Some(date);
                article.published_latest = Some(date);
            }
        });
    }

    /// The embedded sample corpus.
    pub fn sample() -> Self {
        let articles = SAMPLE_FILES
            .iter()
            .enumerate()
            .map(|(i, (name, text))| build_article(i, name, text))
            .collect();
        let mut corpus = Self {
            articles,
            ..Self::default()
        };
        corpus.read_numeric_dates(corpus.numeric_order());
        corpus.infer_dates();
        corpus
    }

    /// Loads files and folders (recursively). Unreadable files become warnings.
    pub fn load(
        paths: &[PathBuf],
        cancel: &AtomicBool,
        on_progress: &mut dyn FnMut(LoadProgress),
    ) -> Result<Self, LoadError> {
        Self::load_with(paths, &ReadOptions::default(), cancel, on_progress)
    }

    /// [`Corpus::load`] with `options` for tables of articles.
    pub fn load_with(
        paths: &[PathBuf],
        options: &ReadOptions,
        cancel: &AtomicBool,
        on_progress: &mut dyn FnMut(LoadProgress),
    ) -> Result<Self, LoadError> {
        let walking = Instant::now();
        let mut warnings = Vec::new();
        let mut files = Vec::new();
        let mut walk = Walk::default();
        for path in paths {
            // With several inputs, paths are shown under their input's name so that
            // x1/a.txt and x2/a.txt stay apart.
            let prefix = (paths.len() > 1).then(|| {
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            });
            walk.collect(path, prefix.as_deref(), &mut files, &mut warnings);
        }
        files.sort_by(|a, b| a.relative.cmp(&b.relative).then(a.path.cmp(&b.path)));
        // A file reached twice (overlapping inputs, links) is read once.
        // Only files reached through links or named by several inputs can be reached
        // twice; the others are their own canonical path.
        let several = paths.len() > 1;
        let canonical: Vec<PathBuf> = files
            .par_iter()
            .map(|f| {
                if several || f.linked {
                    std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())
                } else {
                    f.path.clone()
                }
            })
            .collect();
        let mut seen = HashSet::new();
        let mut canonical = canonical.into_iter();
        files.retain(|_| canonical.next().is_some_and(|c| seen.insert(c)));
        let total = files.len();
        // Listing the folders counts as reading.
        let mut times = LoadTimes {
            read: walking.elapsed(),
            ..LoadTimes::default()
        };
        let mut articles = Vec::with_capacity(total);
        // Files are read and parsed on every core, a batch at a time, so that progress
        // and Cancel are answered between batches and only one batch's raw bytes are
        // held at once.
        for (batch_number, batch) in files.chunks(LOAD_BATCH).enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return Err(LoadError::Cancelled);
            }
            let started = Instant::now();
            let raw: Vec<Raw> = batch.par_iter().map(|f| read_raw(f, options)).collect();
            times.read += started.elapsed();
            let started = Instant::now();
            let parsed: Vec<Parsed> = batch
                .par_iter()
                .zip(raw)
                .map(|(file, raw)| parse_raw(file, raw, options))
                .collect();
            for outcome in parsed {
                warnings.extend(outcome.warnings);
                articles.extend(outcome.articles);
            }
            times.parse += started.elapsed();
            on_progress(LoadProgress {
                files_done: (batch_number * LOAD_BATCH + batch.len()).min(total),
                files_total: total,
                finding_duplicates: false,
            });
        }
        for (i, article) in articles.iter_mut().enumerate() {
            article.id = ArticleId(u32::try_from(i).unwrap_or(u32::MAX));
        }
        let started = Instant::now();
        let mut corpus = Self {
            articles,
            warnings,
            duplicates_folded: 0,
            times,
        };
        corpus.read_numeric_dates(corpus.numeric_order());
        corpus.infer_dates();
        corpus.times.parse += started.elapsed();
        // The analyst's dates saved beside a corpus folder.
        if let [folder] = paths
            && folder.is_dir()
        {
            let sidecar = folder.join(overrides::SIDECAR);
            if sidecar.is_file() {
                match overrides::read(&sidecar) {
                    Ok(entries) => {
                        corpus.apply_overrides(&entries, &sidecar.display().to_string());
                    }
                    Err(e) => corpus.warnings.push(LoadWarning::note(
                        sidecar.display().to_string(),
                        format!("dates not applied: {e}"),
                    )),
                }
            }
        }
        on_progress(LoadProgress {
            files_done: total,
            files_total: total,
            finding_duplicates: true,
        });
        let started = Instant::now();
        corpus.mark_duplicates(options.duplicate_threshold);
        if !options.keep_duplicates {
            corpus.fold_duplicates();
        }
        corpus.times.duplicates = started.elapsed();
        Ok(corpus)
    }

    /// Marks each article that repeats another (the same text, or a near copy above
    /// `threshold` similarity) with `duplicate_of`: the earliest published of its copies.
    pub fn mark_duplicates(&mut self, threshold: f64) {
        let texts: Vec<&str> = self.articles.iter().map(|a| a.text.as_str()).collect();
        let articles = &self.articles;
        let found = duplicates::find(&texts, threshold, |a, b| {
            let key = |i: usize| (articles[i].published.is_none(), articles[i].published, i);
            key(a) < key(b)
        });
        for (article, original) in self.articles.iter_mut().zip(found) {
            article.duplicate_of =
                original.map(|o| ArticleId(u32::try_from(o).unwrap_or(u32::MAX)));
        }
    }

    /// Leaves out the articles marked as duplicates; ids are given again in order.
    pub fn fold_duplicates(&mut self) {
        let before = self.articles.len();
        self.articles.retain(|a| a.duplicate_of.is_none());
        self.duplicates_folded += before - self.articles.len();
        for (i, article) in self.articles.iter_mut().enumerate() {
            article.id = ArticleId(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
}

/// A file's bytes as read from disk, or why it was not read.
enum Raw {
    /// Read by its own reader when parsed.
    Table,
    Bytes(Vec<u8>),
    Skipped(String),
}

/// What one file gave: its articles (ids still to be set) and warnings.
struct Parsed {
    articles: Vec<Article>,
    warnings: Vec<LoadWarning>,
}

fn read_raw(file: &SourceFile, options: &ReadOptions) -> Raw {
    if table::is_table(&file.path) {
        return Raw::Table;
    }
    // The limit is for one article's file; a table holds many articles.
    if let Ok(meta) = std::fs::metadata(&file.path)
        && meta.len() > options.max_file_bytes
    {
        return Raw::Skipped(format!(
            "is {:.1} MB, over the limit of {:.1} MB per file (--max-file-size raises it)",
            meta.len() as f64 / 1e6,
            options.max_file_bytes as f64 / 1e6
        ));
    }
    match std::fs::read(&file.path) {
        Ok(bytes) => Raw::Bytes(bytes),
        Err(e) => Raw::Skipped(io_reason(&e)),
    }
}

fn parse_raw(file: &SourceFile, raw: Raw, options: &ReadOptions) -> Parsed {
    let shown = || file.path.display().to_string();
    let mut out = Parsed {
        articles: Vec::new(),
        warnings: Vec::new(),
    };
    match raw {
        Raw::Skipped(reason) => out.warnings.push(LoadWarning::skipped(shown(), reason)),
        Raw::Table => match table::read_table(&file.path, &file.relative, &options.columns) {
            Ok((rows, note)) => {
                if let Some(note) = note {
                    out.warnings.push(LoadWarning::note(shown(), note));
                }
                out.articles = rows.into_iter().map(|r| article_from_row(0, r)).collect();
            }
            Err(error) => out.warnings.push(LoadWarning {
                columns: error.columns,
                ..LoadWarning::skipped(shown(), error.message)
            }),
        },
        Raw::Bytes(bytes) => match decode(&bytes) {
            Ok((text, note)) => {
                if let Some(note) = note {
                    out.warnings.push(LoadWarning::note(shown(), note));
                }
                out.articles.push(if html::is_html(&file.path) {
                    article_from_page(0, &file.relative, &text)
                } else {
                    build_article(0, &file.relative, &text)
                });
            }
            Err(reason) => out
                .warnings
                .push(LoadWarning::skipped(shown(), reason.to_string())),
        },
    }
    out
}

fn build_article(index: usize, source_path: &str, raw: &str) -> Article {
    let stem = Path::new(source_path).file_stem().map_or_else(
        || source_path.to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let parsed = parse_text_article(raw, &stem);
    Article {
        id: ArticleId(u32::try_from(index).unwrap_or(u32::MAX)),
        source_path: source_path.to_owned(),
        outlet: parsed.outlet,
        title: parsed.title,
        author: parsed.author,
        published: parsed.published,
        date_source: parsed.date_source,
        date_line: parsed.date_line,
        date_evidence: None,
        published_earliest: parsed.published,
        published_latest: parsed.published,
        word_count: word_count(&parsed.text),
        text: parsed.text,
        duplicate_of: None,
    }
}

fn article_from_page(index: usize, source_path: &str, html_text: &str) -> Article {
    let page = html::parse_page(html_text);
    let title = page.title.unwrap_or_else(|| {
        Path::new(source_path).file_stem().map_or_else(
            || source_path.to_owned(),
            |s| s.to_string_lossy().into_owned(),
        )
    });
    let date_source = if page.published.is_some() {
        DateSource::Explicit
    } else {
        DateSource::Missing
    };
    let meta = Printed {
        source_path: source_path.to_owned(),
        title,
        outlet: page.outlet,
        author: page.author,
        published: page.published,
        date_source,
        date_text: page.date_text,
        title_given: false,
    };
    printed_article(index, meta, &page.text)
}

fn article_from_row(index: usize, row: table::Row) -> Article {
    let meta = Printed {
        source_path: row.source_path,
        title: row.title,
        outlet: row.outlet,
        author: row.author,
        published: row.published,
        date_source: row.date_source,
        date_text: row.date_text,
        title_given: row.title_given,
    };
    printed_article(index, meta, &row.text)
}

/// What a page's metadata or a table's columns say about an article.
struct Printed {
    source_path: String,
    title: String,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<NaiveDate>,
    date_source: DateSource,
    date_text: Option<String>,
    /// Whether the title is the source's own (a table's title column), to be set above
    /// the body, rather than already the text's first paragraph or made from it.
    title_given: bool,
}

/// An article whose metadata came with it (not parsed from a header). Its text is the
/// title, as its first paragraph, then the body with hard-wrapped lines joined and
/// paragraphs separated by a blank line, as the text of an article file is.
fn printed_article(index: usize, meta: Printed, text: &str) -> Article {
    let body = wire::paragraphs(&header::normalize(text));
    let title = header::normalize(&meta.title);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = body.split("\n\n").next().unwrap_or("");
    let text = if !meta.title_given || title.is_empty() || first == title {
        body
    } else if body.is_empty() {
        title.clone()
    } else {
        format!("{title}\n\n{body}")
    };
    Article {
        id: ArticleId(u32::try_from(index).unwrap_or(u32::MAX)),
        source_path: meta.source_path,
        outlet: meta.outlet,
        title: if meta.title_given { title } else { meta.title },
        author: meta.author,
        published: meta.published,
        date_source: meta.date_source,
        date_line: meta.date_text.filter(|_| meta.published.is_some()),
        date_evidence: None,
        published_earliest: meta.published,
        published_latest: meta.published,
        word_count: word_count(&text),
        text,
        duplicate_of: None,
    }
}

/// The byte range of the paragraph of `text` that is its `title` (articles carry their
/// headline as a paragraph of their text, the first one unless a label or date stands
/// above it); `None` when no paragraph near the top is the title.
pub fn title_span(text: &str, title: &str) -> Option<std::ops::Range<usize>> {
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    let mut start = 0;
    for paragraph in text.split("\n\n").take(16) {
        let at = start + (paragraph.len() - paragraph.trim_start().len());
        if paragraph.trim() == title {
            return Some(at..at + title.len());
        }
        start += paragraph.len() + 2;
    }
    None
}

/// How files are read.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadOptions {
    /// Which column holds which field of a table, where the analyst said so.
    pub columns: table::ColumnMap,
    /// Article files (text, web pages) larger than this are skipped with a warning;
    /// tables of articles are not limited.
    pub max_file_bytes: u64,
    /// Count duplicate articles as often as they appear (else each story once).
    pub keep_duplicates: bool,
    /// Similarity (0–1) above which two articles are copies of one story.
    pub duplicate_threshold: f64,
}

/// The default size limit per file: 50 MB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50_000_000;

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            columns: table::ColumnMap::default(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            keep_duplicates: false,
            duplicate_threshold: duplicates::DEFAULT_THRESHOLD,
        }
    }
}

struct SourceFile {
    path: PathBuf,
    relative: String,
    /// Whether it was named as an input or reached through a link (it may then be
    /// another input's file under a second path).
    linked: bool,
}

/// Folder walking state: the folders already read, to stop at link loops.
#[derive(Default)]
struct Walk {
    visited: HashSet<PathBuf>,
}

impl Walk {
    fn collect(
        &mut self,
        path: &Path,
        prefix: Option<&str>,
        files: &mut Vec<SourceFile>,
        warnings: &mut Vec<LoadWarning>,
    ) {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.walk_dir(path, path, prefix, files, warnings),
            Ok(_) => {
                // A file named on its own is shown as given, or by its name when it is
                // the only input.
                let relative = match prefix {
                    Some(_) => path.display().to_string(),
                    None => path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    ),
                };
                files.push(SourceFile {
                    path: path.to_path_buf(),
                    relative,
                    linked: true,
                });
            }
            Err(e) => warnings.push(LoadWarning::skipped(
                path.display().to_string(),
                io_reason(&e),
            )),
        }
    }

    fn walk_dir(
        &mut self,
        root: &Path,
        dir: &Path,
        prefix: Option<&str>,
        files: &mut Vec<SourceFile>,
        warnings: &mut Vec<LoadWarning>,
    ) {
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.visited.insert(canonical.clone()) {
            if dir != root {
                warnings.push(LoadWarning::skipped(dir.display().to_string(), format!(
                        "skipped: this folder leads back to {}, which is already read (a link loop)",
                        canonical.display()
                    )));
            }
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                warnings.push(LoadWarning::skipped(
                    dir.display().to_string(),
                    format!("cannot list folder: {}", io_reason(&e)),
                ));
                return;
            }
        };
        // The entry's own type needs no extra look at the disk; a link's target does.
        let mut paths: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
            .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
            .collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, file_type) in paths {
            let linked = file_type.is_none_or(|t| t.is_symlink());
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let hidden = name.as_deref().is_some_and(|n| n.starts_with('.'));
            // The analyst's date corrections live beside the articles; they are not one.
            if hidden || name.as_deref() == Some(overrides::SIDECAR) {
                continue;
            }
            let is_dir = match file_type {
                Some(t) if !linked => t.is_dir(),
                _ => path.is_dir(),
            };
            if is_dir {
                self.walk_dir(root, &path, prefix, files, warnings);
                continue;
            }
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if TEXT_EXTENSIONS.contains(&extension.as_str()) || table::is_table(&path) {
                let inside = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                let relative = match prefix {
                    Some(prefix) => format!("{prefix}/{inside}"),
                    None => inside,
                };
                files.push(SourceFile {
                    path,
                    relative,
                    linked,
                });
            } else {
                warnings.push(LoadWarning::skipped(
                    path.display().to_string(),
                    format!(
                        "not a supported article file (expected .{})",
                        TEXT_EXTENSIONS
                            .iter()
                            .chain(&["csv", "tsv", "jsonl", "parquet", "csv.gz"])
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", .")
                    ),
                ));
            }
        }
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}
