//! The mentions table (keyword in context) and the articles table, both virtual:
//! only the visible rows are read from the frame.

use std::collections::{BTreeSet, HashMap};

use eframe::egui;
use egui_extras::{Column, TableBuilder};
use polars::prelude::*;

use super::command::Command;
use super::job::{Job, JobError, JobPoll};
use super::settings::Colors;
use super::workspace::count;
use crate::actors::Usage;
use crate::dates::from_epoch_days;
use crate::frames::{FrameError, Frames, MentionView};
use crate::query::Query;

/// Characters of context shown on each side of a mention.
const CONTEXT: usize = 60;

/// Rows at or below this many are sorted at once; more are sorted in the background.
const SORT_INLINE_ROWS: usize = 50_000;

/// Rows whose texts are kept once made; scrolling far through a long table starts over.
const KEPT_ROWS: usize = 4096;

/// A sort running in the background: the column, the order, and the job.
struct PendingSort {
    column: &'static str,
    descending: bool,
    job: Job<Vec<IdxSize>, FrameError>,
}

/// The mentions tab: the table shown and the query it answers.
#[derive(Default)]
pub struct MentionsPanel {
    shown: Option<(Query, MentionTable)>,
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
    /// The texts of the rows shown so far, by row of the mentions frame: made when a
    /// row first comes into view, not every frame.
    texts: HashMap<usize, MentionTexts>,
}

/// What a row of the mentions table shows besides the frame's own strings.
struct MentionTexts {
    published: String,
    left: String,
    right: String,
}

impl MentionsPanel {
    /// The query of the table shown.
    pub fn shown_query(&self) -> Option<&Query> {
        self.shown.as_ref().map(|(q, _)| q)
    }

    /// Shows new rows, in the order the table had (unsorted when that sort fails).
    pub fn set(
        &mut self,
        ctx: &egui::Context,
        query: Query,
        frames: Frames,
        rows: Vec<IdxSize>,
    ) -> Result<(), JobError<FrameError>> {
        let sort = self.shown.as_ref().and_then(|(_, t)| t.sort());
        let mut table = MentionTable {
            frames,
            rows,
            selected: BTreeSet::new(),
            anchor: None,
            sort: None,
            sorting: None,
            texts: HashMap::new(),
        };
        let sorted = match sort {
            Some((column, descending)) => table.start_sort(ctx, column, descending),
            None => Ok(()),
        };
        self.shown = Some((query, table));
        sorted
    }

    /// Forgets the table (a new corpus).
    pub fn clear(&mut self) {
        self.shown = None;
    }

    /// The table shown.
    pub fn table(&self) -> Option<&MentionTable> {
        self.shown.as_ref().map(|(_, t)| t)
    }

    /// Sorts by `column`; a second click on the same column reverses the order.
    pub fn sort_by(
        &mut self,
        ctx: &egui::Context,
        column: &'static str,
    ) -> Result<(), JobError<FrameError>> {
        let Some((_, table)) = &mut self.shown else {
            return Ok(());
        };
        let descending = matches!(table.sort(), Some((c, false)) if c == column);
        table.start_sort(ctx, column, descending)
    }

    /// Installs a finished background sort; a failed one leaves the order as it was
    /// and is returned.
    pub fn poll_sort(&mut self) -> Option<JobError<FrameError>> {
        let (_, table) = self.shown.as_mut()?;
        table.poll_sort()
    }

    /// Whether a sort is being computed.
    pub fn sorting(&self) -> bool {
        self.table().is_some_and(MentionTable::sorting)
    }

    /// The rows as a frame, in the order shown; `None` while a sort is running.
    pub fn rows_frame(&self) -> Option<DataFrame> {
        let table = self.table()?;
        if table.sorting() {
            return None;
        }
        table.frames.mentions_frame(&table.rows).ok()
    }

