//! The actor dictionary editor: browse and search actors, add, edit or remove aliases
//! (their case, context words, exceptions and dates), exclusions and dated offices, add,
//! remove and merge actors, and save the changes to a user file laid on the built-in
//! dictionary. Applying finds again, in the background, the mentions of the articles
//! that hold a word of a changed actor; the corpus stays open if the file has problems.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use eframe::egui;

mod fields;

use super::command::Command;
use super::workspace::ActorRow;
use crate::actors::{
    Actor, ActorId, ActorKind, Alias, AliasClass, CaseRule, Dictionary, DictionarySource,
};

/// The editor's state while its window is open.
pub struct DictionaryEditor {
    /// The dictionary in use, with the edits made so far.
    working: Vec<Actor>,
    /// The dictionary as loaded: its usage rules are written back with the actors.
    loaded: Dictionary,
    /// The built-in dictionary: a user file holds only what differs from it.
    base: Dictionary,
    /// Whether the user file replaces the built-in dictionary.
    replace_default: bool,
    search: String,
    /// Position in `working` of the actor shown.
    selected: Option<usize>,
    new_alias: String,
    new_alias_class: AliasClass,
    /// What became of the last alias the analyst tried to add, when it was not plain.
    alias_notice: Option<String>,
    /// Position among the shown actor's aliases of the one being edited.
    editing_alias: Option<usize>,
    /// The actor `editing_alias` and `alias_notice` are about.
    editing_for: Option<usize>,
    new_actor_name: String,
    new_actor_kind: ActorKind,
    merge_into: Option<usize>,
    /// The user file to save to, as typed.
    path: String,
    /// Problems of the last file read or written.
    problems: Vec<String>,
    /// Whether there are edits not yet applied.
    dirty: bool,
    /// A file that exists and is not the one in use, waiting for the analyst to agree
    /// to replace it.
    confirm_replace: Option<PathBuf>,
    /// Mentions per actor id in the open corpus.
    counts: HashMap<String, u64>,
    /// Counts every change of `working`, so lists made from it know when to change.
    version: u64,
    /// Positions in `working` of the actors listed, and the search and version they
    /// were found for.
    listed: Vec<usize>,
    listed_for: Option<(String, u64)>,
    /// The actors the shown one can be merged into, and the actor and version they were
    /// listed for.
    others: Vec<(usize, String)>,
    others_for: Option<(usize, u64)>,
}

/// Where the user's dictionary is kept unless they choose another file.
pub fn default_user_file() -> PathBuf {
    eframe::storage_dir("NewsLens")
        .unwrap_or_else(|| PathBuf::from("."))
        .join("dictionary.toml")
}

impl DictionaryEditor {
    /// Starts from the dictionary `source` names (without the demonym and metonym
    /// switches: the editor shows every alias). A file with problems is reported and the
    /// editor starts from the built-in dictionary.
    pub fn new(source: &DictionarySource) -> Self {
        let (base, mut problems) = match Dictionary::builtin() {
            Ok(base) => (base, Vec::new()),
            Err(e) => (Dictionary::default(), problem_lines(&e.to_string())),
        };
        let full = DictionarySource {
            no_demonyms: false,
            no_metonyms: false,
            ..source.clone()
        };
        let loaded = match full.load() {
            Ok(d) => d,
            Err(e) => {
                problems.extend(problem_lines(&e.to_string()));
                base.clone()
            }
        };
        let working = loaded.actors().to_vec();
        Self {
            working,
            loaded,
            base,
            replace_default: source.replace_default,
            search: String::new(),
            selected: None,
            new_alias: String::new(),
            new_alias_class: AliasClass::Variant,
            alias_notice: None,
            editing_alias: None,
            editing_for: None,
            new_actor_name: String::new(),
            new_actor_kind: ActorKind::Person,
            merge_into: None,
            path: source
                .file
                .clone()
                .unwrap_or_else(default_user_file)
                .display()
                .to_string(),
            problems,
            dirty: false,
            confirm_replace: None,
            counts: HashMap::new(),
            version: 0,
            listed: Vec::new(),
            listed_for: None,
            others: Vec::new(),
            others_for: None,
        }
    }

    /// Shows how often each actor of the open corpus is mentioned.
    pub fn set_counts(&mut self, actors: &[ActorRow]) {
        self.counts = actors.iter().map(|a| (a.id.clone(), a.mentions)).collect();
    }

    /// Problems of the last file read or written.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Shows the problems of the file at `path`, which was not used.
    pub fn show_problems(&mut self, path: &Path, message: &str) {
        self.problems = problem_lines(message);
        self.path = path.display().to_string();
    }

