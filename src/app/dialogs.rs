//! Choosing files and folders: the system's file dialog where there is one, and a path
//! typed into the window where there is none (a desktop without a file-chooser portal),
//! so that opening and exporting never silently do nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui;

use super::command::{Command, ExportKind, PathPurpose};

/// The in-window prompt for a path.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    purpose: PathPurpose,
    text: String,
    focus: bool,
}

/// What a file dialog gave.
pub enum Picked<T> {
    /// The analyst chose this.
    Chosen(T),
    /// The analyst closed the dialog.
    Closed,
    /// No dialog could be shown: the path is to be typed in the window.
    Unshown,
}

/// The file name an export of `kind` suggests.
fn default_file_name(kind: ExportKind) -> String {
    if kind == ExportKind::Plot {
        "plot.png".to_owned()
    } else {
        format!("{}.csv", kind.label())
    }
}

/// A dialog that returns nothing faster than this was never shown.
const UNSHOWN_DIALOG: Duration = Duration::from_millis(150);

/// Whether a system file dialog can be shown: on Linux and the BSDs it needs the
/// desktop's session bus, where the file-chooser portal answers.
fn native_dialogs() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
}

/// What a dialog that returned nothing after `started` means: closed by the analyst,
/// or never shown (it returned at once, or there is no session bus for it).
fn nothing_picked<T>(started: Instant) -> Picked<T> {
    if native_dialogs() && started.elapsed() >= UNSHOWN_DIALOG {
        Picked::Closed
    } else {
        Picked::Unshown
    }
}

/// Asks for a folder of articles to open.
pub fn pick_folder() -> Picked<Vec<PathBuf>> {
    let started = Instant::now();
    let picked = native_dialogs()
        .then(|| {
            rfd::FileDialog::new()
                .set_title("Open a folder of articles")
                .pick_folder()
        })
        .flatten();
    picked.map_or_else(|| nothing_picked(started), |f| Picked::Chosen(vec![f]))
}

/// Asks for article files to open.
pub fn pick_files() -> Picked<Vec<PathBuf>> {
    let started = Instant::now();
    let picked = native_dialogs()
        .then(|| {
            rfd::FileDialog::new()
                .set_title("Open article files")
                .add_filter("Articles", &crate::corpus::TEXT_EXTENSIONS)
                .pick_files()
        })
        .flatten();
    picked.map_or_else(|| nothing_picked(started), Picked::Chosen)
}

/// Asks where to export `kind`.
pub fn pick_export(kind: ExportKind) -> Picked<PathBuf> {
    let started = Instant::now();
    let picked = native_dialogs()
        .then(|| {
            let dialog = rfd::FileDialog::new().set_title(format!("Export {}", kind.label()));
            let dialog = dialog.set_file_name(default_file_name(kind));
            let dialog = if kind == ExportKind::Plot {
                dialog.add_filter("PNG image", &["png"])
            } else {
                dialog
                    .add_filter("CSV", &["csv"])
                    .add_filter("Parquet", &["parquet"])
            };
            dialog.save_file()
        })
        .flatten();
    picked.map_or_else(|| nothing_picked(started), Picked::Chosen)
}

impl PathPrompt {
    /// The prompt for `purpose`, filled with a sensible default: the last corpus
    /// opened, or a file in the current folder.
    pub fn new(purpose: PathPurpose, last_paths: &[PathBuf]) -> Self {
        let folder = std::env::current_dir().unwrap_or_default();
        let text = match purpose {
            PathPurpose::Open => last_paths.first().cloned().unwrap_or(folder),
            PathPurpose::Export(kind) => folder.join(default_file_name(kind)),
        };
        Self {
            purpose,
            text: text.display().to_string(),
            focus: true,
        }
    }

    /// Lays out the prompt; the answer is a command.
    pub fn modal_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let (title, action) = match self.purpose {
            PathPurpose::Open => ("Open a folder or file of articles".to_owned(), "Open"),
            PathPurpose::Export(kind) => (format!("Export the {}", kind.label()), "Save"),
        };
        let mut answer: Option<bool> = None;
        let modal = egui::Modal::new(egui::Id::unique("path-prompt")).show(ui.ctx(), |ui| {
            ui.set_width(560.0);
            ui.heading(title);
            ui.label(
                egui::RichText::new(
                    "No file dialog is available on this desktop; type the path instead.",
                )
                .weak(),
            );
            if self.purpose != PathPurpose::Open {
                ui.label(
                    egui::RichText::new(
                        "The extension sets the format: .csv, .parquet, .json, .jsonl (.png for the plot).",
                    )
                    .weak(),
                );
            }
            answer = self.field_ui(ui, action);
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        let go = answer?;
        let path = PathBuf::from(self.text.trim());
        Some(if !go || path.as_os_str().is_empty() {
            Command::ClosePathPrompt
        } else {
            match self.purpose {
                PathPurpose::Open => Command::Open(vec![path]),
                PathPurpose::Export(kind) => Command::RequestExport(kind, path),
            }
        })
    }

    /// The path field and the buttons: `Some(true)` to go on, `Some(false)` to cancel.
    fn field_ui(&mut self, ui: &mut egui::Ui, action: &str) -> Option<bool> {
        let mut answer = None;
        let field = ui
            .horizontal(|ui| {
                let label = ui.label("Path");
                ui.add(
                    egui::TextEdit::singleline(&mut self.text)
                        .desired_width(f32::INFINITY)
                        .hint_text("a file or folder"),
                )
                .labelled_by(label.id)
            })
            .inner;
        if self.focus {
            field.request_focus();
            self.focus = false;
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            answer = Some(true);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(action).clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
        answer
    }
}
