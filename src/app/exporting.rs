//! Exports from the workbench: the filtered mentions, articles or timeline as CSV or
//! Parquet, and the plot as PNG. Files are written atomically on a background thread,
//! and replacing an existing file needs the analyst's confirmation.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{TryRecvError, channel};

use eframe::egui;
use polars::prelude::DataFrame;

use super::NewsLensApp;
use crate::actors::Dictionary;
use crate::export::{Format, WriteError, write_atomically, write_file};
use crate::frames::{FrameError, Frames};
use crate::query::Query;

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The mentions table as shown (drill-down or filters).
    Mentions,
    /// The filtered articles.
    Articles,
    /// The timeline as plotted (before smoothing).
    Timeline,
    /// The plot as a PNG image.
    Plot,
}

impl ExportKind {
    pub(super) fn label(self) -> &'static str {
        match self {
            Self::Mentions => "mentions",
            Self::Articles => "articles",
            Self::Timeline => "timeline",
            Self::Plot => "plot",
        }
    }
}

/// An export waiting for the analyst to confirm that an existing file is replaced.
#[derive(Clone, Debug)]
pub struct PendingReplace {
    kind: ExportKind,
    path: PathBuf,
}

/// The result of a background export: a sentence for the user, or an error sentence.
pub type ExportOutcome = Result<String, String>;

impl NewsLensApp {
    /// The frame an export of `kind` writes: exactly the rows the views show.
    pub fn export_frame(&self, kind: ExportKind) -> Option<DataFrame> {
        let ws = self.workspace.as_ref()?;
        export_rows(kind, &self.export_query(kind), &ws.frames, &ws.dictionary).ok()
    }

    /// The query an export of `kind` runs.
    fn export_query(&self, kind: ExportKind) -> Query {
        match kind {
            ExportKind::Mentions => self.table_query(),
            ExportKind::Articles | ExportKind::Timeline | ExportKind::Plot => self.query(),
        }
    }

    /// Exports `kind` to `path`, first asking whether to replace the file if it exists.
    pub fn request_export(&mut self, kind: ExportKind, path: PathBuf) {
        let path = with_default_extension(kind, path);
        if let Err(message) = check_extension(kind, &path) {
            self.notice = Some((message, true));
            return;
        }
        if path.exists() {
            self.confirm = Some(PendingReplace { kind, path });
        } else {
            self.export_to(kind, path);
        }
    }

    /// The file waiting for a confirmation to be replaced, if any.
    pub fn confirming(&self) -> Option<&Path> {
        self.confirm.as_ref().map(|c| c.path.as_path())
    }

    /// Writes `kind` to `path` on a background thread (format from the extension; CSV
    /// when there is none), replacing the file if it exists.
    pub fn export_to(&mut self, kind: ExportKind, path: PathBuf) {
        let path = with_default_extension(kind, path);
        if let Err(message) = check_extension(kind, &path) {
            self.notice = Some((message, true));
            return;
        }
        if kind == ExportKind::Plot {
            self.save_plot(path);
            return;
        }
        let Some(ws) = &self.workspace else {
            self.notice = Some(("Nothing to export yet.".to_owned(), true));
            return;
        };
        let (frames, dictionary) = (ws.frames.clone(), ws.dictionary.clone());
        let query = self.export_query(kind);
        let format = Format::from_path(&path).unwrap_or(Format::Csv);
        // The mentions in the order the table shows them, when the analyst sorted it.
        let shown_order = match (kind, &self.mentions) {
            (ExportKind::Mentions, Some((shown, table)))
                if *shown == query && table.sort().is_some() =>
            {
                table.shown_rows()
            }
            _ => None,
        };
        let note = match kind {
            ExportKind::Timeline if self.settings.smoothing > 1 => " (values before smoothing)",
            ExportKind::Mentions if shown_order.is_some() => " in the order shown",
            _ => "",
        };
        let (tx, rx) = channel();
        let label = match kind {
            ExportKind::Timeline | ExportKind::Plot => "timeline rows",
            other => other.label(),
        };
        let spawned = std::thread::Builder::new()
            .name("newslens-export".to_owned())
            .spawn(move || {
                let rows = match &shown_order {
                    Some(rows) => frames.take_mentions(rows),
                    None => export_rows(kind, &query, &frames, &dictionary),
                };
                let result = rows
                    .map_err(|e| e.to_string())
                    .and_then(|frame| {
                        write_file(&frame, format, &path, true)
                            .map(|()| frame.height())
                            .map_err(|e| e.to_string())
                    })
                    .map(|rows| format!("Exported {rows} {label}{note} to {}", path.display()))
                    .map_err(|e| format!("Export failed: {e}"));
                let _ = tx.send(result);
            });
        match spawned {
            Ok(_) => self.export = Some(rx),
            Err(e) => self.notice = Some((format!("Export failed: cannot start: {e}"), true)),
        }
    }

