//! The fields of one actor in the dictionary editor: its name, kind and days of
//! existence; its aliases with their case, context words, exceptions and dates; the
//! phrases inside which it is not mentioned; its dated offices.
//!
//! Text fields that hold a date or a list keep what the analyst types in the window's
//! memory, so a half-typed date is not lost between frames; the actor changes only when
//! the text reads as a date (or is empty: no bound) or as a list.

use chrono::NaiveDate;
use eframe::egui;

use super::class_label;
use crate::actors::{Actor, ActorId, ActorKind, Alias, AliasClass, CaseRule, Role};

/// The actor's id, name, kind, days of existence and successor; whether they changed.
pub(super) fn actor_fields_ui(ui: &mut egui::Ui, index: usize, actor: &mut Actor) -> bool {
    let mut changed = false;
    ui.heading(&actor.name);
    egui::Grid::new("actor fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Id");
            ui.label(&actor.id.0);
            ui.end_row();
            let label = ui.label("Name");
            changed |= ui
                .text_edit_singleline(&mut actor.name)
                .labelled_by(label.id)
                .changed();
            ui.end_row();
            let label = ui.label("Kind");
            egui::ComboBox::from_id_salt("actor kind")
                .selected_text(actor.kind.as_str())
                .show_ui(ui, |ui| {
                    for kind in ActorKind::ALL {
                        changed |= ui
                            .selectable_value(&mut actor.kind, kind, kind.as_str())
                            .changed();
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            ui.label("Existed").on_hover_text(
                "The days the actor existed (a state of the past, an organisation \
                     founded or ended): after them its names are references to the past \
                     (usage \"historical\"); empty = no bound",
            );
            ui.horizontal(|ui| {
                changed |= span_ui(
                    ui,
                    base().with(("actor", index)),
                    "Existed",
                    &mut actor.from,
                    &mut actor.to,
                );
            });
            ui.end_row();
            let label = ui.label("Successor");
            let mut successor = actor
                .successor
                .as_ref()
                .map_or(String::new(), |s| s.0.clone());
            if ui
                .add(
                    egui::TextEdit::singleline(&mut successor)
                        .hint_text("id, e.g. eu")
                        .desired_width(120.0),
                )
                .labelled_by(label.id)
                .changed()
            {
                let id = successor.trim();
                actor.successor = (!id.is_empty()).then(|| ActorId(id.to_owned()));
                changed = true;
            }
            ui.end_row();
        });
    changed
}

/// The actor's aliases with their rules; the alias whose Remove was clicked, and the
/// one whose Edit was clicked.
pub(super) fn aliases_ui(
    ui: &mut egui::Ui,
    actor: &Actor,
    editing: Option<usize>,
) -> (Option<usize>, Option<usize>) {
    let (mut remove, mut edit) = (None, None);
    egui::ScrollArea::vertical()
        .id_salt("dictionary aliases")
        .max_height(180.0)
        .show(ui, |ui| {
            egui::Grid::new("aliases")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for (i, alias) in actor.aliases.iter().enumerate() {
                        ui.label(&alias.text);
                        let (rules, details) = alias_rules(alias);
                        let label = ui.label(egui::RichText::new(rules).weak());
                        if !details.is_empty() {
                            label.on_hover_text(details);
                        }
                        let open = editing == Some(i);
                        if ui
                            .selectable_label(open, "Edit")
                            .on_hover_text(format!(
                                "Edit the case, context words, exceptions and dates of \"{}\"",
                                alias.text
                            ))
                            .clicked()
                        {
                            edit = Some(i);
                        }
                        if ui
                            .small_button("Remove")
                            .on_hover_text(format!("Remove the alias \"{}\"", alias.text))
                            .clicked()
                        {
                            remove = Some(i);
                        }
                        ui.end_row();
                    }
                });
        });
    (remove, edit)
}

/// An alias's rules in a few words, and in sentences for its hover text.
fn alias_rules(alias: &Alias) -> (String, String) {
    let mut rules = class_label(alias.class).to_owned();
    match alias.case {
        CaseRule::Exact => rules.push_str(", exact case"),
        CaseRule::Any => rules.push_str(", any case"),
        CaseRule::Smart => {}
    }
    if !alias.context.is_empty() {
        rules.push_str(", needs context");
    }
    if !alias.unless.is_empty() {
        rules.push_str(", with exceptions");
    }
    if alias.is_dated() {
        rules.push_str(&format!(", {}", span_text(alias.from, alias.to)));
    }
    let mut details = Vec::new();
    if !alias.context.is_empty() {
        details.push(format!(
            "Counts only in an article that also has one of: {}",
            alias.context.join(", ")
        ));
    }
    if !alias.unless.is_empty() {
        details.push(format!(
            "Does not count in a sentence that has one of: {}",
            alias.unless.join(", ")
        ));
    }
    if alias.is_dated() {
        details.push(format!(
            "Names this actor only {}",
            span_text(alias.from, alias.to)
        ));
    }
    (rules, details.join("\n"))
}

fn span_text(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (Some(f), Some(t)) => format!("{f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => "always".to_owned(),
    }
}

