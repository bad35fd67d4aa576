//! Tables of articles — CSV, TSV, JSON Lines and Parquet, optionally gzip-compressed —
//! one article per row, read with Polars. Columns are found by their usual names
//! (the Media Cloud export loads as it is) or named by the analyst.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use polars::prelude::*;

use crate::dates::{DateSource, parse_date_line, parse_user_date};

mod recover;

/// The article fields a table can give.
pub const FIELDS: [&str; 7] = [
    "id",
    "title",
    "text",
    "published",
    "outlet",
    "url",
    "author",
];

/// Column names tried for each field, in order, compared without regard to case.
const USUAL_NAMES: [(&str, &[&str]); 7] = [
    (
        "id",
        &[
            "id",
            "stories_id",
            "story_id",
            "article_id",
            "doc_id",
            "guid",
        ],
    ),
    ("title", &["title", "headline", "heading", "name"]),
    (
        "text",
        &[
            "text",
            "body",
            "content",
            "full_text",
            "article_text",
            "story_text",
            "maintext",
            "article",
        ],
    ),
    (
        "published",
        &[
            "publish_date",
            "published",
            "published_at",
            "publication_date",
            "pub_date",
            "date",
            "datetime",
            "timestamp",
            "created_at",
        ],
    ),
    (
        "outlet",
        &[
            "media_name",
            "outlet",
            "source",
            "source_name",
            "publisher",
            "media",
            "domain",
            "site",
            "newspaper",
        ],
    ),
    ("url", &["url", "link", "uri", "canonical_url"]),
    ("author", &["author", "authors", "byline", "creator"]),
];

/// Why the columns of a table cannot be told, or a column map cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ColumnError {
    /// A part of the map is not `FIELD=COLUMN`.
    #[error("\"{part}\" is not FIELD=COLUMN (for example text=body)")]
    NotFieldColumn {
        /// The part as written.
        part: String,
    },
    /// A field NewsLens does not know.
    #[error("\"{field}\" is not a field; use one of {}", FIELDS.join(", "))]
    UnknownField {
        /// The field as written, lowercased.
        field: String,
    },
    /// The analyst named a column the table does not have.
    #[error("has no column \"{chosen}\" (for {field}); its columns are {}", columns.join(", "))]
    MissingColumn {
        /// The column named.
        chosen: String,
        /// The field it was named for.
        field: String,
        /// The table's columns.
        columns: Vec<String>,
    },
    /// No column can be told to hold the text.
    #[error(
        "has no text column (looked for {}); its columns are {}; name one with --columns text=COLUMN",
        USUAL_NAMES[2].1.join(", "),
        columns.join(", ")
    )]
    NoText {
        /// The table's columns.
        columns: Vec<String>,
    },
}

/// Which column holds which field: found by name, or as the analyst said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    /// Field → column name.
    pub columns: HashMap<String, String>,
}

impl ColumnMap {
    /// Parses `text=body,published=date`. Unknown fields are refused.
    pub fn parse(spec: &str) -> Result<Self, ColumnError> {
        let mut columns = HashMap::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((field, column)) = part.split_once('=') else {
                return Err(ColumnError::NotFieldColumn {
                    part: part.to_owned(),
                });
            };
            let field = field.trim().to_lowercase();
            if !FIELDS.contains(&field.as_str()) {
                return Err(ColumnError::UnknownField { field });
            }
            columns.insert(field, column.trim().to_owned());
        }
        Ok(Self { columns })
    }

    /// The map for a table with these columns: the analyst's choices, then the usual
    /// names. Returns it with the fields it had to guess or could not find.
    pub fn detect(&self, names: &[String]) -> Result<Self, ColumnError> {
        let mut columns = HashMap::new();
        for (field, usual) in USUAL_NAMES {
            if let Some(chosen) = self.columns.get(field) {
                if !names.iter().any(|n| n == chosen) {
                    return Err(ColumnError::MissingColumn {
                        chosen: chosen.clone(),
                        field: field.to_owned(),
                        columns: names.to_vec(),
                    });
                }
                columns.insert(field.to_owned(), chosen.clone());
                continue;
            }
            let found = usual
                .iter()
                .find_map(|u| names.iter().find(|n| n.trim().eq_ignore_ascii_case(u)));
            if let Some(name) = found {
                columns.insert(field.to_owned(), name.clone());
            }
        }
        if !columns.contains_key("text") {
            return Err(ColumnError::NoText {
                columns: names.to_vec(),
            });
        }
        Ok(Self { columns })
    }
}

