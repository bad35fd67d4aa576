//! Writing frames: CSV, JSON, Parquet and aligned text tables, to a stream or
//! atomically to a file.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::dates::from_epoch_days;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// An aligned, human-readable table.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of row objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Apache Parquet.
    Parquet,
}

impl Format {
    /// The format implied by a file name's extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        match ext.as_str() {
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            "jsonl" | "ndjson" => Some(Self::Jsonl),
            "parquet" | "pq" => Some(Self::Parquet),
            "txt" => Some(Self::Table),
            _ => None,
        }
    }

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Jsonl => "jsonl",
            Self::Parquet => "parquet",
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target exists and replacing it was not allowed.
    #[error("{} already exists; choose another name or allow replacing it (--force)", path.display())]
    Exists {
        /// The target.
        path: PathBuf,
    },
    /// Writing failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Polars could not encode the frame.
    #[error("cannot write {}: {source}", path.display())]
    Encode {
        /// The target.
        path: PathBuf,
        /// Why.
        source: PolarsError,
    },
}

/// Writes `frame` to `out` in `format`.
pub fn write_frame(
    frame: &DataFrame,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), WriteError> {
    let mut frame = frame.clone();
    match format {
        Format::Table => out.write_all(render_table(&frame).as_bytes())?,
        Format::Csv => CsvWriter::new(out)
            .include_header(true)
            .finish(&mut frame)?,
        Format::Json => JsonWriter::new(out)
            .with_json_format(JsonFormat::Json)
            .finish(&mut frame)?,
        Format::Jsonl => JsonWriter::new(out)
            .with_json_format(JsonFormat::JsonLines)
            .finish(&mut frame)?,
        Format::Parquet => {
            ParquetWriter::new(out).finish(&mut frame)?;
        }
    }
    Ok(())
}

/// A failure while writing to a stream.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The stream refused the bytes.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// Polars could not encode the frame.
    #[error(transparent)]
    Encode(#[from] PolarsError),
}

/// Writes `frame` to `path` through a temporary file in the same folder that is renamed
/// into place once complete, so the target never holds a partial file. An existing
/// target is replaced only when `replace` is true.
pub fn write_file(
    frame: &DataFrame,
    format: Format,
    path: &Path,
    replace: bool,
) -> Result<(), ExportError> {
    write_atomically(path, replace, |out| write_frame(frame, format, out))
}

/// Writes a file through `write` the way [`write_file`] does: into a temporary file
/// beside `path`, synced, then renamed over it, so a reader never sees half a file.
pub fn write_atomically(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>,
) -> Result<(), ExportError> {
    let io_err = |source: io::Error| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !replace && path.exists() {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        )));
    }
    if path.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    let temp = tempfile::Builder::new()
        .prefix(".newslens-export-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            let why = match e.kind() {
                io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                io::ErrorKind::ReadOnlyFilesystem => "it is read-only".to_owned(),
                io::ErrorKind::StorageFull => "the disk is full".to_owned(),
                _ => e.kind().to_string(),
            };
            io_err(io::Error::new(
                e.kind(),
                format!("no file can be created in {} ({why})", dir.display()),
            ))
        })?;
    {
        let mut writer = BufWriter::new(temp.as_file());
        write(&mut writer).map_err(|e| match e {
            WriteError::Io(source) => io_err(source),
            WriteError::Encode(source) => ExportError::Encode {
                path: path.to_path_buf(),
                source,
            },
        })?;
        writer.flush().map_err(io_err)?;
    }
    temp.as_file().sync_all().map_err(io_err)?;
    // The temporary file is private (0600); the export gets the replaced file's
    // permissions, or the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(io_err)?;
    }
    if replace {
        temp.persist(path).map_err(|e| io_err(e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                ExportError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                io_err(e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Longest cell shown in a text table; longer values end in `…`.
const MAX_CELL: usize = 60;

/// Renders a frame as an aligned text table: numbers right-aligned, long text cut.
pub fn render_table(frame: &DataFrame) -> String {
    let columns = frame.columns();
    let numeric: Vec<bool> = columns
        .iter()
        .map(|c| c.dtype().is_primitive_numeric())
        .collect();
    let mut cells: Vec<Vec<String>> = vec![columns.iter().map(|c| c.name().to_string()).collect()];
    for row in 0..frame.height() {
        cells.push(columns.iter().map(|c| cell_text(c, row)).collect());
    }
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = widths[i] - cell.chars().count();
            if numeric[i] {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn cell_text(column: &Column, row: usize) -> String {
    let text = match column.get(row) {
        Ok(AnyValue::Null) | Err(_) => String::new(),
        Ok(AnyValue::String(s)) => s.to_owned(),
        Ok(AnyValue::StringOwned(s)) => s.to_string(),
        Ok(AnyValue::Date(days)) => {
            from_epoch_days(days).map_or_else(String::new, |d| d.to_string())
        }
        Ok(AnyValue::Float64(f)) => format_float(f),
        Ok(AnyValue::Float32(f)) => format_float(f64::from(f)),
        Ok(other) => other.to_string(),
    };
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > MAX_CELL {
        let cut: String = flat.chars().take(MAX_CELL - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        flat
    }
}

fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        let s = format!("{f:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_extension() {
        assert_eq!(
            Format::from_path(Path::new("x.parquet")),
            Some(Format::Parquet)
        );
        assert_eq!(Format::from_path(Path::new("x.CSV")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("x.xlsx")), None);
    }

    #[test]
    fn table_aligns_and_cuts() {
        let df = df!("name" => ["a", "long name"], "n" => [1u32, 200]).unwrap();
        assert_eq!(
            render_table(&df),
            "name         n\na            1\nlong name  200\n"
        );
    }
}
