//! The binary edge: parse arguments, run the library, print what it returns,
//! map the outcome to an exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use ecodiag::cli::{Cli, ColorWhen};
use ecodiag::commands::Terminal;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stderr_color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never,
    };
    let stdout_tty = io::stdout().is_terminal();
    let terminal = Terminal {
        stdout_color: anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never,
        width: stdout_tty.then(ecodiag::render::terminal_width).flatten(),
    };
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stderr = io::stderr().lock();
    let result = ecodiag::cli::run_to(cli, &terminal, &mut stdout, &mut |file| {
        let _ = stderr.write_all(ecodiag::diagnostic::render_problems(&file, stderr_color).as_bytes());
    });
    match result {
        Ok(outcome) => {
            for file in &outcome.warnings {
                let _ = stderr.write_all(ecodiag::diagnostic::render_problems(file, stderr_color).as_bytes());
            }
            match stdout.write_all(&outcome.stdout).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    let _ = writeln!(stderr, "error: cannot write to standard output: {e}");
                    return ExitCode::from(2);
                }
                _ => {}
            }
            ExitCode::from(outcome.exit_code())
        }
        Err(err) => {
            let _ = stderr.write_all(ecodiag::diagnostic::render_error(&err, stderr_color).as_bytes());
            ExitCode::from(err.exit_code())
        }
    }
}