/// One row of a table as an article's raw fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Where the row is: `file.csv#id` (or `#row N` without an id column).
    pub source_path: String,
    /// Title, or the start of the text when the table has none.
    pub title: String,
    /// Whether the title is the table's own (not the start of the text).
    pub title_given: bool,
    /// Body text.
    pub text: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Publication date, when the date column has a readable one.
    pub published: Option<chrono::NaiveDate>,
    /// How the date was found (explicit from the column, else missing).
    pub date_source: DateSource,
    /// The date as the column gives it.
    pub date_text: Option<String>,
}

/// Why a table could not be read; `columns` lists its columns when they were read but
/// none could be told to hold the text (the analyst may name it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    /// One sentence on the cause.
    pub message: String,
    /// The table's columns, when the text column is what is missing.
    pub columns: Vec<String>,
}

impl From<String> for TableError {
    fn from(message: String) -> Self {
        Self {
            message,
            columns: Vec::new(),
        }
    }
}

impl From<&str> for TableError {
    fn from(message: &str) -> Self {
        message.to_owned().into()
    }
}

/// Whether `path` names a table this module reads.
pub fn is_table(path: &Path) -> bool {
    table_kind(path).is_some()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Csv,
    Tsv,
    JsonLines,
    Parquet,
}

/// The kind of table a file name says, and whether it is gzip-compressed.
fn table_kind(path: &Path) -> Option<(Kind, bool)> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(stem) => (stem.to_owned(), true),
        None => (name, false),
    };
    let kind = match stem.rsplit('.').next()? {
        "csv" => Kind::Csv,
        "tsv" | "tab" => Kind::Tsv,
        "jsonl" | "ndjson" => Kind::JsonLines,
        "parquet" => Kind::Parquet,
        _ => return None,
    };
    Some((kind, gz))
}

