//! The `newslens` binary: the workbench without arguments or with `gui`, else the
//! command line.

use std::path::PathBuf;
use std::process::ExitCode;

use newslens::cli::{self, Invocation};

fn main() -> ExitCode {
    match cli::parse_args() {
        Invocation::Workbench(paths) => workbench(paths),
        Invocation::Command(command) => cli::run(&command),
        Invocation::Exit(code) => code,
    }
}

#[cfg(feature = "gui")]
fn workbench(paths: Vec<PathBuf>) -> ExitCode {
    match newslens::app::run(paths) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newslens: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn workbench(_paths: Vec<PathBuf>) -> ExitCode {
    eprintln!(
        "newslens: this build has no workbench (it was built without the `gui` feature); `newslens --help` lists the commands"
    );
    ExitCode::from(2)
}