/// The editor of one alias: its words, class, case, dates, context words and
/// exceptions; whether it changed.
pub(super) fn alias_editor_ui(
    ui: &mut egui::Ui,
    actor: usize,
    index: usize,
    alias: &mut Alias,
) -> bool {
    let mut changed = false;
    let key = base().with(("alias", actor, index));
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.strong(format!("Alias \"{}\"", alias.text));
        egui::Grid::new(("alias editor", actor, index))
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label("Words");
                changed |= ui
                    .text_edit_singleline(&mut alias.text)
                    .labelled_by(label.id)
                    .changed();
                ui.end_row();
                ui.label("Class");
                egui::ComboBox::from_id_salt(("alias class", actor, index))
                    .selected_text(class_label(alias.class))
                    .show_ui(ui, |ui| {
                        for choice in [
                            AliasClass::Name,
                            AliasClass::Demonym,
                            AliasClass::Capital,
                            AliasClass::Variant,
                        ] {
                            changed |= ui
                                .selectable_value(&mut alias.class, choice, class_label(choice))
                                .changed();
                        }
                    });
                ui.end_row();
                ui.label("Case").on_hover_text(
                    "smart: every capital of the alias must be a capital in the text; \
                     exact: written exactly so; any: case ignored",
                );
                ui.horizontal(|ui| {
                    for (rule, name) in [
                        (CaseRule::Smart, "smart"),
                        (CaseRule::Exact, "exact"),
                        (CaseRule::Any, "any"),
                    ] {
                        changed |= ui.radio_value(&mut alias.case, rule, name).changed();
                    }
                });
                ui.end_row();
                ui.label("Names the actor")
                    .on_hover_text("Only between these days (\"Moscow\" for the Soviet Union until 1991-12-25); empty = always");
                ui.horizontal(|ui| {
                    changed |= span_ui(ui, key, "Alias", &mut alias.from, &mut alias.to);
                });
                ui.end_row();
                let label = ui.label("Context words").on_hover_text(
                    "The alias counts only in an article that also has one of these \
                     (comma-separated)",
                );
                changed |= words_ui(ui, key.with("context"), &mut alias.context, label.id);
                ui.end_row();
                let label = ui.label("Exceptions").on_hover_text(
                    "The alias does not count in a sentence that has one of these \
                     (comma-separated)",
                );
                changed |= words_ui(ui, key.with("unless"), &mut alias.unless, label.id);
                ui.end_row();
            });
    });
    changed
}

/// The field and class of a new alias, and the alias to add when Add was clicked. An
/// alias the actor already has is not added again, and one another actor has is added
/// with a word on how the two are told apart: `notice` says which.
pub(super) fn new_alias_ui(
    ui: &mut egui::Ui,
    actor: &Actor,
    new_alias: &mut String,
    class: &mut AliasClass,
    notice: &mut Option<String>,
    owners: impl Fn(&str) -> Vec<String>,
) -> Option<Alias> {
    let mut added = None;
    ui.horizontal(|ui| {
        let label = ui.label("New alias");
        let field = ui
            .add(egui::TextEdit::singleline(new_alias).desired_width(160.0))
            .labelled_by(label.id);
        egui::ComboBox::from_id_salt("new alias class")
            .selected_text(class_label(*class))
            .show_ui(ui, |ui| {
                for choice in [
                    AliasClass::Name,
                    AliasClass::Demonym,
                    AliasClass::Capital,
                    AliasClass::Variant,
                ] {
                    ui.selectable_value(class, choice, class_label(choice));
                }
            });
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add alias").clicked() || enter) && !new_alias.trim().is_empty() {
            let text = new_alias.trim().to_owned();
            if let Some(existing) = actor
                .aliases
                .iter()
                .find(|a| a.text.eq_ignore_ascii_case(&text))
            {
                *notice = Some(format!(
                    "\"{}\" is already an alias of {} ({}); nothing was added",
                    existing.text,
                    actor.name,
                    class_label(existing.class)
                ));
            } else {
                let others = owners(&text);
                *notice = (!others.is_empty()).then(|| {
                    format!(
                        "\"{text}\" is also an alias of {}: give one of them dates (Edit → \
                         Names the actor), or the later in the dictionary wins",
                        others.join(", ")
                    )
                });
                added = Some(Alias::plain(&text, *class, CaseRule::Smart));
            }
            new_alias.clear();
        }
    });
    added
}

/// The phrases inside which the actor is not mentioned ("Nippon Steel"); whether they
/// changed.
pub(super) fn exclusions_ui(ui: &mut egui::Ui, index: usize, actor: &mut Actor) -> bool {
    let header = ui
        .strong(format!("Not a mention inside ({})", actor.exclude.len()))
        .on_hover_text(
            "Phrases inside which an alias of this actor is not a mention, one per line \
             (\"Nippon Steel\", \"Rome Statute\")",
        );
    lines_ui(
        ui,
        base().with(("exclusions", index)),
        &mut actor.exclude,
        ("one phrase per line", 3),
        Some(header.id),
    )
}