    /// Shows what the dictionary in use shares between actors (shared aliases,
    /// overlapping roles): they do not stop it, but the analyst should know.
    pub fn show_conflicts(&mut self) {
        self.problems = Dictionary::from_actors(self.working.clone()).conflicts();
    }

    /// Whether the user file replaces the built-in dictionary.
    pub fn replace_default(&self) -> bool {
        self.replace_default
    }

    /// Notes a change of the working dictionary.
    fn changed(&mut self) {
        self.dirty = true;
        self.version += 1;
    }

    /// Writes the edits to the user file. Returns the file, or `None` with the
    /// problems shown (or a question asked: replacing a file that holds another
    /// dictionary than the one in use needs `replace_confirmed`).
    pub fn save(&mut self, in_use: Option<&Path>, replace_confirmed: bool) -> Option<PathBuf> {
        let path = PathBuf::from(self.path.trim());
        if self.path.trim().is_empty() {
            self.problems = vec!["Give a file to save the dictionary to.".to_owned()];
            return None;
        }
        // A file that holds another dictionary (one not in use) is replaced only when
        // the analyst says so: it may hold earlier edits.
        if path.exists() && in_use != Some(path.as_path()) && !replace_confirmed {
            self.confirm_replace = Some(path);
            return None;
        }
        self.confirm_replace = None;
        let text = self.file_text();
        // What is written must read back as it is used.
        if let Err(e) = Dictionary::parse(&text, &path.display().to_string()) {
            self.problems = problem_lines(&e.to_string());
            return None;
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            self.problems = vec![format!("cannot create {}: {e}", parent.display())];
            return None;
        }
        let written = crate::export::write_atomically(&path, true, |w| {
            w.write_all(text.as_bytes())
                .map_err(crate::export::WriteError::Io)
        });
        if let Err(e) = written {
            self.problems = vec![e.to_string()];
            return None;
        }
        self.dirty = false;
        Some(path)
    }

    /// The edited dictionary as the user file holds it.
    fn file_text(&self) -> String {
        let edited = self.loaded.with_actors(self.working.clone());
        if self.replace_default {
            edited.to_toml()
        } else {
            edited.difference_from(&self.base).to_toml()
        }
    }

    fn matches(&self, actor: &Actor) -> bool {
        let needle = self.search.trim().to_lowercase();
        needle.is_empty()
            || actor.name.to_lowercase().contains(&needle)
            || actor.id.0.to_lowercase().contains(&needle)
            || actor
                .aliases
                .iter()
                .any(|a| a.text.to_lowercase().contains(&needle))
    }

    fn add_actor(&mut self) {
        let name = self.new_actor_name.trim().to_owned();
        if name.is_empty() {
            return;
        }
        let slug: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let mut id = slug.clone();
        let mut n = 2;
        while self.working.iter().any(|a| a.id.0 == id) {
            id = format!("{slug}-{n}");
            n += 1;
        }
        self.working.push(Actor {
            id: ActorId(id),
            name: name.clone(),
            kind: self.new_actor_kind,
            aliases: vec![Alias::plain(&name, AliasClass::Name, CaseRule::Smart)],
            roles: Vec::new(),
            exclude: Vec::new(),
            from: None,
            to: None,
            successor: None,
            line: 0,
            origin: "".into(),
        });
        self.selected = Some(self.working.len() - 1);
        self.new_actor_name.clear();
        self.search.clear();
        self.changed();
    }

    /// Moves every alias, role and exclusion of `from` to `into` and removes `from`.
    fn merge(&mut self, from: usize, into: usize) {
        if from == into || from >= self.working.len() || into >= self.working.len() {
            return;
        }
        let gone = self.working.remove(from);
        let into = if into > from { into - 1 } else { into };
        let target = &mut self.working[into];
        for alias in gone.aliases {
            if !target
                .aliases
                .iter()
                .any(|a| a.text.eq_ignore_ascii_case(&alias.text))
            {
                target.aliases.push(alias);
            }
        }
        target.roles.extend(gone.roles);
        target.exclude.extend(gone.exclude);
        self.selected = Some(into);
        self.merge_into = None;
        self.changed();
    }
}

/// One problem per line of an error message.
fn problem_lines(message: &str) -> Vec<String> {
    message
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn class_label(class: AliasClass) -> &'static str {
    match class {
        AliasClass::Name => "name",
        AliasClass::Demonym => "demonym",
        AliasClass::Capital => "capital / seat of power",
        AliasClass::Variant => "variant",
        AliasClass::Role => "role",
    }
}

