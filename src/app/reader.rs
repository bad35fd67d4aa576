//! The article reader: the cleaned text with every mention highlighted in its actor's
//! colour, and the selected mention scrolled into view. The highlighted text is laid
//! out when the article, the selection, the colours or the width change.

use std::sync::Arc;

use eframe::egui;
use egui::text::{LayoutJob, TextFormat};
use polars::prelude::*;

use super::command::Command;
use super::settings::Colors;
use super::tables::cell;
use super::workspace::Workspace;

/// The reader: the article open, if any.
#[derive(Default)]
pub struct ReaderPanel {
    open: Option<ReaderState>,
}

/// Which article is open and which mention is selected.
struct ReaderState {
    article: usize,
    /// `(start, end)` character offsets of the selected mention.
    selected: Option<(usize, usize)>,
    scroll_pending: bool,
    /// `(start, end, actor_id)` of every mention in the article, read once on opening.
    spans: Vec<(usize, usize, String)>,
    /// The publication date as being edited.
    date_edit: String,
    /// Title, the line under it, and the date evidence.
    title: String,
    meta: String,
    evidence: String,
    source_path: String,
    /// Why the mentions are not highlighted, if they cannot be read.
    problem: Option<String>,
    /// The text laid out for a width and the colours, with the character where the
    /// selected mention starts.
    layout: Option<Layout>,
}

/// The article's text as laid out.
struct Layout {
    width: f32,
    colors: Colors,
    dark: bool,
    galley: Arc<egui::Galley>,
    selected_char: Option<usize>,
}

impl ReaderPanel {
    /// Opens `article` of `ws`, with the mention at `selected` (character offsets)
    /// highlighted and scrolled to.
    pub fn open(&mut self, ws: &Workspace, article: usize, selected: Option<(usize, usize)>) {
        // The text stays readable without its highlights; the reader says why.
        let (spans, problem) = match ws.frames.article_mentions(article as u32) {
            Ok(rows) => match mention_spans(&rows) {
                Ok(spans) => (spans, None),
                Err(e) => (Vec::new(), Some(e.to_string())),
            },
            Err(e) => (Vec::new(), Some(e.to_string())),
        };
        let articles = &ws.frames.articles;
        let published = cell(articles, "published", article);
        let date = format!(
            "{} ({})",
            if published.is_empty() {
                "no date"
            } else {
                &published
            },
            cell(articles, "date_source", article)
        );
        let meta = [
            cell(articles, "outlet", article),
            cell(articles, "author", article),
            date,
            cell(articles, "source_path", article),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        self.open = Some(ReaderState {
            article,
            selected,
            scroll_pending: true,
            spans,
            date_edit: published,
            title: cell(articles, "title", article),
            meta,
            evidence: cell(articles, "date_evidence", article),
            source_path: cell(articles, "source_path", article),
            problem: problem
                .map(|e| format!("The mentions of this article are not highlighted: {e}")),
            layout: None,
        });
    }

    /// Closes the article (a new corpus).
    pub fn clear(&mut self) {
        self.open = None;
    }

    /// Lays out the reader; setting the date is a command.
    pub fn ui(&mut self, ui: &mut egui::Ui, ws: &Workspace, colors: &Colors) -> Option<Command> {
        let Some(state) = &mut self.open else {
            ui.label("Select a row in the mentions or articles table to read the article.");
            return None;
        };
        ui.heading(&state.title);
        ui.label(egui::RichText::new(&state.meta).weak());
        if !state.evidence.is_empty() {
            ui.label(egui::RichText::new(format!("Date evidence: {}", state.evidence)).weak());
        }
        if let Some(problem) = &state.problem {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        let command = state.date_ui(ui);
        ui.separator();
        let width = ui.available_width();
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                let layout = state.layout(ui, width, ws, colors);
                let galley = layout.galley.clone();
                let selected_char = layout.selected_char;
                let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
                if state.scroll_pending
                    && let Some(char_index) = selected_char
                {
                    let pos = galley.pos_from_cursor(egui::text::CCursor::new(char_index));
                    ui.scroll_to_rect(pos.translate(rect.min.to_vec2()), Some(egui::Align::Center));
                }
                state.scroll_pending = false;
                ui.painter()
                    .galley(rect.min, galley, ui.visuals().text_color());
            });
        command
    }
}

impl ReaderState {
    /// The publication date field and its button.
    fn date_ui(&mut self, ui: &mut egui::Ui) -> Option<Command> {
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("Publication date");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.date_edit)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .button("Set date")
                .on_hover_text(
                    "Saved beside the corpus and applied whenever it is opened; \
                     an empty field takes your date back",
                )
                .clicked()
                || enter
            {
                command = Some(Command::SetArticleDate {
                    source_path: self.source_path.clone(),
                    typed: self.date_edit.trim().to_owned(),
                });
            }
        });
        command
    }

    /// The text laid out for `width`, made again when the width, the colours or the
    /// theme changed.
    fn layout(&mut self, ui: &egui::Ui, width: f32, ws: &Workspace, colors: &Colors) -> &Layout {
        let dark = ui.visuals().dark_mode;
        let stale = self
            .layout
            .as_ref()
            .is_none_or(|l| l.width != width || l.colors != *colors || l.dark != dark);
        if stale {
            self.layout = None;
        }
        let (spans, selected) = (&self.spans, self.selected);
        self.layout.get_or_insert_with(|| {
            let (job, selected_char) = highlighted(
                ui,
                width,
                ws.frames.text(self.article),
                spans,
                selected,
                colors,
            );
            Layout {
                width,
                colors: colors.clone(),
                dark,
                galley: ui.fonts_mut(|f| f.layout_job(job)),
                selected_char,
            }
        })
    }
}

/// The text with every mention (`spans`) on its actor's colour, and the character where
/// the `selected` mention starts.
fn highlighted(
    ui: &egui::Ui,
    width: f32,
    text: &str,
    spans: &[(usize, usize, String)],
    selected: Option<(usize, usize)>,
    colors: &Colors,
) -> (LayoutJob, Option<usize>) {
    // Byte offsets of every character, to turn character offsets into byte ranges.
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let plain = TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut cursor = 0usize;
    let mut selected_char = None;
    for (start, end, actor) in spans {
        let (Some(&s), Some(&e)) = (byte_at.get(*start), byte_at.get(*end)) else {
            continue;
        };
        if s < cursor {
            continue;
        }
        job.append(&text[cursor..s], 0.0, plain.clone());
        let color = colors.get(actor).copied().unwrap_or(egui::Color32::GRAY);
        let is_selected = selected == Some((*start, *end));
        if is_selected {
            selected_char = Some(*start);
        }
        let mut format = plain.clone();
        format.background = color.gamma_multiply(if is_selected { 0.9 } else { 0.35 });
        if is_selected {
            format.color = egui::Color32::WHITE;
        }
        job.append(&text[s..e], 0.0, format);
        cursor = e;
    }
    job.append(&text[cursor.min(text.len())..], 0.0, plain);
    (job, selected_char)
}

/// `(start, end, actor_id)` of every mention in an article, in text order.
fn mention_spans(rows: &DataFrame) -> PolarsResult<Vec<(usize, usize, String)>> {
    let starts = rows.column("start")?.u32()?;
    let ends = rows.column("end")?.u32()?;
    let ids = rows.column("actor_id")?.str()?;
    Ok((0..rows.height())
        .map(|i| {
            (
                starts.get(i).unwrap_or(0) as usize,
                ends.get(i).unwrap_or(0) as usize,
                ids.get(i).unwrap_or("").to_owned(),
            )
        })
        .collect())
}