    /// Lays out the table; opening a mention in the reader, sorting and copying are
    /// commands.
    pub fn ui(&mut self, ui: &mut egui::Ui, colors: &Colors) -> Option<Command> {
        // A click anywhere on a row, text included, selects the row.
        ui.style_mut().interaction.selectable_labels = false;
        let (_, table) = self.shown.as_mut()?;
        table.status_ui(ui);
        let copy = ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
        let copied = (copy && !table.selected.is_empty()).then_some(Command::CopyMentions);
        let modifiers = ui.input(|i| i.modifiers);
        let (clicked, sort_column) = table.table_ui(ui, colors);
        if let Some(column) = sort_column {
            return Some(Command::SortMentions(column));
        }
        let Some(i) = clicked else { return copied };
        table.click(i, modifiers);
        if modifiers.shift || modifiers.command {
            return copied;
        }
        let mention = table.frames.mention(table.row(i))?;
        Some(Command::OpenReader {
            article: mention.article as usize,
            selected: Some((mention.chars.0 as usize, mention.chars.1 as usize)),
        })
    }
}

impl MentionTable {
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

    /// The row of the mentions frame shown at position `i`.
    fn row(&self, i: usize) -> usize {
        self.rows.get(i).map_or(usize::MAX, |r| *r as usize)
    }

    /// The mentions frame's rows in the order shown, unless a sort is still running.
    pub fn shown_rows(&self) -> Option<Vec<IdxSize>> {
        self.sorting.is_none().then(|| self.rows.clone())
    }

    fn start_sort(
        &mut self,
        ctx: &egui::Context,
        column: &'static str,
        descending: bool,
    ) -> Result<(), JobError<FrameError>> {
        self.selected.clear();
        self.anchor = None;
        self.sorting = None;
        if self.rows.len() <= SORT_INLINE_ROWS {
            // A small table sorts within the frame, so the order never flickers.
            self.rows = self
                .frames
                .sort_mention_rows(&self.rows, column, descending)
                .map_err(JobError::Work)?;
            self.sort = Some((column, descending));
            return Ok(());
        }
        let (frames, rows) = (self.frames.clone(), self.rows.clone());
        let job = Job::spawn("newslens-sort", ctx, move |_, _, _| {
            frames.sort_mention_rows(&rows, column, descending)
        })?;
        self.sorting = Some(PendingSort {
            column,
            descending,
            job,
        });
        Ok(())
    }

    /// Installs a finished background sort; a failed one leaves the order as it was
    /// and is returned.
    fn poll_sort(&mut self) -> Option<JobError<FrameError>> {
        let pending = self.sorting.as_ref()?;
        match pending.job.poll() {
            JobPoll::Running => None,
            JobPoll::Done(rows) => {
                self.rows = rows;
                self.sort = Some((pending.column, pending.descending));
                self.sorting = None;
                None
            }
            JobPoll::Cancelled => {
                self.sorting = None;
                None
            }
            JobPoll::Failed(e) => {
                self.sorting = None;
                Some(e)
            }
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
    pub fn selected_tsv(&self) -> Result<String, FrameError> {
        let rows: Vec<IdxSize> = self
            .selected
            .iter()
            .filter_map(|&i| self.rows.get(i).copied())
            .collect();
        let mentions = self.frames.mentions_frame(&rows)?;
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
        Ok(out)
    }

    /// How many mentions, whether a sort runs, and how many rows are selected.
    fn status_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(format!("{} mentions", count(self.rows.len() as u64)));
            if self.sorting() {
                ui.add(egui::Spinner::new());
                ui.weak("sorting…");
            }
            if !self.selected.is_empty() {
                ui.label(format!(
                    "· {} selected (Ctrl+C copies them as TSV)",
                    self.selected.len()
                ));
            }
        });
    }

    /// The table; returns the row clicked and the column whose header was clicked.
    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        colors: &Colors,
    ) -> (Option<usize>, Option<&'static str>) {
        let mut clicked = None;
        let mut sort_column = None;
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
                for (title, key) in MENTION_COLUMNS {
                    header.col(|ui| {
                        if self.header_ui(ui, title, key) {
                            sort_column = key;
                        }
                    });
                }
            })
            .body(|body| {
                if self.texts.len() > KEPT_ROWS {
                    self.texts.clear();
                }
                let (frames, texts) = (&self.frames, &mut self.texts);
                body.rows(20.0, self.rows.len(), |mut row| {
                    let i = row.index();
                    let selected = self.selected.contains(&i);
                    row.set_selected(selected);
                    let at = self.rows.get(i).map_or(usize::MAX, |r| *r as usize);
                    if let Some(mention) = frames.mention(at) {
                        let shown = texts.entry(at).or_insert_with(|| {
                            let (left, right) = context(&mention);
                            MentionTexts {
                                published: mention
                                    .published
                                    .map(|d| d.to_string())
                                    .unwrap_or_default(),
                                left,
                                right,
                            }
                        });
                        mention_row_ui(&mut row, &mention, shown, selected, colors);
                    }
                    if row.response().clicked() {
                        clicked = Some(i);
                    }
                });
            });
        (clicked, sort_column)
    }

    /// A column's title, a button that sorts by it where it can be sorted; whether it
    /// was clicked.
    fn header_ui(&self, ui: &mut egui::Ui, title: &str, key: Option<&'static str>) -> bool {
        let Some(key) = key else {
            ui.strong(title);
            return false;
        };
        let arrow = match self.sort() {
            Some((c, false)) if c == key => " (asc)",
            Some((c, true)) if c == key => " (desc)",
            _ => "",
        };
        let label = egui::RichText::new(format!("{title}{arrow}")).strong();
        ui.button(label).on_hover_text("Sort").clicked()
    }
}

