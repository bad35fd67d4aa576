//! The timeline plot: one line per selected actor on a calendar axis. The lines, the
//! hover counts and the plot's height are made when a new timeline arrives or the
//! smoothing or colours change, not every frame.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike as _, NaiveDate};
use eframe::egui;
use egui_plot::{
    GridInput, GridMark, HoverPosition, Legend, Line, Plot, PlotPoint, PlotPoints, PlotTransform,
    Points,
};
use polars::prelude::*;

use super::command::{Command, Drill};
use super::settings::Colors;
use crate::actors::ActorId;
use crate::dates::{from_epoch_days, to_epoch_days};
use crate::query::{Granularity, Metric, Query};

/// One actor's values per period.
#[derive(Clone, Debug, Default)]
pub struct ActorSeries {
    /// Display name.
    pub name: String,
    /// One per period, in order.
    pub points: Vec<SeriesPoint>,
}

/// One period of one actor.
#[derive(Clone, Copy, Debug, Default)]
pub struct SeriesPoint {
    /// Period start, as days since 1970-01-01.
    pub day: i32,
    /// The metric's value.
    pub value: f64,
    /// Mentions in the period.
    pub mentions: u32,
    /// Articles in the period that mention the actor.
    pub articles: u32,
    /// Of the mentions, those from articles whose date is inferred.
    pub inferred: u32,
}

/// The timeline frame regrouped per actor, in the frame's actor order.
#[derive(Clone, Debug, Default)]
pub struct Series {
    /// Actor id → series.
    pub actors: Vec<(String, ActorSeries)>,
}

impl Series {
    /// Regroups a timeline frame.
    pub fn from_frame(frame: &DataFrame) -> PolarsResult<Self> {
        let periods = frame.column("period_start")?.cast(&DataType::Int32)?;
        let periods = periods.i32()?;
        let ids = frame.column("actor_id")?.str()?;
        let names = frame.column("actor")?.str()?;
        let values = frame.column("value")?.f64()?;
        let mentions = frame.column("mentions")?.u32()?;
        let articles = frame.column("articles")?.u32()?;
        let inferred = frame.column("inferred_mentions")?.u32()?;
        let mut order: Vec<String> = Vec::new();
        let mut by_id: BTreeMap<String, ActorSeries> = BTreeMap::new();
        for i in 0..frame.height() {
            let id = ids.get(i).unwrap_or("").to_owned();
            let entry = by_id.entry(id.clone()).or_insert_with(|| {
                order.push(id.clone());
                ActorSeries {
                    name: names.get(i).unwrap_or("").to_owned(),
                    points: Vec::new(),
                }
            });
            entry.points.push(SeriesPoint {
                day: periods.get(i).unwrap_or(0),
                value: values.get(i).unwrap_or(0.0),
                mentions: mentions.get(i).unwrap_or(0),
                articles: articles.get(i).unwrap_or(0),
                inferred: inferred.get(i).unwrap_or(0),
            });
        }
        Ok(Self {
            actors: order
                .into_iter()
                .filter_map(|id| by_id.remove(&id).map(|s| (id, s)))
                .collect(),
        })
    }
}

/// Trailing moving average over `window` points.
pub fn smooth(values: &[f64], window: usize) -> Vec<f64> {
    let window = window.max(1);
    let mut out = Vec::with_capacity(values.len());
    let mut sum = 0.0;
    for (i, v) in values.iter().enumerate() {
        sum += v;
        if i >= window {
            sum -= values[i - window];
        }
        out.push(sum / (i + 1).min(window) as f64);
    }
    out
}