/// Reads every row of a table file. `relative` names the file in `source_path`s; rows
/// without text are counted in the returned note.
pub fn read_table(
    path: &Path,
    relative: &str,
    map: &ColumnMap,
) -> Result<(Vec<Row>, Option<String>), TableError> {
    let (kind, gz) = table_kind(path).ok_or("is not a table file")?;
    let mut bytes = std::fs::read(path).map_err(|e| super::io_reason(&e))?;
    let mut cut_short = None;
    if gz || bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if let Err(e) = flate2::read::MultiGzDecoder::new(Cursor::new(&bytes)).read_to_end(&mut out)
        {
            // A file cut short still holds the rows before the cut (not a Parquet file,
            // whose index is at its end).
            if kind == Kind::Parquet || !out.contains(&b'\n') {
                return Err(format!("cannot be decompressed (gzip): {e}").into());
            }
            recover::complete_lines(&mut out);
            cut_short = Some(e.to_string());
        }
        bytes = out;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty".into());
    }
    let (frame, bad_lines) = read_frame(kind, bytes)
        .map_err(|e| format!("cannot be read as a table: {}", first_line(&e.to_string())))?;
    let names: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let map = map.detect(&names).map_err(|error| TableError {
        message: error.to_string(),
        columns: names.clone(),
    })?;
    let column = |field: &str| -> Result<Option<StringChunked>, String> {
        let Some(name) = map.columns.get(field) else {
            return Ok(None);
        };
        let col = frame
            .column(name)
            .map_err(|e| e.to_string())?
            .cast(&DataType::String)
            .map_err(|e| format!("column \"{name}\" cannot be read as text: {e}"))?;
        Ok(Some(col.str().map_err(|e| e.to_string())?.clone()))
    };
    let text = column("text")?.ok_or("has no text column")?;
    let (id, title, published, outlet, author) = (
        column("id")?,
        column("title")?,
        column("published")?,
        column("outlet")?,
        column("author")?,
    );
    let get = |c: &Option<StringChunked>, i: usize| -> Option<String> {
        c.as_ref()
            .and_then(|c| c.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut rows = Vec::with_capacity(frame.height());
    let mut without_text = 0usize;
    let mut unreadable_dates = 0usize;
    for i in 0..frame.height() {
        let Some(body) = text.get(i).filter(|t| !t.trim().is_empty()) else {
            without_text += 1;
            continue;
        };
        let body = if body.contains('\r') {
            body.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            body.to_owned()
        };
        let key = get(&id, i).unwrap_or_else(|| format!("row {}", i + 1));
        let date_text = get(&published, i);
        let date = date_text
            .as_deref()
            .and_then(|d| parse_user_date(d).or_else(|| parse_date_line(d)));
        if date_text.is_some() && date.is_none() {
            unreadable_dates += 1;
        }
        let given = get(&title, i);
        let title_given = given.is_some();
        let title = given.unwrap_or_else(|| {
            body.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .chars()
                .take(120)
                .collect()
        });
        rows.push(Row {
            source_path: format!("{relative}#{key}"),
            title,
            title_given,
            text: body,
            outlet: get(&outlet, i),
            author: get(&author, i),
            published: date,
            date_source: if date.is_some() {
                DateSource::Explicit
            } else {
                DateSource::Missing
            },
            date_text,
        });
    }
    let mut notes = Vec::new();
    if let Some(cause) = &cut_short {
        notes.push(format!(
            "the compressed file is cut short ({cause}); the {} row(s) before the cut were read",
            rows.len()
        ));
    }
    if !bad_lines.is_empty() {
        let what = if kind == Kind::JsonLines {
            "line(s) that are not a JSON object"
        } else {
            "row(s) that cannot be parsed"
        };
        notes.push(format!(
            "{} {what} left out ({}); {} row(s) read",
            bad_lines.len(),
            recover::describe_lines(&bad_lines),
            rows.len()
        ));
    }
    if without_text > 0 {
        notes.push(format!("{without_text} row(s) without text left out"));
    }
    if unreadable_dates > 0 {
        notes.push(format!(
            "{unreadable_dates} date(s) in column \"{}\" could not be read",
            map.columns.get("published").map_or("", String::as_str)
        ));
    }
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    Ok((rows, note))
}

/// Reads a table's bytes with Polars, leaving out the records that cannot be parsed;
/// returns the frame and the first line of every record left out.
fn read_frame(kind: Kind, bytes: Vec<u8>) -> PolarsResult<(DataFrame, Vec<usize>)> {
    match kind {
        Kind::Csv | Kind::Tsv => {
            let separator = if kind == Kind::Tsv { b'\t' } else { b',' };
            let salvage = recover::csv_records(&bytes, separator);
            let (bytes, bad_lines) = match salvage {
                Some(s) if !s.bad_lines.is_empty() => (s.join(&bytes), s.bad_lines),
                _ => (bytes, Vec::new()),
            };
            let frame = CsvReadOptions::default()
                .with_has_header(true)
                // Every column as text: a table's types are the analyst's business.
                .with_infer_schema_length(Some(0))
                .map_parse_options(|o| o.with_separator(separator))
                .into_reader_with_file_handle(Cursor::new(bytes))
                .finish()?;
            Ok((frame, bad_lines))
        }
        Kind::JsonLines => {
            let read = |bytes: &[u8]| {
                JsonReader::new(Cursor::new(bytes))
                    .with_json_format(JsonFormat::JsonLines)
                    .infer_schema_len(None)
                    .finish()
            };
            match read(&bytes) {
                Ok(frame) => Ok((frame, Vec::new())),
                Err(error) => {
                    // Only when the whole file cannot be read is it read a line at a time.
                    let salvage = recover::json_lines(&bytes);
                    if salvage.bad_lines.is_empty() || salvage.kept.is_empty() {
                        return Err(error);
                    }
                    Ok((read(&salvage.join(&bytes))?, salvage.bad_lines))
                }
            }
        }
        Kind::Parquet => Ok((ParquetReader::new(Cursor::new(bytes)).finish()?, Vec::new())),
    }
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_their_usual_names() {
        let names: Vec<String> = [
            "stories_id",
            "publish_date",
            "Title",
            "url",
            "media_name",
            "text",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let map = ColumnMap::default().detect(&names).unwrap();
        assert_eq!(map.columns["id"], "stories_id");
        assert_eq!(map.columns["published"], "publish_date");
        assert_eq!(map.columns["title"], "Title");
        assert_eq!(map.columns["outlet"], "media_name");
        let chosen = ColumnMap::parse("text=url, outlet = Title").unwrap();
        let map = chosen.detect(&names).unwrap();
        assert_eq!(map.columns["text"], "url");
        assert_eq!(map.columns["outlet"], "Title");
        assert!(
            ColumnMap::parse("body=text")
                .unwrap_err()
                .to_string()
                .contains("not a field")
        );
        assert!(
            ColumnMap::parse("text")
                .unwrap_err()
                .to_string()
                .contains("FIELD=COLUMN")
        );
        let missing = ColumnMap::default()
            .detect(&["headline".to_owned(), "when".to_owned()])
            .unwrap_err()
            .to_string();
        assert!(missing.contains("no text column") && missing.contains("headline, when"));
    }
}