/// The actor's dated offices: their titles (one per line) and days, an Add and a
/// Remove; whether they changed.
pub(super) fn roles_ui(ui: &mut egui::Ui, index: usize, actor: &mut Actor) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.strong(format!("Offices ({})", actor.roles.len()))
            .on_hover_text(
                "Titles that name this actor between two days (\"Treasury Secretary\"); an \
                 office also tells apart people who share a name",
            );
        if ui.small_button("Add office").clicked() {
            actor.roles.push(Role {
                phrases: Vec::new(),
                from: None,
                to: None,
                case: CaseRule::Smart,
            });
            changed = true;
        }
    });
    let mut remove = None;
    for (i, role) in actor.roles.iter_mut().enumerate() {
        let key = base().with(("role", index, i));
        ui.horizontal(|ui| {
            changed |= span_ui(ui, key, "Office", &mut role.from, &mut role.to);
            if ui.small_button("Remove").clicked() {
                remove = Some(i);
            }
        });
        changed |= lines_ui(
            ui,
            key.with("phrases"),
            &mut role.phrases,
            ("titles, one per line", 2),
            None,
        );
    }
    if let Some(i) = remove {
        actor.roles.remove(i);
        changed = true;
    }
    changed
}

/// Two date fields, from and to (empty = no bound); whether a bound changed. A date
/// that does not read is shown in red and changes nothing.
fn span_ui(
    ui: &mut egui::Ui,
    key: egui::Id,
    what: &str,
    from: &mut Option<NaiveDate>,
    to: &mut Option<NaiveDate>,
) -> bool {
    let mut changed = false;
    for (side, value) in [("from", from), ("to", to)] {
        let label = ui.label(side);
        let id = key.with(side);
        let shown = value.map_or(String::new(), |d| d.to_string());
        let mut text = remembered(ui, id, &shown);
        let trimmed = text.trim().to_owned();
        let reads = trimmed.is_empty() || NaiveDate::parse_from_str(&trimmed, "%Y-%m-%d").is_ok();
        let mut field = egui::TextEdit::singleline(&mut text)
            .desired_width(90.0)
            .hint_text("yyyy-mm-dd");
        if !reads {
            field = field.text_color(ui.visuals().error_fg_color);
        }
        let response = ui.add(field).labelled_by(label.id).on_hover_text(format!(
            "{what} {side}: a date such as 1991-12-25, or empty"
        ));
        if response.changed() {
            let trimmed = text.trim();
            let parsed = if trimmed.is_empty() {
                Some(None)
            } else {
                NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
                    .ok()
                    .map(Some)
            };
            if let Some(parsed) = parsed
                && parsed != *value
            {
                *value = parsed;
                changed = true;
            }
        }
        let shown = value.map_or(String::new(), |d| d.to_string());
        remember(ui, id, text, &shown);
    }
    changed
}

/// A list edited one item per line; whether it changed.
fn lines_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    items: &mut Vec<String>,
    (hint, rows): (&str, usize),
    label: Option<egui::Id>,
) -> bool {
    list_ui(ui, id, items, ('\n', "\n"), label, |ui, text| {
        ui.add(
            egui::TextEdit::multiline(text)
                .desired_rows(rows)
                .desired_width(f32::INFINITY)
                .hint_text(hint),
        )
    })
}

/// A comma-separated list of words; whether it changed.
fn words_ui(ui: &mut egui::Ui, id: egui::Id, words: &mut Vec<String>, label: egui::Id) -> bool {
    list_ui(ui, id, words, (',', ", "), Some(label), |ui, text| {
        ui.add(egui::TextEdit::singleline(text).desired_width(260.0))
    })
}

/// A list edited as text, its items split at a character and joined with a string
/// (trimmed, empty ones left out), in the field `add` lays out; whether it changed.
fn list_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    items: &mut Vec<String>,
    (split, separator): (char, &str),
    label: Option<egui::Id>,
    add: impl FnOnce(&mut egui::Ui, &mut String) -> egui::Response,
) -> bool {
    let mut text = remembered(ui, id, &items.join(separator));
    let mut response = add(ui, &mut text);
    if let Some(label) = label {
        response = response.labelled_by(label);
    }
    let mut changed = false;
    if response.changed() {
        let parsed: Vec<String> = text
            .split(split)
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        if parsed != *items {
            *items = parsed;
            changed = true;
        }
    }
    remember(ui, id, text, &items.join(separator));
    changed
}

/// Where the editor's fields keep what is typed in them.
fn base() -> egui::Id {
    egui::Id::unique("dictionary editor fields")
}

/// The text typed in field `id`, or `value` when the field has none or the value it
/// was typed for has changed since (another actor shown, an undo).
fn remembered(ui: &egui::Ui, id: egui::Id, value: &str) -> String {
    ui.data(|d| d.get_temp::<(String, String)>(id))
        .filter(|(_, typed_for)| typed_for == value)
        .map_or_else(|| value.to_owned(), |(text, _)| text)
}

/// Keeps the text typed in field `id`, with the value it stands for.
fn remember(ui: &egui::Ui, id: egui::Id, text: String, value: &str) {
    ui.data_mut(|d| d.insert_temp(id, (text, value.to_owned())));
}
