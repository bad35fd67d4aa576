//! Writing frames: CSV, JSON, Parquet and aligned text tables, to a stream or
//! atomically to a file.

use std::io::Write;
use std::path::Path;

use polars::prelude::*;

use crate::dates::from_epoch_days;

mod atomic;

pub use atomic::{ExportError, WriteError, write_atomically, write_file};

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
