//! Where standard output goes, as far as a renderer needs to know: whether
//! it takes colour, and how wide a line may be.

use std::io::{self, IsTerminal};

/// What the binary knows about where output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// Standard output is a terminal that accepts colour (NO_COLOR unset, …).
    pub stdout_color: bool,
    /// The line width: `--width`, else `COLUMNS`, else the terminal's when
    /// standard output is one.
    pub width: Option<u16>,
    /// Standard output is a terminal: a word may be broken to fit a table on
    /// the screen. Anywhere else words are kept whole.
    pub tty: bool,
}

impl Terminal {
    /// Output that is not a terminal: no colour, the default width.
    pub const PLAIN: Terminal = Terminal {
        stdout_color: false,
        width: None,
        tty: false,
    };

    /// Looks at standard output and the environment (`COLUMNS`, `NO_COLOR`,
    /// `CLICOLOR_FORCE`, `TERM=dumb`).
    pub fn detect() -> Terminal {
        let tty = io::stdout().is_terminal();
        let screen = || {
            crossterm::terminal::size()
                .ok()
                .map(|(columns, _)| columns)
                .filter(|c| *c > 0)
        };
        Terminal {
            stdout_color: anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never,
            width: columns(std::env::var("COLUMNS").ok().as_deref()).or_else(|| tty.then(screen).flatten()),
            tty,
        }
    }

    /// The same terminal with the width asked for on the command line.
    pub fn with_width(self, width: Option<u16>) -> Terminal {
        Terminal {
            width: width.or(self.width),
            ..self
        }
    }
}

/// Whether standard error takes colour.
pub fn stderr_color() -> bool {
    anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never
}

/// `COLUMNS` as a width, when it is a sensible one.
fn columns(value: Option<&str>) -> Option<u16> {
    value?.trim().parse::<u16>().ok().filter(|w| *w >= 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_is_read_when_it_is_a_width() {
        assert_eq!(columns(Some("132")), Some(132));
        assert_eq!(columns(Some(" 80\n")), Some(80));
        assert_eq!(columns(Some("0")), None);
        assert_eq!(columns(Some("wide")), None);
        assert_eq!(columns(None), None);
    }

    #[test]
    fn a_typed_width_wins() {
        let t = Terminal {
            width: Some(80),
            ..Terminal::PLAIN
        };
        assert_eq!(t.with_width(Some(120)).width, Some(120));
        assert_eq!(t.with_width(None).width, Some(80));
    }
}
