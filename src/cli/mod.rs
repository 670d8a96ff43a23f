//! The command line as typed (clap derive types); `request` turns it into
//! the checked requests the library runs, `generate` writes shell
//! completions and man pages from the same definitions. The only library
//! module that knows clap.
//!
//! - [`args`]: each subcommand's arguments.
//! - [`formats`]: the `--format` values and what they map to.
//! - [`help`]: the text after each `--help`: exit codes and examples.

mod args;
mod formats;
mod generate;
mod help;
mod request;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum, ValueHint};

pub use args::*;
pub use formats::*;
pub use request::{run, run_to};

/// Diagnose a company's sales ecosystem: score answers with declarative rules
/// and print a ranked root-cause report that points at the system, not the people.
#[derive(Debug, Parser)]
#[command(name = "ecodiag", version, after_help = help::ROOT, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour the output: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Raise (or lower) a limit on input files: bytes (default 8M), depth (64),
    /// nodes (250000) or aliases (1000). Repeatable, or comma-separated.
    #[arg(
        long = "limit",
        global = true,
        value_name = "NAME=N",
        env = "ECODIAG_LIMITS",
        hide_env_values = true,
        value_delimiter = ',',
        help_heading = "Input limits"
    )]
    pub limits: Vec<String>,

    /// The project file (docs/config.md). [default: $ECODIAG_CONFIG, else the first ecodiag.toml
    /// in the current folder or above it, up to the root of the git repository]
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        value_hint = ValueHint::FilePath,
        help_heading = "Project file"
    )]
    pub config: Option<PathBuf>,

    /// Read no project file: neither --config, ECODIAG_CONFIG nor one found above.
    #[arg(long, global = true, conflicts_with = "config", help_heading = "Project file")]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the report of a demo company bundled in the binary, or its answers file.
    #[command(after_help = help::DEMO)]
    Demo(DemoArgs),
    /// Score an answers file and print the verdict, scores and ranked root causes.
    #[command(after_help = help::SCORE)]
    Score(ScoreArgs),
    /// Why a root cause was found or not: each rule's condition with the value of every part, and
    /// the fewest answer changes that would fire it.
    #[command(after_help = help::EXPLAIN)]
    Explain(ExplainArgs),
    /// List the bundled assessments.
    #[command(after_help = help::LIST)]
    List(ListArgs),
    /// Show an assessment's outline: buckets, elements, questions, root causes and rules.
    #[command(after_help = help::SHOW)]
    Show(ShowArgs),
    /// Ask the questions on the terminal, saving every answer as it is given; then print the report.
    #[command(after_help = help::ASSESS)]
    Assess(AssessArgs),
    /// Write an answers file to fill in with any editor: every question, answered `unknown`.
    #[command(after_help = help::INIT)]
    Init(InitArgs),
    /// Check questionnaires and answer files and report every problem, located, with a hint.
    #[command(after_help = help::VALIDATE)]
    Validate(ValidateArgs),
    /// Print the JSON Schema of a file format, for editors and scripts.
    #[command(after_help = help::SCHEMA)]
    Schema(SchemaArgs),
    /// Score many answers files and fail on a regression: for CI.
    #[command(after_help = help::CHECK)]
    Check(CheckArgs),
    /// Compare two answers files or JSON reports of the same client, e.g. this quarter and the last.
    #[command(after_help = help::DIFF)]
    Diff(DiffArgs),
    /// Run an assessment's test cases: do its rules still conclude what they should?
    #[command(after_help = help::TEST)]
    Test(TestArgs),
    /// Carry answers files over to a new version of their questionnaire, keeping comments and notes.
    #[command(after_help = help::MIGRATE)]
    Migrate(MigrateArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(after_help = help::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the man page of ecodiag, or of one of its commands, in roff.
    #[command(after_help = help::MAN)]
    Man(ManArgs),
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_ends_its_help_with_examples() {
        for sub in Cli::command().get_subcommands() {
            let after = sub.get_after_help().map(ToString::to_string).unwrap_or_default();
            assert!(
                after.contains("Examples:\n  ecodiag "),
                "`ecodiag {} --help` ends with no example",
                sub.get_name()
            );
        }
    }
}
