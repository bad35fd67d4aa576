//! The mentions table (keyword in context) and the articles table, both virtual:
//! only the visible rows are read from the frame.

use std::collections::BTreeSet;

use eframe::egui;
use egui_extras::{Column, TableBuilder};
use polars::prelude::*;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::frames::{Frames, MentionView};

use super::NewsLensApp;
use crate::dates::from_epoch_days;

/// Characters of context shown on each side of a mention.
const CONTEXT: usize = 60;

/// Rows at or below this many are sorted at once; more are sorted in the background.
const SORT_INLINE_ROWS: usize = 50_000;

/// A sort running on a background thread: the column, the order, and the result.
struct PendingSort {
    column: &'static str,
    descending: bool,
    result: Receiver<Result<Vec<IdxSize>, String>>,
}

/// The filtered mentions, read row by row from the full mentions frame: only the row
/// numbers are held, so a table of millions of rows costs a few bytes per row.
pub struct MentionTable {
    frames: Frames,
    rows: Vec<IdxSize>,
    selected: BTreeSet<usize>,
    anchor: Option<usize>,
    /// Sorted by this column, descending when true.
    sort: Option<(&'static str, bool)>,
    sorting: Option<PendingSort>,
}

impl MentionTable {
    /// A table of `rows` of the mentions frame, sorted by `sort` if given.
    pub fn new(frames: Frames, rows: Vec<IdxSize>, sort: Option<(&'static str, bool)>) -> Self {
        let mut table = Self {
            frames,
            rows,
            selected: BTreeSet::new(),
            anchor: None,
            sort: None,
            sorting: None,
        };
        if let Some((column, descending)) = sort {
            table.start_sort(column, descending);
        }
        table
    }

    /// The order shown or being computed.
    pub fn sort(&self) -> Option<(&'static str, bool)> {
        match &self.sorting {
            Some(p) => Some((p.column, p.descending)),
            None => self.sort,
        }
    }

    /// Whether a sort is being computed.
    pub fn sorting(&self) -> bool {
        self.sorting.is_some()
    }

    /// Rows shown.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The row of the mentions frame shown at position `i`.
    fn row(&self, i: usize) -> usize {
        self.rows.get(i).map_or(usize::MAX, |r| *r as usize)
    }

    /// The mentions frame's rows in the order shown, unless a sort is still running.
    pub fn shown_rows(&self) -> Option<Vec<IdxSize>> {
        self.sorting.is_none().then(|| self.rows.clone())
    }

    /// The rows as a frame, in the order shown (waiting for a sort in progress).
    pub fn rows_frame(&mut self) -> Option<DataFrame> {
        if let Some(pending) = self.sorting.take()
            && let Ok(Ok(rows)) = pending.result.recv()
        {
            self.rows = rows;
            self.sort = Some((pending.column, pending.descending));
        }
        self.frames.take_mentions(&self.rows).ok()
    }

    /// Sorts by `column`; a second click on the same column reverses the order.
    fn sort_by(&mut self, column: &'static str) {
        let descending = matches!(self.sort(), Some((c, false)) if c == column);
        self.start_sort(column, descending);
    }

    fn start_sort(&mut self, column: &'static str, descending: bool) {
        self.selected.clear();
        self.anchor = None;
        if self.rows.len() <= SORT_INLINE_ROWS {
            if let Ok(rows) = self
                .frames
                .sort_mention_rows(&self.rows, column, descending)
            {
                self.rows = rows;
                self.sort = Some((column, descending));
            }
            self.sorting = None;
            return;
        }
        let (tx, rx) = channel();
        let (frames, rows) = (self.frames.clone(), self.rows.clone());
        let spawned = std::thread::Builder::new()
            .name("newslens-sort".to_owned())
            .spawn(move || {
                let sorted = frames
                    .sort_mention_rows(&rows, column, descending)
                    .map_err(|e| e.to_string());
                let _ = tx.send(sorted);
            });
        if spawned.is_ok() {
            self.sorting = Some(PendingSort {
                column,
                descending,
                result: rx,
            });
        }
    }

    /// Installs a finished background sort.
    fn poll_sort(&mut self) {
        let Some(pending) = &self.sorting else { return };
        match pending.result.try_recv() {
            Ok(Ok(rows)) => {
                self.rows = rows;
                self.sort = Some((pending.column, pending.descending));
                self.sorting = None;
            }
            Ok(Err(_)) | Err(TryRecvError::Disconnected) => self.sorting = None,
            Err(TryRecvError::Empty) => {}
        }
    }

    /// Applies a click on row `i` with the keyboard modifiers held.
    fn click(&mut self, i: usize, modifiers: egui::Modifiers) {
        if modifiers.shift
            && let Some(anchor) = self.anchor
        {
            self.selected = (anchor.min(i)..=anchor.max(i)).collect();
        } else if modifiers.command {
            if !self.selected.remove(&i) {
                self.selected.insert(i);
            }
            self.anchor = Some(i);
        } else {
            self.selected = BTreeSet::from([i]);
            self.anchor = Some(i);
        }
    }

    /// The selected rows as tab-separated values with a header line.
    pub fn selected_tsv(&self) -> String {
        let rows: Vec<IdxSize> = self
            .selected
            .iter()
            .filter_map(|&i| self.rows.get(i).copied())
            .collect();
        let Ok(mentions) = self.frames.mentions_frame(&rows) else {
            return String::new();
        };
        let names: Vec<String> = mentions
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let mut out = names.join("\t");
        out.push('\n');
        for at in 0..mentions.height() {
            let cells: Vec<String> = names
                .iter()
                .map(|n| cell(&mentions, n, at).replace(['\t', '\n', '\r'], " "))
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }
}

/// The text of cell (`column`, `row`), empty when null.
pub fn cell(frame: &DataFrame, column: &str, row: usize) -> String {
    match frame.column(column).and_then(|c| c.get(row)) {
        Ok(AnyValue::String(s)) => s.to_owned(),
        Ok(AnyValue::StringOwned(s)) => s.to_string(),
        Ok(AnyValue::Date(d)) => from_epoch_days(d).map_or_else(String::new, |d| d.to_string()),
        Ok(AnyValue::Null) | Err(_) => String::new(),
        Ok(other) => other.to_string(),
    }
}

fn number(frame: &DataFrame, column: &str, row: usize) -> usize {
    frame
        .column(column)
        .and_then(|c| c.get(row))
        .ok()
        .and_then(|v| v.extract::<u64>())
        .map_or(0, |n| n as usize)
}

/// Left and right context of a mention, cut from its article's text.
fn context(mention: &MentionView<'_>) -> (String, String) {
    let (start, end) = (mention.bytes.0 as usize, mention.bytes.1 as usize);
    let before = mention.text.get(..start).unwrap_or("");
    let after = mention.text.get(end..).unwrap_or("");
    // The left side is shorter: a full column cuts text at its end, next to the match.
    let left_from = before
        .char_indices()
        .rev()
        .nth(CONTEXT * 2 / 3 - 1)
        .map_or(0, |(i, _)| i);
    let right_to = after
        .char_indices()
        .nth(CONTEXT)
        .map_or(after.len(), |(i, _)| i);
    let flat = |s: &str| s.replace(['\n', '\r'], " ");
    (flat(&before[left_from..]), flat(&after[..right_to]))
}

impl NewsLensApp {
    pub(super) fn mentions_ui(&mut self, ui: &mut egui::Ui) {
        // A click anywhere on a row, text included, selects the row.
        ui.style_mut().interaction.selectable_labels = false;
        if self.workspace.is_none() {
            return;
        }
        let Some((_, table)) = &mut self.mentions else {
            return;
        };
        table.poll_sort();
        let rows = table.len();
        ui.horizontal(|ui| {
            ui.label(format!("{} mentions", super::count(rows as u64)));
            if table.sorting() {
                ui.add(egui::Spinner::new());
                ui.weak("sorting…");
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            if !table.selected.is_empty() {
                ui.label(format!(
                    "· {} selected (Ctrl+C copies them as TSV)",
                    table.selected.len()
                ));
            }
        });
        let copy = ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
        if copy && !table.selected.is_empty() {
            ui.ctx().copy_text(table.selected_tsv());
        }
        let modifiers = ui.input(|i| i.modifiers);
        let mut open_row = None;
        let mut sort_column = None;
        let colors = super::color_map_ids(&self.settings);
        TableBuilder::new(ui)
            .id_salt("mentions")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(84.0).at_least(60.0))
            .column(Column::initial(90.0).at_least(40.0).clip(true))
            .column(Column::initial(250.0).at_least(80.0).clip(true))
            .column(Column::initial(110.0).at_least(40.0).clip(true))
            .column(Column::initial(250.0).at_least(80.0).clip(true))
            .column(Column::initial(110.0).at_least(40.0).clip(true))
            .column(Column::remainder().at_least(80.0).clip(true))
            .header(20.0, |mut header| {
                let columns = [
                    ("Date", Some("published")),
                    ("Outlet", Some("outlet")),
                    ("Left context", None),
                    ("Matched", Some("matched")),
                    ("Right context", None),
                    ("Actor", Some("actor")),
                    ("Title", Some("title")),
                ];
                for (title, key) in columns {
                    header.col(|ui| match key {
                        Some(key) => {
                            let arrow = match table.sort() {
                                Some((c, false)) if c == key => " (asc)",
                                Some((c, true)) if c == key => " (desc)",
                                _ => "",
                            };
                            let label = egui::RichText::new(format!("{title}{arrow}")).strong();
                            if ui.button(label).on_hover_text("Sort").clicked() {
                                sort_column = Some(key);
                            }
                        }
                        None => {
                            ui.strong(title);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(20.0, rows, |mut row| {
                    let i = row.index();
                    let selected = table.selected.contains(&i);
                    row.set_selected(selected);
                    let Some(mention) = table.frames.mention(table.row(i)) else {
                        return;
                    };
                    let (left, right) = context(&mention);
                    let color = colors
                        .get(mention.actor_id)
                        .copied()
                        .unwrap_or(egui::Color32::GRAY);
                    row.col(|ui| {
                        ui.label(mention.published.map(|d| d.to_string()).unwrap_or_default());
                    });
                    row.col(|ui| {
                        ui.label(mention.outlet.unwrap_or(""));
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(left);
                        });
                    });
                    row.col(|ui| {
                        ui.label(
                            egui::RichText::new(mention.matched)
                                .strong()
                                // On the selection's background the actor colour can vanish.
                                .color(if selected {
                                    ui.visuals().selection.stroke.color
                                } else {
                                    color
                                }),
                        );
                    });
                    row.col(|ui| {
                        ui.label(right);
                    });
                    row.col(|ui| {
                        ui.label(mention.actor);
                    });
                    row.col(|ui| {
                        ui.label(mention.title);
                    });
                    if row.response().clicked() {
                        open_row = Some(i);
                    }
                });
            });
        if let Some(column) = sort_column {
            table.sort_by(column);
        }
        if let Some(i) = open_row {
            table.click(i, modifiers);
            if modifiers.shift || modifiers.command {
                return;
            }
            let Some((article, chars)) = table
                .frames
                .mention(table.row(i))
                .map(|m| (m.article as usize, (m.chars.0 as usize, m.chars.1 as usize)))
            else {
                return;
            };
            self.open_reader(article, Some(chars));
        }
    }

    pub(super) fn articles_ui(&mut self, ui: &mut egui::Ui) {
        ui.style_mut().interaction.selectable_labels = false;
        let Some((_, frame)) = &self.articles else {
            return;
        };
        let rows = frame.height();
        ui.label(format!("{} articles", super::count(rows as u64)));
        let mut open = None;
        let mut edit = self.table_date_edit.take();
        let mut start_edit = None;
        let mut commit = None;
        TableBuilder::new(ui)
            .id_salt("articles")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .column(Column::initial(84.0).at_least(60.0))
            .column(Column::initial(70.0).at_least(40.0).clip(true))
            .column(Column::initial(100.0).at_least(40.0).clip(true))
            .column(Column::initial(380.0).at_least(80.0).clip(true))
            .column(Column::initial(110.0).at_least(40.0).clip(true))
            .column(Column::initial(56.0).at_least(40.0))
            .column(Column::initial(70.0).at_least(40.0))
            .column(Column::initial(160.0).at_least(60.0).clip(true))
            .column(Column::remainder().at_least(80.0).clip(true))
            .header(20.0, |mut header| {
                for title in [
                    "Date",
                    "Dated by",
                    "Outlet",
                    "Title",
                    "Author",
                    "Words",
                    "Mentions",
                    "Date evidence",
                    "File",
                ] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(20.0, rows, |mut row| {
                    let i = row.index();
                    let path = cell(frame, "source_path", i);
                    let mut date_clicked = false;
                    row.col(|ui| match &mut edit {
                        Some((editing, text)) if *editing == path => {
                            let field = ui.add(
                                egui::TextEdit::singleline(text)
                                    .hint_text("YYYY-MM-DD")
                                    .desired_width(f32::INFINITY),
                            );
                            ui.ctx().accesskit_node_builder(field.id, |node| {
                                node.set_label(format!("Date of {path}"));
                            });
                            if !field.has_focus() && !field.lost_focus() {
                                field.request_focus();
                            }
                            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                                commit = Some(None);
                            } else if field.lost_focus() {
                                // Enter sets the date; clicking elsewhere leaves it.
                                let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
                                commit = Some(entered.then(|| (path.clone(), text.clone())));
                            }
                        }
                        _ => {
                            let published = cell(frame, "published", i);
                            let shown = if published.is_empty() {
                                egui::RichText::new("set date…").weak().italics()
                            } else {
                                egui::RichText::new(published.clone())
                            };
                            let label = ui
                                .add(egui::Label::new(shown).sense(egui::Sense::click()))
                                .on_hover_text(
                                    "Click to set this article's date (saved beside the corpus)",
                                );
                            if label.clicked() {
                                date_clicked = true;
                                start_edit = Some((path.clone(), published));
                            }
                        }
                    });
                    for column in [
                        "date_source",
                        "outlet",
                        "title",
                        "author",
                        "word_count",
                        "mention_count",
                        "date_evidence",
                        "source_path",
                    ] {
                        row.col(|ui| {
                            ui.label(cell(frame, column, i));
                        });
                    }
                    if row.response().clicked() && !date_clicked {
                        open = Some(number(frame, "article_id", i));
                    }
                });
            });
        match commit {
            Some(Some((path, text))) => {
                let ctx = ui.ctx().clone();
                self.set_typed_date(&ctx, &path, &text);
            }
            Some(None) => {}
            None => self.table_date_edit = start_edit.or(edit),
        }
        if let Some(article) = open.filter(|_| self.table_date_edit.is_none()) {
            self.open_reader(article, None);
        }
    }
}
