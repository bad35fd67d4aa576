//! The side panel: corpus summary, actor list and filters.

use eframe::egui;

use clap::ValueEnum as _;

use super::NewsLensApp;
use crate::actors::ActorKind;
use crate::dates::{NumericDates, NumericOrder};
use crate::query::{Granularity, Metric, TimeAxis};

impl NewsLensApp {
    pub(super) fn sidebar_ui(&mut self, ui: &mut egui::Ui) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            self.summary_ui(ui);
            ui.separator();
            self.view_controls_ui(ui);
            ui.separator();
            self.filters_ui(ui);
            ui.separator();
            self.actor_list_ui(ui);
        });
    }

    fn summary_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Corpus");
        let Some(ws) = &self.workspace else {
            ui.label("Nothing open yet.");
            return;
        };
        let mut reload = false;
        let mut open_editor = false;
        let source = match ws.paths.as_slice() {
            [] => "Sample corpus (built in)".to_owned(),
            [one] => one.display().to_string(),
            many => format!("{} paths", many.len()),
        };
        ui.label(source);
        egui::Grid::new("summary").num_columns(2).show(ui, |ui| {
            ui.label("Articles");
            ui.label(super::count(ws.frames.articles.height() as u64));
            ui.end_row();
            ui.label("Mentions");
            ui.label(super::count(ws.frames.mention_count() as u64));
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
                    super::count(ws.undated as u64),
                    plural(ws.undated, "article", "articles")
                ))
                .on_hover_text(
                    "No date printed and none found in the text. Set one in the reader \
                     or the Articles table.",
                );
                ui.end_row();
            }
            if ws.inferred > 0 {
                let label = ui.label("Inferred");
                let mut include = !self.settings.exclude_inferred;
                let text = format!(
                    "{} {} text, {}",
                    super::count(ws.inferred as u64),
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
                if ui
                    .checkbox(&mut include, text)
                    .labelled_by(label.id)
                    .on_hover_text(
                        "Articles that print no date are dated from the dates their text \
                         gives (see Date evidence in the Articles table). Periods that rely \
                         on them are drawn with hollow points. Untick to leave them out of \
                         the plot and of date ranges, as if undated.",
                    )
                    .changed()
                {
                    self.settings.exclude_inferred = !include;
                }
                ui.end_row();
            }
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
            let before = self.settings.numeric_dates;
            egui::ComboBox::from_id_salt("numeric_dates")
                .selected_text(name(before))
                .show_ui(ui, |ui| {
                    for &choice in NumericDates::value_variants() {
                        ui.selectable_value(&mut self.settings.numeric_dates, choice, name(choice));
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text(
                    "How dates such as 02/03/2024 are read. Changing it reads the corpus again.",
                );
            if self.settings.numeric_dates != before {
                reload = true;
            }
            ui.end_row();
            if ws.duplicates_folded > 0 || self.settings.keep_duplicates {
                let label = ui.label("Duplicates");
                let mut once = !self.settings.keep_duplicates;
                let text = if once {
                    format!(
                        "{} {} counted once",
                        super::count(ws.duplicates_folded as u64),
                        plural(ws.duplicates_folded, "copy", "copies")
                    )
                } else {
                    "every copy counted".to_owned()
                };
                if ui
                    .checkbox(&mut once, text)
                    .labelled_by(label.id)
                    .on_hover_text(
                        "A story printed by several outlets (or a file read twice) counts \
                         once: the earliest copy is kept. Untick to count every copy; the \
                         corpus is read again.",
                    )
                    .changed()
                {
                    self.settings.keep_duplicates = !once;
                    reload = true;
                }
                ui.end_row();
            }
            ui.label("Outlets");
            ui.label(ws.outlets.len().to_string());
            ui.end_row();
            let label = ui.label("Dictionary");
            let source = &self.settings.dictionary;
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
                super::count(ws.dictionary.actors().len() as u64)
            ));
            for (off, what) in [
                (source.no_demonyms, "demonyms"),
                (source.no_metonyms, "capitals"),
            ] {
                if off {
                    text.push_str(&format!(", no {what}"));
                }
            }
            if ui
                .link(text)
                .labelled_by(label.id)
                .on_hover_text("Edit the actors and choose what counts (Ctrl+D)")
                .clicked()
            {
                open_editor = true;
            }
            ui.end_row();
            if !ws.warnings.is_empty() {
                ui.label("Files");
                if ui.link(super::warning_summary(&ws.warnings)).clicked() {
                    self.show_warnings = true;
                }
                ui.end_row();
            }
        });
        let paths = ws.paths.clone();
        if open_editor {
            self.open_dictionary_editor();
        }
        if reload {
            let ctx = ui.ctx().clone();
            self.open(&ctx, paths);
        }
    }

    fn view_controls_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Timeline");
        egui::Grid::new("view").num_columns(2).show(ui, |ui| {
            let label = ui.label("Period");
            egui::ComboBox::from_id_salt("granularity")
                .selected_text(format!("{:?}", self.settings.granularity))
                .show_ui(ui, |ui| {
                    for &g in Granularity::value_variants() {
                        ui.selectable_value(&mut self.settings.granularity, g, format!("{g:?}"));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Metric");
            egui::ComboBox::from_id_salt("metric")
                .selected_text(metric_label(self.settings.metric))
                .show_ui(ui, |ui| {
                    for &m in Metric::value_variants() {
                        ui.selectable_value(&mut self.settings.metric, m, metric_label(m));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Time");
            let time_label = |t: TimeAxis| match t {
                TimeAxis::Published => "Published",
                TimeAxis::Referenced => "Referenced",
            };
            egui::ComboBox::from_id_salt("time")
                .selected_text(time_label(self.settings.time))
                .show_ui(ui, |ui| {
                    for &t in TimeAxis::value_variants() {
                        ui.selectable_value(&mut self.settings.time, t, time_label(t))
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
            let label = ui.label("Smoothing");
            self.settings.smoothing = self.settings.smoothing.max(1);
            ui.add(
                egui::Slider::new(&mut self.settings.smoothing, 1..=12).custom_formatter(|v, _| {
                    match v as usize {
                        0 | 1 => "off".to_owned(),
                        n => format!("{n} periods"),
                    }
                }),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Filters");
        egui::Grid::new("filters").num_columns(2).show(ui, |ui| {
            ui.label("Search");
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.settings.search)
                    .hint_text("text in the sentence"),
            );
            if search.changed() {
                self.search_typed(false);
            }
            if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.search_typed(true);
            }
            let find = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F);
            if ui.input_mut(|i| i.consume_shortcut(&find)) {
                search.request_focus();
            }
            ui.end_row();
            ui.label("From");
            date_field(ui, &mut self.settings.from);
            ui.end_row();
            ui.label("To");
            date_field(ui, &mut self.settings.to);
            ui.end_row();
            ui.label("Kinds");
            ui.vertical(|ui| {
                for kind in ActorKind::ALL {
                    let name = kind.as_str().to_owned();
                    let mut on = self.settings.kinds.contains(&name);
                    if ui.checkbox(&mut on, kind.as_str()).changed() {
                        if on {
                            self.settings.kinds.push(name);
                        } else {
                            self.settings.kinds.retain(|k| *k != name);
                        }
                    }
                }
            });
            ui.end_row();
            let outlets = self
                .workspace
                .as_ref()
                .map(|w| w.outlets.clone())
                .unwrap_or_default();
            if !outlets.is_empty() {
                ui.label("Outlets");
                ui.vertical(|ui| {
                    if outlets.len() > 6 {
                        ui.weak(format!(
                            "{} of {} chosen (none = all)",
                            self.settings.outlets.len(),
                            outlets.len()
                        ));
                    }
                    // A long list scrolls on its own so the actor list stays in reach.
                    egui::ScrollArea::vertical()
                        .id_salt("outlets")
                        .max_height(140.0)
                        .show(ui, |ui| {
                            for outlet in outlets {
                                let mut on = self.settings.outlets.contains(&outlet);
                                if ui.checkbox(&mut on, &outlet).changed() {
                                    if on {
                                        self.settings.outlets.push(outlet);
                                    } else {
                                        self.settings.outlets.retain(|o| *o != outlet);
                                    }
                                }
                            }
                        });
                });
                ui.end_row();
            }
        });
        for problem in self.date_problems() {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        if ui.button("Clear filters").clicked() {
            self.settings.search.clear();
            self.search_typed(true);
            self.settings.from.clear();
            self.settings.to.clear();
            self.settings.kinds.clear();
            self.settings.outlets.clear();
        }
    }

    fn actor_list_ui(&mut self, ui: &mut egui::Ui) {
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
                    self.select_top(n);
                }
            }
            if ui.button("None").clicked() {
                self.settings.selected.clear();
            }
        });
        let needle = self.actor_filter.to_lowercase();
        let mut rows: Vec<_> = self
            .actor_rows()
            .iter()
            .filter(|a| {
                needle.is_empty()
                    || a.name.to_lowercase().contains(&needle)
                    || a.id.to_lowercase().contains(&needle)
                    || a.aliases.contains(&needle)
            })
            .cloned()
            .collect();
        if rows.is_empty() && !needle.is_empty() {
            ui.weak(format!(
                "No mentioned actor is called \"{}\".",
                self.actor_filter.trim()
            ));
        }
        if self.sort_by_name {
            rows.sort_by_key(|a| a.name.to_lowercase());
        }
        egui::Grid::new("actors")
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for actor in rows {
                    let mut on = self.settings.selected.iter().any(|(id, _)| *id == actor.id);
                    let color = self.color_of(&actor.id);
                    if ui.checkbox(&mut on, &actor.name).changed() {
                        self.toggle_actor(&actor.id);
                    }
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    if on {
                        ui.painter().rect_filled(rect, 2.0, color);
                    }
                    ui.label(super::count(actor.mentions));
                    ui.label(egui::RichText::new(&actor.kind).weak());
                    ui.end_row();
                }
            });
    }
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

/// A YYYY-MM-DD field that turns red while its text is not a date.
impl NewsLensApp {
    /// What is wrong with the typed date range, in words.
    fn date_problems(&self) -> Vec<String> {
        let parse = |text: &str| crate::dates::parse_user_date(text);
        let mut problems = Vec::new();
        for (name, text) in [("From", &self.settings.from), ("To", &self.settings.to)] {
            if !text.trim().is_empty() && parse(text).is_none() {
                problems.push(format!(
                    "{name}: \"{}\" is not a date (use YYYY-MM-DD); it is ignored.",
                    text.trim()
                ));
            }
        }
        if let (Some(from), Some(to)) = (parse(&self.settings.from), parse(&self.settings.to))
            && from > to
        {
            problems.push(format!(
                "From ({from}) is after To ({to}): nothing can match."
            ));
        }
        problems
    }
}

fn date_field(ui: &mut egui::Ui, value: &mut String) {
    let valid = value.trim().is_empty() || crate::dates::parse_user_date(value).is_some();
    let mut edit = egui::TextEdit::singleline(value)
        .hint_text("YYYY-MM-DD")
        .desired_width(110.0);
    if !valid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    ui.add(edit);
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
