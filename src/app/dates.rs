//! Where the analyst's publication dates are saved: the dates file beside a corpus of
//! one folder that can hold it, else the kept dates file in the app's data folder
//! ([`overrides::kept_dates_file`]), both in the same format, so the command line can
//! read them too.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::corpus::Corpus;
use crate::corpus::overrides::{self, DateOverride, OverrideError};
use crate::dates::NumericOrder;
use crate::export::ExportError;
use crate::frames::Dating;

/// Why an article's date could not be set or taken back.
#[derive(Debug, thiserror::Error)]
pub enum DateEditError {
    /// A dates file that cannot be read is left as it is: its other dates must not be
    /// lost.
    #[error("{error}; fix or remove that file first, the date of {source_path} is unchanged.")]
    Unreadable {
        /// What is wrong with the file.
        error: OverrideError,
        /// The article.
        source_path: String,
    },
    /// A dates file that cannot be written.
    #[error("{error}; the date of {source_path} is unchanged.")]
    Unwritable {
        /// Why.
        error: ExportError,
        /// The article.
        source_path: String,
    },
    /// The app's data folder cannot be made.
    #[error("cannot create {}: {error}; the date of {source_path} is unchanged.", folder.display())]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// Why.
        error: std::io::Error,
        /// The article.
        source_path: String,
    },
    /// No data folder is known to keep the date in.
    #[error(
        "no folder can keep the date of {source_path} (the corpus folder cannot hold it and neither HOME nor {} is set); it is unchanged.",
        overrides::DATA_DIR_VARIABLE
    )]
    NoDataFolder {
        /// The article.
        source_path: String,
    },
    /// What was typed is not a day.
    #[error(
        "\"{typed}\" is not a valid date (write YYYY-MM-DD, a real day); the date of {source_path} is unchanged."
    )]
    NotADate {
        /// The text as typed.
        typed: String,
        /// The article.
        source_path: String,
    },
    /// Neither file holds a date of this article.
    #[error("{source_path} has no date of yours to take back; type a date to set one.")]
    NothingToTakeBack {
        /// The article.
        source_path: String,
    },
}

/// The dates file beside the corpus at `paths`, when it is one folder.
fn beside(paths: &[PathBuf]) -> Option<PathBuf> {
    let [folder] = paths else { return None };
    folder.is_dir().then(|| folder.join(overrides::SIDECAR))
}

/// The entries of the dates file at `file` (none when there is no file).
fn entries(file: &Path, source_path: &str) -> Result<Vec<DateOverride>, DateEditError> {
    if !file.is_file() {
        return Ok(Vec::new());
    }
    overrides::read(file).map_err(|error| DateEditError::Unreadable {
        error,
        source_path: source_path.to_owned(),
    })
}

/// Writes `entries` to `file`.
fn write(file: &Path, entries: &[DateOverride], source_path: &str) -> Result<(), DateEditError> {
    overrides::write(file, entries).map_err(|error| DateEditError::Unwritable {
        error,
        source_path: source_path.to_owned(),
    })
}

/// Removes the date of `source_path` from `file`; whether it held one.
fn remove(file: &Path, source_path: &str) -> Result<bool, DateEditError> {
    let mut list = entries(file, source_path)?;
    let before = list.len();
    list.retain(|e| e.source_path != source_path);
    if list.len() == before {
        return Ok(false);
    }
    write(file, &list, source_path)?;
    Ok(true)
}

/// Where a date was saved.
#[derive(Debug)]
pub enum Saved {
    /// In the dates file beside the corpus.
    Beside(PathBuf),
    /// In the app's data folder, as the corpus folder cannot hold it.
    Kept(PathBuf),
}