/// Grid marks on calendar boundaries: month starts (years stronger) for spans up to a
/// few years, year starts beyond, days for spans of a few weeks.
fn calendar_marks(input: GridInput, granularity: Granularity) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let (Some(first), Some(last)) = (
        from_epoch_days(lo.floor().clamp(-1e6, 1e6) as i32),
        from_epoch_days(hi.ceil().clamp(-1e6, 1e6) as i32),
    ) else {
        return Vec::new();
    };
    let span = hi - lo;
    let mut marks = Vec::new();
    if span <= 45.0 {
        let mut day = first;
        while day <= last {
            let step = if day.weekday() == chrono::Weekday::Mon {
                7.0
            } else {
                1.0
            };
            marks.push(GridMark {
                value: f64::from(to_epoch_days(day)),
                step_size: step,
            });
            day = day.succ_opt().unwrap_or(last);
            if day == last {
                break;
            }
        }
        return marks;
    }
    // Marks no finer than the plotted periods: quarters on a quarterly plot.
    let months_step = match granularity {
        _ if span > 3.0 * 366.0 => 12,
        Granularity::Quarter => 3,
        Granularity::Year => 12,
        _ => 1,
    };
    let mut month = Granularity::Year.period_start(first);
    while month <= last {
        let step = if month.month() == 1 {
            365.0
        } else {
            30.0 * f64::from(months_step)
        };
        if month >= first {
            marks.push(GridMark {
                value: f64::from(to_epoch_days(month)),
                step_size: step,
            });
        }
        month = month
            .checked_add_months(chrono::Months::new(months_step))
            .unwrap_or(last.succ_opt().unwrap_or(last));
    }
    marks
}

