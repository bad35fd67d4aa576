//! The desktop workbench. It only lays out and renders; data comes from the core through
//! the same [`Query`] the command line uses, and loading runs in [`jobs`].

mod columns;
mod dialogs;
mod dictionary;
mod exporting;
mod framelog;
mod jobs;
mod reader;
mod sidebar;
mod tables;
mod timeline;
mod views;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use eframe::egui;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::actors::{ActorId, ActorKind, Dictionary, DictionarySource};
use crate::corpus::overrides::{self, DateOverride};
use crate::corpus::{Corpus, LoadWarning};
use crate::dates::{DateSource, NumericDates, NumericOrder, from_epoch_days};
use crate::frames::{Dating, Frames};
use crate::query::{Granularity, Metric, Query, TimeAxis};
pub use dialogs::PathPurpose;
pub use exporting::ExportKind;
use exporting::{ExportOutcome, PendingReplace};
use jobs::{JobPoll, LoadJob, LoadOptions, Loaded};
use views::{Derived, ViewKind, ViewResult, Views};

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
    /// Publication time or referenced time.
    pub time: TimeAxis,
    /// Leave articles whose date is inferred out of the plot, as if undated.
    pub exclude_inferred: bool,
    /// How numeric dates such as 02/03/2024 are read.
    pub numeric_dates: NumericDates,
    /// The actor dictionary: the user's file, and which aliases count.
    pub dictionary: DictionarySource,
    /// Count every copy of a story printed more than once.
    pub keep_duplicates: bool,
    /// Columns of tables of articles named by the analyst: (field, column).
    pub columns: Vec<(String, String)>,
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
    /// Publication dates the analyst set where no file beside the corpus can hold them
    /// (the sample corpus, read-only folders): (corpus, source path, YYYY-MM-DD).
    pub kept_dates: Vec<(String, String, String)>,
}

/// Sets (`Some`) or takes back (`None`) the analyst's date of one article in the file
/// beside a corpus of one folder. Returns the file when it now holds the change; `None`
/// when no file can hold it (not one folder, a folder that cannot be written, or nothing
/// to take back). A file that cannot be read is left as it is, with the reason: its other
/// dates must not be lost.
fn edit_sidecar(
    paths: &[PathBuf],
    source_path: &str,
    date: Option<NaiveDate>,
) -> Result<Option<String>, String> {
    let [folder] = paths else { return Ok(None) };
    if !folder.is_dir() {
        return Ok(None);
    }
    let sidecar = folder.join(overrides::SIDECAR);
    let mut entries = if sidecar.is_file() {
        overrides::read(&sidecar).map_err(|e| {
            format!("{e}; fix or remove that file first, the date of {source_path} is unchanged.")
        })?
    } else {
        Vec::new()
    };
    let before = entries.len();
    entries.retain(|e| e.source_path != source_path);
    match date {
        Some(published) => entries.push(DateOverride {
            source_path: source_path.to_owned(),
            published,
        }),
        None if entries.len() == before => return Ok(None),
        None => {}
    }
    Ok(overrides::write(&sidecar, &entries)
        .is_ok()
        .then(|| sidecar.display().to_string()))
}

