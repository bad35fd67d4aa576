//! The side panel: corpus summary, timeline controls, filters and the actor list.

use chrono::NaiveDate;
use clap::ValueEnum as _;
use eframe::egui;

use super::command::Command;
use super::settings::{Colors, Settings};
use super::workspace::{Workspace, count, plural, warning_summary};
use crate::actors::{ActorId, ActorKind};
use crate::dates::{NumericDates, NumericOrder, parse_user_date};
use crate::query::{Granularity, Metric, TimeAxis};

/// What the side panel shows, besides its own state.
pub struct SidebarView<'a> {
    /// The settings.
    pub settings: &'a Settings,
    /// The open corpus.
    pub workspace: Option<&'a Workspace>,
    /// The colours of the selected actors.
    pub colors: &'a Colors,
}

/// The side panel's own state: what is typed, and the actor list as shown.
#[derive(Default)]
pub struct Sidebar {
    /// The search text as typed.
    search: String,
    /// The first day as typed (the settings hold it once it is a day).
    from: String,
    /// The last day as typed.
    to: String,
    actor_filter: String,
    sort_by_name: bool,
    /// Positions in the workspace's actor rows of the actors listed, and what they
    /// were found with: (workspace, filter, A–Z).
    listed: Vec<usize>,
    listed_for: Option<(u64, String, bool)>,
}

impl Sidebar {
    /// The panel with the filters of `settings` typed in.
    pub fn new(settings: &Settings) -> Self {
        let mut sidebar = Self::default();
        sidebar.show_filters(settings);
        sidebar
    }

    /// Shows the filters of `settings` in the fields (after they were cleared).
    pub fn show_filters(&mut self, settings: &Settings) {
        self.search.clone_from(&settings.search);
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.from = day(settings.from);
        self.to = day(settings.to);
    }