/// The mentions table's columns: title, and the column it sorts by.
const MENTION_COLUMNS: [(&str, Option<&str>); 7] = [
    ("Date", Some("published")),
    ("Outlet", Some("outlet")),
    ("Left context", None),
    ("Matched", Some("matched")),
    ("Right context", None),
    ("Actor", Some("actor")),
    ("Title", Some("title")),
];

/// One mention: date, outlet, the match in its context, actor and title.
fn mention_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    mention: &MentionView<'_>,
    shown: &MentionTexts,
    selected: bool,
    colors: &Colors,
) {
    let color = colors
        .get(mention.actor_id)
        .copied()
        .unwrap_or(egui::Color32::GRAY);
    row.col(|ui| {
        ui.label(&shown.published);
    });
    row.col(|ui| {
        ui.label(mention.outlet.unwrap_or(""));
    });
    row.col(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(&shown.left);
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
        ui.label(&shown.right);
    });
    row.col(|ui| {
        // A use of the name counted on the analyst's say ("Switzerland · currency").
        if mention.usage == Usage::Actor {
            ui.label(mention.actor);
        } else {
            ui.label(format!("{} · {}", mention.actor, mention.usage.as_str()))
                .on_hover_text(mention.usage.describe());
        }
    });
    row.col(|ui| {
        ui.label(mention.title);
    });
}

/// The articles tab: the filtered articles and a date being typed into the table.
#[derive(Default)]
pub struct ArticlesPanel {
    shown: Option<(Query, DataFrame)>,
    /// The cells of the rows shown so far, by row: made when a row first comes into
    /// view, not every frame.
    cells: HashMap<usize, ArticleCells>,
    /// A date being typed into the table: (source path, text).
    date_edit: Option<(String, String)>,
}

/// What a row of the articles table shows.
struct ArticleCells {
    source_path: String,
    published: String,
    /// The columns after the date, as [`ARTICLE_COLUMNS`] names them.
    rest: Vec<String>,
    article: usize,
}

impl ArticleCells {
    fn of(frame: &DataFrame, row: usize) -> Self {
        Self {
            source_path: cell(frame, "source_path", row),
            published: cell(frame, "published", row),
            rest: ARTICLE_COLUMNS
                .iter()
                .map(|column| cell(frame, column, row))
                .collect(),
            article: number(frame, "article_id", row),
        }
    }
}

/// What happened in the articles table this frame.
#[derive(Default)]
struct ArticleClicks {
    /// The article whose row was clicked.
    open: Option<usize>,
    /// A date field opened: (source path, its date).
    start_edit: Option<(String, String)>,
    /// The date field closed: with Enter, the date typed; else nothing.
    commit: Option<Option<(String, String)>>,
}

