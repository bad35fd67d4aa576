//! Image snapshots of the workbench on the sample corpus, compared pixel by pixel with
//! the images in `tests/snapshots/`. Built with `--features snapshots` (`cargo test --features snapshots
//! --test it snapshots`); rendering needs a
//! GPU or Mesa's CPU Vulkan driver. `UPDATE_SNAPSHOTS=1` rewrites the images after an
//! intended change.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;

use crate::common::{idle, workbench_on};

/// The app on the seeds, named relative to the crate root where tests run, so the path
/// shown in the summary is the same in every checkout.
fn workbench() -> egui_kittest::Harness<'static, newslens::app::NewsLensApp> {
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").is_dir(),
        "the seeds are in the crate"
    );
    let mut harness = workbench_on(PathBuf::from("seeds"));
    harness.run_steps(2);
    harness
}

/// Steps until nothing is computed in the background, then a few frames more so the
/// picture is still.
fn still(harness: &mut egui_kittest::Harness<'static, newslens::app::NewsLensApp>) {
    idle(harness);
    harness.run_steps(2);
}

#[test]
fn workbench_on_the_seeds() {
    let mut harness = workbench();
    harness.snapshot("workbench_seeds");
}

#[test]
fn drill_down_and_reader() {
    let mut harness = workbench();
    let november = NaiveDate::from_ymd_opt(2023, 11, 1).expect("a date");
    harness.state_mut().drill_into("RUS", november);
    still(&mut harness);
    harness.snapshot("drill_down_mentions");
    // A row of the table opens its article with the mentions highlighted.
    harness
        .get_all_by_label("2023-11-27")
        .nth(2)
        .expect("a row of article 001")
        .click();
    still(&mut harness);
    harness.snapshot("reader_article_001");
}
