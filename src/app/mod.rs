//! The desktop workbench. It only lays out and renders; data comes from the core through
//! the same [`Query`] the command line uses, and loading runs in [`jobs`].

mod jobs;
mod reader;
mod sidebar;
mod tables;
mod timeline;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use eframe::egui;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::actors::{ActorId, ActorKind, Dictionary};
use crate::corpus::LoadWarning;
use crate::dates::from_epoch_days;
use crate::frames::{Frames, Granularity, Metric, Query};
use jobs::{JobPoll, LoadJob, Loaded};

/// Settings restored on the next start. Corpus data is never persisted.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Selected actor ids with their palette slot.
    pub selected: Vec<(String, usize)>,
    /// Timeline period.
    pub granularity: Granularity,
    /// Timeline metric.
    pub metric: Metric,
    /// Moving average window in periods (1 = none).
    pub smoothing: usize,
    /// Filter: text in the sentence.
    pub search: String,
    /// Filter: actor kinds (empty = all).
    pub kinds: Vec<String>,
    /// Filter: outlets (empty = all).
    pub outlets: Vec<String>,
    /// Filter: first day, as typed.
    pub from: String,
    /// Filter: last day, as typed.
    pub to: String,
    /// The corpus opened last; empty for the sample corpus.
    pub last_paths: Vec<PathBuf>,
}

/// Per-actor totals shown in the actor list.
#[derive(Clone, Debug)]
pub struct ActorRow {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind name.
    pub kind: String,
    /// Mentions in the whole corpus.
    pub mentions: u64,
}

/// A loaded corpus and what the side panel shows about it.
pub struct Workspace {
    dictionary: Dictionary,
    frames: Frames,
    warnings: Vec<LoadWarning>,
    paths: Vec<PathBuf>,
    actors: Vec<ActorRow>,
    outlets: Vec<String>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    undated: usize,
}

/// A point the analyst clicked: one actor in one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drill {
    actor: String,
    period_start: NaiveDate,
}

/// Which tab is shown below the plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Mentions,
    Articles,
    Reader,
}

/// The workbench application.
pub struct NewsLensApp {
    settings: Settings,
    workspace: Option<Workspace>,
    job: Option<LoadJob>,
    /// A message for the user: (text, is_error).
    notice: Option<(String, bool)>,
    timeline: Option<(Query, timeline::Series)>,
    drill: Option<Drill>,
    mentions: Option<(Query, tables::MentionTable)>,
    articles: Option<(Query, DataFrame)>,
    reader: Option<reader::ReaderState>,
    tab: Tab,
    actor_filter: String,
    sort_by_name: bool,
    show_warnings: bool,
    export: Option<std::sync::mpsc::Receiver<Result<String, String>>>,
}

/// Which frame an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The mentions table as shown (drill-down or filters).
    Mentions,
    /// The filtered articles.
    Articles,
    /// The timeline as plotted (before smoothing).
    Timeline,
}

impl ExportKind {
    fn label(self) -> &'static str {
        match self {
            Self::Mentions => "mentions",
            Self::Articles => "articles",
            Self::Timeline => "timeline",
        }
    }
}

const PALETTE: [egui::Color32; 12] = [
    egui::Color32::from_rgb(31, 119, 180),
    egui::Color32::from_rgb(214, 39, 40),
    egui::Color32::from_rgb(44, 160, 44),
    egui::Color32::from_rgb(255, 127, 14),
    egui::Color32::from_rgb(148, 103, 189),
    egui::Color32::from_rgb(140, 86, 75),
    egui::Color32::from_rgb(227, 119, 194),
    egui::Color32::from_rgb(127, 127, 127),
    egui::Color32::from_rgb(188, 189, 34),
    egui::Color32::from_rgb(23, 190, 207),
    egui::Color32::from_rgb(0, 0, 128),
    egui::Color32::from_rgb(128, 128, 0),
];

/// How many actors are selected when a corpus opens with no saved selection.
const DEFAULT_TOP_N: usize = 5;