/// The articles table's columns after the date, by frame column.
const ARTICLE_COLUMNS: [&str; 8] = [
    "date_source",
    "outlet",
    "title",
    "author",
    "word_count",
    "mention_count",
    "date_evidence",
    "source_path",
];

impl ArticlesPanel {
    /// The query of the table shown.
    pub fn shown_query(&self) -> Option<&Query> {
        self.shown.as_ref().map(|(q, _)| q)
    }

    /// Shows new rows.
    pub fn set(&mut self, query: Query, frame: DataFrame) {
        self.shown = Some((query, frame));
        self.cells.clear();
    }

    /// Forgets the table (a new corpus).
    pub fn clear(&mut self) {
        self.shown = None;
        self.cells.clear();
    }

    /// Lays out the table; setting a date and opening an article are commands.
    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        ui.style_mut().interaction.selectable_labels = false;
        let (_, frame) = self.shown.as_ref()?;
        ui.label(format!("{} articles", count(frame.height() as u64)));
        let mut edit = self.date_edit.take();
        if self.cells.len() > KEPT_ROWS {
            self.cells.clear();
        }
        let clicks = articles_table_ui(ui, frame, &mut self.cells, &mut edit);
        let mut command = None;
        match clicks.commit {
            Some(Some((source_path, typed))) => {
                command = Some(Command::SetArticleDate { source_path, typed });
            }
            Some(None) => {}
            None => self.date_edit = clicks.start_edit.or(edit),
        }
        if let Some(article) = clicks.open.filter(|_| self.date_edit.is_none()) {
            command = command.or(Some(Command::OpenReader {
                article,
                selected: None,
            }));
        }
        command
    }
}

/// The articles table, with the date field of the row being edited.
fn articles_table_ui(
    ui: &mut egui::Ui,
    frame: &DataFrame,
    cells: &mut HashMap<usize, ArticleCells>,
    edit: &mut Option<(String, String)>,
) -> ArticleClicks {
    let mut clicks = ArticleClicks::default();
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
            body.rows(20.0, frame.height(), |mut row| {
                let i = row.index();
                let shown = cells.entry(i).or_insert_with(|| ArticleCells::of(frame, i));
                let path = &shown.source_path;
                let mut date_clicked = false;
                row.col(|ui| match edit {
                    Some((editing, text)) if editing == path => {
                        if let Some(done) = date_edit_ui(ui, path, text) {
                            clicks.commit = Some(done);
                        }
                    }
                    _ => {
                        if date_cell_ui(ui, &shown.published) {
                            date_clicked = true;
                            clicks.start_edit = Some((path.clone(), shown.published.clone()));
                        }
                    }
                });
                for text in &shown.rest {
                    row.col(|ui| {
                        ui.label(text);
                    });
                }
                if row.response().clicked() && !date_clicked {
                    clicks.open = Some(shown.article);
                }
            });
        });
    clicks
}

/// The date of an article, or "set date…"; whether it was clicked.
fn date_cell_ui(ui: &mut egui::Ui, published: &str) -> bool {
    let shown = if published.is_empty() {
        egui::RichText::new("set date…").weak().italics()
    } else {
        egui::RichText::new(published)
    };
    ui.add(egui::Label::new(shown).sense(egui::Sense::click()))
        .on_hover_text("Click to set this article's date (saved beside the corpus)")
        .clicked()
}

/// The field a date is typed into: once it closes, `Some(Some(..))` with the date
/// typed when Enter closed it, `Some(None)` when Esc or a click elsewhere did.
fn date_edit_ui(
    ui: &mut egui::Ui,
    path: &str,
    text: &mut String,
) -> Option<Option<(String, String)>> {
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
        Some(None)
    } else if field.lost_focus() {
        // Enter sets the date; clicking elsewhere leaves it.
        let entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
        Some(entered.then(|| (path.to_owned(), text.clone())))
    } else {
        None
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
