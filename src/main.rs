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
    // Should a bug ever panic, a release build prints a short report (and
    // saves the details to a file) instead of a backtrace.
    human_panic::setup_panic!(human_panic::metadata!().support(
        "- Send the report file, and the input file if you can share it, to whoever gave you ecodiag"
    ));
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
    // Not locked: a command may run on another thread and write to the
    // terminal itself (the interactive questionnaire does).
    let mut stdout = io::BufWriter::new(io::stdout());
    let result = ecodiag::cli::run_to(cli, &terminal, &mut stdout, &mut |file| {
        let text = ecodiag::diagnostic::render_problems(&file, stderr_color);
        let _ = io::stderr().lock().write_all(text.as_bytes());
    });
    // Locked only now: while the command ran, it may have drawn on the terminal.
    let mut stderr = io::stderr().lock();
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
            for message in &outcome.messages {
                let _ = writeln!(stderr, "{message}");
            }
            ExitCode::from(outcome.exit_code())
        }
        Err(err) => {
            let _ = stderr.write_all(ecodiag::error::render_error(&err, stderr_color).as_bytes());
            ExitCode::from(err.exit_code())
        }
    }
}