impl NewsLensApp {
    /// Creates the app, restoring settings, and starts loading `paths` (or the last
    /// corpus, or the sample corpus).
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(settings);
        let paths = if paths.is_empty() {
            app.settings.last_paths.clone()
        } else {
            paths
        };
        app.open(&cc.egui_ctx, paths);
        app
    }

    /// Creates the app with given settings and nothing loaded.
    pub fn with_settings(settings: Settings) -> Self {
        Self {
            settings,
            workspace: None,
            job: None,
            notice: None,
            timeline: None,
            drill: None,
            mentions: None,
            articles: None,
            reader: None,
            tab: Tab::Mentions,
            actor_filter: String::new(),
            sort_by_name: false,
            show_warnings: false,
            export: None,
        }
    }

    /// Starts loading files and folders (the sample corpus when empty).
    pub fn open(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        let repaint_ctx = ctx.clone();
        match LoadJob::start(paths, None, move || repaint_ctx.request_repaint()) {
            Ok(job) => self.job = Some(job),
            Err(e) => self.notice = Some((e, true)),
        }
    }

    /// Whether a load is running.
    pub fn loading(&self) -> bool {
        self.job.is_some()
    }

    /// The loaded workspace's actor rows.
    pub fn actor_rows(&self) -> &[ActorRow] {
        self.workspace.as_ref().map_or(&[], |w| &w.actors)
    }

    /// Ids of the selected actors, in selection order.
    pub fn selected_actors(&self) -> Vec<String> {
        self.settings
            .selected
            .iter()
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// The query that every view is derived from.
    pub fn query(&self) -> Query {
        let s = &self.settings;
        Query {
            actors: s
                .selected
                .iter()
                .map(|(id, _)| ActorId(id.clone()))
                .collect(),
            kinds: s.kinds.iter().filter_map(|k| ActorKind::parse(k)).collect(),
            outlets: s.outlets.clone(),
            from: crate::dates::parse_user_date(&s.from),
            to: crate::dates::parse_user_date(&s.to),
            search: Some(s.search.trim().to_owned()).filter(|t| !t.is_empty()),
            granularity: s.granularity,
            metric: s.metric,
        }
    }

    /// The query behind the mentions table: the drill-down point, else the filters.
    pub fn table_query(&self) -> Query {
        let mut query = self.query();
        if let Some(drill) = &self.drill {
            let g = query.granularity;
            let end = g
                .next_period(drill.period_start)
                .pred_opt()
                .unwrap_or(drill.period_start);
            query.actors = vec![ActorId(drill.actor.clone())];
            query.from = Some(
                query
                    .from
                    .map_or(drill.period_start, |f| f.max(drill.period_start)),
            );
            query.to = Some(query.to.map_or(end, |t| t.min(end)));
        }
        query
    }

    /// Selects a point of the timeline, as a click on the plot does.
    pub fn drill_into(&mut self, actor: &str, period_start: NaiveDate) {
        self.drill = Some(Drill {
            actor: actor.to_owned(),
            period_start,
        });
        self.tab = Tab::Mentions;
    }

    /// The plotted `(period start, value)` points of one actor, before smoothing.
    pub fn timeline_points(&self, actor: &str) -> Vec<(NaiveDate, f64)> {
        self.timeline
            .as_ref()
            .and_then(|(_, series)| series.actors.iter().find(|(id, _)| id == actor))
            .map(|(_, s)| {
                s.points
                    .iter()
                    .filter_map(|p| Some((from_epoch_days(p.0)?, p.1)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The rows of the mentions table as shown.
    pub fn mention_table(&mut self) -> Option<&DataFrame> {
        self.refresh_mentions();
        self.mentions.as_ref().map(|(_, t)| &t.frame)
    }

    /// The frame an export of `kind` writes: exactly the rows the views show.
    pub fn export_frame(&self, kind: ExportKind) -> Option<DataFrame> {
        let ws = self.workspace.as_ref()?;
        let frame = match kind {
            ExportKind::Mentions => self.table_query().mentions(&ws.frames),
            ExportKind::Articles => self.query().articles(&ws.frames, false),
            ExportKind::Timeline => self.query().timeline(&ws.frames, &ws.dictionary),
        };
        frame.ok()
    }

    /// Writes `kind` to `path` on a background thread (format from the extension; CSV
    /// when there is none). The file is written atomically and replaced if it exists:
    /// the save dialog has already asked.
    pub fn export_to(&mut self, kind: ExportKind, path: PathBuf) {
        let Some(frame) = self.export_frame(kind) else {
            self.notice = Some(("Nothing to export yet.".to_owned(), true));
            return;
        };
        let path = if path.extension().is_none() {
            path.with_extension("csv")
        } else {
            path
        };
        let format = crate::export::Format::from_path(&path).unwrap_or(crate::export::Format::Csv);
        let (tx, rx) = std::sync::mpsc::channel();
        let label = kind.label();
        let spawned = std::thread::Builder::new()
            .name("newslens-export".to_owned())
            .spawn(move || {
                let result = crate::export::write_file(&frame, format, &path, true)
                    .map(|()| {
                        format!(
                            "Exported {} {label} rows to {}",
                            frame.height(),
                            path.display()
                        )
                    })
                    .map_err(|e| format!("Export failed: {e}"));
                let _ = tx.send(result);
            });
        match spawned {
            Ok(_) => self.export = Some(rx),
            Err(e) => self.notice = Some((format!("Export failed: cannot start: {e}"), true)),
        }
    }

    /// Whether an export is being written.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    fn poll_export(&mut self) {
        let Some(rx) = &self.export else { return };
        match rx.try_recv() {
            Ok(Ok(message)) => {
                self.notice = Some((message, false));
                self.export = None;
            }
            Ok(Err(message)) => {
                self.notice = Some((message, true));
                self.export = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.notice = Some((
                    "Export failed: the writer stopped unexpectedly".to_owned(),
                    true,
                ));
                self.export = None;
            }
        }
    }

    fn pick_export(&mut self, kind: ExportKind) {
        if self.workspace.is_none() {
            return;
        }
        if let Some(path) = rfd::FileDialog::new()
            .set_title(format!("Export {}", kind.label()))
            .set_file_name(format!("{}.csv", kind.label()))
            .add_filter("CSV", &["csv"])
            .add_filter("Parquet", &["parquet"])
            .save_file()
        {
            self.export_to(kind, path);
        }
    }

    fn toggle_actor(&mut self, id: &str) {
        if let Some(pos) = self.settings.selected.iter().position(|(s, _)| s == id) {
            self.settings.selected.remove(pos);
        } else {
            let used: Vec<usize> = self.settings.selected.iter().map(|(_, c)| *c).collect();
            let slot = (0..PALETTE.len())
                .find(|c| !used.contains(c))
                .unwrap_or(self.settings.selected.len() % PALETTE.len());
            self.settings.selected.push((id.to_owned(), slot));
        }
    }

    /// Selects the `n` most mentioned actors.
    fn select_top(&mut self, n: usize) {
        let ids: Vec<String> = self
            .actor_rows()
            .iter()
            .take(n)
            .map(|a| a.id.clone())
            .collect();
        self.settings.selected = ids
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i % PALETTE.len()))
            .collect();
    }

    fn color_of(&self, id: &str) -> egui::Color32 {
        self.settings
            .selected
            .iter()
            .find(|(s, _)| s == id)
            .map_or(egui::Color32::GRAY, |(_, c)| PALETTE[*c % PALETTE.len()])
    }

    fn poll_job(&mut self) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            JobPoll::Running => {}
            JobPoll::Done(loaded) => {
                self.job = None;
                self.install(*loaded);
            }
            JobPoll::Cancelled => {
                self.job = None;
                self.notice = Some((
                    "Loading was cancelled; the previous corpus is still open.".to_owned(),
                    false,
                ));
            }
            JobPoll::Failed(message) => {
                self.job = None;
                self.notice = Some((format!("Could not open the corpus: {message}"), true));
            }
        }
    }

    fn install(&mut self, loaded: Loaded) {
        match Workspace::new(loaded) {
            Ok(workspace) => {
                let known: Vec<String> = workspace.actors.iter().map(|a| a.id.clone()).collect();
                self.settings.last_paths = workspace.paths.clone();
                self.show_warnings = !workspace.warnings.is_empty();
                self.notice = (!workspace.warnings.is_empty()).then(|| {
                    (
                        format!(
                            "{} file(s) could not be read; see the warnings.",
                            workspace.warnings.len()
                        ),
                        true,
                    )
                });
                self.workspace = Some(workspace);
                self.settings.selected.retain(|(id, _)| known.contains(id));
                if self.settings.selected.is_empty() {
                    self.select_top(DEFAULT_TOP_N);
                }
                self.timeline = None;
                self.mentions = None;
                self.articles = None;
                self.drill = None;
                self.reader = None;
            }
            Err(e) => self.notice = Some((format!("Could not summarise the corpus: {e}"), true)),
        }
    }

    fn refresh_timeline(&mut self) {
        let query = self.query();
        if self.timeline.as_ref().is_some_and(|(q, _)| *q == query) {
            return;
        }
        let Some(ws) = &self.workspace else { return };
        match query.timeline(&ws.frames, &ws.dictionary) {
            Ok(frame) => self.timeline = Some((query, timeline::Series::from_frame(&frame))),
            Err(e) => {
                self.notice = Some((e.to_string(), true));
                self.timeline = Some((query, timeline::Series::default()));
            }
        }
    }

    fn refresh_mentions(&mut self) {
        let query = self.table_query();
        if self.mentions.as_ref().is_some_and(|(q, _)| *q == query) {
            return;
        }
        let Some(ws) = &self.workspace else { return };
        match query.mentions(&ws.frames) {
            Ok(frame) => self.mentions = Some((query, tables::MentionTable::new(frame))),
            Err(e) => self.notice = Some((e.to_string(), true)),
        }
    }

    fn refresh_articles(&mut self) {
        let query = self.query();
        if self.articles.as_ref().is_some_and(|(q, _)| *q == query) {
            return;
        }
        let Some(ws) = &self.workspace else { return };
        match query.articles(&ws.frames, false) {
            Ok(frame) => self.articles = Some((query, frame)),
            Err(e) => self.notice = Some((e.to_string(), true)),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let open = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
        if ctx.input_mut(|i| i.consume_shortcut(&open)) {
            self.pick_folder(ctx);
        }
        let export = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::E);
        if ctx.input_mut(|i| i.consume_shortcut(&export)) {
            self.pick_export(ExportKind::Mentions);
        }
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.drill = None;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.open(ctx, dropped);
        }
    }

    fn pick_folder(&mut self, ctx: &egui::Context) {
        if let Some(folder) = rfd::FileDialog::new()
            .set_title("Open a folder of articles")
            .pick_folder()
        {
            self.open(ctx, vec![folder]);
        }
    }

    fn pick_files(&mut self, ctx: &egui::Context) {
        if let Some(files) = rfd::FileDialog::new()
            .set_title("Open article files")
            .add_filter("Articles", &crate::corpus::TEXT_EXTENSIONS)
            .pick_files()
        {
            self.open(ctx, files);
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open folder…  (Ctrl+O)").clicked() {
                    self.pick_folder(&ctx);
                }
                if ui.button("Open files…").clicked() {
                    self.pick_files(&ctx);
                }
                if ui.button("Open the sample corpus").clicked() {
                    self.open(&ctx, Vec::new());
                }
            });
            ui.menu_button("Export", |ui| {
                if ui.button("Mentions as shown…  (Ctrl+E)").clicked() {
                    self.pick_export(ExportKind::Mentions);
                }
                if ui.button("Articles…").clicked() {
                    self.pick_export(ExportKind::Articles);
                }
                if ui.button("Timeline…").clicked() {
                    self.pick_export(ExportKind::Timeline);
                }
            });
            ui.separator();
            if let Some(job) = &self.job {
                let (done, total, stage, rate) = job.status();
                let fraction = if total > 0 {
                    done as f32 / total as f32
                } else {
                    0.0
                };
                ui.label(format!("Opening {} — {stage}", job.label));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(220.0)
                        .text(format!("{done} / {total} files · {rate:.0} articles/s")),
                );
                if job.cancelling() {
                    ui.label("cancelling…");
                } else if ui.button("Cancel").clicked() {
                    job.cancel();
                }
            }
            if let Some((text, error)) = self.notice.clone() {
                let color = if error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(color, text);
                if ui.small_button("Dismiss").clicked() {
                    self.notice = None;
                }
            }
        });
    }
}

