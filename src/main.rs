//! The `newslens` binary.

fn main() -> std::process::ExitCode {
    newslens::cli::run()
}
