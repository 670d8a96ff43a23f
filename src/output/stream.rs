//! Writers at the edge: standard output and standard error pass through
//! [`Guarded`], so nothing from a file reaches the terminal raw; a pipe that
//! closes early ends the output quietly ([`QuietPipe`]).

use std::io::{self, Write};

use super::sanitize::terminal_output;

/// A writer that hands on whole lines, each made safe for a terminal with
/// [`terminal_output`]: control characters become visible escapes, and only
/// colour codes survive, and only when `colour` is on. Text that is already
/// safe (every renderer's output, JSON and XML included) passes unchanged.
#[derive(Debug)]
pub struct Guarded<W: Write> {
    inner: W,
    pending: Vec<u8>,
    colour: bool,
}

impl<W: Write> Guarded<W> {
    pub fn new(inner: W, colour: bool) -> Self {
        Guarded {
            inner,
            pending: Vec::new(),
            colour,
        }
    }

    fn emit(&mut self, upto: usize) -> io::Result<()> {
        let result = put(&mut self.inner, &self.pending[..upto], self.colour);
        self.pending.drain(..upto);
        result
    }
}

/// Writes `bytes` made safe.
fn put(out: &mut impl Write, bytes: &[u8], colour: bool) -> io::Result<()> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    out.write_all(terminal_output(&text, colour).as_bytes())
}

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Whole lines only: an escape sequence or a UTF-8 character is never
        // split between two writes of a line.
        match buf.iter().rposition(|b| *b == b'\n') {
            // Nothing held back: the whole lines go out without a copy.
            Some(last) if self.pending.is_empty() => {
                put(&mut self.inner, &buf[..=last], self.colour)?;
                self.pending.extend_from_slice(&buf[last + 1..]);
            }
            Some(last) => {
                let held = self.pending.len();
                self.pending.extend_from_slice(buf);
                self.emit(held + last + 1)?;
            }
            None => self.pending.extend_from_slice(buf),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.emit(self.pending.len())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guarded<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// A writer that stops writing, without an error, once the reader has gone.
#[derive(Debug)]
pub struct QuietPipe<W: Write> {
    out: W,
    closed: bool,
}

impl<W: Write> QuietPipe<W> {
    pub fn new(out: W) -> Self {
        QuietPipe { out, closed: false }
    }
}

impl<W: Write> Write for QuietPipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.out.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.out.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(colour: bool, pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut g = Guarded::new(&mut out, colour);
            for p in pieces {
                g.write_all(p).expect("writes");
            }
            g.flush().expect("flushes");
        }
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn hostile_text_is_escaped_even_when_split_between_writes() {
        let got = through(false, &[b"client \x1b]0;pw", b"ned\x07\n", b"tail \xc2", b"\x9b"]);
        assert_eq!(got, "client \\u{1b}]0;pwned\\u{7}\ntail \\u{9b}");
    }

    #[test]
    fn colour_codes_survive_only_when_colour_is_on() {
        let styled: &[u8] = b"\x1b[1;32mPASS\x1b[0m \x1b[2J\n";
        assert_eq!(through(true, &[styled]), "\x1b[1;32mPASS\x1b[0m \\u{1b}[2J\n");
        assert_eq!(
            through(false, &[styled]),
            "\\u{1b}[1;32mPASS\\u{1b}[0m \\u{1b}[2J\n"
        );
    }

    #[test]
    fn safe_text_passes_unchanged() {
        let json: &[u8] = b"{\"client\": \"\\u001b]0;x\\u0007 \\u009b\"}\n";
        assert_eq!(through(true, &[json]).as_bytes(), json);
    }
}
