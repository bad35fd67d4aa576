//! The desktop workbench. It only lays out and renders; data comes from the core through
//! the same [`Query`] the command line uses. Panels own their state and return
//! [`Command`]s, which [`NewsLensApp::run_command`] applies; long work runs as
//! background [`job::Job`]s.

mod apply;
mod columns;
mod command;
mod dates;
mod dialogs;
mod dictionary;
mod exporting;
mod framelog;
mod job;
mod jobs;
mod menu;
mod reader;
mod settings;
mod sidebar;
mod tables;
mod timeline;
mod views;
mod workspace;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use eframe::egui;
use polars::prelude::DataFrame;

use crate::actors::ActorId;
use crate::query::{Granularity, Metric, Query};
use command::{Command, Drill, Tab};
pub use command::{ExportKind, PathPurpose};
use settings::Colors;
pub use settings::Settings;
use views::{ViewKind, Views};
pub use workspace::ActorRow;
use workspace::Workspace;

/// A message for the analyst in the top bar.
#[derive(Clone, Debug)]
struct Notice {
    text: String,
    error: bool,
}

impl Notice {
    fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: false,
        }
    }

    fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: true,
        }
    }
}

/// The background work of the app besides the views.
#[derive(Default)]
struct Jobs {
    /// Opening a corpus, or deriving new frames for it.
    load: Option<jobs::LoadJob>,
    /// Writing an export.
    export: Option<exporting::ExportJob>,
    /// The article to show in the reader once a load finishes, what to tell the analyst
    /// then, and the tab to show.
    after_load: Option<(String, String, Tab)>,
}

/// The panels and dialogs, each with its own state.
#[derive(Default)]
struct Panels {
    sidebar: sidebar::Sidebar,
    timeline: timeline::TimelinePanel,
    mentions: tables::MentionsPanel,
    articles: tables::ArticlesPanel,
    reader: reader::ReaderPanel,
    /// The actor dictionary editor, while its window is open.
    dictionary: Option<dictionary::DictionaryEditor>,
    /// A table whose columns the analyst is asked to name.
    columns: Option<columns::ColumnChoice>,
    /// An export waiting for confirmation to replace a file.
    confirm: Option<exporting::PendingReplace>,
    /// A path typed into the window, where no file dialog is available.
    path_prompt: Option<dialogs::PathPrompt>,
    /// Which tab is shown below the plot.
    tab: Tab,
    show_warnings: bool,
}

/// What the views are asked for besides the settings.
#[derive(Default)]
struct Focus {
    /// The clicked point of the timeline.
    drill: Option<Drill>,
    /// The search text the views use; on a large corpus it follows the typed text once
    /// typing pauses.
    search_applied: String,
    /// When the search text was last edited and not yet applied.
    search_edited: Option<Instant>,
    /// The colours of the selected actors.
    colors: Colors,
}

/// The workbench application.
pub struct NewsLensApp {
    settings: Settings,
    /// The context, for work started outside a frame.
    ctx: egui::Context,
    workspace: Option<Workspace>,
    views: Option<Views>,
    jobs: Jobs,
    panels: Panels,
    focus: Focus,
    notice: Option<Notice>,
    frame_log: Option<framelog::FrameLog>,
}

impl NewsLensApp {
    /// Creates the app, restoring settings, and starts loading `paths` (or the last
    /// corpus, or the sample corpus).
    pub fn new(cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_settings(settings);
        app.ctx = cc.egui_ctx.clone();
        app.move_kept_dates();
        let paths = if paths.is_empty() {
            app.settings.last_paths.clone()
        } else {
            paths
        };
        app.run_command(Command::Open(paths));
        app
    }

    /// Creates the app with given settings and nothing loaded.
    pub fn with_settings(settings: Settings) -> Self {
        Self {
            focus: Focus {
                search_applied: settings.search.clone(),
                colors: settings.colors(),
                ..Focus::default()
            },
            panels: Panels {
                sidebar: sidebar::Sidebar::new(&settings),
                ..Panels::default()
            },
            settings,
            ctx: egui::Context::default(),
            workspace: None,
            views: None,
            jobs: Jobs::default(),
            notice: None,
            frame_log: framelog::FrameLog::from_env(),
        }
    }

