//! The actor dictionary editor: browse and search actors, add or remove aliases, add,
//! remove and merge actors, and save the changes to a user file laid on the built-in
//! dictionary. Applying reads the corpus again with the edited dictionary, in the
//! background, and the corpus stays open if the file has problems.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::NewsLensApp;
use crate::actors::{
    Actor, ActorId, ActorKind, Alias, AliasClass, CaseRule, Dictionary, DictionarySource,
};

/// The editor's state while its window is open.
pub struct DictionaryEditor {
    /// The dictionary in use, with the edits made so far.
    working: Vec<Actor>,
    /// The built-in dictionary: a user file holds only what differs from it.
    base: Dictionary,
    /// Whether the user file replaces the built-in dictionary.
    replace_default: bool,
    search: String,
    /// Position in `working` of the actor shown.
    selected: Option<usize>,
    new_alias: String,
    new_alias_class: AliasClass,
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
        let base = Dictionary::builtin().unwrap_or_default();
        let full = DictionarySource {
            no_demonyms: false,
            no_metonyms: false,
            ..source.clone()
        };
        let (working, problems) = match full.load() {
            Ok(d) => (d.actors().to_vec(), Vec::new()),
            Err(e) => (base.actors().to_vec(), problem_lines(&e.to_string())),
        };
        Self {
            working,
            base,
            replace_default: source.replace_default,
            search: String::new(),
            selected: None,
            new_alias: String::new(),
            new_alias_class: AliasClass::Variant,
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
        }
    }

    /// The edited dictionary as the user file holds it.
    fn file_text(&self) -> String {
        let edited = Dictionary::from_actors(self.working.clone());
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
            line: 0,
            origin: "".into(),
        });
        self.selected = Some(self.working.len() - 1);
        self.new_actor_name.clear();
        self.search.clear();
        self.dirty = true;
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
        self.dirty = true;
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

impl NewsLensApp {
    /// Opens the dictionary editor (Ctrl+D).
    pub fn open_dictionary_editor(&mut self) {
        if self.dictionary_editor.is_none() {
            self.dictionary_editor = Some(DictionaryEditor::new(&self.settings.dictionary));
        }
    }

    /// Whether the dictionary editor is open.
    pub fn dictionary_editor_open(&self) -> bool {
        self.dictionary_editor.is_some()
    }

    /// Problems the editor shows (of the last file read or written).
    pub fn dictionary_problems(&self) -> Vec<String> {
        self.dictionary_editor
            .as_ref()
            .map(|e| e.problems.clone())
            .unwrap_or_default()
    }

    /// Uses the dictionary file at `path` on top of the built-in one (or instead of it),
    /// after checking it: a file with problems leaves the corpus as it is and shows them.
    pub fn use_dictionary_file(&mut self, ctx: &egui::Context, path: &Path, replace: bool) {
        let source = DictionarySource {
            file: Some(path.to_path_buf()),
            replace_default: replace,
            ..self.settings.dictionary.clone()
        };
        match source.load() {
            Ok(_) => {
                self.settings.dictionary = source;
                self.dictionary_editor = Some(DictionaryEditor::new(&self.settings.dictionary));
                self.reload_with_dictionary(ctx, format!("Dictionary: {}", path.display()));
            }
            Err(e) => {
                let editor = self
                    .dictionary_editor
                    .get_or_insert_with(|| DictionaryEditor::new(&self.settings.dictionary));
                editor.problems = problem_lines(&e.to_string());
                editor.path = path.display().to_string();
                self.notice = Some((
                    format!(
                        "{} has problems; the dictionary in use is unchanged (Dictionary, Edit actors lists them).",
                        path.display()
                    ),
                    true,
                ));
            }
        }
    }

    /// Goes back to the built-in dictionary.
    fn use_builtin_dictionary(&mut self, ctx: &egui::Context) {
        self.settings.dictionary.file = None;
        self.settings.dictionary.replace_default = false;
        self.dictionary_editor = Some(DictionaryEditor::new(&self.settings.dictionary));
        self.reload_with_dictionary(ctx, "Dictionary: built in".to_owned());
    }

