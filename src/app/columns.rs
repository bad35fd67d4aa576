//! The column dialog: when a table of articles has no column that can be told to hold
//! the text, the analyst says which column holds which field, and the corpus is read
//! again with that choice.

use eframe::egui;

use super::NewsLensApp;
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

impl NewsLensApp {
    pub(super) fn columns_ui(&mut self, ctx: &egui::Context) {
        let Some(choice) = &mut self.column_choice else {
            return;
        };
        let mut apply = false;
        let mut close = false;
        egui::Window::new("Columns of a table")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} has no column NewsLens can tell holds the article text. Say which \
                     columns hold what; the others stay empty.",
                    choice.file
                ));
                egui::Grid::new("column choice")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (field, pick) in FIELDS.iter().zip(choice.picks.iter_mut()) {
                            let label = ui.label(*field);
                            egui::ComboBox::from_id_salt(("column", *field))
                                .selected_text(pick.as_deref().unwrap_or("(none)"))
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(pick, None, "(none)");
                                    for column in &choice.columns {
                                        ui.selectable_value(pick, Some(column.clone()), column);
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                            ui.end_row();
                        }
                    });
                ui.horizontal(|ui| {
                    let text_chosen = choice.picks
                        [FIELDS.iter().position(|f| *f == "text").unwrap_or(0)]
                    .is_some();
                    if ui
                        .add_enabled(text_chosen, egui::Button::new("Read with these columns"))
                        .clicked()
                    {
                        apply = true;
                    }
                    if ui.button("Not now").clicked() {
                        close = true;
                    }
                });
            });
        if apply {
            self.settings.columns = FIELDS
                .iter()
                .zip(&choice.picks)
                .filter_map(|(f, p)| Some(((*f).to_owned(), p.clone()?)))
                .collect();
            let paths = std::mem::take(&mut choice.paths);
            self.column_choice = None;
            self.open(ctx, paths);
        } else if close {
            self.column_choice = None;
        }
    }
}
