//! A consistent copy of the live database, safe while the bot writes to it.
//!
//! `VACUUM INTO` reads inside one transaction, so the copy holds every committed ingest whole and
//! none half-written, and it is compacted (no WAL beside it). It is written to a hidden sibling
//! file first and only then moved into place, so an interrupted backup never leaves a truncated
//! file under the requested name.

use super::{Engine, Store};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The front-end says how to replace it (a command-line flag, say).
    #[error("{0} already exists")]
    Exists(String),
    #[error("cannot write {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("backup failed: {0}")]
    Database(#[from] sqlx::Error),
    /// PostgreSQL has its own tools for that (`pg_dump`); `export` works on both engines.
    #[error("backup copies a SQLite file; back up PostgreSQL with pg_dump (or use export)")]
    NotSqlite,
}

fn io_error(path: &Path, e: io::Error) -> BackupError {
    BackupError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

impl Store {
    /// Copy the database to `dest`; refuses to replace an existing file unless `overwrite`.
    /// Returns the size of the copy in bytes.
    pub async fn backup(&self, dest: &Path, overwrite: bool) -> Result<u64, BackupError> {
        if self.engine != Engine::Sqlite {
            return Err(BackupError::NotSqlite);
        }
        if !overwrite && dest.exists() {
            return Err(BackupError::Exists(dest.display().to_string()));
        }
        let partial = partial_path(dest);
        // A leftover from an interrupted run of ours; VACUUM INTO refuses non-empty targets.
        let _ = std::fs::remove_file(&partial);
        let target = partial
            .to_str()
            .ok_or_else(|| BackupError::Io {
                path: dest.display().to_string(),
                reason: "the path is not valid UTF-8".into(),
            })?
            .to_string();
        if let Err(e) = sqlx::query("VACUUM INTO $1")
            .bind(&target)
            .execute(self.pool())
            .await
        {
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
        let placed = if overwrite {
            std::fs::rename(&partial, dest)
        } else {
            // A hard link never replaces an existing file, so a file that appeared meanwhile is kept.
            match std::fs::hard_link(&partial, dest) {
                Ok(()) => std::fs::remove_file(&partial),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(BackupError::Exists(dest.display().to_string()));
                }
                // File systems without hard links.
                Err(_) => std::fs::rename(&partial, dest),
            }
        };
        if let Err(e) = placed {
            let _ = std::fs::remove_file(&partial);
            return Err(io_error(dest, e));
        }
        std::fs::metadata(dest)
            .map(|m| m.len())
            .map_err(|e| io_error(dest, e))
    }

    /// `PRAGMA integrity_check`: `ok`, or SQLite's description of the damage. PostgreSQL checks
    /// its pages as it reads them (and `amcheck` is the operator's tool): `ok` once it answers.
    pub async fn integrity_check(&self) -> crate::Result<String> {
        if self.engine != Engine::Sqlite {
            self.ping().await?;
            return Ok("ok".into());
        }
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(self.pool())
            .await?;
        Ok(rows.join("; "))
    }
}

fn partial_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    dest.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refuses_to_overwrite_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("live.db")).await.unwrap();
        let dest = dir.path().join("copy.db");
        assert!(store.backup(&dest, false).await.unwrap() > 0);
        let again = store.backup(&dest, false).await.unwrap_err();
        assert!(matches!(again, BackupError::Exists(_)), "{again}");
        // No front-end's words (a command-line flag) in the core's message.
        assert_eq!(
            again.to_string(),
            format!("{} already exists", dest.display())
        );
        store.backup(&dest, true).await.unwrap();
        let copy = Store::open(&dest).await.unwrap();
        assert_eq!(copy.integrity_check().await.unwrap(), "ok");
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("partial")
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}