    /// Finds the mentions again with the dictionary the settings name.
    pub(super) fn reload_with_dictionary(&mut self, ctx: &egui::Context, message: String) {
        self.notice = Some((format!("{message} — finding mentions again…"), false));
        let Some(ws) = &self.workspace else {
            let paths = self.settings.last_paths.clone();
            self.open(ctx, paths);
            return;
        };
        // The open corpus is kept; only the articles the change can touch are searched.
        self.ctx = Some(ctx.clone());
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        let repaint_ctx = ctx.clone();
        let source = self.settings.dictionary.clone();
        match super::jobs::LoadJob::rematch(ws, source, move || repaint_ctx.request_repaint()) {
            Ok(job) => self.job = Some(job),
            Err(e) => self.notice = Some((e, true)),
        }
    }

    /// Writes the edits to the user file and applies them.
    fn save_dictionary(&mut self, ctx: &egui::Context, replace_confirmed: bool) {
        let in_use = self.settings.dictionary.file.clone();
        let Some(editor) = &mut self.dictionary_editor else {
            return;
        };
        let path = PathBuf::from(editor.path.trim());
        if editor.path.trim().is_empty() {
            editor.problems = vec!["Give a file to save the dictionary to.".to_owned()];
            return;
        }
        // A file that holds another dictionary (one not in use) is replaced only when
        // the analyst says so: it may hold earlier edits.
        if path.exists() && in_use.as_deref() != Some(path.as_path()) && !replace_confirmed {
            editor.confirm_replace = Some(path);
            return;
        }
        editor.confirm_replace = None;
        let text = editor.file_text();
        // What is written must read back as it is used.
        if let Err(e) = Dictionary::parse(&text, &path.display().to_string()) {
            editor.problems = problem_lines(&e.to_string());
            return;
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            editor.problems = vec![format!("cannot create {}: {e}", parent.display())];
            return;
        }
        let written = crate::export::write_atomically(&path, true, |w| {
            w.write_all(text.as_bytes())
                .map_err(crate::export::WriteError::Io)
        });
        if let Err(e) = written {
            editor.problems = vec![e.to_string()];
            return;
        }
        editor.dirty = false;
        let replace = editor.replace_default;
        self.use_dictionary_file(ctx, &path, replace);
        if let Some(editor) = &mut self.dictionary_editor {
            // Shared aliases and overlapping roles do not stop the dictionary; say so.
            let used = Dictionary::from_actors(editor.working.clone());
            editor.problems = used.conflicts();
        }
    }

