//! Writing output files safely: all or nothing, never onto an input.
//!
//! [`write_atomic`] writes a new file beside the target (`.NAME.tmp-PID-N`),
//! flushes and fsyncs it and only then renames it over the target, so a full
//! disk, a failing write or a second run writing the same path never leaves
//! a truncated file, and the previous good file stays until the new one is
//! complete. On any failure the temporary file is removed and the error
//! names the target. (A run killed outright, by Ctrl-C or `kill -9`, can
//! leave its hidden temporary file behind, but never touches the target.)
//!
//! Targets that are not regular files (`/dev/null`, `/dev/stdout`, a FIFO)
//! cannot be replaced by a rename and are written directly.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What the content writer of [`write_atomic`] may fail with.
pub type WriteError = Box<dyn std::error::Error>;

/// Temporary files made by this process so far, to keep their names unique.
static TEMPS: AtomicUsize = AtomicUsize::new(0);

/// Write `path` with what `content` writes, atomically (see the module
/// docs). Errors are `PATH: reason`.
pub fn write_atomic(
    path: &Path,
    content: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>,
) -> Result<(), String> {
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    // A symlink is followed: the file it points to is replaced, the link kept.
    let target: PathBuf = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| at(&e))?,
        _ => path.to_path_buf(),
    };
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => return Err(at(&"is a folder")),
        // A device or a FIFO cannot be renamed over: write it in place.
        Ok(m) if !m.is_file() => return write_direct(&target, content).map_err(|e| at(&e)),
        _ => {}
    }
    let Some(name) = target.file_name() else {
        return Err(at(&"not a file name"));
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, file) = create_temp(&dir, &name.to_string_lossy()).map_err(|e| at(&e))?;
    let result = fill(file, content, std::fs::metadata(&target).ok())
        .and_then(|()| std::fs::rename(&tmp, &target).map_err(Into::into));
    match result {
        Ok(()) => {
            // Make the rename itself durable; a failure here loses nothing
            // that was not already written.
            if let Ok(d) = File::open(&dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(at(&e))
        }
    }
}

/// A new, empty temporary file in `dir` for the target `name`.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    loop {
        let n = TEMPS.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.tmp-{pid}-{n}"));
        // `create_new`: never reuse a file another run is writing.
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Write, flush and fsync the temporary file, with the target's permissions
/// when it had some.
fn fill(
    file: File,
    content: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>,
    old: Option<std::fs::Metadata>,
) -> Result<(), WriteError> {
    if let Some(m) = old {
        file.set_permissions(m.permissions())?;
    }
    let mut w = BufWriter::new(file);
    content(&mut w)?;
    let file = w.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(())
}

/// Write a device or FIFO in place (it has no contents to lose).
fn write_direct(
    path: &Path,
    content: impl FnOnce(&mut dyn Write) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let file = OpenOptions::new().write(true).open(path)?;
    let mut w = BufWriter::new(file);
    content(&mut w)?;
    w.flush()?;
    Ok(())
}

/// Whether `a` and `b` are the same existing file (same device and inode
/// on Unix, same canonical path elsewhere); `false` when either is missing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("cipin-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// The files in `d`, sorted.
    fn listing(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// A writer that fails (like a full disk) once `left` bytes are written.
    struct FailAfter<'a> {
        inner: &'a mut dyn Write,
        left: usize,
    }

    impl Write for FailAfter<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::from_raw_os_error(28)); // ENOSPC
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    #[test]
    fn replaces_the_target_whole() {
        let d = dir("ok");
        let p = d.join("out.csv");
        std::fs::write(&p, "old\n").unwrap();
        write_atomic(&p, |w| Ok(w.write_all(b"new,1\nnew,2\n")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new,1\nnew,2\n");
        assert_eq!(listing(&d), ["out.csv"]);
        // A new file in a relative-looking folder works too.
        let q = d.join("fresh.csv");
        write_atomic(&q, |w| Ok(w.write_all(b"x\n")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&q).unwrap(), "x\n");
    }

    #[test]
    fn a_failing_write_keeps_the_old_file_and_leaves_no_temporary() {
        let d = dir("fail");
        let p = d.join("out.csv");
        std::fs::write(&p, "old good file\n").unwrap();
        let big = vec![b'x'; 100_000];
        let err = write_atomic(&p, |w| {
            let mut f = FailAfter {
                inner: w,
                left: 10_000,
            };
            f.write_all(&big)?;
            Ok(())
        })
        .unwrap_err();
        assert!(err.starts_with(&format!("{}: ", p.display())), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old good file\n");
        assert_eq!(listing(&d), ["out.csv"]);
        // An error of the content itself (not I/O) is handled the same way.
        let err = write_atomic(&p, |w| {
            w.write_all(b"half")?;
            Err("the table could not be made".into())
        })
        .unwrap_err();
        assert!(err.ends_with("the table could not be made"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old good file\n");
        assert_eq!(listing(&d), ["out.csv"]);
    }

    #[test]
    fn missing_folders_and_folders_are_errors_naming_the_path() {
        let d = dir("missing");
        let p = d.join("no/such/folder/out.csv");
        let err = write_atomic(&p, |w| Ok(w.write_all(b"x")?)).unwrap_err();
        assert!(err.starts_with(&p.display().to_string()), "{err}");
        let err = write_atomic(&d, |w| Ok(w.write_all(b"x")?)).unwrap_err();
        assert!(err.ends_with("is a folder"), "{err}");
        assert!(listing(&d).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_in_place() {
        write_atomic(Path::new("/dev/null"), |w| Ok(w.write_all(b"x")?)).unwrap();
        assert!(Path::new("/dev/null").exists());
        if Path::new("/dev/full").exists() {
            let err = write_atomic(Path::new("/dev/full"), |w| Ok(w.write_all(b"x")?));
            assert!(err.unwrap_err().starts_with("/dev/full: "));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_not_replaced() {
        let d = dir("link");
        let real = d.join("real.csv");
        std::fs::write(&real, "old").unwrap();
        let link = d.join("link.csv");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn same_file_compares_files_not_names() {
        let d = dir("same");
        let p = d.join("a.txt");
        std::fs::write(&p, "x").unwrap();
        assert!(same_file(&p, &d.join(".").join("a.txt")));
        assert!(!same_file(&p, &d.join("b.txt")));
    }
}