impl Workspace {
    fn new(loaded: Loaded) -> PolarsResult<Self> {
        let counts = loaded
            .frames
            .mentions
            .clone()
            .lazy()
            .group_by([col("actor_id"), col("actor"), col("actor_kind")])
            .agg([len().alias("n")])
            .sort_by_exprs(
                [col("n"), col("actor_id")],
                SortMultipleOptions::default().with_order_descending_multi([true, false]),
            )
            .collect()?;
        let ids = counts.column("actor_id")?.str()?;
        let names = counts.column("actor")?.str()?;
        let kinds = counts.column("actor_kind")?.str()?;
        let ns = counts.column("n")?.cast(&DataType::UInt64)?;
        let ns = ns.u64()?;
        let actors = (0..counts.height())
            .map(|i| ActorRow {
                id: ids.get(i).unwrap_or("").to_owned(),
                name: names.get(i).unwrap_or("").to_owned(),
                kind: kinds.get(i).unwrap_or("").to_owned(),
                mentions: ns.get(i).unwrap_or(0),
            })
            .collect();
        let articles = &loaded.frames.articles;
        let mut outlets: Vec<String> = articles
            .column("outlet")?
            .str()?
            .iter()
            .flatten()
            .map(str::to_owned)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        outlets.sort();
        let days = articles.column("published")?.cast(&DataType::Int32)?;
        let days = days.i32()?;
        let undated = days.null_count();
        let first = days.min().and_then(from_epoch_days);
        let last = days.max().and_then(from_epoch_days);
        Ok(Self {
            dictionary: loaded.dictionary,
            frames: loaded.frames,
            warnings: loaded.warnings,
            paths: loaded.paths,
            actors,
            outlets,
            first,
            last,
            undated,
        })
    }
}