/// Sets the analyst's date of one article: in the dates file beside a corpus of one
/// folder, else (or when that folder cannot take a new file) in `kept`, the corpus's
/// kept dates file.
pub fn set(
    paths: &[PathBuf],
    kept: Option<&Path>,
    source_path: &str,
    date: NaiveDate,
) -> Result<Saved, DateEditError> {
    let entry = DateOverride {
        source_path: source_path.to_owned(),
        published: date,
    };
    if let Some(file) = beside(paths) {
        let existed = file.is_file();
        let mut list = entries(&file, source_path)?;
        list.retain(|e| e.source_path != source_path);
        list.push(entry.clone());
        match overrides::write(&file, &list) {
            Ok(()) => {
                // One place holds an article's date.
                if let Some(kept) = kept {
                    remove(kept, source_path)?;
                }
                return Ok(Saved::Beside(file));
            }
            // A folder that cannot take a new file: the date is kept by the app.
            Err(_) if !existed => {}
            Err(error) => {
                return Err(DateEditError::Unwritable {
                    error,
                    source_path: source_path.to_owned(),
                });
            }
        }
    }
    let file = kept.ok_or_else(|| DateEditError::NoDataFolder {
        source_path: source_path.to_owned(),
    })?;
    make_folder(file, source_path)?;
    let mut list = entries(file, source_path)?;
    list.retain(|e| e.source_path != source_path);
    list.push(entry);
    write(file, &list, source_path)?;
    Ok(Saved::Kept(file.to_path_buf()))
}

/// Makes the folder of `file`.
fn make_folder(file: &Path, source_path: &str) -> Result<(), DateEditError> {
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(|error| DateEditError::Folder {
            folder: folder.to_path_buf(),
            error,
            source_path: source_path.to_owned(),
        })?;
    }
    Ok(())
}

/// Takes back the analyst's date of one article, from whichever file holds it: the
/// dates file beside the corpus at `paths` or `kept`.
pub fn take_back(
    paths: &[PathBuf],
    kept: Option<&Path>,
    source_path: &str,
) -> Result<(), DateEditError> {
    let mut removed = false;
    if let Some(file) = beside(paths) {
        removed |= remove(&file, source_path)?;
    }
    if let Some(file) = kept {
        removed |= remove(file, source_path)?;
    }
    if removed {
        Ok(())
    } else {
        Err(DateEditError::NothingToTakeBack {
            source_path: source_path.to_owned(),
        })
    }
}

/// Adds `moved` to `kept`, a corpus's kept dates file (entries already in the file
/// win).
pub fn keep(kept: Option<&Path>, moved: &[DateOverride]) -> Result<(), DateEditError> {
    let what = moved.first().map_or("", |e| e.source_path.as_str());
    let file = kept.ok_or_else(|| DateEditError::NoDataFolder {
        source_path: what.to_owned(),
    })?;
    make_folder(file, what)?;
    let mut list = entries(file, what)?;
    for entry in moved {
        if !list.iter().any(|e| e.source_path == entry.source_path) {
            list.push(entry.clone());
        }
    }
    write(file, &list, what)
}

/// The dates of the corpus `key` among those earlier versions kept in the settings:
/// (corpus, source path, YYYY-MM-DD).
pub fn from_settings(old: &[(String, String, String)], key: &str) -> Vec<DateOverride> {
    old.iter()
        .filter(|(corpus, _, _)| corpus == key)
        .filter_map(|(_, source_path, date)| {
            Some(DateOverride {
                source_path: source_path.clone(),
                published: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
            })
        })
        .collect()
}

/// Moves the dates earlier versions kept in the settings (`old`) to the kept dates file
/// `file_of` names for each corpus. The entries of a corpus whose file cannot be
/// written stay in `old`, and the last such problem is returned.
pub fn move_from_settings(
    old: &mut Vec<(String, String, String)>,
    file_of: impl Fn(&[PathBuf]) -> Option<PathBuf>,
) -> Result<(), DateEditError> {
    let mut keys: Vec<String> = old.iter().map(|(key, _, _)| key.clone()).collect();
    keys.sort();
    keys.dedup();
    let mut problem = Ok(());
    for key in keys {
        let file = file_of(&paths_of_key(&key));
        match keep(file.as_deref(), &from_settings(old, &key)) {
            Ok(()) => old.retain(|(corpus, _, _)| *corpus != key),
            Err(e) => problem = Err(e),
        }
    }
    problem
}

/// The paths of a corpus as earlier versions named it in the settings.
fn paths_of_key(key: &str) -> Vec<PathBuf> {
    if key == "sample" {
        return Vec::new();
    }
    key.split('\n').map(PathBuf::from).collect()
}

