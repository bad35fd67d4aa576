//! The article reader: the cleaned text with every mention highlighted in its actor's
//! colour, and the selected mention scrolled into view.

use eframe::egui;
use egui::text::{LayoutJob, TextFormat};
use polars::prelude::*;

use super::NewsLensApp;
use super::tables::cell;

/// Which article is open and which mention is selected.
pub struct ReaderState {
    article: usize,
    /// `(start, end)` character offsets of the selected mention.
    selected: Option<(usize, usize)>,
    scroll_pending: bool,
    /// `(start, end, actor_id)` of every mention in the article, read once on opening.
    spans: Vec<(usize, usize, String)>,
    /// The publication date as being edited.
    date_edit: String,
}

impl NewsLensApp {
    pub(super) fn open_reader(&mut self, article: usize, selected: Option<(usize, usize)>) {
        let spans = self
            .workspace
            .as_ref()
            .and_then(|ws| ws.frames.article_mentions(article as u32).ok())
            .map(|rows| mention_spans(&rows))
            .unwrap_or_default();
        let date_edit = self
            .workspace
            .as_ref()
            .map(|ws| cell(&ws.frames.articles, "published", article))
            .unwrap_or_default();
        self.reader = Some(ReaderState {
            article,
            selected,
            scroll_pending: true,
            spans,
            date_edit,
        });
        self.tab = super::Tab::Reader;
    }

    pub(super) fn reader_ui(&mut self, ui: &mut egui::Ui) {
        let Some(ws) = &self.workspace else { return };
        let Some(state) = &mut self.reader else {
            ui.label("Select a row in the mentions or articles table to read the article.");
            return;
        };
        let articles = &ws.frames.articles;
        let title = cell(articles, "title", state.article);
        let published = cell(articles, "published", state.article);
        let date = format!(
            "{} ({})",
            if published.is_empty() {
                "no date"
            } else {
                &published
            },
            cell(articles, "date_source", state.article)
        );
        let meta = [
            cell(articles, "outlet", state.article),
            cell(articles, "author", state.article),
            date,
            cell(articles, "source_path", state.article),
        ]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        let text = ws.frames.text(state.article).to_owned();
        let spans = &state.spans;
        let colors = super::color_map_ids(&self.settings);

        ui.heading(title);
        ui.label(egui::RichText::new(meta).weak());
        let evidence = cell(articles, "date_evidence", state.article);
        if !evidence.is_empty() {
            ui.label(egui::RichText::new(format!("Date evidence: {evidence}")).weak());
        }
        let mut set_date = None;
        ui.horizontal(|ui| {
            let label = ui.label("Publication date");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut state.date_edit)
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
                set_date = Some((
                    cell(articles, "source_path", state.article),
                    state.date_edit.trim().to_owned(),
                ));
            }
        });
        ui.separator();

        // Byte offsets of every character, to turn character offsets into byte ranges.
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let body_font = egui::TextStyle::Body.resolve(ui.style());
        let plain = TextFormat {
            font_id: body_font.clone(),
            color: ui.visuals().text_color(),
            ..Default::default()
        };
        let mut job = LayoutJob::default();
        job.wrap.max_width = ui.available_width();
        let mut cursor = 0usize;
        let mut selected_byte = None;
        for (start, end, actor) in spans {
            let (Some(&s), Some(&e)) = (byte_at.get(*start), byte_at.get(*end)) else {
                continue;
            };
            if s < cursor {
                continue;
            }
            job.append(&text[cursor..s], 0.0, plain.clone());
            let color = colors.get(actor).copied().unwrap_or(egui::Color32::GRAY);
            let is_selected = state.selected == Some((*start, *end));
            if is_selected {
                selected_byte = Some(s);
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

        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
                if state.scroll_pending
                    && let Some(byte) = selected_byte
                {
                    let char_index = text[..byte].chars().count();
                    let pos = galley.pos_from_cursor(egui::text::CCursor::new(char_index));
                    ui.scroll_to_rect(pos.translate(rect.min.to_vec2()), Some(egui::Align::Center));
                }
                state.scroll_pending = false;
                ui.painter()
                    .galley(rect.min, galley, ui.visuals().text_color());
            });
        if let Some((source_path, text)) = set_date {
            let ctx = ui.ctx().clone();
            self.set_typed_date(&ctx, &source_path, &text);
        }
    }
}

/// `(start, end, actor_id)` of every mention in an article, in text order.
fn mention_spans(rows: &DataFrame) -> Vec<(usize, usize, String)> {
    let read = || -> PolarsResult<Vec<(usize, usize, String)>> {
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
    };
    read().unwrap_or_default()
}