fn day_label(days: f64) -> String {
    let Ok(days) = i32::try_from(days.round() as i64) else {
        return String::new();
    };
    from_epoch_days(days).map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

/// One actor's line as drawn.
struct PlotLine {
    id: String,
    name: String,
    /// `[period start, value after smoothing]`.
    points: Vec<PlotPoint>,
    /// The points whose period has no mention from an inferred date.
    solid: Vec<PlotPoint>,
    /// The points whose period has some (drawn as rings).
    hollow: Vec<PlotPoint>,
    color: egui::Color32,
}

/// What the plot draws, made from a timeline and the smoothing and colours.
struct PlotData {
    lines: Vec<PlotLine>,
    /// Per line name: the counts per period, for the hover label.
    counts: HashMap<String, Vec<SeriesPoint>>,
    /// The highest value, before smoothing.
    top: f64,
    any_inferred: bool,
    /// The inputs the lines were made from.
    smoothing: usize,
    colors: Colors,
}

/// The timeline panel: the series shown and the lines drawn from it.
#[derive(Default)]
pub struct TimelinePanel {
    /// The timeline shown and the query it answers.
    shown: Option<(Query, Series)>,
    plot: Option<PlotData>,
    /// Where the plot was drawn last frame, for saving it as an image.
    pub rect: Option<egui::Rect>,
}

impl TimelinePanel {
    /// The query of the timeline shown.
    pub fn shown_query(&self) -> Option<&Query> {
        self.shown.as_ref().map(|(q, _)| q)
    }

    /// Shows a new timeline.
    pub fn set(&mut self, query: Query, frame: &DataFrame) -> PolarsResult<()> {
        self.shown = Some((query, Series::from_frame(frame)?));
        self.plot = None;
        Ok(())
    }

    /// Forgets the timeline (a new corpus).
    pub fn clear(&mut self) {
        self.shown = None;
        self.plot = None;
    }

    /// The plotted `(period start, value)` points of one actor, before smoothing.
    pub fn points(&self, actor: &str) -> Vec<(NaiveDate, f64)> {
        self.shown
            .as_ref()
            .and_then(|(_, series)| series.actors.iter().find(|(id, _)| id == actor))
            .map(|(_, s)| {
                s.points
                    .iter()
                    .filter_map(|p| Some((from_epoch_days(p.day)?, p.value)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Makes the lines again when the smoothing or the colours changed.
    pub fn prepare(&mut self, smoothing: usize, colors: &Colors) {
        let smoothing = smoothing.max(1);
        let current = self
            .plot
            .as_ref()
            .is_some_and(|p| p.smoothing == smoothing && p.colors == *colors);
        if current {
            return;
        }
        self.plot = self
            .shown
            .as_ref()
            .map(|(_, series)| PlotData::new(series, smoothing, colors));
    }

    /// Lays out the plot; a click near a point drills into it.
    pub fn ui(&mut self, ui: &mut egui::Ui, updating: bool) -> Option<Command> {
        if updating {
            // Drawn over the plot's corner; the previous lines stay until the new ones come.
            let corner = ui.max_rect().right_top() + egui::vec2(-12.0, 6.0);
            ui.painter().text(
                corner,
                egui::Align2::RIGHT_TOP,
                "updating…",
                egui::TextStyle::Small.resolve(ui.style()),
                ui.visuals().weak_text_color(),
            );
        }
        let (Some((query, _)), Some(data)) = (&self.shown, &self.plot) else {
            ui.centered_and_justified(|ui| {
                ui.add(egui::Spinner::new());
            });
            return None;
        };
        if data.lines.is_empty() {
            ui.centered_and_justified(|ui| {
                ui.label("No dated mentions for this selection. Select actors on the left or widen the filters.");
            });
            return None;
        }
        let (granularity, metric) = (query.granularity, query.metric);
        let plot = plot_frame(data, granularity, metric);
        // A line under the plot explains the hollow points when there are any.
        let note_height =
            ui.text_style_height(&egui::TextStyle::Small) + ui.spacing().item_spacing.y;
        let plot = if data.any_inferred {
            plot.height((ui.available_height() - note_height).max(60.0))
        } else {
            plot
        };
        let background = ui.visuals().extreme_bg_color;
        let response = plot.show(ui, |plot_ui| {
            for line in &data.lines {
                line_ui(plot_ui, line, background);
            }
            plot_ui.pointer_coordinate()
        });
        if data.any_inferred {
            ui.label(
                egui::RichText::new(
                    "Hollow points: periods with mentions from articles whose date is \
                     inferred from their text (untick Inferred on the left to leave them out).",
                )
                .small()
                .weak(),
            );
        }
        if !response.response.clicked() {
            return None;
        }
        let pointer = response.inner?;
        let (id, day) = data.nearest(&response.transform, &pointer)?;
        Some(Command::DrillInto(Drill {
            actor: ActorId(id.to_owned()),
            period_start: granularity.period_start(day),
        }))
    }
}

impl PlotData {
    fn new(series: &Series, smoothing: usize, colors: &Colors) -> Self {
        let lines: Vec<PlotLine> = series
            .actors
            .iter()
            .map(|(id, s)| {
                let values: Vec<f64> = s.points.iter().map(|p| p.value).collect();
                let points: Vec<PlotPoint> = s
                    .points
                    .iter()
                    .zip(smooth(&values, smoothing))
                    .map(|(p, v)| PlotPoint::new(f64::from(p.day), v))
                    .collect();
                let (hollow, solid): (Vec<_>, Vec<_>) = s
                    .points
                    .iter()
                    .zip(&points)
                    .partition(|(p, _)| p.inferred > 0);
                PlotLine {
                    id: id.clone(),
                    name: s.name.clone(),
                    points: points.clone(),
                    solid: solid.into_iter().map(|(_, p)| *p).collect(),
                    hollow: hollow.into_iter().map(|(_, p)| *p).collect(),
                    color: colors.get(id).copied().unwrap_or(egui::Color32::GRAY),
                }
            })
            .collect();
        Self {
            any_inferred: lines.iter().any(|l| !l.hollow.is_empty()),
            counts: series
                .actors
                .iter()
                .map(|(_, s)| (s.name.clone(), s.points.clone()))
                .collect(),
            top: series
                .actors
                .iter()
                .flat_map(|(_, s)| s.points.iter().map(|p| p.value))
                .fold(0.0_f64, f64::max),
            lines,
            smoothing,
            colors: colors.clone(),
        }
    }

    /// The line and day of the point nearest to `pointer` on screen, within 30 points.
    fn nearest(&self, transform: &PlotTransform, pointer: &PlotPoint) -> Option<(&str, NaiveDate)> {
        let pointer_screen = transform.position_from_point(pointer);
        let (id, x, distance) = self
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(move |p| (l.id.as_str(), p)))
            .map(|(id, p)| {
                let screen = transform.position_from_point(p);
                (id, p.x, screen.distance(pointer_screen))
            })
            .min_by(|a, b| a.2.total_cmp(&b.2))?;
        let day = from_epoch_days(x as i32)?;
        (distance < 30.0).then_some((id, day))
    }

    /// The hover label of a point of the line `name` at `position`.
    fn hover_label(
        &self,
        name: &str,
        position: &PlotPoint,
        granularity: Granularity,
        metric: Metric,
    ) -> String {
        let smoothing = self.smoothing;
        let smoothed = smoothing > 1;
        let SeriesPoint {
            mentions,
            articles,
            inferred,
            ..
        } = self
            .counts
            .get(name)
            .and_then(|c| {
                // The period under the pointer (the solid and hollow points of a line
                // are separate items, so not by index).
                let day = position.x.round() as i64;
                c.iter().find(|p| i64::from(p.day) == day)
            })
            .copied()
            .unwrap_or_default();
        let inferred = if inferred > 0 {
            format!("\n{inferred} of them from articles with inferred dates")
        } else {
            String::new()
        };
        let whole = matches!(metric, Metric::Mentions | Metric::Articles) && !smoothed;
        let value = if whole {
            format!("{:.0}", position.y)
        } else {
            format!("{:.3}", position.y)
        };
        let average = if smoothed {
            format!(" ({smoothing}-period average)")
        } else {
            String::new()
        };
        format!(
            "{name}\n{} {}\n{}{average}: {value}\n{mentions} mentions in {articles} article(s) this {}{inferred}",
            granularity.as_str(),
            day_label(position.x),
            metric.as_str(),
            granularity.as_str(),
        )
    }
}

/// The plot with its axes, legend room and hover label.
fn plot_frame(data: &PlotData, granularity: Granularity, metric: Metric) -> Plot<'_> {
    let smoothing = data.smoothing;
    let y_label = if smoothing > 1 {
        format!("{}, {smoothing}-period moving average", metric.as_str())
    } else {
        metric.as_str().to_owned()
    };
    // Room above the highest point for the legend, which sits in the top corner.
    let legend_rows = data.lines.len().min(12) as f64;
    Plot::new("timeline")
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(data.top * (1.08 + 0.055 * legend_rows))
        .x_grid_spacer(move |input| calendar_marks(input, granularity))
        .x_axis_formatter(|mark, _| day_label(mark.value))
        .y_axis_label(y_label)
        .label_formatter(move |hover| match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } if !plot_name.is_empty() => {
                Some(data.hover_label(plot_name, position, granularity, metric))
            }
            _ => None,
        })
        .allow_scroll(false)
}

/// One actor's line, its points, and rings around the points of inferred periods.
fn line_ui<'a>(plot_ui: &mut egui_plot::PlotUi<'a>, line: &'a PlotLine, background: egui::Color32) {
    plot_ui.line(
        Line::new(line.name.clone(), PlotPoints::Borrowed(&line.points))
            .color(line.color)
            .width(2.0),
    );
    plot_ui.points(
        Points::new(line.name.clone(), PlotPoints::Borrowed(&line.solid))
            .color(line.color)
            .radius(3.0),
    );
    if !line.hollow.is_empty() {
        // A period that relies on inferred dates: a ring around an empty centre.
        plot_ui.points(
            Points::new(line.name.clone(), PlotPoints::Borrowed(&line.hollow))
                .color(line.color)
                .radius(5.0),
        );
        // Unnamed, so the legend keeps the line's colour.
        plot_ui.points(
            Points::new("", PlotPoints::Borrowed(&line.hollow))
                .color(background)
                .radius(3.0)
                .allow_hover(false),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_average_is_trailing() {
        assert_eq!(smooth(&[3.0, 0.0, 3.0, 6.0], 1), vec![3.0, 0.0, 3.0, 6.0]);
        assert_eq!(smooth(&[3.0, 0.0, 3.0, 6.0], 2), vec![3.0, 1.5, 1.5, 4.5]);
    }
}