    /// The settings as they would be saved now.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Starts loading files and folders (the sample corpus when empty).
    pub fn open(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        self.ctx = ctx.clone();
        self.run_command(Command::Open(paths));
    }

    /// The message shown in the top bar, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// Whether a load is running.
    pub fn loading(&self) -> bool {
        self.jobs.load.is_some()
    }

    /// Whether a load, an export, a sort or a view's frame is still being computed.
    pub fn busy(&self) -> bool {
        self.jobs.load.is_some()
            || self.jobs.export.is_some()
            || self.views.as_ref().is_some_and(Views::busy)
            || self.panels.mentions.sorting()
    }

    /// How many articles the open corpus has.
    pub fn articles_shown(&self) -> usize {
        self.workspace
            .as_ref()
            .map_or(0, |ws| ws.frames.articles.height())
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
            .map(|(id, _)| id.0.clone())
            .collect()
    }

    /// The query that every view is derived from.
    pub fn query(&self) -> Query {
        let s = &self.settings;
        let search = self.focus.search_applied.trim();
        Query {
            actors: s.selected.iter().map(|(id, _)| id.clone()).collect(),
            kinds: s.kinds.clone(),
            outlets: s.outlets.clone(),
            from: s.from,
            to: s.to,
            search: (!search.is_empty()).then(|| search.to_owned()),
            in_title: s.in_title,
            granularity: s.granularity,
            metric: s.metric,
            time: s.time,
            exclude_inferred: s.exclude_inferred,
        }
    }

    /// The query behind the mentions table: the drill-down point, else the filters.
    pub fn table_query(&self) -> Query {
        let mut query = self.query();
        if let Some(drill) = &self.focus.drill {
            let end = drill.last_day(query.granularity);
            query.actors = vec![drill.actor.clone()];
            query.from = Some(
                query
                    .from
                    .map_or(drill.period_start, |f| f.max(drill.period_start)),
            );
            query.to = Some(query.to.map_or(end, |t| t.min(end)));
        }
        rows_query(query)
    }

    /// Selects a point of the timeline, as a click on the plot does.
    pub fn drill_into(&mut self, actor: &str, period_start: NaiveDate) {
        self.run_command(Command::DrillInto(Drill {
            actor: ActorId(actor.to_owned()),
            period_start,
        }));
    }

    /// The plotted `(period start, value)` points of one actor, before smoothing.
    pub fn timeline_points(&self, actor: &str) -> Vec<(NaiveDate, f64)> {
        self.panels.timeline.points(actor)
    }

    /// The rows of the mentions table as shown, once they have been derived and sorted
    /// (`None` while they are on their way).
    pub fn mention_table(&self) -> Option<DataFrame> {
        let shown = self.panels.mentions.shown_query()?;
        if *shown != self.table_query() {
            return None;
        }
        self.panels.mentions.rows_frame()
    }

    /// Opens the article with this source path in the reader.
    pub fn read_article(&mut self, source_path: &str) {
        let row = self
            .workspace
            .as_ref()
            .and_then(|ws| ws.frames.article_row(source_path));
        if let Some(article) = row {
            self.run_command(Command::OpenReader {
                article,
                selected: None,
            });
        }
    }

    /// Opens the dictionary editor (Ctrl+D).
    pub fn open_dictionary_editor(&mut self) {
        self.run_command(Command::OpenDictionaryEditor);
    }

    /// Problems the editor shows (of the last file read or written).
    pub fn dictionary_problems(&self) -> Vec<String> {
        self.panels
            .dictionary
            .as_ref()
            .map(|e| e.problems().to_vec())
            .unwrap_or_default()
    }

    /// Exports `kind` to `path`, first asking whether to replace the file if it exists.
    pub fn request_export(&mut self, kind: ExportKind, path: PathBuf) {
        self.run_command(Command::RequestExport(kind, path));
    }

    /// Writes `kind` to `path` in the background (format from the extension; CSV when
    /// there is none), replacing the file if it exists.
    pub fn export_to(&mut self, kind: ExportKind, path: PathBuf) {
        self.run_command(Command::Export(kind, path));
    }

