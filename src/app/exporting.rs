//! Exports from the workbench: the filtered mentions, articles or timeline as CSV or
//! Parquet, and the plot as PNG. Files are written atomically on a background thread,
//! and replacing an existing file needs the analyst's confirmation.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::Duration;

use eframe::egui;
use polars::prelude::{DataFrame, IdxSize};

use super::command::{Command, ExportKind};
use super::job::{Job, JobError};
use crate::actors::Dictionary;
use crate::export::{ExportError, Format, WriteError, write_atomically, write_file};
use crate::frames::{FrameError, Frames};
use crate::query::Query;

/// An export waiting for the analyst to confirm that an existing file is replaced.
#[derive(Clone, Debug)]
pub struct PendingReplace {
    /// What is exported.
    pub kind: ExportKind,
    /// The file that exists.
    pub path: PathBuf,
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    /// The rows could not be made.
    #[error("Export failed: {0}")]
    Rows(#[from] FrameError),
    /// The file could not be written.
    #[error("Export failed: {0}")]
    Write(#[from] ExportError),
    /// The plot was not on screen when the window was captured.
    #[error("Export failed: the plot is not on screen")]
    NotOnScreen,
    /// The window was never captured.
    #[error("Export failed: the window could not be captured")]
    NoScreenshot,
}

/// An extension that names no format the export can write.
#[derive(Debug, thiserror::Error)]
#[error("Not exported: {} does not end in {expected}, so the format is unclear.", path.display())]
pub struct ExtensionError {
    path: PathBuf,
    expected: &'static str,
}

/// A running export; it answers with the sentence that tells the analyst what was
/// written.
pub type ExportJob = Job<String, ExportFailure>;

/// What an export of rows needs from the open corpus.
pub struct ExportRows {
    /// What is exported.
    pub kind: ExportKind,
    /// The rows' query.
    pub query: Query,
    /// The corpus.
    pub frames: Frames,
    /// Its dictionary.
    pub dictionary: Arc<Dictionary>,
    /// The mentions in the order the table shows them, when the analyst sorted it.
    pub shown_order: Option<Vec<IdxSize>>,
    /// Whether the plot is smoothed (the export holds the values before smoothing).
    pub smoothed: bool,
}

/// Writes the rows of `export` to `path` in the background (format from the
/// extension; CSV when there is none), replacing the file if it exists.
pub fn start_rows(
    ctx: &egui::Context,
    export: ExportRows,
    path: PathBuf,
) -> Result<ExportJob, JobError<ExportFailure>> {
    let ExportRows {
        kind,
        query,
        frames,
        dictionary,
        shown_order,
        smoothed,
    } = export;
    let format = Format::from_path(&path).unwrap_or(Format::Csv);
    let note = match kind {
        ExportKind::Timeline if smoothed => " (values before smoothing)",
        ExportKind::Mentions if shown_order.is_some() => " in the order shown",
        _ => "",
    };
    let label = match kind {
        ExportKind::Timeline | ExportKind::Plot => "timeline rows",
        other => other.label(),
    };
    Job::spawn("newslens-export", ctx, move |_, _, _| {
        let frame = match &shown_order {
            Some(rows) => frames.mentions_frame(rows)?,
            None => export_rows(kind, &query, &frames, &dictionary)?,
        };
        write_file(&frame, format, &path, true)?;
        Ok(format!(
            "Exported {} {label}{note} to {}",
            frame.height(),
            path.display()
        ))
    })
}

/// Saves the plot, at `rect` in the window, as drawn in the next frame: the window is
/// captured and the plot cut out and encoded in the background.
pub fn start_plot(
    ctx: &egui::Context,
    rect: egui::Rect,
    path: PathBuf,
) -> Result<ExportJob, JobError<ExportFailure>> {
    let (tx, rx) = channel();
    let pixels_per_point = ctx.pixels_per_point();
    ctx.request_screenshot(move |image| {
        let _ = tx.send(image);
    });
    ctx.request_repaint();
    Job::spawn("newslens-export", ctx, move |_, _, _| {
        let image = rx
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| ExportFailure::NoScreenshot)?;
        write_png(&image, rect, pixels_per_point, &path)
    })
}

/// The modal that asks before an export replaces a file.
impl PendingReplace {
    /// Lays out the question; the answer is a command.
    pub fn modal_ui(&self, ui: &mut egui::Ui) -> Option<Command> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm-replace")).show(ui.ctx(), |ui| {
            ui.set_max_width(480.0);
            ui.heading("Replace the file?");
            ui.label(format!(
                "{} already exists. Exporting the {} replaces it.",
                self.path.display(),
                self.kind.label()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        match answer? {
            true => Some(Command::ConfirmReplace),
            false => Some(Command::CancelReplace),
        }
    }
}

/// Refuses an extension that does not name a format this export can write, as the
/// command line does, instead of writing one format under another's name.
pub fn check_extension(kind: ExportKind, path: &Path) -> Result<(), ExtensionError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ok = match kind {
        ExportKind::Plot => ext == "png",
        _ => matches!(Format::from_path(path), Some(f) if f != Format::Table),
    };
    if ok {
        return Ok(());
    }
    let expected = if kind == ExportKind::Plot {
        ".png"
    } else {
        ".csv, .parquet, .json or .jsonl"
    };
    Err(ExtensionError {
        path: path.to_path_buf(),
        expected,
    })
}

/// `path`, with the extension of the kind's default format when it has none.
pub fn with_default_extension(kind: ExportKind, path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        return path;
    }
    path.with_extension(if kind == ExportKind::Plot {
        "png"
    } else {
        "csv"
    })
}

/// The rows an export of `kind` writes for `query`.
pub fn export_rows(
    kind: ExportKind,
    query: &Query,
    frames: &Frames,
    dictionary: &Dictionary,
) -> Result<DataFrame, FrameError> {
    match kind {
        ExportKind::Mentions => query.mentions(frames),
        ExportKind::Articles => query.articles(frames, false),
        ExportKind::Timeline | ExportKind::Plot => query.timeline(frames, dictionary),
    }
}

/// Cuts `rect` (in points) out of a window screenshot and writes it as PNG.
fn write_png(
    image: &egui::ColorImage,
    rect: egui::Rect,
    pixels_per_point: f32,
    path: &Path,
) -> Result<String, ExportFailure> {
    let [width, height] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (px(rect.min.x, width), px(rect.max.x, width));
    let (y0, y1) = (px(rect.min.y, height), px(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return Err(ExportFailure::NotOnScreen);
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for pixel in &image.pixels[y * width + x0..y * width + x1] {
            rgba.extend_from_slice(&pixel.to_array());
        }
    }
    let (w, h) = (
        u32::try_from(x1 - x0).unwrap_or(u32::MAX),
        u32::try_from(y1 - y0).unwrap_or(u32::MAX),
    );
    write_atomically(path, true, |out| {
        let encoder = image::codecs::png::PngEncoder::new(out);
        image::ImageEncoder::write_image(encoder, &rgba, w, h, image::ExtendedColorType::Rgba8)
            .map_err(|e| WriteError::Io(std::io::Error::other(e)))
    })
    .map(|()| format!("Saved the plot ({w}×{h} pixels) to {}", path.display()))
    .map_err(ExportFailure::Write)
}
