//! The binary edge: parse arguments, run the library, print what it returns,
//! map the outcome to an exit code. Standard output and standard error are
//! both guarded: no control character from a file reaches the terminal.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use ecodiag::cli::{Cli, ColorWhen};
use ecodiag::diagnostic::render_problems;
use ecodiag::error::render_error;
use ecodiag::output::{Guarded, Terminal, terminal};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Should a bug ever panic, a release build prints a short report (and
    // saves the details to a file) instead of a backtrace.
    human_panic::setup_panic!(human_panic::metadata!().support(
        "- Send the report file, and the input file if you can share it, to whoever gave you ecodiag"
    ));
    let cli = Cli::parse();
    let terminal = Terminal::detect();
    let (stdout_color, stderr_color) = match cli.color {
        ColorWhen::Always => (true, true),
        ColorWhen::Never => (false, false),
        ColorWhen::Auto => (terminal.stdout_color, terminal::stderr_color()),
    };
    // Not locked: a command may run on another thread and write to the
    // terminal itself (the interactive questionnaire does).
    let mut stdout = Guarded::new(io::BufWriter::new(io::stdout()), stdout_color);
    let result = ecodiag::cli::run_to(cli, &terminal, &mut stdout, &mut |file| {
        let text = render_problems(&file, stderr_color);
        let _ = Guarded::new(io::stderr().lock(), stderr_color).write_all(text.as_bytes());
    });
    // Locked only now: while the command ran, it may have drawn on the terminal.
    let mut stderr = Guarded::new(io::stderr().lock(), stderr_color);
    let code = match result {
        Ok(outcome) => {
            for file in &outcome.warnings {
                let _ = stderr.write_all(render_problems(file, stderr_color).as_bytes());
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
            outcome.exit_code()
        }
        Err(err) => {
            let _ = stderr.write_all(render_error(&err, stderr_color).as_bytes());
            err.exit_code()
        }
    };
    let _ = stderr.flush();
    ExitCode::from(code)
}