    /// The file waiting for a confirmation to be replaced, if any.
    pub fn confirming(&self) -> Option<&Path> {
        self.panels.confirm.as_ref().map(|c| c.path.as_path())
    }

    /// Whether an export is being written.
    pub fn exporting(&self) -> bool {
        self.jobs.export.is_some()
    }

    /// Shows the in-window prompt for a path, filled with a sensible default.
    pub fn prompt_path(&mut self, purpose: PathPurpose) {
        self.run_command(Command::PromptPath(purpose));
    }

    /// The query an export of `kind` runs.
    fn export_query(&self, kind: ExportKind) -> Query {
        match kind {
            ExportKind::Mentions => self.table_query(),
            ExportKind::Articles | ExportKind::Timeline | ExportKind::Plot => self.query(),
        }
    }

    /// Whether the view of `kind` is being recomputed.
    fn updating(&self, kind: ViewKind) -> bool {
        self.views.as_ref().is_some_and(|v| v.pending(kind))
    }

    /// Asks for the views the shown panels need, where what they show answers another
    /// query than the settings make now.
    fn request_views(&mut self) {
        if self.views.is_none() {
            return;
        }
        let query = self.query();
        let mut wanted = Vec::new();
        if self.panels.timeline.shown_query() != Some(&query) {
            wanted.push((ViewKind::Timeline, query.clone()));
        }
        match self.panels.tab {
            Tab::Mentions => {
                let table = self.table_query();
                if self.panels.mentions.shown_query() != Some(&table) {
                    wanted.push((ViewKind::Mentions, table));
                }
            }
            Tab::Articles => {
                let rows = rows_query(query);
                if self.panels.articles.shown_query() != Some(&rows) {
                    wanted.push((ViewKind::Articles, rows));
                }
            }
            Tab::Reader => {}
        }
        if let Some(views) = &mut self.views {
            for (kind, query) in wanted {
                views.request(&self.ctx, kind, &query);
            }
        }
    }
}