    /// Saves the plot as drawn in the next frame, cut from a screenshot of the window.
    fn save_plot(&mut self, path: PathBuf) {
        let Some(rect) = self.plot_rect else {
            self.notice = Some(("There is no plot to save yet.".to_owned(), true));
            return;
        };
        let Some(ctx) = self.ctx.clone() else { return };
        let (tx, rx) = channel();
        self.export = Some(rx);
        let repaint = ctx.clone();
        let pixels_per_point = ctx.pixels_per_point();
        ctx.request_screenshot(move |image| {
            // Encoding takes a moment; keep it off the thread that draws.
            let spawned = std::thread::Builder::new()
                .name("newslens-export".to_owned())
                .spawn({
                    let tx = tx.clone();
                    let repaint = repaint.clone();
                    move || {
                        let _ = tx.send(write_png(&image, rect, pixels_per_point, &path));
                        repaint.request_repaint();
                    }
                });
            if let Err(e) = spawned {
                let _ = tx.send(Err(format!("Export failed: cannot start: {e}")));
            }
        });
        ctx.request_repaint();
    }

    /// Whether an export is being written.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    pub(super) fn poll_export(&mut self) {
        let Some(rx) = &self.export else { return };
        let outcome = match rx.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                Err("Export failed: the writer stopped unexpectedly".to_owned())
            }
        };
        self.notice = Some(match outcome {
            Ok(message) => (message, false),
            Err(message) => (message, true),
        });
        self.export = None;
    }

    /// The modal that asks before an export replaces a file.
    pub(super) fn confirm_ui(&mut self, ui: &mut egui::Ui) {
        let Some(pending) = self.confirm.clone() else {
            return;
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm-replace")).show(ui.ctx(), |ui| {
            ui.set_max_width(480.0);
            ui.heading("Replace the file?");
            ui.label(format!(
                "{} already exists. Exporting the {} replaces it.",
                pending.path.display(),
                pending.kind.label()
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
        match answer {
            Some(true) => {
                self.confirm = None;
                self.export_to(pending.kind, pending.path);
            }
            Some(false) => {
                self.confirm = None;
                self.notice = Some((
                    format!("Export cancelled; {} is unchanged.", pending.path.display()),
                    false,
                ));
            }
            None => {}
        }
    }
}

/// Refuses an extension that does not name a format this export can write, as the
/// command line does, instead of writing one format under another's name.
fn check_extension(kind: ExportKind, path: &Path) -> Result<(), String> {
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
    Err(format!(
        "Not exported: {} does not end in {expected}, so the format is unclear.",
        path.display()
    ))
}

/// `path`, with the extension of the kind's default format when it has none.
fn with_default_extension(kind: ExportKind, path: PathBuf) -> PathBuf {
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
fn export_rows(
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
) -> ExportOutcome {
    let [width, height] = image.size;
    let px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (px(rect.min.x, width), px(rect.max.x, width));
    let (y0, y1) = (px(rect.min.y, height), px(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return Err("Export failed: the plot is not on screen".to_owned());
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
    .map_err(|e| format!("Export failed: {e}"))
}