/// "2 files skipped, 1 read with a note".
pub(crate) fn warning_summary(warnings: &[LoadWarning]) -> String {
    let skipped = warnings.iter().filter(|w| !w.read).count();
    let noted = warnings.len() - skipped;
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    match (skipped, noted) {
        (s, 0) => format!("{s} {} skipped", files(s)),
        (0, n) => format!("{n} {} read with a note", files(n)),
        (s, n) => format!("{s} {} skipped, {n} read with a note", files(s)),
    }
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
    /// Every alias, lowercased and joined, for finding the actor by any of its names.
    pub aliases: String,
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
    inferred: usize,
    numeric_order: NumericOrder,
    duplicates_folded: usize,
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
    export: Option<std::sync::mpsc::Receiver<ExportOutcome>>,
    /// An export waiting for confirmation to replace a file.
    confirm: Option<PendingReplace>,
    /// A path typed into the window, where no file dialog is available.
    path_prompt: Option<dialogs::PathPrompt>,
    /// Where the plot was drawn last frame, for saving it as an image.
    plot_rect: Option<egui::Rect>,
    /// The context, for work started outside a frame's `Ui`.
    ctx: Option<egui::Context>,
    frame_log: Option<framelog::FrameLog>,
    /// The search text the views use; on a large corpus it follows the typed text
    /// once typing pauses.
    search_applied: String,
    /// When the search text was last edited and not yet applied.
    search_edited: Option<std::time::Instant>,
    /// The article (by source path) to show in the reader once a reload finishes, what
    /// to tell the analyst then, and the tab to show.
    reopen: Option<(String, String, Tab)>,
    /// A date being typed into the articles table: (source path, text).
    table_date_edit: Option<(String, String)>,
    /// The actor dictionary editor, while its window is open.
    dictionary_editor: Option<dictionary::DictionaryEditor>,
    /// A table whose columns the analyst is asked to name.
    column_choice: Option<columns::ColumnChoice>,
    views: Option<Views>,
    /// Whether a view was requested this frame (then the frame waits briefly for it).
    requested: bool,
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

/// Up to this many mentions, a frame waits briefly for the views it asked for, so a
/// change shows in the same frame; a larger corpus never waits and shows "updating…".
const SAME_FRAME_MENTIONS: usize = 1_000_000;

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

    /// The settings as they would be saved now.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Creates the app with given settings and nothing loaded.
    pub fn with_settings(settings: Settings) -> Self {
        Self {
            search_applied: settings.search.clone(),
            search_edited: None,
            reopen: None,
            table_date_edit: None,
            dictionary_editor: None,
            column_choice: None,
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
            confirm: None,
            path_prompt: None,
            plot_rect: None,
            ctx: None,
            frame_log: framelog::FrameLog::from_env(),
            views: None,
            requested: false,
        }
    }

    /// Starts loading files and folders (the sample corpus when empty).
    pub fn open(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        self.ctx = Some(ctx.clone());
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        let repaint_ctx = ctx.clone();
        let key = corpus_key(&paths);
        let kept: Vec<DateOverride> = self
            .settings
            .kept_dates
            .iter()
            .filter(|(corpus, _, _)| *corpus == key)
            .filter_map(|(_, source_path, date)| {
                Some(DateOverride {
                    source_path: source_path.clone(),
                    published: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
                })
            })
            .collect();
        let options = LoadOptions {
            dictionary: self.settings.dictionary.clone(),
            kept_dates: kept,
            numeric_dates: self.settings.numeric_dates,
            read: crate::corpus::ReadOptions {
                keep_duplicates: self.settings.keep_duplicates,
                columns: crate::corpus::table::ColumnMap {
                    columns: self.settings.columns.iter().cloned().collect(),
                },
                ..crate::corpus::ReadOptions::default()
            },
        };
        match LoadJob::start(paths, options, move || repaint_ctx.request_repaint()) {
            Ok(job) => self.job = Some(job),
            Err(e) => self.notice = Some((e, true)),
        }
    }

    /// The message shown in the top bar, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|(text, _)| text.as_str())
    }

    /// Whether a load is running.
    pub fn loading(&self) -> bool {
        self.job.is_some()
    }

    /// Whether a load, an export or a view's frame is still being computed.
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.export.is_some() || self.views.as_ref().is_some_and(Views::busy)
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
            search: Some(self.search_applied.trim().to_owned()).filter(|t| !t.is_empty()),
            granularity: s.granularity,
            metric: s.metric,
            time: s.time,
            exclude_inferred: s.exclude_inferred,
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
        rows_query(query)
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
                    .filter_map(|p| Some((from_epoch_days(p.day)?, p.value)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The rows of the mentions table for the current query, waiting for them if they
    /// are being derived.
    pub fn mention_table(&mut self) -> Option<DataFrame> {
        self.refresh_mentions();
        self.take_results(std::time::Duration::from_secs(60));
        self.mentions.as_mut().and_then(|(_, t)| t.rows_frame())
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

    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        match job.poll() {
            JobPoll::Running => {}
            JobPoll::Done(workspace) => {
                self.job = None;
                self.install(*workspace, ctx);
            }
            JobPoll::Cancelled => {
                self.job = None;
                let message = if self.workspace.is_some() {
                    "Loading was cancelled; the previous corpus is still open."
                } else {
                    "Loading was cancelled."
                };
                self.notice = Some((message.to_owned(), false));
            }
            JobPoll::Failed(message) => {
                // A table whose text column could not be found: ask for its columns.
                if let Some(job) = &self.job {
                    self.column_choice = columns::ColumnChoice::from_warnings(
                        &job.failed_warnings(),
                        &self.settings.columns,
                        job.paths.clone(),
                    );
                }
                self.job = None;
                self.notice = Some((format!("Could not open the corpus: {message}"), true));
            }
        }
    }

    fn install(&mut self, workspace: Workspace, ctx: &egui::Context) {
        let known: Vec<String> = workspace.actors.iter().map(|a| a.id.clone()).collect();
        // Another corpus starts from its own most mentioned actors and no filters; the
        // same corpus, reopened, keeps what the analyst set.
        let other_corpus = self.settings.last_paths != workspace.paths;
        if other_corpus {
            let s = &mut self.settings;
            s.selected.clear();
            s.search.clear();
            s.outlets.clear();
            s.from.clear();
            s.to.clear();
            self.search_applied.clear();
            self.search_edited = None;
        }
        self.settings.last_paths = workspace.paths.clone();
        self.show_warnings = !workspace.warnings.is_empty();
        self.column_choice = columns::ColumnChoice::from_warnings(
            &workspace.warnings,
            &self.settings.columns,
            workspace.paths.clone(),
        );
        self.notice = (!workspace.warnings.is_empty()).then(|| {
            (
                format!(
                    "{}; see the list below.",
                    warning_summary(&workspace.warnings)
                ),
                true,
            )
        });
        let repaint_ctx = ctx.clone();
        self.views = match Views::start(
            workspace.frames.clone(),
            workspace.dictionary.clone(),
            move || repaint_ctx.request_repaint(),
        ) {
            Ok(views) => Some(views),
            Err(e) => {
                self.notice = Some((format!("Cannot start the view worker: {e}"), true));
                None
            }
        };
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
        if let Some((source_path, message, tab)) = self.reopen.take() {
            if self.notice.is_none() {
                self.notice = Some((message, false));
            }
            self.read_article(&source_path);
            self.tab = tab;
        }
    }

    /// Opens the article with this source path in the reader.
    pub fn read_article(&mut self, source_path: &str) {
        let row = self.workspace.as_ref().and_then(|ws| {
            let paths = ws
                .frames
                .articles
                .column("source_path")
                .ok()?
                .str()
                .ok()?
                .clone();
            paths.iter().position(|p| p == Some(source_path))
        });
        if let Some(row) = row {
            self.open_reader(row, None);
        }
    }

    /// Sets an article's date from what the analyst typed, or says why it cannot.
    fn set_typed_date(&mut self, ctx: &egui::Context, source_path: &str, typed: &str) {
        if typed.trim().is_empty() {
            self.clear_article_date(ctx, source_path);
            return;
        }
        match crate::dates::parse_user_date(typed) {
            Some(date) => self.set_article_date(ctx, source_path, date),
            None => {
                self.notice = Some((
                    format!(
                        "\"{}\" is not a valid date (write YYYY-MM-DD, a real day); the date of {source_path} is unchanged.",
                        typed.trim()
                    ),
                    true,
                ));
            }
        }
    }

    /// Takes back the analyst's date of an article: it is dated from the page again.
    pub fn clear_article_date(&mut self, ctx: &egui::Context, source_path: &str) {
        let Some(ws) = &self.workspace else { return };
        let paths = ws.paths.clone();
        let mut removed = match edit_sidecar(&paths, source_path, None) {
            Ok(Some(_)) => true,
            Ok(None) => false,
            Err(problem) => {
                self.notice = Some((problem, true));
                return;
            }
        };
        let key = corpus_key(&paths);
        let before = self.settings.kept_dates.len();
        self.settings
            .kept_dates
            .retain(|(corpus, path, _)| !(*corpus == key && path == source_path));
        removed |= self.settings.kept_dates.len() < before;
        if !removed {
            self.notice = Some((
                format!("{source_path} has no date of yours to take back; type a date to set one."),
                true,
            ));
            return;
        }
        let message =
            format!("Your date of {source_path} is taken back; it is dated from the page again.");
        self.apply_date_change(ctx, source_path, None, message);
    }

    /// Shows an article's new date (`None`: the date its page gives). Only that
    /// article's mentions are found again — role titles depend on the date — unless
    /// duplicates were told apart by date, which needs the whole corpus read again.
    fn apply_date_change(
        &mut self,
        ctx: &egui::Context,
        source_path: &str,
        dating: Option<Dating>,
        message: String,
    ) {
        self.reopen = Some((source_path.to_owned(), message, self.tab));
        let Some(ws) = &self.workspace else { return };
        let no_duplicates = ws.duplicates_folded == 0
            && ws
                .frames
                .articles
                .column("duplicate_of")
                .is_ok_and(|c| c.null_count() == c.len());
        let row = ws.frames.article_row(source_path);
        let dating = dating.or_else(|| page_dating(&ws.paths, source_path, ws.numeric_order));
        match (no_duplicates, row, dating) {
            (true, Some(row), Some(dating)) => {
                self.ctx = Some(ctx.clone());
                if let Some(job) = self.job.take() {
                    job.cancel();
                }
                let repaint_ctx = ctx.clone();
                match LoadJob::redate(ws, row, dating, move || repaint_ctx.request_repaint()) {
                    Ok(job) => self.job = Some(job),
                    Err(e) => self.notice = Some((e, true)),
                }
            }
            _ => {
                let paths = ws.paths.clone();
                self.open(ctx, paths);
            }
        }
    }

    /// Sets an article's publication date: saved beside the corpus when its folder can
    /// hold the file, else kept by the app; then the corpus is read again with it.
    pub fn set_article_date(&mut self, ctx: &egui::Context, source_path: &str, date: NaiveDate) {
        let Some(ws) = &self.workspace else { return };
        let paths = ws.paths.clone();
        let saved = match edit_sidecar(&paths, source_path, Some(date)) {
            Ok(saved) => saved,
            Err(problem) => {
                self.notice = Some((problem, true));
                return;
            }
        };
        let key = corpus_key(&paths);
        self.settings
            .kept_dates
            .retain(|(corpus, path, _)| !(*corpus == key && path == source_path));
        let place = match saved {
            Some(file) => file,
            None => {
                self.settings
                    .kept_dates
                    .push((key, source_path.to_owned(), date.to_string()));
                "the app's settings (the corpus folder cannot hold it)".to_owned()
            }
        };
        let message = format!("The date of {source_path} is now {date}, saved in {place}.");
        self.apply_date_change(ctx, source_path, Some(Dating::analyst(date)), message);
    }

    /// Asks the view worker for the frame of `kind` unless `have` already answers `query`.
    fn request_view(&mut self, kind: ViewKind, query: &Query, have: Option<&Query>) {
        if have == Some(query) {
            return;
        }
        if let Some(views) = &mut self.views {
            if !views.pending(kind) {
                self.requested = true;
            }
            views.request(kind, query);
        }
    }

    fn refresh_timeline(&mut self) {
        let query = self.query();
        let have = self.timeline.as_ref().map(|(q, _)| q.clone());
        self.request_view(ViewKind::Timeline, &query, have.as_ref());
    }

    fn refresh_mentions(&mut self) {
        let query = self.table_query();
        let have = self.mentions.as_ref().map(|(q, _)| q.clone());
        self.request_view(ViewKind::Mentions, &query, have.as_ref());
    }

    fn refresh_articles(&mut self) {
        let query = rows_query(self.query());
        let have = self.articles.as_ref().map(|(q, _)| q.clone());
        self.request_view(ViewKind::Articles, &query, have.as_ref());
    }

    /// Installs the frames the view worker finished, waiting up to `budget`.
    fn take_results(&mut self, budget: std::time::Duration) {
        let Some(views) = &mut self.views else { return };
        let results = views.collect(budget);
        for ViewResult {
            kind,
            query,
            derived,
        } in results
        {
            match (kind, derived) {
                (_, Err(e)) => self.notice = Some((e, true)),
                (ViewKind::Timeline, Ok(Derived::Frame(frame))) => {
                    self.timeline = Some((query, timeline::Series::from_frame(&frame)));
                }
                (ViewKind::Mentions, Ok(Derived::Rows(rows))) => {
                    let Some(ws) = &self.workspace else { continue };
                    let sort = self.mentions.as_ref().and_then(|(_, t)| t.sort());
                    let table = tables::MentionTable::new(ws.frames.clone(), rows, sort);
                    self.mentions = Some((query, table));
                }
                (ViewKind::Articles, Ok(Derived::Frame(frame))) => {
                    self.articles = Some((query, frame));
                }
                (kind, Ok(_)) => {
                    self.notice = Some((
                        format!("internal error: unexpected data for {kind:?}"),
                        true,
                    ));
                }
            }
        }
    }

    /// Notes an edit of the search text: a small corpus searches at once, a large one
    /// when typing pauses (or on Enter), so each keystroke does not start a search.
    fn search_typed(&mut self, now: bool) {
        if now || self.small_corpus() {
            self.search_applied = self.settings.search.clone();
            self.search_edited = None;
        } else {
            self.search_edited = Some(std::time::Instant::now());
        }
    }

    /// Applies a search text that has not changed for a moment.
    fn settle_search(&mut self, ctx: &egui::Context) {
        let Some(edited) = self.search_edited else {
            return;
        };
        let pause = std::time::Duration::from_millis(400);
        if edited.elapsed() >= pause {
            self.search_typed(true);
        } else {
            ctx.request_repaint_after(pause.saturating_sub(edited.elapsed()));
        }
    }

    /// Whether the corpus is small enough for views to be derived within a frame.
    fn small_corpus(&self) -> bool {
        self.workspace
            .as_ref()
            .is_none_or(|ws| ws.frames.mention_count() <= SAME_FRAME_MENTIONS)
    }

    /// How long this frame waits for the view worker: a moment when something was just
    /// asked (a small corpus answers within it), else not at all.
    fn wait_budget(&self) -> std::time::Duration {
        if self.requested && self.small_corpus() {
            std::time::Duration::from_millis(40)
        } else {
            std::time::Duration::ZERO
        }
    }

    /// Whether the view of `kind` is being recomputed.
    fn updating(&self, kind: ViewKind) -> bool {
        self.views.as_ref().is_some_and(|v| v.pending(kind))
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let open = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
        if ctx.input_mut(|i| i.consume_shortcut(&open)) {
            self.pick_folder(ctx);
        }
        let quit = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Q);
        if ctx.input_mut(|i| i.consume_shortcut(&quit)) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        let dictionary = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::D);
        if ctx.input_mut(|i| i.consume_shortcut(&dictionary)) {
            self.open_dictionary_editor();
        }
        let export = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::E);
        if ctx.input_mut(|i| i.consume_shortcut(&export)) {
            self.pick_export(ExportKind::Mentions);
        }
        if self.confirm.is_none() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
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
                ui.separator();
                if ui.button("Quit  (Ctrl+Q)").clicked() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Dictionary", |ui| {
                if ui.button("Edit actors…  (Ctrl+D)").clicked() {
                    self.open_dictionary_editor();
                }
                let mut demonyms = !self.settings.dictionary.no_demonyms;
                let mut metonyms = !self.settings.dictionary.no_metonyms;
                if ui
                    .checkbox(&mut demonyms, "Count demonyms (\"Armenian\")")
                    .changed()
                {
                    self.settings.dictionary.no_demonyms = !demonyms;
                    self.reload_with_dictionary(
                        &ctx,
                        "Demonyms".to_owned() + if demonyms { " counted" } else { " not counted" },
                    );
                }
                if ui
                    .checkbox(
                        &mut metonyms,
                        "Count capitals and seats of power (\"Kremlin\")",
                    )
                    .changed()
                {
                    self.settings.dictionary.no_metonyms = !metonyms;
                    self.reload_with_dictionary(
                        &ctx,
                        "Capitals and seats of power".to_owned()
                            + if metonyms { " counted" } else { " not counted" },
                    );
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
                ui.separator();
                if ui.button("Plot as PNG…").clicked() {
                    self.pick_export(ExportKind::Plot);
                }
            });
            ui.separator();
            if let Some(job) = &self.job {
                let status = job.status();
                let fraction = if status.total > 0 {
                    status.done as f32 / status.total as f32
                } else {
                    0.0
                };
                ui.label(format!("{} — {}", job.label, status.stage));
                let text = if status.total > 0 {
                    format!(
                        "{} / {} {} · {:.0} {}/s",
                        status.done, status.total, status.unit, status.rate, status.unit
                    )
                } else {
                    String::new()
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(260.0)
                        .animate(status.total == 0)
                        .text(text),
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
        let totals = loaded.frames.mentions_per_actor();
        let mut actors: Vec<ActorRow> = loaded
            .dictionary
            .actors()
            .iter()
            .zip(totals)
            .filter(|(_, n)| *n > 0)
            .map(|(a, n)| ActorRow {
                id: a.id.0.clone(),
                name: a.name.clone(),
                kind: a.kind.as_str().to_owned(),
                mentions: n,
                aliases: a
                    .aliases
                    .iter()
                    .map(|alias| alias.text.to_lowercase())
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect();
        actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
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
        let inferred = articles
            .column("date_source")?
            .str()?
            .iter()
            .filter(|s| *s == Some(DateSource::Inferred.as_str()))
            .count();
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
            inferred,
            numeric_order: loaded.numeric_order,
            duplicates_folded: loaded.duplicates_folded,
        })
    }
}

