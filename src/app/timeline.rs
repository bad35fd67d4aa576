//! The timeline plot: one line per selected actor on a calendar axis.

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike as _;
use eframe::egui;
use egui_plot::{GridInput, GridMark, HoverPosition, Legend, Line, Plot, PlotPoints, Points};
use polars::prelude::*;

use super::NewsLensApp;
use crate::dates::{from_epoch_days, to_epoch_days};
use crate::query::{Granularity, Metric};

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
    pub fn from_frame(frame: &DataFrame) -> Self {
        let read = || -> PolarsResult<Self> {
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
        };
        read().unwrap_or_default()
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
    points: Vec<[f64; 2]>,
    /// Per point: whether some of its mentions come from inferred dates.
    inferred: Vec<bool>,
    color: egui::Color32,
}

impl NewsLensApp {
    pub(super) fn timeline_ui(&mut self, ui: &mut egui::Ui) {
        let updating = self.updating(super::ViewKind::Timeline);
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
        let Some((query, series)) = &self.timeline else {
            ui.centered_and_justified(|ui| {
                ui.add(egui::Spinner::new());
            });
            return;
        };
        if series.actors.is_empty() {
            ui.centered_and_justified(|ui| {
                ui.label("No dated mentions for this selection. Select actors on the left or widen the filters.");
            });
            return;
        }
        let granularity = query.granularity;
        let metric = query.metric;
        let colors = super::color_map_ids(&self.settings);
        let smoothing = self.settings.smoothing.max(1);
        // Per line name: the counts per period, for the hover label.
        let counts: HashMap<String, Vec<SeriesPoint>> = series
            .actors
            .iter()
            .map(|(_, s)| (s.name.clone(), s.points.clone()))
            .collect();
        let smoothed = smoothing > 1;
        let y_label = if smoothed {
            format!("{}, {smoothing}-period moving average", metric.as_str())
        } else {
            metric.as_str().to_owned()
        };
        let whole = matches!(metric, Metric::Mentions | Metric::Articles) && !smoothed;
        // Room above the highest point for the legend, which sits in the top corner.
        let top = series
            .actors
            .iter()
            .flat_map(|(_, s)| s.points.iter().map(|p| p.value))
            .fold(0.0_f64, f64::max);
        let legend_rows = series.actors.len().min(12) as f64;
        let plot = Plot::new("timeline")
            .legend(Legend::default())
            .include_y(0.0)
            .include_y(top * (1.08 + 0.055 * legend_rows))
            .x_grid_spacer(move |input| calendar_marks(input, granularity))
            .x_axis_formatter(|mark, _| day_label(mark.value))
            .y_axis_label(y_label)
            .label_formatter(move |hover| match hover {
                HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } if !plot_name.is_empty() => {
                    let SeriesPoint {
                        mentions,
                        articles,
                        inferred,
                        ..
                    } = counts
                        .get(*plot_name)
                        .and_then(|c| {
                            // The period under the pointer (the solid and hollow points
                            // of a line are separate items, so not by index).
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
                    Some(format!(
                        "{plot_name}\n{} {}\n{}{average}: {value}\n{mentions} mentions in {articles} article(s) this {}{inferred}",
                        granularity.as_str(),
                        day_label(position.x),
                        metric.as_str(),
                        granularity.as_str(),
                    ))
                }
                _ => None,
            })
            .allow_scroll(false);
        let mut lines: Vec<PlotLine> = Vec::new();
        for (id, s) in &series.actors {
            let values: Vec<f64> = s.points.iter().map(|p| p.value).collect();
            let values = smooth(&values, smoothing);
            let points: Vec<[f64; 2]> = s
                .points
                .iter()
                .zip(values)
                .map(|(p, v)| [f64::from(p.day), v])
                .collect();
            let inferred = s.points.iter().map(|p| p.inferred > 0).collect();
            let color = colors.get(id).copied().unwrap_or(egui::Color32::GRAY);
            lines.push(PlotLine {
                id: id.clone(),
                name: s.name.clone(),
                points,
                inferred,
                color,
            });
        }
        let any_inferred = lines.iter().any(|l| l.inferred.contains(&true));
        let background = ui.visuals().extreme_bg_color;
        // A line under the plot explains the hollow points when there are any.
        let note_height =
            ui.text_style_height(&egui::TextStyle::Small) + ui.spacing().item_spacing.y;
        let plot = if any_inferred {
            plot.height((ui.available_height() - note_height).max(60.0))
        } else {
            plot
        };
        let response = plot.show(ui, |plot_ui| {
            for line in &lines {
                plot_ui.line(
                    Line::new(line.name.clone(), PlotPoints::from(line.points.clone()))
                        .color(line.color)
                        .width(2.0),
                );
                let (hollow, solid): (Vec<_>, Vec<_>) = line
                    .points
                    .iter()
                    .zip(&line.inferred)
                    .partition(|(_, inferred)| **inferred);
                let only_points = |v: Vec<(&[f64; 2], &bool)>| -> Vec<[f64; 2]> {
                    v.into_iter().map(|(p, _)| *p).collect()
                };
                plot_ui.points(
                    Points::new(line.name.clone(), PlotPoints::from(only_points(solid)))
                        .color(line.color)
                        .radius(3.0),
                );
                if !hollow.is_empty() {
                    // A period that relies on inferred dates: a ring around an empty
                    // centre.
                    let hollow = only_points(hollow);
                    plot_ui.points(
                        Points::new(line.name.clone(), PlotPoints::from(hollow.clone()))
                            .color(line.color)
                            .radius(5.0),
                    );
                    // Unnamed, so the legend keeps the line's colour.
                    plot_ui.points(
                        Points::new("", PlotPoints::from(hollow))
                            .color(background)
                            .radius(3.0)
                            .allow_hover(false),
                    );
                }
            }
            plot_ui.pointer_coordinate()
        });
        if any_inferred {
            ui.label(
                egui::RichText::new(
                    "Hollow points: periods with mentions from articles whose date is \
                     inferred from their text (untick Inferred on the left to leave them out).",
                )
                .small()
                .weak(),
            );
        }
        if response.response.clicked()
            && let Some(pointer) = response.inner
        {
            // The nearest point of any line, measured in screen space.
            let transform = response.transform;
            let pointer_screen = transform.position_from_point(&pointer);
            let nearest = lines
                .iter()
                .flat_map(|l| l.points.iter().map(move |p| (&l.id, p)))
                .map(|(id, p)| {
                    let screen =
                        transform.position_from_point(&egui_plot::PlotPoint::new(p[0], p[1]));
                    (id, p[0], screen.distance(pointer_screen))
                })
                .min_by(|a, b| a.2.total_cmp(&b.2));
            if let Some((id, x, distance)) = nearest
                && distance < 30.0
                && let Some(day) = from_epoch_days(x as i32)
            {
                let id = id.clone();
                self.drill_into(&id, granularity.period_start(day));
            }
        }
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
