//! Choosing files and folders: the system's file dialog where there is one, and a path
//! typed into the window where there is none (a desktop without a file-chooser portal),
//! so that opening and exporting never silently do nothing.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui;

use super::NewsLensApp;
use super::exporting::ExportKind;

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a folder or file of articles.
    Open,
    /// Export to a file.
    Export(ExportKind),
}

/// The in-window prompt for a path.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    purpose: PathPurpose,
    text: String,
    focus: bool,
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

impl NewsLensApp {
    /// Asks for a folder of articles to open.
    pub(super) fn pick_folder(&mut self, ctx: &egui::Context) {
        let started = Instant::now();
        let picked = native_dialogs()
            .then(|| {
                rfd::FileDialog::new()
                    .set_title("Open a folder of articles")
                    .pick_folder()
            })
            .flatten();
        match picked {
            Some(folder) => self.open(ctx, vec![folder]),
            None => self.prompt_if_unshown(PathPurpose::Open, started),
        }
    }

    /// Asks for article files to open.
    pub(super) fn pick_files(&mut self, ctx: &egui::Context) {
        let started = Instant::now();
        let picked = native_dialogs()
            .then(|| {
                rfd::FileDialog::new()
                    .set_title("Open article files")
                    .add_filter("Articles", &crate::corpus::TEXT_EXTENSIONS)
                    .pick_files()
            })
            .flatten();
        match picked {
            Some(files) => self.open(ctx, files),
            None => self.prompt_if_unshown(PathPurpose::Open, started),
        }
    }

    /// Asks where to export `kind`.
    pub(super) fn pick_export(&mut self, kind: ExportKind) {
        if self.workspace.is_none() {
            self.notice = Some((
                "Open a corpus first; there is nothing to export.".to_owned(),
                true,
            ));
            return;
        }
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
        match picked {
            Some(path) => self.request_export(kind, path),
            None => self.prompt_if_unshown(PathPurpose::Export(kind), started),
        }
    }

    /// Opens the in-window path prompt when the system dialog could not be shown (it
    /// returned at once, or there is no session bus for it).
    fn prompt_if_unshown(&mut self, purpose: PathPurpose, started: Instant) {
        if native_dialogs() && started.elapsed() >= UNSHOWN_DIALOG {
            return; // The analyst closed the dialog.
        }
        self.prompt_path(purpose);
    }

    /// Shows the in-window prompt for a path, filled with a sensible default.
    pub fn prompt_path(&mut self, purpose: PathPurpose) {
        let folder = std::env::current_dir().unwrap_or_default();
        let text = match purpose {
            PathPurpose::Open => self.settings.last_paths.first().cloned().unwrap_or(folder),
            PathPurpose::Export(kind) => folder.join(default_file_name(kind)),
        };
        self.path_prompt = Some(PathPrompt {
            purpose,
            text: text.display().to_string(),
            focus: true,
        });
    }

    /// The path prompt, when open.
    pub(super) fn path_prompt_ui(&mut self, ui: &mut egui::Ui) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let (title, action) = match prompt.purpose {
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
            if prompt.purpose != PathPurpose::Open {
                ui.label(
                    egui::RichText::new(
                        "The extension sets the format: .csv, .parquet, .json, .jsonl (.png for the plot).",
                    )
                        .weak(),
                );
            }
            let field = ui
                .horizontal(|ui| {
                    let label = ui.label("Path");
                    ui.add(
                        egui::TextEdit::singleline(&mut prompt.text)
                            .desired_width(f32::INFINITY)
                            .hint_text("a file or folder"),
                    )
                    .labelled_by(label.id)
                })
                .inner;
            if prompt.focus {
                field.request_focus();
                prompt.focus = false;
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
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        let Some(go) = answer else { return };
        let Some(prompt) = self.path_prompt.take() else {
            return;
        };
        let path = PathBuf::from(prompt.text.trim());
        if !go || path.as_os_str().is_empty() {
            return;
        }
        match prompt.purpose {
            PathPurpose::Open => {
                let ctx = ui.ctx().clone();
                self.open(&ctx, vec![path]);
            }
            PathPurpose::Export(kind) => self.request_export(kind, path),
        }
    }
}