/// How earlier versions named the corpus at `paths` in the settings.
pub fn settings_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "sample".to_owned();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The date the page of `source_path` gives, read again from its file (numeric dates in
/// `order`), when the corpus is one folder of article files.
pub fn page_dating(paths: &[PathBuf], source_path: &str, order: NumericOrder) -> Option<Dating> {
    let [folder] = paths else { return None };
    let file = folder.join(source_path);
    if !folder.is_dir() || !file.is_file() || crate::corpus::table::is_table(&file) {
        return None;
    }
    let never = std::sync::atomic::AtomicBool::new(false);
    let mut corpus = Corpus::load(&[file], &never, &mut |_| {}).ok()?;
    corpus.read_numeric_dates(order);
    corpus.articles.first().map(Dating::of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_goes_beside_the_corpus_or_to_the_kept_file_and_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let kept = dir.path().join("data/dates/corpus.csv");
        let day = NaiveDate::from_ymd_opt(2023, 12, 28).unwrap();
        let paths = vec![corpus.clone()];

        let saved = set(&paths, Some(&kept), "004.txt", day).unwrap();
        assert!(matches!(saved, Saved::Beside(_)));
        let beside = std::fs::read_to_string(corpus.join(overrides::SIDECAR)).unwrap();
        assert!(beside.contains("004.txt,2023-12-28"), "{beside}");
        take_back(&paths, Some(&kept), "004.txt").unwrap();
        let error = take_back(&paths, Some(&kept), "004.txt").unwrap_err();
        assert!(matches!(error, DateEditError::NothingToTakeBack { .. }));

        // The sample corpus has no folder: its dates are kept by the app.
        let saved = set(&[], Some(&kept), "004.txt", day).unwrap();
        assert!(matches!(saved, Saved::Kept(_)));
        assert_eq!(kept_entries(&kept), [("004.txt".to_owned(), day)]);
        assert_eq!(overrides::read_kept(Some(&kept)).0.len(), 1);
        take_back(&[], Some(&kept), "004.txt").unwrap();
        assert!(kept_entries(&kept).is_empty());
    }

    #[test]
    fn a_dates_file_that_cannot_be_read_is_reported_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(overrides::SIDECAR);
        std::fs::write(&file, "source_path,published\n004.txt,28/12/2023\n").unwrap();
        let paths = vec![dir.path().to_path_buf()];
        let day = NaiveDate::from_ymd_opt(2024, 1, 3).unwrap();
        let message = set(&paths, None, "005.txt", day).unwrap_err().to_string();
        assert!(message.contains("line 2"), "{message}");
        assert!(message.contains("005.txt is unchanged"), "{message}");
        let message = take_back(&paths, None, "004.txt").unwrap_err().to_string();
        assert!(message.contains("line 2"), "{message}");
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .contains("28/12/2023")
        );
        let (entries, warning) = overrides::read_kept(Some(&file));
        assert!(entries.is_empty());
        assert!(warning.is_some());
    }

    #[test]
    fn dates_kept_in_old_settings_move_to_the_kept_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = vec![
            (
                "sample".to_owned(),
                "004.txt".to_owned(),
                "2023-12-28".to_owned(),
            ),
            (
                "/news/a\n/news/b".to_owned(),
                "x.txt".to_owned(),
                "2024-01-02".to_owned(),
            ),
        ];
        let folder = dir.path().to_path_buf();
        let file_of = |paths: &[PathBuf]| Some(folder.join(format!("{}.csv", paths.len())));
        move_from_settings(&mut old, file_of).unwrap();
        assert!(old.is_empty());
        let day = NaiveDate::from_ymd_opt(2023, 12, 28).unwrap();
        assert_eq!(
            kept_entries(&dir.path().join("0.csv")),
            [("004.txt".to_owned(), day)]
        );
        assert_eq!(kept_entries(&dir.path().join("2.csv")).len(), 1);

        // Without a data folder the entries stay where they were.
        let mut old = vec![(
            "sample".to_owned(),
            "004.txt".to_owned(),
            "2023-12-28".to_owned(),
        )];
        assert!(move_from_settings(&mut old, |_| None).is_err());
        assert_eq!(old.len(), 1);
    }

    fn kept_entries(file: &Path) -> Vec<(String, NaiveDate)> {
        overrides::read(file)
            .unwrap()
            .into_iter()
            .map(|e| (e.source_path, e.published))
            .collect()
    }
}
