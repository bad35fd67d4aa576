//! The top bar (menus, the progress line of a load, the notice) and the keyboard
//! shortcuts.

use eframe::egui;

use crate::actors::Usage;

use super::Notice;
use super::command::Command;
use super::command::ExportKind;
use super::jobs::LoadJob;
use super::settings::Settings;

/// What the top bar shows.
pub struct MenuView<'a> {
    /// The settings, for the dictionary switches.
    pub settings: &'a Settings,
    /// The load running, if any.
    pub load: Option<&'a LoadJob>,
    /// The message for the analyst, if any.
    pub notice: Option<&'a Notice>,
}

impl MenuView<'_> {
    /// Lays out the top bar.
    pub fn ui(&self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| commands.extend(file_menu_ui(ui)));
            ui.menu_button("Dictionary", |ui| {
                commands.extend(self.dictionary_menu_ui(ui));
            });
            ui.menu_button("Export", |ui| commands.extend(export_menu_ui(ui)));
            ui.separator();
            if let Some(load) = self.load {
                commands.extend(progress_ui(ui, load));
            }
            if let Some(notice) = self.notice {
                let color = if notice.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(color, &notice.text);
                if ui.small_button("Dismiss").clicked() {
                    commands.push(Command::DismissNotice);
                }
            }
        });
        commands
    }

    fn dictionary_menu_ui(&self, ui: &mut egui::Ui) -> Option<Command> {
        if ui.button("Edit actors…  (Ctrl+D)").clicked() {
            return Some(Command::OpenDictionaryEditor);
        }
        let mut demonyms = !self.settings.dictionary.no_demonyms;
        let mut metonyms = !self.settings.dictionary.no_metonyms;
        if ui
            .checkbox(&mut demonyms, "Count demonyms (\"Armenian\")")
            .changed()
        {
            return Some(Command::CountDemonyms(demonyms));
        }
        if ui
            .checkbox(
                &mut metonyms,
                "Count capitals and seats of power (\"Kremlin\")",
            )
            .changed()
        {
            return Some(Command::CountMetonyms(metonyms));
        }
        ui.separator();
        ui.label("Also count an actor's name used as:");
        for usage in Usage::SWITCHABLE {
            let mut on = self.settings.dictionary.count_usages.contains(&usage);
            let example = match usage {
                Usage::Organization => "\"American Express\", \"Bank of Japan\"",
                Usage::Currency => "\"Swiss franc\"",
                Usage::Named => "\"Paris Club\", \"Uruguay round\"",
                Usage::Sports => "\"India beat Australia\"",
                Usage::Location => "\"talks in Geneva\"",
                Usage::Historical => "\"the Soviet Union\" in 2023",
                Usage::Ambiguous => "\"Bush\" in 1994",
                Usage::Actor => "",
            };
            if ui
                .checkbox(&mut on, format!("{} ({example})", usage.describe()))
                .changed()
            {
                return Some(Command::CountUsage(usage, on));
            }
        }
        None
    }
}

fn file_menu_ui(ui: &mut egui::Ui) -> Option<Command> {
    let mut command = None;
    if ui.button("Open folder…  (Ctrl+O)").clicked() {
        command = Some(Command::PickFolder);
    }
    if ui.button("Open files…").clicked() {
        command = Some(Command::PickFiles);
    }
    if ui.button("Open the sample corpus").clicked() {
        command = Some(Command::Open(Vec::new()));
    }
    ui.separator();
    if ui.button("Quit  (Ctrl+Q)").clicked() {
        command = Some(Command::Quit);
    }
    command
}

fn export_menu_ui(ui: &mut egui::Ui) -> Option<Command> {
    let mut command = None;
    for (label, kind) in [
        ("Mentions as shown…  (Ctrl+E)", ExportKind::Mentions),
        ("Articles…", ExportKind::Articles),
        ("Timeline…", ExportKind::Timeline),
    ] {
        if ui.button(label).clicked() {
            command = Some(Command::PickExport(kind));
        }
    }
    ui.separator();
    if ui.button("Plot as PNG…").clicked() {
        command = Some(Command::PickExport(ExportKind::Plot));
    }
    command
}

/// What the load is doing, how far it is, and its Cancel button.
fn progress_ui(ui: &mut egui::Ui, load: &LoadJob) -> Option<Command> {
    let status = load.job.status();
    ui.label(format!("{} — {}", load.label, status.stage));
    let text = if status.total > 0 {
        format!(
            "{} / {} {} · {:.0} {}/s",
            status.done, status.total, status.unit, status.rate, status.unit
        )
    } else {
        String::new()
    };
    ui.add(
        egui::ProgressBar::new(status.fraction())
            .desired_width(260.0)
            .animate(status.total == 0)
            .text(text),
    );
    if load.job.cancelling() {
        ui.label("cancelling…");
    } else if ui.button("Cancel").clicked() {
        return Some(Command::CancelLoad);
    }
    None
}

/// The window's keyboard shortcuts and dropped files. Esc clears the drill-down unless
/// a dialog asks something (`confirming`), where it answers the dialog.
pub fn shortcuts(ctx: &egui::Context, confirming: bool) -> Vec<Command> {
    let mut commands = Vec::new();
    let shortcut = |key| egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, key);
    for (key, command) in [
        (egui::Key::O, Command::PickFolder),
        (egui::Key::Q, Command::Quit),
        (egui::Key::D, Command::OpenDictionaryEditor),
        (egui::Key::E, Command::PickExport(ExportKind::Mentions)),
    ] {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut(key))) {
            commands.push(command);
        }
    }
    if !confirming && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::ClearDrill);
    }
    let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    if !dropped.is_empty() {
        commands.push(Command::Open(dropped));
    }
    commands
}
