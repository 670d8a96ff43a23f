//! Workshop stage: signals a session outlives. A Ctrl-C typed while no prompt
//! holds the keyboard (during a save, between two prompts) arrives as SIGINT
//! rather than as a key; it is caught and taken at the next prompt, which
//! then ends the session as a Ctrl-C there would, with the answers saved and
//! how to resume. A file-size limit (`ulimit -f`) makes a save fail like a
//! full disk rather than kill the process.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// Set by SIGINT once [`catch_interrupts`] ran; cleared by [`interrupted`].
fn flag() -> &'static Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// From now on SIGINT no longer ends the process: it is remembered for the
/// next prompt.
#[cfg(unix)]
pub fn catch_interrupts() {
    static CAUGHT: OnceLock<()> = OnceLock::new();
    CAUGHT.get_or_init(|| {
        let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(flag()));
    });
}

#[cfg(not(unix))]
pub fn catch_interrupts() {}

/// Whether a SIGINT arrived since the last call.
pub fn interrupted() -> bool {
    flag().swap(false, Ordering::SeqCst)
}

/// From now on, a write past the file-size limit fails with "File too large"
/// instead of the signal ending the process, which would lose the answer
/// being saved and leave the temporary file behind.
#[cfg(unix)]
pub fn survive_file_size_limit() {
    static CAUGHT: OnceLock<()> = OnceLock::new();
    CAUGHT.get_or_init(|| {
        // Catching the signal (rather than ignoring it) is what the safe API
        // offers; either way the write returns EFBIG.
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, Arc::new(AtomicBool::new(false)));
    });
}

#[cfg(not(unix))]
pub fn survive_file_size_limit() {}