    pub(super) fn dictionary_ui(&mut self, ctx: &egui::Context) {
        let Some(editor) = &mut self.dictionary_editor else {
            return;
        };
        let mut open = true;
        let mut save = false;
        let mut replace_confirmed = false;
        let mut builtin = false;
        let mut use_file = None;
        let counts: std::collections::HashMap<String, u64> = self
            .workspace
            .as_ref()
            .map(|ws| {
                ws.actors
                    .iter()
                    .map(|a| (a.id.clone(), a.mentions))
                    .collect()
            })
            .unwrap_or_default();
        egui::Window::new("Actor dictionary")
            .open(&mut open)
            .default_size([860.0, 560.0])
            .resizable(true)
            .show(ctx, |ui| {
                // The lists take a fixed height so the file row below stays in view.
                let size = egui::vec2(ui.available_width(), 440.0);
                ui.allocate_ui(size, |ui| {
                    ui.horizontal_top(|ui| {
                        ui.vertical(|ui| {
                            ui.set_width(280.0);
                            actor_list_ui(ui, editor, &counts);
                        });
                        ui.separator();
                        ui.vertical(|ui| {
                            actor_details_ui(ui, editor);
                        });
                    });
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label("User file");
                    ui.add(egui::TextEdit::singleline(&mut editor.path).desired_width(360.0))
                        .labelled_by(label.id);
                    ui.checkbox(&mut editor.replace_default, "Instead of the built-in")
                        .on_hover_text(
                            "Off: the file holds only your changes and is laid on the built-in \
                             dictionary. On: the file is the whole dictionary.",
                        );
                });
                ui.horizontal(|ui| {
                    let text = if editor.dirty {
                        "Save and apply"
                    } else {
                        "Save and apply (no changes)"
                    };
                    if ui
                        .button(text)
                        .on_hover_text("Writes the file and finds the mentions again")
                        .clicked()
                    {
                        save = true;
                    }
                    if ui
                        .button("Use this file")
                        .on_hover_text("Reads the file above (checked first) and applies it")
                        .clicked()
                    {
                        use_file = Some(PathBuf::from(editor.path.trim()));
                    }
                    if ui.button("Built-in only").clicked() {
                        builtin = true;
                    }
                });
                if let Some(path) = editor.confirm_replace.clone() {
                    ui.separator();
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
                            save = true;
                            replace_confirmed = true;
                        }
                        if ui.button("Keep it").clicked() {
                            editor.confirm_replace = None;
                        }
                    });
                }
                if !editor.problems.is_empty() {
                    ui.separator();
                    ui.strong(format!("{} problem(s)", editor.problems.len()));
                    egui::ScrollArea::vertical()
                        .id_salt("dictionary problems")
                        .max_height(120.0)
                        .show(ui, |ui| {
                            for problem in &editor.problems {
                                ui.label(
                                    egui::RichText::new(problem).color(ui.visuals().warn_fg_color),
                                );
                            }
                        });
                }
            });
        let replace = editor.replace_default;
        if save {
            self.save_dictionary(ctx, replace_confirmed);
        } else if let Some(path) = use_file {
            self.use_dictionary_file(ctx, &path, replace);
        } else if builtin {
            self.use_builtin_dictionary(ctx);
        }
        if !open {
            self.dictionary_editor = None;
        }
    }
}

