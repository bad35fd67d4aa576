//! Writing files atomically: into a temporary file beside the target, synced, then
//! renamed over it, so a reader never sees half a file and an existing file is kept
//! unless replacing it was asked for.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::{Format, write_frame};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target exists and replacing it was not allowed.
    #[error("{} already exists; choose another name or allow replacing it (--force)", path.display())]
    Exists {
        /// The target.
        path: PathBuf,
    },
    /// Writing failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// Polars could not encode the frame.
    #[error("cannot write {}: {source}", path.display())]
    Encode {
        /// The target.
        path: PathBuf,
        /// Why.
        source: PolarsError,
    },
}

/// A failure while writing to a stream.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The stream refused the bytes.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// Polars could not encode the frame.
    #[error(transparent)]
    Encode(#[from] PolarsError),
}

/// Writes `frame` to `path` through a temporary file in the same folder that is renamed
/// into place once complete, so the target never holds a partial file. An existing
/// target is replaced only when `replace` is true.
pub fn write_file(
    frame: &DataFrame,
    format: Format,
    path: &Path,
    replace: bool,
) -> Result<(), ExportError> {
    write_atomically(path, replace, |out| write_frame(frame, format, out))
}

/// Writes a file through `write` the way [`write_file`] does: into a temporary file
/// beside `path`, synced, then renamed over it, so a reader never sees half a file.
pub fn write_atomically(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>,
) -> Result<(), ExportError> {
    let io_err = |source: io::Error| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !replace && path.exists() {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        )));
    }
    if path.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder",
        )));
    }
    let temp = tempfile::Builder::new()
        .prefix(".newslens-export-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            let why = match e.kind() {
                io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                io::ErrorKind::ReadOnlyFilesystem => "it is read-only".to_owned(),
                io::ErrorKind::StorageFull => "the disk is full".to_owned(),
                _ => e.kind().to_string(),
            };
            io_err(io::Error::new(
                e.kind(),
                format!("no file can be created in {} ({why})", dir.display()),
            ))
        })?;
    {
        let mut writer = BufWriter::new(temp.as_file());
        write(&mut writer).map_err(|e| match e {
            WriteError::Io(source) => io_err(source),
            WriteError::Encode(source) => ExportError::Encode {
                path: path.to_path_buf(),
                source,
            },
        })?;
        writer.flush().map_err(io_err)?;
    }
    temp.as_file().sync_all().map_err(io_err)?;
    // The temporary file is private (0600); the export gets the replaced file's
    // permissions, or the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(io_err)?;
    }
    if replace {
        temp.persist(path).map_err(|e| io_err(e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                ExportError::Exists {
                    path: path.to_path_buf(),
                }
            } else {
                io_err(e.error)
            }
        })?;
    }
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}
