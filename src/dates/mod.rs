//! Publication dates and the dates inside articles: the date lines pages print
//! ([`printed`]), dates written in the running text ([`in_text`]), and the dating of an
//! article from its text ([`dating`]), with their provenance.

mod dating;
mod in_text;
mod printed;

pub use dating::{PublicationEstimate, estimate_publication, yearless_evidence};
pub use in_text::{DateExpression, Precision, find_dates};
pub use printed::{
    Dateline, numeric_order_evidence, parse_date_line, parse_date_line_with, parse_dateline,
    parse_yearless_line,
};
pub(crate) use printed::{day_number, full_date_prefix, month_number, year_number};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How an article's publication date was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// Printed in the article's header.
    Explicit,
    /// Derived from evidence in the text.
    Inferred,
    /// Set by the analyst.
    Override,
    /// No date could be found.
    Missing,
}

impl DateSource {
    /// The name used in frames and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Explicit => "explicit",
            Self::Inferred => "inferred",
            Self::Override => "override",
            Self::Missing => "missing",
        }
    }
}

/// Days from 1970-01-01, the physical representation of a Polars `Date`.
pub fn to_epoch_days(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

/// The date of a Polars `Date` value.
pub fn from_epoch_days(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_DAYS_FROM_CE)?)
}

const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Parses a user-supplied date (`2023-09-07`, or any form [`parse_date_line`] accepts).
pub fn parse_user_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .or_else(|| parse_date_line(s))
}

/// How numeric dates such as `02/03/2024` are read: month first (the default, as US
/// pages print them) or day first. A number above 12 is always the day, whatever the
/// order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumericOrder {
    /// `2/12/2024` is February 12.
    #[default]
    MonthFirst,
    /// `2/12/2024` is 2 December.
    DayFirst,
}

/// The analyst's choice of how numeric dates are read.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum NumericDates {
    /// As the corpus's unambiguous dates show (day first when more of them can only be
    /// read so, like 27/11/2023).
    #[default]
    Auto,
    /// 02/03/2024 is February 3.
    MonthFirst,
    /// 02/03/2024 is 2 March.
    DayFirst,
}