fn actor_list_ui(
    ui: &mut egui::Ui,
    editor: &mut DictionaryEditor,
    counts: &std::collections::HashMap<String, u64>,
) {
    let label = ui.label("Find an actor");
    ui.add(
        egui::TextEdit::singleline(&mut editor.search)
            .hint_text("name, id or alias")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let needle = editor.search.trim().to_lowercase();
    let mut shown: Vec<usize> = (0..editor.working.len())
        .filter(|&i| editor.matches(&editor.working[i]))
        .collect();
    // Names that start with the search first, then other names holding it, then aliases.
    shown.sort_by_key(|&i| {
        let name = editor.working[i].name.to_lowercase();
        (!name.starts_with(&needle), !name.contains(&needle), i)
    });
    ui.label(
        egui::RichText::new(format!(
            "{} of {} actors",
            shown.len(),
            editor.working.len()
        ))
        .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("dictionary actors")
        .max_height(330.0)
        .auto_shrink([false, false])
        .show_rows(ui, 18.0, shown.len(), |ui, range| {
            for &i in &shown[range] {
                let actor = &editor.working[i];
                let count = counts.get(&actor.id.0).copied().unwrap_or(0);
                let text = format!("{}  ·  {}  ({count})", actor.name, actor.kind.as_str());
                if ui
                    .selectable_label(editor.selected == Some(i), text)
                    .clicked()
                {
                    editor.selected = Some(i);
                    editor.merge_into = None;
                }
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label("New actor");
        ui.add(egui::TextEdit::singleline(&mut editor.new_actor_name).desired_width(120.0))
            .labelled_by(label.id);
        egui::ComboBox::from_id_salt("new actor kind")
            .selected_text(editor.new_actor_kind.as_str())
            .show_ui(ui, |ui| {
                for kind in ActorKind::ALL {
                    ui.selectable_value(&mut editor.new_actor_kind, kind, kind.as_str());
                }
            });
    });
    if ui.button("Add actor").clicked() {
        editor.add_actor();
    }
}

fn actor_details_ui(ui: &mut egui::Ui, editor: &mut DictionaryEditor) {
    let Some(index) = editor.selected.filter(|&i| i < editor.working.len()) else {
        ui.label("Select an actor on the left, or add one.");
        return;
    };
    let mut changed = false;
    let mut remove_alias = None;
    let mut remove_actor = false;
    let others: Vec<(usize, String)> = editor
        .working
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(i, a)| (i, format!("{} ({})", a.name, a.id)))
        .collect();
    let actor = &mut editor.working[index];
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
        });
    ui.separator();
    ui.strong(format!("Aliases ({})", actor.aliases.len()));
    egui::ScrollArea::vertical()
        .id_salt("dictionary aliases")
        .max_height(200.0)
        .show(ui, |ui| {
            egui::Grid::new("aliases")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for (i, alias) in actor.aliases.iter().enumerate() {
                        ui.label(&alias.text);
                        let mut rules = class_label(alias.class).to_owned();
                        if alias.case == CaseRule::Exact {
                            rules.push_str(", exact case");
                        }
                        if !alias.context.is_empty() {
                            rules.push_str(", needs context");
                        }
                        if !alias.unless.is_empty() {
                            rules.push_str(", with exceptions");
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
                        let label = ui.label(egui::RichText::new(rules).weak());
                        if !details.is_empty() {
                            label.on_hover_text(details.join("\n"));
                        }
                        if ui
                            .small_button("Remove")
                            .on_hover_text(format!("Remove the alias \"{}\"", alias.text))
                            .clicked()
                        {
                            remove_alias = Some(i);
                        }
                        ui.end_row();
                    }
                });
        });
    ui.horizontal(|ui| {
        let label = ui.label("New alias");
        let field = ui
            .add(egui::TextEdit::singleline(&mut editor.new_alias).desired_width(160.0))
            .labelled_by(label.id);
        egui::ComboBox::from_id_salt("new alias class")
            .selected_text(class_label(editor.new_alias_class))
            .show_ui(ui, |ui| {
                for class in [
                    AliasClass::Name,
                    AliasClass::Demonym,
                    AliasClass::Capital,
                    AliasClass::Variant,
                ] {
                    ui.selectable_value(&mut editor.new_alias_class, class, class_label(class));
                }
            });
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add alias").clicked() || enter) && !editor.new_alias.trim().is_empty() {
            let text = editor.new_alias.trim().to_owned();
            if !actor
                .aliases
                .iter()
                .any(|a| a.text.eq_ignore_ascii_case(&text))
            {
                actor
                    .aliases
                    .push(Alias::plain(&text, editor.new_alias_class, CaseRule::Smart));
                changed = true;
            }
            editor.new_alias.clear();
        }
    });
    if !actor.roles.is_empty() {
        ui.separator();
        ui.strong("Roles");
        for role in &actor.roles {
            ui.label(format!(
                "{} — {} to {}",
                role.phrases.first().map_or("", String::as_str),
                role.from.map_or("…".to_owned(), |d| d.to_string()),
                role.to.map_or("now".to_owned(), |d| d.to_string()),
            ));
        }
    }
    if let Some(i) = remove_alias {
        actor.aliases.remove(i);
        changed = true;
    }
    ui.separator();
    let mut merge = None;
    ui.horizontal(|ui| {
        let label = ui.label("Merge into");
        let shown = editor
            .merge_into
            .and_then(|m| others.iter().find(|(i, _)| *i == m))
            .map_or("choose an actor…".to_owned(), |(_, n)| n.clone());
        egui::ComboBox::from_id_salt("merge into")
            .selected_text(shown)
            .height(300.0)
            .show_ui(ui, |ui| {
                for (i, name) in &others {
                    ui.selectable_value(&mut editor.merge_into, Some(*i), name);
                }
            })
            .response
            .labelled_by(label.id);
        if ui
            .add_enabled(editor.merge_into.is_some(), egui::Button::new("Merge"))
            .on_hover_text("Moves this actor's aliases and roles to the other and removes it")
            .clicked()
        {
            merge = editor.merge_into;
        }
        if ui.button("Remove actor").clicked() {
            remove_actor = true;
        }
    });
    if let Some(into) = merge {
        editor.merge(index, into);
    } else if remove_actor {
        editor.working.remove(index);
        editor.selected = None;
        changed = true;
    }
    if changed {
        editor.dirty = true;
    }
}