impl eframe::App for NewsLensApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some(log) = &mut self.frame_log {
            log.begin();
        }
        self.ctx = Some(ctx.clone());
        self.poll_job(ctx);
        self.poll_export();
        self.settle_search(ctx);
        if self.export.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        // The progress line stays live through stages that report nothing for a while.
        if self.job.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        self.shortcuts(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.frame_ui(ui);
        if let Some(log) = &mut self.frame_log {
            let state = if self.job.is_some() {
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
    /// Lays out one frame.
    fn frame_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        let ctx = ui.ctx().clone();
        self.dictionary_ui(&ctx);
        self.columns_ui(&ctx);
        if self.show_warnings {
            self.warnings_ui(ui);
        }
        egui::Panel::left("side")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                self.sidebar_ui(ui);
            });
        if self.workspace.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label(if self.job.is_some() {
                        "Opening the corpus…"
                    } else {
                        "Open a folder of articles (Ctrl+O) or drop files here."
                    });
                });
            });
            self.confirm_ui(ui);
            self.path_prompt_ui(ui);
            return;
        }
        self.requested = false;
        self.refresh_timeline();
        self.take_results(self.wait_budget());
        let default_plot = (ui.available_height() * 0.5).max(200.0);
        let plot = egui::Panel::top("plot")
            .resizable(true)
            .default_size(default_plot)
            .size_range(160.0..=f32::INFINITY)
            .show(ui, |ui| self.timeline_ui(ui));
        self.plot_rect = Some(plot.response.rect);
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.tab, Tab::Mentions, "Mentions");
                ui.selectable_value(&mut self.tab, Tab::Articles, "Articles");
                ui.selectable_value(&mut self.tab, Tab::Reader, "Reader");
                let updating = match self.tab {
                    Tab::Mentions => self.updating(ViewKind::Mentions),
                    Tab::Articles => self.updating(ViewKind::Articles),
                    Tab::Reader => false,
                };
                if updating {
                    ui.add(egui::Spinner::new());
                    ui.weak("updating…");
                }
                if let Some(drill) = &self.drill {
                    ui.separator();
                    let name = self
                        .actor_rows()
                        .iter()
                        .find(|a| a.id == drill.actor)
                        .map_or(drill.actor.as_str(), |a| a.name.as_str());
                    let g = self.settings.granularity;
                    let last = g
                        .next_period(drill.period_start)
                        .pred_opt()
                        .unwrap_or(drill.period_start);
                    ui.label(format!(
                        "Showing {name}, {} – {last} (Esc clears)",
                        drill.period_start
                    ));
                    if ui.small_button("Clear").clicked() {
                        self.drill = None;
                    }
                }
            });
            match self.tab {
                Tab::Mentions => {
                    self.refresh_mentions();
                    self.take_results(self.wait_budget());
                    self.mentions_ui(ui);
                }
                Tab::Articles => {
                    self.refresh_articles();
                    self.take_results(self.wait_budget());
                    self.articles_ui(ui);
                }
                Tab::Reader => self.reader_ui(ui),
            }
        });
        self.confirm_ui(ui);
        self.path_prompt_ui(ui);
    }

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
                    ui.strong(warning_summary(&ws.warnings));
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

