//! What the workbench restores on the next start. Corpus data is never persisted.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use eframe::egui::Color32;
use serde::{Deserialize, Serialize};

use crate::actors::{ActorId, ActorKind, DictionarySource};
use crate::dates::NumericDates;
use crate::query::{Granularity, Metric, TimeAxis};

/// Settings restored on the next start.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Selected actors with their palette slot.
    pub selected: Vec<(ActorId, usize)>,
    /// Timeline period.
    pub granularity: Granularity,
    /// Timeline metric.
    pub metric: Metric,
    /// Publication time or referenced time.
    pub time: TimeAxis,
    /// Leave articles whose date is inferred out of the plot, as if undated.
    pub exclude_inferred: bool,
    /// How numeric dates such as 02/03/2024 are read.
    pub numeric_dates: NumericDates,
    /// The actor dictionary: the user's file, and which aliases count.
    pub dictionary: DictionarySource,
    /// Count every copy of a story printed more than once.
    pub keep_duplicates: bool,
    /// Columns of tables of articles named by the analyst: (field, column).
    pub columns: Vec<(String, String)>,
    /// Moving average window in periods (1 = none).
    pub smoothing: usize,
    /// Filter: text in the sentence.
    pub search: String,
    /// Filter: only mentions in headlines.
    pub in_title: bool,
    /// Filter: actor kinds (empty = all).
    pub kinds: Vec<ActorKind>,
    /// Filter: outlets (empty = all).
    pub outlets: Vec<String>,
    /// Filter: first day.
    #[serde(with = "day")]
    pub from: Option<NaiveDate>,
    /// Filter: last day.
    #[serde(with = "day")]
    pub to: Option<NaiveDate>,
    /// The corpus opened last; empty for the sample corpus.
    pub last_paths: Vec<PathBuf>,
    /// Dates that earlier versions kept in the settings: (corpus, source path,
    /// YYYY-MM-DD). They move to the kept dates file on start
    /// ([`crate::corpus::overrides::kept_dates_file`]); an entry that could not be moved
    /// stays here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept_dates: Vec<(String, String, String)>,
}

impl Settings {
    /// Forgets the filters and the selection, as a corpus other than the last one needs.
    pub fn reset_for_other_corpus(&mut self) {
        self.selected.clear();
        self.search.clear();
        self.outlets.clear();
        self.from = None;
        self.to = None;
    }
}

/// The colours of the selected actors, by actor id.
pub type Colors = HashMap<String, Color32>;

/// The colours actors are drawn in, by palette slot.
const PALETTE: [Color32; 12] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(127, 127, 127),
    Color32::from_rgb(188, 189, 34),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(0, 0, 128),
    Color32::from_rgb(128, 128, 0),
];

impl Settings {
    /// The colours of the selected actors.
    pub fn colors(&self) -> Colors {
        self.selected
            .iter()
            .map(|(id, c)| (id.0.clone(), PALETTE[*c % PALETTE.len()]))
            .collect()
    }

    /// Selects `id`, or unselects it when it is selected; a new actor takes the first
    /// free colour.
    pub fn toggle_actor(&mut self, id: ActorId) {
        if let Some(pos) = self.selected.iter().position(|(s, _)| *s == id) {
            self.selected.remove(pos);
        } else {
            let used: Vec<usize> = self.selected.iter().map(|(_, c)| *c).collect();
            let slot = (0..PALETTE.len())
                .find(|c| !used.contains(c))
                .unwrap_or(self.selected.len() % PALETTE.len());
            self.selected.push((id, slot));
        }
    }

    /// Selects these actors, in order, with the first colours.
    pub fn select(&mut self, ids: impl IntoIterator<Item = ActorId>) {
        self.selected = ids
            .into_iter()
            .enumerate()
            .map(|(i, id)| (id, i % PALETTE.len()))
            .collect();
    }
}

/// A day as `YYYY-MM-DD`, or an empty string for none; also reads what earlier versions
/// kept (the text as typed: a day that does not parse is none).
mod day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(&day.map(|d| d.to_string()).unwrap_or_default())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<NaiveDate>, D::Error> {
        let text = String::deserialize(input)?;
        Ok(crate::dates::parse_user_date(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_of_earlier_versions_still_load() {
        let old = r#"
selected = [["RUS", 0], ["ARM", 1]]
kinds = ["country"]
from = "2023-11-01"
to = ""
kept_dates = [["sample", "004.txt", "2023-12-28"]]
"#;
        let settings: Settings = toml::from_str(old).expect("old settings read");
        assert_eq!(settings.selected[0].0, ActorId("RUS".to_owned()));
        assert_eq!(settings.kinds, [ActorKind::Country]);
        assert_eq!(settings.from, NaiveDate::from_ymd_opt(2023, 11, 1));
        assert_eq!(settings.to, None);
        assert_eq!(settings.kept_dates.len(), 1);
        let again: Settings =
            toml::from_str(&toml::to_string(&settings).expect("written")).expect("read back");
        assert_eq!(again.from, settings.from);
    }
}