    /// Lays out the panel.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &SidebarView<'_>) -> Vec<Command> {
        let mut commands = Vec::new();
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("Corpus");
            match view.workspace {
                Some(ws) => commands.extend(summary_ui(ui, ws, view.settings)),
                None => {
                    ui.label("Nothing open yet.");
                }
            }
            ui.separator();
            commands.extend(view_controls_ui(ui, view.settings));
            ui.separator();
            commands.extend(self.filters_ui(ui, view));
            ui.separator();
            commands.extend(self.actor_list_ui(ui, view));
        });
        commands
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, view: &SidebarView<'_>) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.heading("Filters");
        egui::Grid::new("filters").num_columns(2).show(ui, |ui| {
            commands.extend(self.search_ui(ui));
            ui.end_row();
            ui.label("");
            let mut headlines = view.settings.in_title;
            if ui
                .checkbox(&mut headlines, "Headlines only")
                .on_hover_text("Count only the mentions in articles' titles.")
                .changed()
            {
                commands.push(Command::HeadlinesOnly(headlines));
            }
            ui.end_row();
            ui.label("From");
            if date_field_ui(ui, &mut self.from) {
                commands.push(Command::SetFrom(parse_user_date(&self.from)));
            }
            ui.end_row();
            ui.label("To");
            if date_field_ui(ui, &mut self.to) {
                commands.push(Command::SetTo(parse_user_date(&self.to)));
            }
            ui.end_row();
            ui.label("Kinds");
            ui.vertical(|ui| {
                for kind in ActorKind::ALL {
                    let mut on = view.settings.kinds.contains(&kind);
                    if ui.checkbox(&mut on, kind.as_str()).changed() {
                        commands.push(Command::ChooseKind(kind, on));
                    }
                }
            });
            ui.end_row();
            if let Some(ws) = view.workspace.filter(|ws| !ws.outlets.is_empty()) {
                ui.label("Outlets");
                commands.extend(outlets_ui(ui, &ws.outlets, &view.settings.outlets));
                ui.end_row();
            }
        });
        for problem in self.date_problems() {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        if ui.button("Clear filters").clicked() {
            commands.push(Command::ClearFilters);
        }
        commands
    }

    fn search_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        ui.label("Search");
        let search =
            ui.add(egui::TextEdit::singleline(&mut self.search).hint_text("text in the sentence"));
        let find = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
        if ui.input_mut(|i| i.consume_shortcut(&find)) {
            search.request_focus();
        }
        let now = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        (search.changed() || now).then(|| Command::Search {
            text: self.search.clone(),
            now,
        })
    }

    fn actor_list_ui(&mut self, ui: &mut egui::Ui, view: &SidebarView<'_>) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.heading("Actors");
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.actor_filter)
                    .hint_text("find an actor")
                    .desired_width(140.0),
            );
            ui.checkbox(&mut self.sort_by_name, "A–Z");
        });
        ui.horizontal(|ui| {
            for n in [5, 10] {
                if ui.button(format!("Top {n}")).clicked() {
                    commands.push(Command::SelectTop(n));
                }
            }
            if ui.button("None").clicked() {
                commands.push(Command::SelectNone);
            }
        });
        let Some(ws) = view.workspace else {
            return commands;
        };
        self.list_actors(ws);
        if self.listed.is_empty() && !self.actor_filter.trim().is_empty() {
            ui.weak(format!(
                "No mentioned actor is called \"{}\".",
                self.actor_filter.trim()
            ));
        }
        egui::Grid::new("actors")
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for actor in self.listed.iter().filter_map(|&i| ws.actors.get(i)) {
                    let color = view.colors.get(&actor.id).copied();
                    let mut on = color.is_some();
                    if ui.checkbox(&mut on, &actor.name).changed() {
                        commands.push(Command::ToggleActor(ActorId(actor.id.clone())));
                    }
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    if let Some(color) = color {
                        ui.painter().rect_filled(rect, 2.0, color);
                    }
                    ui.label(count(actor.mentions));
                    ui.label(egui::RichText::new(&actor.kind).weak());
                    ui.end_row();
                }
            });
        commands
    }

    /// Finds the actors to list again when the corpus, the filter or the order changed.
    fn list_actors(&mut self, ws: &Workspace) {
        let key = (ws.generation, self.actor_filter.clone(), self.sort_by_name);
        if self.listed_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.actor_filter.to_lowercase();
        self.listed = (0..ws.actors.len())
            .filter(|&i| {
                let a = &ws.actors[i];
                needle.is_empty()
                    || a.name.to_lowercase().contains(&needle)
                    || a.id.to_lowercase().contains(&needle)
                    || a.aliases.contains(&needle)
            })
            .collect();
        if self.sort_by_name {
            self.listed
                .sort_by_key(|&i| ws.actors[i].name.to_lowercase());
        }
        self.listed_for = Some(key);
    }

    /// What is wrong with the typed date range, in words.
    fn date_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, text) in [("From", &self.from), ("To", &self.to)] {
            if !text.trim().is_empty() && parse_user_date(text).is_none() {
                problems.push(format!(
                    "{name}: \"{}\" is not a date (use YYYY-MM-DD); it is ignored.",
                    text.trim()
                ));
            }
        }
        if let (Some(from), Some(to)) = (parse_user_date(&self.from), parse_user_date(&self.to))
            && from > to
        {
            problems.push(format!(
                "From ({from}) is after To ({to}): nothing can match."
            ));
        }
        problems
    }
}

/// The outlet checkboxes; a long list scrolls on its own so the actor list stays in
/// reach.
fn outlets_ui(ui: &mut egui::Ui, outlets: &[String], chosen: &[String]) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.vertical(|ui| {
        if outlets.len() > 6 {
            ui.weak(format!(
                "{} of {} chosen (none = all)",
                chosen.len(),
                outlets.len()
            ));
        }
        egui::ScrollArea::vertical()
            .id_salt("outlets")
            .max_height(140.0)
            .show(ui, |ui| {
                for outlet in outlets {
                    let mut on = chosen.contains(outlet);
                    if ui.checkbox(&mut on, outlet).changed() {
                        commands.push(Command::ChooseOutlet(outlet.clone(), on));
                    }
                }
            });
    });
    commands
}

