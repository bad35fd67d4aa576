//! What the panels ask for: panels lay out and return [`Command`]s, and
//! `NewsLensApp::run_command` (in `apply.rs`) is the one place that carries them out.

use std::path::PathBuf;

use chrono::NaiveDate;

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
    /// Count (or not) the mentions of a usage other than the actor's own.
    CountUsage(crate::actors::Usage, bool),
    /// The search text changed; `now` applies it at once.
    Search {
        /// The text.
        text: String,
        /// Whether to search at once even on a large corpus.
        now: bool,
    },
    /// Only mentions in headlines (or everywhere).
    HeadlinesOnly(bool),
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

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The mentions table as shown (drill-down or filters).
    Mentions,
    /// The filtered articles.
    Articles,
    /// The timeline as plotted (before smoothing).
    Timeline,
    /// The plot as a PNG image.
    Plot,
}

impl ExportKind {
    /// What the export is called in messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mentions => "mentions",
            Self::Articles => "articles",
            Self::Timeline => "timeline",
            Self::Plot => "plot",
        }
    }
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a folder or file of articles.
    Open,
    /// Export to a file.
    Export(ExportKind),
}