/// `query` without the timeline's settings, which do not change which rows a table
/// shows: switching the period or metric then reuses the tables.
fn rows_query(query: Query) -> Query {
    Query {
        granularity: Granularity::default(),
        metric: Metric::default(),
        ..query
    }
}

/// How kept dates name a corpus: its paths, or "sample".
fn corpus_key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "sample".to_owned();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A count with thousands separated by commas: 4,187,523.
fn count(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// The date the page of `source_path` gives, read again from its file (numeric dates in
/// `order`), when the corpus is one folder of article files.
fn page_dating(paths: &[PathBuf], source_path: &str, order: NumericOrder) -> Option<Dating> {
    let [folder] = paths else { return None };
    let file = folder.join(source_path);
    if !folder.is_dir() || !file.is_file() || crate::corpus::table::is_table(&file) {
        return None;
    }
    let never = std::sync::atomic::AtomicBool::new(false);
    let mut corpus = Corpus::load(&[file], &never, &mut |_| {}).ok()?;
    corpus.read_numeric_dates(order);
    corpus.articles.first().map(Dating::of)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_group_thousands() {
        assert_eq!(super::count(0u64), "0");
        assert_eq!(super::count(999u64), "999");
        assert_eq!(super::count(1000u64), "1,000");
        assert_eq!(super::count(4_187_523u64), "4,187,523");
    }
}
