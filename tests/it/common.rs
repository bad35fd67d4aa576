//! Fixtures shared by the integration tests: the sample corpus, the `newslens` binary
//! and reading what it prints.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use polars::prelude::*;

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

/// Runs the `newslens` binary.
pub fn newslens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .args(args)
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
