//! What the panels ask for, and the one place that applies it: panels lay out and
//! return [`Command`]s; [`NewsLensApp::run_command`] changes the settings, starts jobs,
//! writes files and tells the panels what changed.

use std::path::PathBuf;

use chrono::NaiveDate;
use eframe::egui;

use super::dialogs::{self, PathPrompt, PathPurpose, Picked};
use super::exporting::ExportKind;
use super::{NewsLensApp, Notice};
use crate::actors::{ActorId, ActorKind};
use crate::dates::NumericDates;
use crate::query::{Granularity, Metric, TimeAxis};

/// A point the analyst clicked: one actor in one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drill {
    /// The actor.
    pub actor: ActorId,
    /// The first day of the period.
    pub period_start: NaiveDate,
}

impl Drill {
    /// The last day of the period, for periods of `granularity`.
    pub fn last_day(&self, granularity: Granularity) -> NaiveDate {
        granularity
            .next_period(self.period_start)
            .pred_opt()
            .unwrap_or(self.period_start)
    }
}

/// Which tab is shown below the plot.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// The mentions table.
    #[default]
    Mentions,
    /// The articles table.
    Articles,
    /// The article reader.
    Reader,
}

/// What the analyst asked for.
#[derive(Clone, Debug)]
pub enum Command {
    /// Open files and folders (the sample corpus when empty).
    Open(Vec<PathBuf>),
    /// Ask for a folder to open.
    PickFolder,
    /// Ask for files to open.
    PickFiles,
    /// Ask where to export.
    PickExport(ExportKind),
    /// Ask for a path in the window.
    PromptPath(PathPurpose),
    /// Close the path prompt.
    ClosePathPrompt,
    /// Export, asking first when the file exists.
    RequestExport(ExportKind, PathBuf),
    /// Export, replacing the file if it exists.
    Export(ExportKind, PathBuf),
    /// Replace the file the confirmation asks about.
    ConfirmReplace,
    /// Keep the file the confirmation asks about.
    CancelReplace,
    /// Stop the load.
    CancelLoad,
    /// Hide the notice.
    DismissNotice,
    /// Close the window.
    Quit,
    /// Show the timeline with these settings.
    ShowTimeline {
        /// Period length.
        granularity: Granularity,
        /// What is measured.
        metric: Metric,
        /// Which date places a mention.
        time: TimeAxis,
        /// Moving average window.
        smoothing: usize,
    },
    /// Leave articles dated from their text out (or take them in).
    ExcludeInferred(bool),
    /// Read numeric dates this way (reads the corpus again).
    ReadNumericDates(NumericDates),
    /// Count every copy of a story (reads the corpus again).
    KeepDuplicates(bool),
    /// Count demonyms.
    CountDemonyms(bool),
    /// Count capitals and seats of power.
    CountMetonyms(bool),
    /// The search text changed; `now` applies it at once.
    Search {
        /// The text.
        text: String,
        /// Whether to search at once even on a large corpus.
        now: bool,
    },
    /// The first day of the filter.
    SetFrom(Option<NaiveDate>),
    /// The last day of the filter.
    SetTo(Option<NaiveDate>),
    /// Take actors of a kind in or out of the filter.
    ChooseKind(ActorKind, bool),
    /// Take an outlet in or out of the filter.
    ChooseOutlet(String, bool),
    /// Clear every filter.
    ClearFilters,
    /// Select or unselect an actor.
    ToggleActor(ActorId),
    /// Select the most mentioned actors.
    SelectTop(usize),
    /// Select no actor.
    SelectNone,
    /// Show or hide the list of files skipped.
    ShowWarnings(bool),
    /// Open the dictionary editor.
    OpenDictionaryEditor,
    /// Close it.
    CloseDictionaryEditor,
    /// Save the editor's dictionary and apply it.
    SaveDictionary {
        /// The analyst agreed to replace a file holding another dictionary.
        replace_confirmed: bool,
    },
    /// Use a dictionary file.
    UseDictionaryFile {
        /// The file.
        path: PathBuf,
        /// Whether it replaces the built-in dictionary.
        replace: bool,
    },
    /// Go back to the built-in dictionary.
    UseBuiltinDictionary,
    /// Show one actor in one period in the mentions table.
    DrillInto(Drill),
    /// Show the filters' mentions again.
    ClearDrill,
    /// Show a tab.
    ShowTab(Tab),
    /// Sort the mentions table by a column.
    SortMentions(&'static str),
    /// Copy the selected mentions as TSV.
    CopyMentions,
    /// Open an article in the reader, with a mention (character offsets) selected.
    OpenReader {
        /// The article's row.
        article: usize,
        /// The mention to show.
        selected: Option<(usize, usize)>,
    },
    /// Set an article's date as typed (empty: take the analyst's date back).
    SetArticleDate {
        /// The article.
        source_path: String,
        /// What was typed.
        typed: String,
    },
    /// Read the corpus again with these columns for its tables.
    ReadWithColumns {
        /// (field, column).
        columns: Vec<(String, String)>,
        /// What to open.
        paths: Vec<PathBuf>,
    },
    /// Close the column dialog.
    CloseColumnChoice,
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
            Command::Search { text, now } => {
                self.settings.search = text;
                self.search_typed(now);
            }
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
