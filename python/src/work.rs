//! Running Rust work without holding the GIL, interruptibly, with progress.
//!
//! Large jobs run on a worker thread (which fans out over the rayon pool)
//! while the calling thread waits *detached* from the interpreter. Every
//! 100 ms it re-attaches briefly to check for signals (so Ctrl-C raises
//! `KeyboardInterrupt` within about a second) and to report progress to an
//! optional Python callback `progress(done, total)`. On an interrupt the
//! worker is told to stop at its next check and the call returns at once.
//!
//! Small jobs run inline (still detached): spawning a thread would cost more
//! than the work.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::errors::Fail;

/// Shared state between a worker and the thread waiting for it.
#[derive(Debug, Default)]
pub struct Ctl {
    cancel: AtomicBool,
    done: AtomicU64,
    total: AtomicU64,
}

impl Ctl {
    /// Whether the caller gave up (Ctrl-C); the worker should stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
    /// `Err(Cancelled)` when cancelled, for `?` in loops.
    pub fn check(&self) -> Result<(), Fail> {
        if self.cancelled() {
            Err(Fail::Cancelled)
        } else {
            Ok(())
        }
    }
    /// Record `n` more units of work done.
    pub fn add(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }
    /// Set the total amount of work (units of [`Ctl::add`]).
    pub fn set_total(&self, n: u64) {
        self.total.store(n, Ordering::Relaxed);
    }
}

/// The tables crate reports counted bytes and asks about Ctrl-C through this.
impl cipin_tables::Monitor for Ctl {
    fn advance(&self, bytes: u64) {
        self.add(bytes);
    }
    fn cancelled(&self) -> bool {
        Ctl::cancelled(self)
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Work smaller than this (bytes of text) runs inline.
pub const INLINE_BYTES: u64 = 512 * 1024;

/// Run `work`, detached from the interpreter. `size` is an estimate of the
/// work in bytes (`None`: unknown, e.g. files to read), used to decide
/// between inline and background execution and as the progress total.
pub fn run<T, F>(
    py: Python<'_>,
    size: Option<u64>,
    progress: Option<&Bound<'_, PyAny>>,
    work: F,
) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Arc<Ctl>) -> Result<T, Fail> + Send + 'static,
{
    let ctl = Arc::new(Ctl::default());
    if let Some(n) = size {
        ctl.set_total(n);
    }
    if matches!(size, Some(n) if n < INLINE_BYTES) {
        let c = ctl.clone();
        let r = py.detach(move || match catch_unwind(AssertUnwindSafe(|| work(&c))) {
            Ok(r) => r,
            Err(p) => Err(Fail::Panic(panic_message(p))),
        });
        if let Some(cb) = progress {
            let t = ctl.total.load(Ordering::Relaxed);
            cb.call1((t, t))?;
        }
        return r.map_err(|f| f.into_pyerr(py));
    }

    let (tx, rx) = sync_channel::<Result<T, Fail>>(1);
    let c = ctl.clone();
    std::thread::Builder::new()
        .name("cipin-worker".into())
        .spawn(move || {
            let r = match catch_unwind(AssertUnwindSafe(|| work(&c))) {
                Ok(r) => r,
                Err(p) => Err(Fail::Panic(panic_message(p))),
            };
            let _ = tx.send(r);
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a worker thread: {e}")))?;

    let mut rx = rx;
    let mut reported = (u64::MAX, u64::MAX);
    let report = |reported: &mut (u64, u64)| -> PyResult<()> {
        if let Some(cb) = progress {
            let now = (
                ctl.done.load(Ordering::Relaxed),
                ctl.total.load(Ordering::Relaxed),
            );
            if now != *reported {
                *reported = now;
                cb.call1(now)?;
            }
        }
        Ok(())
    };
    loop {
        let (back, r) = py.detach(move || {
            let r = rx.recv_timeout(Duration::from_millis(100));
            (rx, r)
        });
        rx = back;
        match r {
            Ok(result) => {
                if result.is_ok() {
                    // Show a full bar at the end.
                    ctl.done
                        .store(ctl.total.load(Ordering::Relaxed), Ordering::Relaxed);
                    report(&mut reported)?;
                }
                return result.map_err(|f| f.into_pyerr(py));
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Err(e) = py.check_signals() {
                    ctl.cancel.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                if let Err(e) = report(&mut reported) {
                    ctl.cancel.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err(
                    "cipin internal error: the worker thread died",
                ));
            }
        }
    }
}