impl DictionaryEditor {
    /// Lays out the editor's window; saving, using a file, going back to the built-in
    /// dictionary and closing are commands.
    pub fn window_ui(&mut self, ctx: &egui::Context) -> Option<Command> {
        let mut open = true;
        let mut command = None;
        egui::Window::new("Actor dictionary")
            .open(&mut open)
            .default_size([900.0, 640.0])
            .resizable(true)
            .show(ctx, |ui| {
                // The lists take a fixed height so the file row below stays in view.
                let size = egui::vec2(ui.available_width(), 520.0);
                ui.allocate_ui(size, |ui| {
                    ui.horizontal_top(|ui| {
                        ui.vertical(|ui| {
                            ui.set_width(280.0);
                            self.actor_list_ui(ui);
                        });
                        ui.separator();
                        ui.vertical(|ui| self.actor_details_ui(ui));
                    });
                });
                ui.separator();
                command = self.file_ui(ui);
                if let Some(path) = self.confirm_replace.clone() {
                    ui.separator();
                    let answer = self.confirm_ui(ui, &path);
                    command = command.take().or(answer);
                }
                if !self.problems.is_empty() {
                    ui.separator();
                    self.problems_ui(ui);
                }
            });
        if !open {
            return Some(Command::CloseDictionaryEditor);
        }
        command
    }

