//! Shell completion scripts and man pages, generated from the clap
//! definitions the binary parses with, so they cannot fall behind.

use clap::CommandFactory;
use roff::{Roff, bold, italic, roman};

use super::Cli;
use crate::error::Error;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ecodiag", &mut out);
    out
}

/// Environment variables ecodiag reads, for the root page.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "ECODIAG_CONFIG",
        "The project file to read when --config is not given; it replaces the search for ecodiag.toml.",
    ),
    (
        "ECODIAG_LIMITS",
        "Limits on input files, as --limit takes them, e.g. bytes=32M,depth=128.",
    ),
    (
        "ECODIAG_TODAY",
        "The date `check` judges waivers against (YYYY-MM-DD), as --today.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour, unless --color always.",
    ),
    ("CLICOLOR_FORCE", "When set and not 0, colour even when piped."),
    (
        "COLUMNS",
        "The width of tables on standard output, unless --width.",
    ),
];

/// The man page of ecodiag, or of one of its commands (`ecodiag-score(1)`).
pub fn man_page(command: Option<&str>) -> Result<Vec<u8>, Error> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let cmd = match command {
        None => root.clone(),
        Some(name) => root.find_subcommand(name).cloned().ok_or_else(|| {
            let names: Vec<&str> = root.get_subcommands().map(clap::Command::get_name).collect();
            Error::Usage(format!(
                "`{name}` is not an ecodiag command; `ecodiag man` has a page for {}",
                names.join(", ")
            ))
        })?,
    };
    let after = cmd.get_after_help().map(ToString::to_string).unwrap_or_default();
    let man = clap_mangen::Man::new(cmd.clone().after_help(None::<&str>)).manual("ecodiag manual");
    let mut out = Vec::new();
    man.render(&mut out).map_err(|source| Error::Write {
        path: "the man page".to_owned(),
        source,
    })?;
    let mut extra = Roff::new();
    sections(&mut extra, &after);
    if command.is_none() {
        environment(&mut extra);
    }
    see_also(&mut extra, &root, command);
    // The apostrophe preamble is already at the top of the page.
    let preamble = Roff::new().render();
    let extra = extra.render();
    out.extend_from_slice(extra.strip_prefix(&preamble).unwrap_or(&extra).as_bytes());
    Ok(out)
}

/// The text after `--help` as man sections: exit codes, examples, notes.
fn sections(roff: &mut Roff, after_help: &str) {
    let mut notes: Vec<&str> = Vec::new();
    for block in after_help.split("\n\n") {
        let mut lines = block.lines();
        match lines.next() {
            Some("Exit codes:") => {
                roff.control("SH", ["EXIT STATUS"]);
                for line in lines {
                    let (code, meaning) = line.trim().split_once(' ').unwrap_or((line.trim(), ""));
                    roff.control("TP", []);
                    roff.text([bold(code)]);
                    roff.text([roman(meaning.trim())]);
                }
            }
            Some("Examples:") => {
                roff.control("SH", ["EXAMPLES"]);
                for line in lines {
                    roff.control("PP", []);
                    roff.text([bold(line.trim())]);
                }
            }
            Some(_) => notes.push(block),
            None => {}
        }
    }
    if !notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for block in notes {
            roff.control("PP", []);
            roff.text([roman(block.replace('\n', " "))]);
        }
    }
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["FILES"]);
    roff.control("TP", []);
    roff.text([italic("ecodiag.toml")]);
    roff.text([roman(
        "The project file: defaults and the assertions of `check`. Looked for in the current \
         folder, then each folder above it, up to the root of the git repository or of the file system.",
    )]);
}

fn see_also(roff: &mut Roff, root: &clap::Command, command: Option<&str>) {
    roff.control("SH", ["SEE ALSO"]);
    let pages: Vec<String> = match command {
        Some(_) => vec!["ecodiag(1)".to_owned()],
        None => root
            .get_subcommands()
            .map(|s| format!("ecodiag-{}(1)", s.get_name()))
            .collect(),
    };
    roff.text([roman(pages.join(", "))]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_and_an_unknown_one_is_a_usage_error() {
        for sub in Cli::command().get_subcommands() {
            let page = String::from_utf8(man_page(Some(sub.get_name())).expect("renders")).expect("utf-8");
            assert!(
                page.contains(&format!(".TH ecodiag-{} 1", sub.get_name())),
                "{page}"
            );
            assert!(page.contains(".SH EXAMPLES"), "{}", sub.get_name());
        }
        assert!(matches!(man_page(Some("frobnicate")), Err(Error::Usage(_))));
    }
}
