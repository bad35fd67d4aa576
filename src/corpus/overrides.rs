//! Publication dates set by the analyst. They are kept in a small CSV file
//! (`source_path,published`) beside the corpus, applied on every load, and shown as
//! `override`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Corpus, LoadWarning};
use crate::dates::DateSource;

/// The file, in a corpus folder, that holds the analyst's dates.
pub const SIDECAR: &str = "newslens-dates.csv";

/// The environment variable that, when set, names the folder NewsLens keeps its own
/// data in (tests point it at a temporary folder).
pub const DATA_DIR_VARIABLE: &str = "NEWSLENS_DATA_DIR";

/// The file that holds the analyst's dates for a corpus whose folder cannot hold them
/// (the sample corpus, several paths, a read-only folder), in the same format as
/// [`SIDECAR`]: `dates/<key>.csv` in NewsLens's data folder, which is
/// `$NEWSLENS_DATA_DIR` when set, else `$XDG_DATA_HOME/newslens`, else
/// `$HOME/.local/share/newslens`. The key is `sample` for the sample corpus (no paths),
/// else the last path's name and a hash of every path (made absolute), so each corpus
/// has its own file, whichever folder it was opened from.
/// `None` when no data folder is known.
pub fn kept_dates_file(paths: &[PathBuf]) -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let data = var(DATA_DIR_VARIABLE)
        .map(PathBuf::from)
        .or_else(|| var("XDG_DATA_HOME").map(|d| PathBuf::from(d).join("newslens")))
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".local/share/newslens")))?;
    Some(
        data.join("dates")
            .join(format!("{}.csv", corpus_key(paths))),
    )
}

/// The dates in `kept`, a corpus's kept dates file; one that cannot be read becomes a
/// warning and its dates are not applied.
pub fn read_kept(kept: Option<&Path>) -> (Vec<DateOverride>, Option<LoadWarning>) {
    let Some(file) = kept.filter(|f| f.is_file()) else {
        return (Vec::new(), None);
    };
    match read(file) {
        Ok(entries) => (entries, None),
        Err(e) => (
            Vec::new(),
            Some(LoadWarning::note(
                file.display().to_string(),
                format!("{e}; the dates it holds are not applied"),
            )),
        ),
    }
}

/// A file name for the corpus at `paths`: readable, and the same on every run (FNV-1a
/// of the paths, as they are shown, one per line).
fn corpus_key(paths: &[PathBuf]) -> String {
    let Some(last) = paths.last() else {
        return "sample".to_owned();
    };
    // The same corpus named from another folder, or through a link, has the same file.
    let joined = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    let hash = joined.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let name: String = last
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if name.is_empty() {
        format!("{hash:016x}")
    } else {
        format!("{name}-{hash:016x}")
    }
}

/// One date set by the analyst.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateOverride {
    /// The article, by its `source_path`.
    pub source_path: String,
    /// Its publication date.
    pub published: NaiveDate,
}

/// A dates file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OverrideError {
    /// The file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not `source_path,published`.
    #[error("{path} line {line}: {reason}")]
    Line {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Reads a dates file: a header line `source_path,published`, then one article per line
/// (a path holding a comma is quoted, as CSV quotes it).
pub fn read(path: &Path) -> Result<Vec<DateOverride>, OverrideError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| OverrideError::Read {
        path: shown.clone(),
        source,
    })?;
    let line_error = |line: usize, reason: String| OverrideError::Line {
        path: shown.clone(),
        line,
        reason,
    };
    let mut entries = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        let fields = split_csv_line(raw)
            .ok_or_else(|| line_error(number, "a quoted field is not closed".to_owned()))?;
        if index == 0 {
            if fields != ["source_path", "published"] {
                return Err(line_error(
                    number,
                    format!(
                        "the header must be `source_path,published`, not `{}`",
                        raw.trim()
                    ),
                ));
            }
            continue;
        }
        let [source_path, published] = fields.as_slice() else {
            return Err(line_error(
                number,
                format!(
                    "expected 2 fields (source_path,published), found {}",
                    fields.len()
                ),
            ));
        };
        let published = NaiveDate::parse_from_str(published.trim(), "%Y-%m-%d").map_err(|_| {
            line_error(
                number,
                format!("\"{}\" is not a date (use YYYY-MM-DD)", published.trim()),
            )
        })?;
        entries.push(DateOverride {
            source_path: source_path.clone(),
            published,
        });
    }
    Ok(entries)
}

/// Splits one CSV line into fields; `None` when a quote is left open.
fn split_csv_line(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    fields.push(field);
    Some(fields)
}

/// Writes `entries` as a dates file, atomically.
pub fn write(path: &Path, entries: &[DateOverride]) -> Result<(), crate::export::ExportError> {
    crate::export::write_atomically(path, true, |out| {
        writeln!(out, "source_path,published")?;
        for entry in entries {
            let needs_quotes = entry.source_path.contains([',', '"', '\n']);
            if needs_quotes {
                let escaped = entry.source_path.replace('"', "\"\"");
                writeln!(out, "\"{escaped}\",{}", entry.published)?;
            } else {
                writeln!(out, "{},{}", entry.source_path, entry.published)?;
            }
        }
        Ok(())
    })
}

impl Corpus {
    /// Sets the analyst's dates. An entry naming no article of the corpus becomes a
    /// warning; the others apply.
    pub fn apply_overrides(&mut self, entries: &[DateOverride], from: &str) {
        for entry in entries {
            let article = self
                .articles
                .iter_mut()
                .find(|a| a.source_path == entry.source_path);
            match article {
                Some(article) => {
                    article.published = Some(entry.published);
                    article.published_earliest = Some(entry.published);
                    article.published_latest = Some(entry.published);
                    article.date_source = DateSource::Override;
                    article.date_evidence = None;
                }
                None => self.warnings.push(LoadWarning::note(
                    from.to_owned(),
                    format!(
                        "the date for {} was not applied: no article of this corpus has that path",
                        entry.source_path
                    ),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_paths_and_names_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(SIDECAR);
        std::fs::write(
            &file,
            "source_path,published\n004.txt,2023-12-28\n\"a, b.txt\",2024-01-02\n",
        )
        .unwrap();
        let entries = read(&file).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].source_path, "a, b.txt");

        // What is written reads back the same.
        write(&file, &entries).unwrap();
        assert_eq!(read(&file).unwrap(), entries);

        std::fs::write(&file, "source_path,published\n004.txt,28/12/2023\n").unwrap();
        let message = read(&file).unwrap_err().to_string();
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("28/12/2023"), "{message}");
        std::fs::write(&file, "path,date\n").unwrap();
        assert!(read(&file).unwrap_err().to_string().contains("line 1"));
    }

    #[test]
    fn each_corpus_has_its_own_kept_dates_file() {
        let sample = corpus_key(&[]);
        assert_eq!(sample, "sample");
        let a = corpus_key(&[PathBuf::from("/news/seeds")]);
        let b = corpus_key(&[PathBuf::from("/other/seeds")]);
        assert!(a.starts_with("seeds-"), "{a}");
        assert_ne!(a, b);
        assert_eq!(a, corpus_key(&[PathBuf::from("/news/seeds")]));
    }
}