/// The numbers of the open corpus and the switches that read it differently.
fn summary_ui(ui: &mut egui::Ui, ws: &Workspace, settings: &Settings) -> Vec<Command> {
    let mut commands = Vec::new();
    let source = match ws.paths.as_slice() {
        [] => "Sample corpus (built in)".to_owned(),
        [one] => one.display().to_string(),
        many => format!("{} paths", many.len()),
    };
    ui.label(source);
    egui::Grid::new("summary").num_columns(2).show(ui, |ui| {
        counts_ui(ui, ws);
        if ws.inferred > 0 {
            commands.extend(inferred_ui(ui, ws, settings));
            ui.end_row();
        }
        commands.extend(numeric_dates_ui(ui, ws, settings));
        ui.end_row();
        if ws.duplicates_folded > 0 || settings.keep_duplicates {
            commands.extend(duplicates_ui(ui, ws, settings));
            ui.end_row();
        }
        ui.label("Outlets");
        ui.label(ws.outlets.len().to_string());
        ui.end_row();
        commands.extend(dictionary_ui(ui, ws, settings));
        ui.end_row();
        if !ws.warnings.is_empty() {
            ui.label("Files");
            if ui.link(warning_summary(&ws.warnings)).clicked() {
                commands.push(Command::ShowWarnings(true));
            }
            ui.end_row();
        }
    });
    commands
}

/// Articles, mentions, the span of dates and what is undated.
fn counts_ui(ui: &mut egui::Ui, ws: &Workspace) {
    ui.label("Articles");
    ui.label(count(ws.frames.articles.height() as u64));
    ui.end_row();
    ui.label("Mentions");
    ui.label(count(ws.frames.mention_count() as u64));
    ui.end_row();
    ui.label("Dates");
    ui.label(match (ws.first, ws.last) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "none".to_owned(),
    });
    ui.end_row();
    if ws.undated > 0 {
        ui.label("Undated");
        ui.label(format!(
            "{} {} not in the plot",
            count(ws.undated as u64),
            plural(ws.undated, "article", "articles")
        ))
        .on_hover_text(
            "No date printed and none found in the text. Set one in the reader \
             or the Articles table.",
        );
        ui.end_row();
    }
}

fn inferred_ui(ui: &mut egui::Ui, ws: &Workspace, settings: &Settings) -> Option<Command> {
    let label = ui.label("Inferred");
    let mut include = !settings.exclude_inferred;
    let text = format!(
        "{} {} text, {}",
        count(ws.inferred as u64),
        plural(
            ws.inferred,
            "article dated from its",
            "articles dated from their"
        ),
        if include {
            "in the plot"
        } else {
            "left out of the plot"
        }
    );
    ui.checkbox(&mut include, text)
        .labelled_by(label.id)
        .on_hover_text(
            "Articles that print no date are dated from the dates their text \
             gives (see Date evidence in the Articles table). Periods that rely \
             on them are drawn with hollow points. Untick to leave them out of \
             the plot and of date ranges, as if undated.",
        )
        .changed()
        .then_some(Command::ExcludeInferred(!include))
}

