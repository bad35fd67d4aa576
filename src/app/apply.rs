//! How the commands are carried out: opening and installing a corpus, the dictionary,
//! exports and the analyst's dates. Only [`NewsLensApp::run_command`] and the polling of
//! jobs call these.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use eframe::egui;

use super::command::{Command, ExportKind, PathPurpose, Tab};
use super::dialogs::{self, PathPrompt, Picked};
use super::exporting::{self, ExportRows, PendingReplace};
use super::job::{JobError, JobPoll};
use super::jobs::{LoadFailure, LoadJob, LoadOptions};
use super::views::{Derived, ViewResult, Views};
use super::workspace::{Workspace, warning_summary};
use super::{NewsLensApp, Notice, columns, dates, dictionary};
use crate::actors::{ActorId, DictionarySource};
use crate::corpus::overrides;
use crate::frames::Dating;

/// Up to this many mentions, a search runs as the analyst types; on a larger corpus it
/// waits until typing pauses.
const SEARCH_AS_TYPED_MENTIONS: usize = 1_000_000;

/// How many actors are selected when a corpus opens with no saved selection.
const DEFAULT_TOP_N: usize = 5;

impl NewsLensApp {
    /// Starts reading `paths` (the sample corpus when empty), replacing a load that
    /// runs.
    pub(super) fn open_paths(&mut self, paths: Vec<PathBuf>) {
        if let Some(load) = self.jobs.load.take() {
            load.job.cancel();
        }
        // Entries earlier versions kept in the settings and could not move to the file.
        let key = dates::settings_key(&paths);
        let options = LoadOptions {
            dictionary: self.settings.dictionary.clone(),
            kept_dates: dates::from_settings(&self.settings.kept_dates, &key),
            numeric_dates: self.settings.numeric_dates,
            read: crate::corpus::ReadOptions {
                keep_duplicates: self.settings.keep_duplicates,
                columns: crate::corpus::table::ColumnMap {
                    columns: self.settings.columns.iter().cloned().collect(),
                },
                ..crate::corpus::ReadOptions::default()
            },
        };
        match LoadJob::start(&self.ctx, paths, options) {
            Ok(job) => self.jobs.load = Some(job),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Reads the open corpus (or the last one) again, with changed read settings.
    pub(super) fn reopen(&mut self) {
        let paths = match &self.workspace {
            Some(ws) => ws.paths.clone(),
            None => self.settings.last_paths.clone(),
        };
        self.open_paths(paths);
    }

    pub(super) fn poll_load(&mut self) {
        let Some(load) = &self.jobs.load else { return };
        match load.job.poll() {
            JobPoll::Running => {}
            JobPoll::Done(workspace) => {
                self.jobs.load = None;
                self.install(workspace);
            }
            JobPoll::Cancelled => {
                self.jobs.load = None;
                let message = if self.workspace.is_some() {
                    "Loading was cancelled; the previous corpus is still open."
                } else {
                    "Loading was cancelled."
                };
                self.notice = Some(Notice::info(message));
            }
            JobPoll::Failed(error) => {
                // A table whose text column could not be found: ask for its columns.
                if let JobError::Work(LoadFailure::Load { warnings, .. }) = &error {
                    self.panels.columns = columns::ColumnChoice::from_warnings(
                        warnings,
                        &self.settings.columns,
                        load.paths.clone(),
                    );
                }
                self.jobs.load = None;
                self.notice = Some(Notice::error(format!("Could not open the corpus: {error}")));
            }
        }
    }

    /// Shows a loaded corpus.
    fn install(&mut self, workspace: Workspace) {
        let known: Vec<String> = workspace.actors.iter().map(|a| a.id.clone()).collect();
        // Another corpus starts from its own most mentioned actors and no filters; the
        // same corpus, reopened, keeps what the analyst set.
        if self.settings.last_paths != workspace.paths {
            self.settings.reset_for_other_corpus();
            self.focus.search_applied.clear();
            self.focus.search_edited = None;
            self.panels.sidebar.show_filters(&self.settings);
        }
        self.settings.last_paths = workspace.paths.clone();
        self.panels.show_warnings = !workspace.warnings.is_empty();
        self.panels.columns = columns::ColumnChoice::from_warnings(
            &workspace.warnings,
            &self.settings.columns,
            workspace.paths.clone(),
        );
        self.notice = (!workspace.warnings.is_empty()).then(|| {
            Notice::error(format!(
                "{}; see the list below.",
                warning_summary(&workspace.warnings)
            ))
        });
        self.views = Some(Views::new(
            workspace.frames.clone(),
            workspace.dictionary.clone(),
        ));
        if let Some(editor) = &mut self.panels.dictionary {
            editor.set_counts(&workspace.actors);
        }
        self.workspace = Some(workspace);
        self.settings
            .selected
            .retain(|(id, _)| known.contains(&id.0));
        if self.settings.selected.is_empty() {
            self.select_top(DEFAULT_TOP_N);
        }
        self.focus.colors = self.settings.colors();
        self.panels.timeline.clear();
        self.panels.mentions.clear();
        self.panels.articles.clear();
        self.panels.reader.clear();
        self.focus.drill = None;
        if let Some((source_path, message, tab)) = self.jobs.after_load.take() {
            if self.notice.is_none() {
                self.notice = Some(Notice::info(message));
            }
            self.read_article(&source_path);
            self.panels.tab = tab;
        }
    }

    /// Shows a view the background derived.
    pub(super) fn install_view(&mut self, result: ViewResult) {
        let ViewResult { query, derived } = result;
        let shown = match derived {
            Err(e) => Err(e.to_string()),
            Ok(Derived::Timeline(frame)) => self
                .panels
                .timeline
                .set(query, &frame)
                .map_err(|e| format!("cannot read the timeline: {e}")),
            Ok(Derived::Mentions(rows)) => match &self.workspace {
                Some(ws) => {
                    let frames = ws.frames.clone();
                    (self.panels.mentions)
                        .set(&self.ctx, query, frames, rows)
                        .map_err(|e| format!("cannot sort the mentions: {e}"))
                }
                None => Ok(()),
            },
            Ok(Derived::Articles(frame)) => {
                self.panels.articles.set(query, frame);
                Ok(())
            }
        };
        if let Err(message) = shown {
            self.notice = Some(Notice::error(message));
        }
    }

    /// Selects the `n` most mentioned actors.
    pub(super) fn select_top(&mut self, n: usize) {
        let ids: Vec<ActorId> = self
            .actor_rows()
            .iter()
            .take(n)
            .map(|a| ActorId(a.id.clone()))
            .collect();
        self.settings.select(ids);
        self.focus.colors = self.settings.colors();
    }

    /// Notes an edit of the search text: a small corpus searches at once, a large one
    /// when typing pauses (or on Enter), so each keystroke does not start a search.
    pub(super) fn search_typed(&mut self, now: bool) {
        let small = self
            .workspace
            .as_ref()
            .is_none_or(|ws| ws.frames.mention_count() <= SEARCH_AS_TYPED_MENTIONS);
        if now || small {
            self.focus.search_applied = self.settings.search.clone();
            self.focus.search_edited = None;
        } else {
            self.focus.search_edited = Some(Instant::now());
        }
    }

    /// Applies a search text that has not changed for a moment.
    pub(super) fn settle_search(&mut self) {
        let Some(edited) = self.focus.search_edited else {
            return;
        };
        let pause = Duration::from_millis(400);
        if edited.elapsed() >= pause {
            self.search_typed(true);
        } else {
            self.ctx
                .request_repaint_after(pause.saturating_sub(edited.elapsed()));
        }
    }

    pub(super) fn new_editor(&self) -> dictionary::DictionaryEditor {
        let mut editor = dictionary::DictionaryEditor::new(&self.settings.dictionary);
        if let Some(ws) = &self.workspace {
            editor.set_counts(&ws.actors);
        }
        editor
    }

    /// Finds the mentions again with the dictionary the settings name.
    pub(super) fn reload_with_dictionary(&mut self, message: String) {
        self.notice = Some(Notice::info(format!("{message} — finding mentions again…")));
        let Some(ws) = &self.workspace else {
            let paths = self.settings.last_paths.clone();
            self.open_paths(paths);
            return;
        };
        // The open corpus is kept; only the articles the change can touch are searched.
        if let Some(load) = self.jobs.load.take() {
            load.job.cancel();
        }
        match LoadJob::rematch(&self.ctx, ws, self.settings.dictionary.clone()) {
            Ok(job) => self.jobs.load = Some(job),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Uses the dictionary file at `path` on top of the built-in one (or instead of it),
    /// after checking it: a file with problems leaves the corpus as it is and shows them.
    pub(super) fn use_dictionary_file(&mut self, path: PathBuf, replace: bool) {
        let source = DictionarySource {
            file: Some(path.clone()),
            replace_default: replace,
            ..self.settings.dictionary.clone()
        };
        match source.load() {
            Ok(_) => {
                self.settings.dictionary = source;
                self.panels.dictionary = Some(self.new_editor());
                self.reload_with_dictionary(format!("Dictionary: {}", path.display()));
            }
            Err(e) => {
                if self.panels.dictionary.is_none() {
                    self.panels.dictionary = Some(self.new_editor());
                }
                if let Some(editor) = &mut self.panels.dictionary {
                    editor.show_problems(&path, &e.to_string());
                }
                self.notice = Some(Notice::error(format!(
                    "{} has problems; the dictionary in use is unchanged (Dictionary, Edit actors lists them).",
                    path.display()
                )));
            }
        }
    }

    /// Writes the editor's dictionary to its user file and applies it.
    pub(super) fn save_dictionary(&mut self, replace_confirmed: bool) {
        let in_use = self.settings.dictionary.file.clone();
        let Some(editor) = &mut self.panels.dictionary else {
            return;
        };
        let Some(path) = editor.save(in_use.as_deref(), replace_confirmed) else {
            return;
        };
        let replace = editor.replace_default();
        self.use_dictionary_file(path, replace);
        if let Some(editor) = &mut self.panels.dictionary {
            editor.show_conflicts();
        }
    }

    /// Asks where to export `kind`.
    pub(super) fn pick_export(&mut self, kind: ExportKind) {
        if self.workspace.is_none() {
            self.notice = Some(Notice::error(
                "Open a corpus first; there is nothing to export.",
            ));
            return;
        }
        match dialogs::pick_export(kind) {
            Picked::Chosen(path) => self.request_export_to(kind, path),
            Picked::Closed => {}
            Picked::Unshown => self.run_command(Command::PromptPath(PathPurpose::Export(kind))),
        }
    }

    /// Exports `kind` to `path`, first asking whether to replace the file if it exists.
    pub(super) fn request_export_to(&mut self, kind: ExportKind, path: PathBuf) {
        let path = exporting::with_default_extension(kind, path);
        if let Err(e) = exporting::check_extension(kind, &path) {
            self.notice = Some(Notice::error(e.to_string()));
            return;
        }
        if path.exists() {
            self.panels.confirm = Some(PendingReplace { kind, path });
        } else {
            self.start_export(kind, path);
        }
    }

    /// Writes `kind` to `path` in the background, replacing the file if it exists.
    pub(super) fn start_export(&mut self, kind: ExportKind, path: PathBuf) {
        let path = exporting::with_default_extension(kind, path);
        if let Err(e) = exporting::check_extension(kind, &path) {
            self.notice = Some(Notice::error(e.to_string()));
            return;
        }
        let job = if kind == ExportKind::Plot {
            let Some(rect) = self.panels.timeline.rect else {
                self.notice = Some(Notice::error("There is no plot to save yet."));
                return;
            };
            exporting::start_plot(&self.ctx, rect, path)
        } else {
            let Some(ws) = &self.workspace else {
                self.notice = Some(Notice::error("Nothing to export yet."));
                return;
            };
            let query = self.export_query(kind);
            // The mentions in the order the table shows them, when the analyst sorted it.
            let shown_order = match (kind, self.panels.mentions.shown_query()) {
                (ExportKind::Mentions, Some(shown)) if *shown == query => self
                    .panels
                    .mentions
                    .table()
                    .filter(|t| t.sort().is_some())
                    .and_then(|t| t.shown_rows()),
                _ => None,
            };
            let rows = ExportRows {
                kind,
                query,
                frames: ws.frames.clone(),
                dictionary: ws.dictionary.clone(),
                shown_order,
                smoothed: self.settings.smoothing > 1,
            };
            exporting::start_rows(&self.ctx, rows, path)
        };
        match job {
            Ok(job) => self.jobs.export = Some(job),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    pub(super) fn poll_export(&mut self) {
        let Some(job) = &self.jobs.export else { return };
        let notice = match job.poll() {
            JobPoll::Running => return,
            JobPoll::Done(message) => Notice::info(message),
            JobPoll::Cancelled => Notice::info("Export cancelled."),
            JobPoll::Failed(JobError::Work(e)) => Notice::error(e.to_string()),
            JobPoll::Failed(e) => Notice::error(format!("Export failed: {e}")),
        };
        self.notice = Some(notice);
        self.jobs.export = None;
    }

    /// Sets an article's date from what the analyst typed (empty: takes the analyst's
    /// date back), or says why it cannot.
    pub(super) fn set_typed_date(&mut self, source_path: &str, typed: &str) {
        let Some(ws) = &self.workspace else { return };
        let paths = ws.paths.clone();
        let kept = overrides::kept_dates_file(&paths);
        let kept = kept.as_deref();
        let typed = typed.trim();
        let outcome = if typed.is_empty() {
            dates::take_back(&paths, kept, source_path).map(|()| {
                let message = format!(
                    "Your date of {source_path} is taken back; it is dated from the page again."
                );
                (None, message)
            })
        } else {
            match crate::dates::parse_user_date(typed) {
                Some(date) => dates::set(&paths, kept, source_path, date).map(|saved| {
                    let place = match saved {
                        dates::Saved::Beside(file) => file.display().to_string(),
                        dates::Saved::Kept(file) => {
                            format!("{} (the corpus folder cannot hold it)", file.display())
                        }
                    };
                    let message =
                        format!("The date of {source_path} is now {date}, saved in {place}.");
                    (Some(Dating::analyst(date)), message)
                }),
                None => Err(dates::DateEditError::NotADate {
                    typed: typed.to_owned(),
                    source_path: source_path.to_owned(),
                }),
            }
        };
        match outcome {
            Ok((dating, message)) => self.apply_date_change(source_path, dating, message),
            Err(e) => self.notice = Some(Notice::error(e.to_string())),
        }
    }

    /// Shows an article's new date (`None`: the date its page gives). Only that
    /// article's mentions are found again — role titles depend on the date — unless
    /// duplicates were told apart by date, which needs the whole corpus read again.
    fn apply_date_change(&mut self, source_path: &str, dating: Option<Dating>, message: String) {
        self.jobs.after_load = Some((source_path.to_owned(), message, self.panels.tab));
        let Some(ws) = &self.workspace else { return };
        let row = ws.frames.article_row(source_path);
        let dating =
            dating.or_else(|| dates::page_dating(&ws.paths, source_path, ws.numeric_order));
        match (ws.no_duplicates(), row, dating) {
            (true, Some(row), Some(dating)) => {
                if let Some(load) = self.jobs.load.take() {
                    load.job.cancel();
                }
                match LoadJob::redate(&self.ctx, ws, row, dating) {
                    Ok(job) => self.jobs.load = Some(job),
                    Err(e) => self.notice = Some(Notice::error(e.to_string())),
                }
            }
            _ => {
                let paths = ws.paths.clone();
                self.open_paths(paths);
            }
        }
    }

    /// Moves the dates earlier versions kept in the settings to the kept dates files;
    /// an entry that cannot be moved stays in the settings and is still applied.
    pub(super) fn move_kept_dates(&mut self) {
        let moved =
            dates::move_from_settings(&mut self.settings.kept_dates, overrides::kept_dates_file);
        if let Err(e) = moved {
            self.notice = Some(Notice::error(e.to_string()));
        }
    }
}

impl NewsLensApp {
    /// Applies what the analyst asked for: the one place where state changes.
    pub(super) fn run_command(&mut self, command: Command) {
        match command {
            Command::Open(paths) => self.open_paths(paths),
            Command::PickFolder => match dialogs::pick_folder() {
                Picked::Chosen(paths) => self.open_paths(paths),
                Picked::Closed => {}
                Picked::Unshown => self.run_command(Command::PromptPath(PathPurpose::Open)),
            },
            Command::PickFiles => match dialogs::pick_files() {
                Picked::Chosen(paths) => self.open_paths(paths),
                Picked::Closed => {}
                Picked::Unshown => self.run_command(Command::PromptPath(PathPurpose::Open)),
            },
            Command::PickExport(kind) => self.pick_export(kind),
            Command::PromptPath(purpose) => {
                self.panels.path_prompt = Some(PathPrompt::new(purpose, &self.settings.last_paths));
            }
            Command::ClosePathPrompt => self.panels.path_prompt = None,
            Command::RequestExport(kind, path) => self.request_export_to(kind, path),
            Command::Export(kind, path) => self.start_export(kind, path),
            Command::ConfirmReplace => {
                if let Some(pending) = self.panels.confirm.take() {
                    self.start_export(pending.kind, pending.path);
                }
            }
            Command::CancelReplace => {
                if let Some(pending) = self.panels.confirm.take() {
                    self.notice = Some(Notice::info(format!(
                        "Export cancelled; {} is unchanged.",
                        pending.path.display()
                    )));
                }
            }
            Command::CancelLoad => {
                if let Some(load) = &self.jobs.load {
                    load.job.cancel();
                }
            }
            Command::DismissNotice => self.notice = None,
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::ShowTimeline {
                granularity,
                metric,
                time,
                smoothing,
            } => {
                let s = &mut self.settings;
                (s.granularity, s.metric, s.time, s.smoothing) =
                    (granularity, metric, time, smoothing);
            }
            Command::ExcludeInferred(exclude) => self.settings.exclude_inferred = exclude,
            Command::ReadNumericDates(order) => {
                self.settings.numeric_dates = order;
                self.reopen();
            }
            Command::KeepDuplicates(keep) => {
                self.settings.keep_duplicates = keep;
                self.reopen();
            }
            Command::CountDemonyms(on) => {
                self.settings.dictionary.no_demonyms = !on;
                let what = if on { " counted" } else { " not counted" };
                self.reload_with_dictionary(format!("Demonyms{what}"));
            }
            Command::CountMetonyms(on) => {
                self.settings.dictionary.no_metonyms = !on;
                let what = if on { " counted" } else { " not counted" };
                self.reload_with_dictionary(format!("Capitals and seats of power{what}"));
            }
            Command::CountUsage(usage, on) => {
                let counted = &mut self.settings.dictionary.count_usages;
                counted.retain(|u| *u != usage);
                if on {
                    counted.push(usage);
                    counted.sort();
                }
                let what = if on { "counted" } else { "not counted" };
                self.reload_with_dictionary(format!("Names used as {} {what}", usage.describe()));
            }
            Command::Search { text, now } => {
                self.settings.search = text;
                self.search_typed(now);
            }
            Command::HeadlinesOnly(on) => self.settings.in_title = on,
            Command::SetFrom(day) => self.settings.from = day,
            Command::SetTo(day) => self.settings.to = day,
            Command::ChooseKind(kind, on) => {
                self.settings.kinds.retain(|k| *k != kind);
                if on {
                    self.settings.kinds.push(kind);
                }
            }
            Command::ChooseOutlet(outlet, on) => {
                self.settings.outlets.retain(|o| *o != outlet);
                if on {
                    self.settings.outlets.push(outlet);
                }
            }
            Command::ClearFilters => {
                let s = &mut self.settings;
                s.search.clear();
                s.in_title = false;
                (s.from, s.to) = (None, None);
                s.kinds.clear();
                s.outlets.clear();
                self.search_typed(true);
                self.panels.sidebar.show_filters(&self.settings);
            }
            Command::ToggleActor(id) => {
                self.settings.toggle_actor(id);
                self.focus.colors = self.settings.colors();
            }
            Command::SelectTop(n) => self.select_top(n),
            Command::SelectNone => {
                self.settings.selected.clear();
                self.focus.colors = self.settings.colors();
            }
            Command::ShowWarnings(show) => self.panels.show_warnings = show,
            Command::OpenDictionaryEditor => {
                if self.panels.dictionary.is_none() {
                    self.panels.dictionary = Some(self.new_editor());
                }
            }
            Command::CloseDictionaryEditor => self.panels.dictionary = None,
            Command::SaveDictionary { replace_confirmed } => {
                self.save_dictionary(replace_confirmed)
            }
            Command::UseDictionaryFile { path, replace } => self.use_dictionary_file(path, replace),
            Command::UseBuiltinDictionary => {
                self.settings.dictionary.file = None;
                self.settings.dictionary.replace_default = false;
                self.panels.dictionary = Some(self.new_editor());
                self.reload_with_dictionary("Dictionary: built in".to_owned());
            }
            Command::DrillInto(drill) => {
                self.focus.drill = Some(drill);
                self.panels.tab = Tab::Mentions;
            }
            Command::ClearDrill => self.focus.drill = None,
            Command::ShowTab(tab) => self.panels.tab = tab,
            Command::SortMentions(column) => {
                if let Err(e) = self.panels.mentions.sort_by(&self.ctx, column) {
                    self.notice = Some(Notice::error(format!("Cannot sort the mentions: {e}")));
                }
            }
            Command::CopyMentions => match self.panels.mentions.table().map(|t| t.selected_tsv()) {
                Some(Ok(tsv)) => self.ctx.copy_text(tsv),
                Some(Err(e)) => {
                    self.notice = Some(Notice::error(format!("Nothing copied: {e}")));
                }
                None => {}
            },
            Command::OpenReader { article, selected } => {
                if let Some(ws) = &self.workspace {
                    self.panels.reader.open(ws, article, selected);
                    self.panels.tab = Tab::Reader;
                }
            }
            Command::SetArticleDate { source_path, typed } => {
                self.set_typed_date(&source_path, &typed);
            }
            Command::ReadWithColumns { columns, paths } => {
                self.settings.columns = columns;
                self.panels.columns = None;
                self.open_paths(paths);
            }
            Command::CloseColumnChoice => self.panels.columns = None,
        }
    }

    /// Checks the background work: a finished load, export, sort or view.
    pub(super) fn poll_jobs(&mut self) {
        self.poll_load();
        self.poll_export();
        if let Some(e) = self.panels.mentions.poll_sort() {
            self.notice = Some(Notice::error(format!("Cannot sort the mentions: {e}")));
        }
        let results = match &mut self.views {
            Some(views) => views.poll(&self.ctx),
            None => Vec::new(),
        };
        for result in results {
            self.install_view(result);
        }
    }
}
