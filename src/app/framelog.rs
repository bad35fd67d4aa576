//! Frame timings for measuring responsiveness: when the environment variable
//! `NEWSLENS_FRAME_LOG` names a file, every frame appends one tab-separated line to it.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

/// The variable that names the log file.
pub const VARIABLE: &str = "NEWSLENS_FRAME_LOG";

/// An open frame log.
pub struct FrameLog {
    out: BufWriter<File>,
    wall_start: std::time::SystemTime,
    previous: Option<Instant>,
    frame_start: Instant,
}

impl FrameLog {
    /// Opens the log named by the environment, if any. A file that cannot be created is
    /// reported on stderr and the app runs without a log.
    pub fn from_env() -> Option<Self> {
        let path = std::env::var_os(VARIABLE)?;
        match File::create(&path) {
            Ok(file) => {
                let mut out = BufWriter::new(file);
                let _ = writeln!(out, "unix_ms\tinterval_ms\tui_ms\tprevious_cpu_ms\tstate");
                let now = Instant::now();
                Some(Self {
                    out,
                    wall_start: std::time::SystemTime::now(),
                    previous: None,
                    frame_start: now,
                })
            }
            Err(e) => {
                eprintln!(
                    "newslens: cannot write the frame log {}: {e}",
                    std::path::Path::new(&path).display()
                );
                None
            }
        }
    }

    /// Marks the start of a frame's work.
    pub fn begin(&mut self) {
        self.frame_start = Instant::now();
        self.wall_start = std::time::SystemTime::now();
    }

    /// Records the frame: its start as milliseconds since 1970, time since the previous frame
    /// started, time spent in this frame's logic and ui, the CPU time eframe measured
    /// for the previous frame (including painting), and what the app was doing.
    pub fn end(&mut self, previous_cpu: Option<f32>, state: &str) {
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let interval = self
            .previous
            .map_or(0.0, |p| ms(self.frame_start.duration_since(p)));
        let _ = writeln!(
            self.out,
            "{:.1}\t{interval:.2}\t{:.2}\t{:.2}\t{state}",
            ms(self
                .wall_start
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()),
            ms(self.frame_start.elapsed()),
            previous_cpu.map_or(0.0, |c| f64::from(c) * 1000.0),
        );
        let _ = self.out.flush();
        self.previous = Some(self.frame_start);
    }
}
