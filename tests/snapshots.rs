//! Image snapshots of the workbench on the sample corpus, compared pixel by pixel with
//! the images in `tests/snapshots/`. Built with `--features snapshots`; rendering needs a
//! GPU or Mesa's CPU Vulkan driver. `UPDATE_SNAPSHOTS=1` rewrites the images after an
//! intended change.

#![cfg(feature = "snapshots")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use newslens::app::NewsLensApp;

/// The app on the seeds at a fixed size, with every view derived.
fn workbench() -> Harness<'static, NewsLensApp> {
    // Relative to the crate root, where tests run, so the path shown in the summary is
    // the same in every checkout.
    let seeds = PathBuf::from("seeds");
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").is_dir(),
        "the seeds are in the crate"
    );
    let mut harness = Harness::builder()
        .with_size(eframe::egui::vec2(1400.0, 900.0))
        .build_eframe(|cc| NewsLensApp::new(cc, vec![seeds]));
    idle(&mut harness);
    harness
}

/// Steps until nothing is computed in the background, for at most 20 s.
fn idle(harness: &mut Harness<'static, NewsLensApp>) {
    for _ in 0..2000 {
        harness.step();
        if !harness.state().busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!harness.state().busy(), "the workbench settles");
    harness.run_steps(4);
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
    idle(&mut harness);
    harness.snapshot("drill_down_mentions");
    // A row of the table opens its article with the mentions highlighted.
    harness
        .get_all_by_label("2023-11-27")
        .nth(2)
        .expect("a row of article 001")
        .click();
    idle(&mut harness);
    harness.snapshot("reader_article_001");
}