    /// The user file, whether it replaces the built-in dictionary, and what to do.
    fn file_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("User file");
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(360.0))
                .labelled_by(label.id);
            ui.checkbox(&mut self.replace_default, "Instead of the built-in")
                .on_hover_text(
                    "Off: the file holds only your changes and is laid on the built-in \
                     dictionary. On: the file is the whole dictionary.",
                );
        });
        ui.horizontal(|ui| {
            let text = if self.dirty {
                "Save and apply"
            } else {
                "Save and apply (no changes)"
            };
            if ui
                .button(text)
                .on_hover_text("Writes the file and finds the mentions again")
                .clicked()
            {
                command = Some(Command::SaveDictionary {
                    replace_confirmed: false,
                });
            }
            if ui
                .button("Use this file")
                .on_hover_text("Reads the file above (checked first) and applies it")
                .clicked()
            {
                command = Some(Command::UseDictionaryFile {
                    path: PathBuf::from(self.path.trim()),
                    replace: self.replace_default,
                });
            }
            if ui.button("Built-in only").clicked() {
                command = Some(Command::UseBuiltinDictionary);
            }
        });
        command
    }

    /// The question asked before a file holding another dictionary is replaced.
    fn confirm_ui(&mut self, ui: &mut egui::Ui, path: &Path) -> Option<Command> {
        let mut command = None;
        ui.label(
            egui::RichText::new(format!(
                "{} already holds a dictionary that is not in use (it may hold \
                 earlier edits). Replace it with this one?",
                path.display()
            ))
            .color(ui.visuals().warn_fg_color),
        );
        ui.horizontal(|ui| {
            if ui.button("Replace the file").clicked() {
                command = Some(Command::SaveDictionary {
                    replace_confirmed: true,
                });
            }
            if ui.button("Keep it").clicked() {
                self.confirm_replace = None;
            }
        });
        command
    }

    fn problems_ui(&self, ui: &mut egui::Ui) {
        ui.strong(format!("{} problem(s)", self.problems.len()));
        egui::ScrollArea::vertical()
            .id_salt("dictionary problems")
            .max_height(120.0)
            .show(ui, |ui| {
                for problem in &self.problems {
                    ui.label(egui::RichText::new(problem).color(ui.visuals().warn_fg_color));
                }
            });
    }

    /// Finds the actors to list again when the search or the dictionary changed.
    fn list_actors(&mut self) {
        let key = (self.search.clone(), self.version);
        if self.listed_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.search.trim().to_lowercase();
        let mut shown: Vec<usize> = (0..self.working.len())
            .filter(|&i| self.matches(&self.working[i]))
            .collect();
        // Names that start with the search first, then other names holding it, then
        // aliases.
        shown.sort_by_key(|&i| {
            let name = self.working[i].name.to_lowercase();
            (!name.starts_with(&needle), !name.contains(&needle), i)
        });
        self.listed = shown;
        self.listed_for = Some(key);
    }

    fn actor_list_ui(&mut self, ui: &mut egui::Ui) {
        let label = ui.label("Find an actor");
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("name, id or alias")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        self.list_actors();
        ui.label(
            egui::RichText::new(format!(
                "{} of {} actors",
                self.listed.len(),
                self.working.len()
            ))
            .weak(),
        );
        egui::ScrollArea::vertical()
            .id_salt("dictionary actors")
            .max_height(330.0)
            .auto_shrink([false, false])
            .show_rows(ui, 18.0, self.listed.len(), |ui, range| {
                for &i in &self.listed[range] {
                    let Some(actor) = self.working.get(i) else {
                        continue;
                    };
                    let count = self.counts.get(&actor.id.0).copied().unwrap_or(0);
                    let text = format!("{}  ·  {}  ({count})", actor.name, actor.kind.as_str());
                    if ui
                        .selectable_label(self.selected == Some(i), text)
                        .clicked()
                    {
                        self.selected = Some(i);
                        self.merge_into = None;
                    }
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label("New actor");
            ui.add(egui::TextEdit::singleline(&mut self.new_actor_name).desired_width(120.0))
                .labelled_by(label.id);
            egui::ComboBox::from_id_salt("new actor kind")
                .selected_text(self.new_actor_kind.as_str())
                .show_ui(ui, |ui| {
                    for kind in ActorKind::ALL {
                        ui.selectable_value(&mut self.new_actor_kind, kind, kind.as_str());
                    }
                });
        });
        if ui.button("Add actor").clicked() {
            self.add_actor();
        }
    }

    fn actor_details_ui(&mut self, ui: &mut egui::Ui) {
        let Some(index) = self.selected.filter(|&i| i < self.working.len()) else {
            ui.label("Select an actor on the left, or add one.");
            return;
        };
        if self.editing_for != Some(index) {
            self.editing_for = Some(index);
            self.editing_alias = None;
            self.alias_notice = None;
        }
        let mut changed = false;
        egui::ScrollArea::vertical()
            .id_salt("dictionary actor details")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                changed |= fields::actor_fields_ui(ui, index, &mut self.working[index]);
                ui.separator();
                let actor = &self.working[index];
                ui.strong(format!("Aliases ({})", actor.aliases.len()));
                let (remove_alias, edit) = fields::aliases_ui(ui, actor, self.editing_alias);
                if let Some(edit) = edit {
                    self.editing_alias = (self.editing_alias != Some(edit)).then_some(edit);
                }
                if let Some(i) = self.editing_alias.filter(|&i| i < actor.aliases.len()) {
                    changed |=
                        fields::alias_editor_ui(ui, index, i, &mut self.working[index].aliases[i]);
                }
                let owners = |text: &str| -> Vec<String> {
                    self.working
                        .iter()
                        .enumerate()
                        .filter(|(i, a)| {
                            *i != index
                                && a.aliases
                                    .iter()
                                    .any(|al| al.text.eq_ignore_ascii_case(text))
                        })
                        .map(|(_, a)| format!("{} ({})", a.name, a.id))
                        .collect()
                };
                let added = fields::new_alias_ui(
                    ui,
                    &self.working[index],
                    &mut self.new_alias,
                    &mut self.new_alias_class,
                    &mut self.alias_notice,
                    owners,
                );
                if let Some(alias) = added {
                    self.working[index].aliases.push(alias);
                    changed = true;
                }
                if let Some(notice) = &self.alias_notice {
                    ui.colored_label(ui.visuals().warn_fg_color, notice);
                }
                if let Some(i) = remove_alias {
                    self.working[index].aliases.remove(i);
                    self.editing_alias = None;
                    changed = true;
                }
                ui.separator();
                changed |= fields::exclusions_ui(ui, index, &mut self.working[index]);
                ui.separator();
                changed |= fields::roles_ui(ui, index, &mut self.working[index]);
            });
        if changed {
            self.changed();
        }
        ui.separator();
        self.merge_ui(ui, index);
    }

    /// Merging the shown actor into another, and removing it.
    fn merge_ui(&mut self, ui: &mut egui::Ui, index: usize) {
        if self.others_for != Some((index, self.version)) {
            self.others = self
                .working
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(i, a)| (i, format!("{} ({})", a.name, a.id)))
                .collect();
            self.others_for = Some((index, self.version));
        }
        let mut merge = None;
        let mut remove_actor = false;
        ui.horizontal(|ui| {
            let label = ui.label("Merge into");
            let shown = self
                .merge_into
                .and_then(|m| self.others.iter().find(|(i, _)| *i == m))
                .map_or("choose an actor…".to_owned(), |(_, n)| n.clone());
            egui::ComboBox::from_id_salt("merge into")
                .selected_text(shown)
                .height(300.0)
                .show_ui(ui, |ui| {
                    for (i, name) in &self.others {
                        ui.selectable_value(&mut self.merge_into, Some(*i), name);
                    }
                })
                .response
                .labelled_by(label.id);
            if ui
                .add_enabled(self.merge_into.is_some(), egui::Button::new("Merge"))
                .on_hover_text("Moves this actor's aliases and roles to the other and removes it")
                .clicked()
            {
                merge = self.merge_into;
            }
            remove_actor = ui.button("Remove actor").clicked();
        });
        if let Some(into) = merge {
            self.merge(index, into);
        } else if remove_actor {
            self.working.remove(index);
            self.selected = None;
            self.changed();
        }
    }
}
