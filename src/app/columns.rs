//! The column dialog: when a table of articles has no column that can be told to hold
//! the text, the analyst says which column holds which field, and the corpus is read
//! again with that choice.

use eframe::egui;

use super::command::Command;
use crate::corpus::LoadWarning;
use crate::corpus::table::FIELDS;

/// A table waiting for the analyst to name its columns.
pub struct ColumnChoice {
    /// The table file.
    file: String,
    /// Its columns.
    columns: Vec<String>,
    /// Per field of [`FIELDS`], the chosen column.
    picks: Vec<Option<String>>,
    /// What to open again once the columns are named.
    paths: Vec<std::path::PathBuf>,
}

impl ColumnChoice {
    /// The first table among `warnings` whose text column could not be found.
    pub fn from_warnings(
        warnings: &[LoadWarning],
        chosen: &[(String, String)],
        paths: Vec<std::path::PathBuf>,
    ) -> Option<Self> {
        let warning = warnings.iter().find(|w| !w.columns.is_empty())?;
        let picks = FIELDS
            .iter()
            .map(|field| {
                chosen
                    .iter()
                    .find(|(f, c)| f == field && warning.columns.contains(c))
                    .map(|(_, c)| c.clone())
            })
            .collect();
        Some(Self {
            file: warning.path.clone(),
            columns: warning.columns.clone(),
            picks,
            paths,
        })
    }
}

impl ColumnChoice {
    /// Lays out the dialog; reading again with the chosen columns, or closing it, is a
    /// command.
    pub fn window_ui(&mut self, ctx: &egui::Context) -> Option<Command> {
        let mut answer = None;
        egui::Window::new("Columns of a table")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} has no column NewsLens can tell holds the article text. Say which \
                     columns hold what; the others stay empty.",
                    self.file
                ));
                self.picks_ui(ui);
                ui.horizontal(|ui| {
                    let text_chosen =
                        self.picks[FIELDS.iter().position(|f| *f == "text").unwrap_or(0)].is_some();
                    if ui
                        .add_enabled(text_chosen, egui::Button::new("Read with these columns"))
                        .clicked()
                    {
                        answer = Some(Command::ReadWithColumns {
                            columns: FIELDS
                                .iter()
                                .zip(&self.picks)
                                .filter_map(|(f, p)| Some(((*f).to_owned(), p.clone()?)))
                                .collect(),
                            paths: self.paths.clone(),
                        });
                    }
                    if ui.button("Not now").clicked() {
                        answer = Some(Command::CloseColumnChoice);
                    }
                });
            });
        answer
    }

    /// One row per field, with the column chosen for it.
    fn picks_ui(&mut self, ui: &mut egui::Ui) {
        egui::Grid::new("column choice")
            .num_columns(2)
            .show(ui, |ui| {
                for (field, pick) in FIELDS.iter().zip(self.picks.iter_mut()) {
                    let label = ui.label(*field);
                    egui::ComboBox::from_id_salt(("column", *field))
                        .selected_text(pick.as_deref().unwrap_or("(none)"))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(pick, None, "(none)");
                            for column in &self.columns {
                                ui.selectable_value(pick, Some(column.clone()), column);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
            });
    }
}
