//! Fixtures shared by the integration tests: the sample corpus, the `newslens` binary
//! and reading what it prints.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use polars::prelude::*;

#[cfg(feature = "gui")]
use egui_kittest::Harness;
#[cfg(feature = "gui")]
use newslens::app::NewsLensApp;

/// The sample corpus shipped in `seeds/`.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// Copies the sample articles into `folder`, for tests that write beside them.
pub fn copy_seeds(folder: &Path) {
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
}

/// Runs the `newslens` binary, with a data folder of its own (empty unless a test
/// writes to it) so that dates kept on this machine do not change what it prints.
pub fn newslens(args: &[&str]) -> Output {
    newslens_with_data(
        args,
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-data"),
    )
}

/// Runs the `newslens` binary with `data` as NewsLens's data folder.
pub fn newslens_with_data(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .args(args)
        .env("NEWSLENS_DATA_DIR", data)
        .output()
        .expect("the newslens binary runs")
}

/// What `newslens` prints on stdout; the test fails if it does not succeed.
pub fn ok(args: &[&str]) -> Vec<u8> {
    let out = newslens(args);
    assert!(
        out.status.success(),
        "newslens {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// CSV bytes as a frame.
pub fn csv(bytes: Vec<u8>) -> DataFrame {
    CsvReadOptions::default()
        .with_has_header(true)
        .into_reader_with_file_handle(Cursor::new(bytes))
        .finish()
        .expect("valid CSV")
}

/// A column of a frame as text, nulls as empty strings.
pub fn text_column(df: &DataFrame, name: &str) -> Vec<String> {
    df.column(name)
        .unwrap()
        .cast(&DataType::String)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or("").to_owned())
        .collect()
}

/// Steps the app until `busy` turns false (background work done), for at most 20 s.
#[cfg(feature = "gui")]
pub fn settle(harness: &mut Harness<'static, NewsLensApp>, busy: fn(&NewsLensApp) -> bool) {
    for _ in 0..2000 {
        harness.step();
        if !busy(harness.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// The app in a 1400×900 window, started on `folder` (nothing waited for yet).
#[cfg(feature = "gui")]
pub fn app_on(folder: PathBuf) -> Harness<'static, NewsLensApp> {
    Harness::builder()
        .with_size(eframe::egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| NewsLensApp::new(cc, vec![folder.clone()]))
}

/// The app on `folder`, after the background load has finished and every view is
/// derived.
#[cfg(feature = "gui")]
pub fn workbench_on(folder: PathBuf) -> Harness<'static, NewsLensApp> {
    let mut harness = app_on(folder);
    settle(&mut harness, NewsLensApp::loading);
    assert!(!harness.state().loading(), "the corpus loads");
    idle(&mut harness);
    harness
}

/// The app on the seeds, ready.
#[cfg(feature = "gui")]
pub fn workbench() -> Harness<'static, NewsLensApp> {
    workbench_on(seeds())
}

/// Steps until every view has been derived for the current settings.
#[cfg(feature = "gui")]
pub fn idle(harness: &mut Harness<'static, NewsLensApp>) {
    harness.run_steps(2);
    settle(harness, NewsLensApp::busy);
    assert!(!harness.state().busy(), "the workbench settles");
    harness.run_steps(2);
}