fn numeric_dates_ui(ui: &mut egui::Ui, ws: &Workspace, settings: &Settings) -> Option<Command> {
    let label = ui.label("Numeric dates");
    let detected = match ws.numeric_order {
        NumericOrder::MonthFirst => "month first",
        NumericOrder::DayFirst => "day first",
    };
    let name = |choice: NumericDates| match choice {
        NumericDates::Auto => format!("As the corpus shows ({detected})"),
        NumericDates::MonthFirst => "Month first (02/03 = Feb 3)".to_owned(),
        NumericDates::DayFirst => "Day first (02/03 = 2 Mar)".to_owned(),
    };
    let mut chosen = settings.numeric_dates;
    egui::ComboBox::from_id_salt("numeric_dates")
        .selected_text(name(chosen))
        .show_ui(ui, |ui| {
            for &choice in NumericDates::value_variants() {
                ui.selectable_value(&mut chosen, choice, name(choice));
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(
            "How dates such as 02/03/2024 are read. Changing it reads the corpus again.",
        );
    (chosen != settings.numeric_dates).then_some(Command::ReadNumericDates(chosen))
}

fn duplicates_ui(ui: &mut egui::Ui, ws: &Workspace, settings: &Settings) -> Option<Command> {
    let label = ui.label("Duplicates");
    let mut once = !settings.keep_duplicates;
    let text = if once {
        format!(
            "{} {} counted once",
            count(ws.duplicates_folded as u64),
            plural(ws.duplicates_folded, "copy", "copies")
        )
    } else {
        "every copy counted".to_owned()
    };
    ui.checkbox(&mut once, text)
        .labelled_by(label.id)
        .on_hover_text(
            "A story printed by several outlets (or a file read twice) counts \
             once: the earliest copy is kept. Untick to count every copy; the \
             corpus is read again.",
        )
        .changed()
        .then_some(Command::KeepDuplicates(!once))
}

fn dictionary_ui(ui: &mut egui::Ui, ws: &Workspace, settings: &Settings) -> Option<Command> {
    let label = ui.label("Dictionary");
    let source = &settings.dictionary;
    let mut text = match (&source.file, source.replace_default) {
        (None, _) => "built in".to_owned(),
        (Some(f), replace) => format!(
            "{}{}",
            if replace { "" } else { "built in + " },
            f.file_name().map_or_else(
                || f.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )
        ),
    };
    text.push_str(&format!(
        ", {} actors",
        count(ws.dictionary.actors().len() as u64)
    ));
    for (off, what) in [
        (source.no_demonyms, "demonyms"),
        (source.no_metonyms, "capitals"),
    ] {
        if off {
            text.push_str(&format!(", no {what}"));
        }
    }
    for usage in &source.count_usages {
        text.push_str(&format!(", + {}", usage.as_str()));
    }
    ui.link(text)
        .labelled_by(label.id)
        .on_hover_text("Edit the actors and choose what counts (Ctrl+D)")
        .clicked()
        .then_some(Command::OpenDictionaryEditor)
}

/// Period, metric, time axis and smoothing of the timeline.
fn view_controls_ui(ui: &mut egui::Ui, settings: &Settings) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.heading("Timeline");
    egui::Grid::new("view").num_columns(2).show(ui, |ui| {
        let label = ui.label("Period");
        let mut granularity = settings.granularity;
        egui::ComboBox::from_id_salt("granularity")
            .selected_text(format!("{granularity:?}"))
            .show_ui(ui, |ui| {
                for &g in Granularity::value_variants() {
                    ui.selectable_value(&mut granularity, g, format!("{g:?}"));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Metric");
        let mut metric = settings.metric;
        egui::ComboBox::from_id_salt("metric")
            .selected_text(metric_label(metric))
            .show_ui(ui, |ui| {
                for &m in Metric::value_variants() {
                    ui.selectable_value(&mut metric, m, metric_label(m));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let time = time_axis_ui(ui, settings.time);
        let smoothing = smoothing_ui(ui, settings.smoothing);
        if (granularity, metric, time, smoothing)
            != (
                settings.granularity,
                settings.metric,
                settings.time,
                settings.smoothing,
            )
        {
            commands.push(Command::ShowTimeline {
                granularity,
                metric,
                time,
                smoothing,
            });
        }
    });
    commands
}

fn time_axis_ui(ui: &mut egui::Ui, current: TimeAxis) -> TimeAxis {
    let label = ui.label("Time");
    let time_label = |t: TimeAxis| match t {
        TimeAxis::Published => "Published",
        TimeAxis::Referenced => "Referenced",
    };
    let mut time = current;
    egui::ComboBox::from_id_salt("time")
        .selected_text(time_label(time))
        .show_ui(ui, |ui| {
            for &t in TimeAxis::value_variants() {
                ui.selectable_value(&mut time, t, time_label(t))
                    .on_hover_text(match t {
                        TimeAxis::Published => "When the article was published",
                        TimeAxis::Referenced => {
                            "The date the mention's sentence refers to; \
                             sentences without a date are left out"
                        }
                    });
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    time
}

fn smoothing_ui(ui: &mut egui::Ui, current: usize) -> usize {
    let label = ui.label("Smoothing");
    let mut smoothing = current.max(1);
    ui.add(
        egui::Slider::new(&mut smoothing, 1..=12).custom_formatter(|v, _| match v as usize {
            0 | 1 => "off".to_owned(),
            n => format!("{n} periods"),
        }),
    )
    .labelled_by(label.id);
    ui.end_row();
    smoothing
}

fn metric_label(m: Metric) -> &'static str {
    match m {
        Metric::Mentions => "Mentions",
        Metric::Articles => "Articles mentioning",
        Metric::PerArticle => "Mentions per article",
        Metric::Per1kWords => "Mentions per 1k words",
        Metric::Share => "Share of mentions",
    }
}

/// A YYYY-MM-DD field that turns red while its text is not a date; whether it changed.
fn date_field_ui(ui: &mut egui::Ui, value: &mut String) -> bool {
    let valid = value.trim().is_empty() || parse_user_date(value).is_some();
    let mut edit = egui::TextEdit::singleline(value)
        .hint_text("YYYY-MM-DD")
        .desired_width(110.0);
    if !valid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    ui.add(edit).changed()
}