impl eframe::App for NewsLensApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll_job();
        self.poll_export();
        if self.export.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        self.shortcuts(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        if self.show_warnings {
            self.warnings_ui(ui);
        }
        egui::Panel::left("side")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                self.sidebar_ui(ui);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if self.workspace.is_none() {
                ui.centered_and_justified(|ui| {
                    ui.label(if self.job.is_some() {
                        "Opening the corpus…"
                    } else {
                        "Open a folder of articles (Ctrl+O) or drop files here."
                    });
                });
                return;
            }
            self.refresh_timeline();
            let plot_height = (ui.available_height() * 0.5).max(200.0);
            ui.allocate_ui(egui::vec2(ui.available_width(), plot_height), |ui| {
                self.timeline_ui(ui)
            });
            ui.separator();
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.tab, Tab::Mentions, "Mentions");
                ui.selectable_value(&mut self.tab, Tab::Articles, "Articles");
                ui.selectable_value(&mut self.tab, Tab::Reader, "Reader");
                if let Some(drill) = &self.drill {
                    ui.separator();
                    ui.label(format!(
                        "Showing {} in the period from {} (Esc clears)",
                        drill.actor, drill.period_start
                    ));
                    if ui.small_button("Clear").clicked() {
                        self.drill = None;
                    }
                }
            });
            match self.tab {
                Tab::Mentions => {
                    self.refresh_mentions();
                    self.mentions_ui(ui);
                }
                Tab::Articles => {
                    self.refresh_articles();
                    self.articles_ui(ui);
                }
                Tab::Reader => self.reader_ui(ui),
            }
        });
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

impl NewsLensApp {
    fn warnings_ui(&mut self, ui: &mut egui::Ui) {
        let Some(ws) = &self.workspace else { return };
        if ws.warnings.is_empty() {
            return;
        }
        let mut open = true;
        egui::Panel::bottom("warnings")
            .resizable(true)
            .default_size(120.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(format!("{} file(s) skipped", ws.warnings.len()));
                    if ui.small_button("Hide").clicked() {
                        open = false;
                    }
                });
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for w in &ws.warnings {
                        ui.label(
                            egui::RichText::new(w.to_string()).color(ui.visuals().warn_fg_color),
                        );
                    }
                });
            });
        self.show_warnings = open;
    }
}

/// Colours of the selected actors, for views that need them.
fn color_map_ids(settings: &Settings) -> HashMap<String, egui::Color32> {
    settings
        .selected
        .iter()
        .map(|(id, c)| (id.clone(), PALETTE[*c % PALETTE.len()]))
        .collect()
}

/// Runs the workbench window on `paths` (the last or sample corpus when empty).
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("NewsLens")
            .with_inner_size([1400.0, 900.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "NewsLens",
        options,
        Box::new(move |cc| Ok(Box::new(NewsLensApp::new(cc, paths)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the NewsLens window: {e}"))
}