impl eframe::App for NewsLensApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some(log) = &mut self.frame_log {
            log.begin();
        }
        self.ctx = ctx.clone();
        self.poll_jobs();
        self.settle_search();
        // The progress line stays live through stages that report nothing for a while.
        if self.jobs.load.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        for command in menu::shortcuts(ctx, self.panels.confirm.is_some()) {
            self.run_command(command);
        }
        self.request_views();
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let commands = self.frame_ui(ui);
        for command in commands {
            self.run_command(command);
        }
        self.request_views();
        if let Some(log) = &mut self.frame_log {
            let state = if self.jobs.load.is_some() {
                "loading"
            } else if self.views.as_ref().is_some_and(Views::busy) {
                "updating"
            } else {
                "idle"
            };
            log.end(frame.info().cpu_usage, state);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

impl NewsLensApp {
    /// Lays out one frame and returns what the analyst asked for.
    fn frame_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let bar = menu::MenuView {
            settings: &self.settings,
            load: self.jobs.load.as_ref(),
            notice: self.notice.as_ref(),
        };
        egui::Panel::top("menu").show(ui, |ui| commands.extend(bar.ui(ui)));
        let ctx = ui.ctx().clone();
        if let Some(editor) = &mut self.panels.dictionary {
            commands.extend(editor.window_ui(&ctx));
        }
        if let Some(choice) = &mut self.panels.columns {
            commands.extend(choice.window_ui(&ctx));
        }
        if self.panels.show_warnings
            && let Some(ws) = &self.workspace
        {
            commands.extend(warnings_ui(ui, ws));
        }
        let view = sidebar::SidebarView {
            settings: &self.settings,
            workspace: self.workspace.as_ref(),
            colors: &self.focus.colors,
        };
        let sidebar = &mut self.panels.sidebar;
        egui::Panel::left("side")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| commands.extend(sidebar.ui(ui, &view)));
        if self.workspace.is_some() {
            commands.extend(self.workspace_ui(ui));
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label(if self.jobs.load.is_some() {
                        "Opening the corpus…"
                    } else {
                        "Open a folder of articles (Ctrl+O) or drop files here."
                    });
                });
            });
        }
        if let Some(pending) = &self.panels.confirm {
            commands.extend(pending.modal_ui(ui));
        }
        if let Some(prompt) = &mut self.panels.path_prompt
            && let Some(answer) = prompt.modal_ui(ui)
        {
            commands.push(Command::ClosePathPrompt);
            commands.push(answer);
        }
        commands
    }

    /// The plot and the tabs below it.
    fn workspace_ui(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let default_plot = (ui.available_height() * 0.5).max(200.0);
        let updating = self.updating(ViewKind::Timeline);
        self.panels
            .timeline
            .prepare(self.settings.smoothing, &self.focus.colors);
        let timeline = &mut self.panels.timeline;
        let plot = egui::Panel::top("plot")
            .resizable(true)
            .default_size(default_plot)
            .size_range(160.0..=f32::INFINITY)
            .show(ui, |ui| {
                // The panel keeps the size its contents used; a plot and its note that
                // fall short of the room by a fraction of a pixel would shrink it a
                // little every frame.
                let room = ui.available_rect_before_wrap();
                let commands = timeline.ui(ui, updating);
                ui.expand_to_include_rect(room);
                commands
            });
        commands.extend(plot.inner);
        self.panels.timeline.rect = Some(plot.response.rect);
        egui::CentralPanel::default().show(ui, |ui| {
            commands.extend(self.tab_bar_ui(ui));
            let Some(ws) = &self.workspace else { return };
            let colors = &self.focus.colors;
            let panels = &mut self.panels;
            commands.extend(match panels.tab {
                Tab::Mentions => panels.mentions.ui(ui, colors),
                Tab::Articles => panels.articles.ui(ui),
                Tab::Reader => panels.reader.ui(ui, ws, colors),
            });
        });
        commands
    }

    /// The tabs, the spinner of the tab's view and the drill-down line.
    fn tab_bar_ui(&self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            for (tab, label) in [
                (Tab::Mentions, "Mentions"),
                (Tab::Articles, "Articles"),
                (Tab::Reader, "Reader"),
            ] {
                if ui.selectable_label(self.panels.tab == tab, label).clicked() {
                    commands.push(Command::ShowTab(tab));
                }
            }
            let updating = match self.panels.tab {
                Tab::Mentions => self.updating(ViewKind::Mentions),
                Tab::Articles => self.updating(ViewKind::Articles),
                Tab::Reader => false,
            };
            if updating {
                ui.add(egui::Spinner::new());
                ui.weak("updating…");
            }
            if let Some(drill) = &self.focus.drill {
                ui.separator();
                let name = self
                    .actor_rows()
                    .iter()
                    .find(|a| a.id == drill.actor.0)
                    .map_or(drill.actor.0.as_str(), |a| a.name.as_str());
                let last = drill.last_day(self.settings.granularity);
                ui.label(format!(
                    "Showing {name}, {} – {last} (Esc clears)",
                    drill.period_start
                ));
                if ui.small_button("Clear").clicked() {
                    commands.push(Command::ClearDrill);
                }
            }
        });
        commands
    }
}

/// The list of files skipped or read with a note, below everything.
fn warnings_ui(ui: &mut egui::Ui, ws: &Workspace) -> Option<Command> {
    if ws.warnings.is_empty() {
        return None;
    }
    let mut hide = false;
    egui::Panel::bottom("warnings")
        .resizable(true)
        .default_size(120.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(workspace::warning_summary(&ws.warnings));
                if ui.small_button("Hide").clicked() {
                    hide = true;
                }
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                for w in &ws.warnings {
                    ui.label(egui::RichText::new(w.to_string()).color(ui.visuals().warn_fg_color));
                }
            });
        });
    hide.then_some(Command::ShowWarnings(false))
}

/// `query` without the timeline's settings, which do not change which rows a table
/// shows: switching the period or metric then reuses the tables.
fn rows_query(query: Query) -> Query {
    Query {
        granularity: Granularity::default(),
        metric: Metric::default(),
        ..query
    }
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
