//! `ecodiag assess`: open the session, run the questionnaire, and end with
//! the report as `ecodiag score` prints it, or with how to resume.

use super::{Outcome, ScoreRequest, Terminal, score};
use crate::error::Error;
use crate::output::terminal_text;
use crate::render::Format;
use crate::workshop::{self, Ending, Prompter, Setup, Tally};
use crate::yaml::Limits;

/// Runs `assess` on the terminal.
pub fn assess(setup: &Setup, terminal: &Terminal, color: Option<bool>) -> Result<Outcome, Error> {
    let mut prompter = workshop::Terminal::new(color)?;
    workshop::store::survive_file_size_limit();
    assess_with(setup, &mut prompter, terminal, color)
}

/// Runs `assess` with any prompter: the terminal, or a script in tests.
pub fn assess_with(
    setup: &Setup,
    prompter: &mut dyn Prompter,
    terminal: &Terminal,
    color: Option<bool>,
) -> Result<Outcome, Error> {
    let Some(opened) = workshop::open(setup, prompter)? else {
        return Ok(Outcome {
            interrupted: true,
            messages: vec!["Stopped before any answer; nothing was saved.".to_owned()],
            ..Outcome::default()
        });
    };
    let mut session = opened.session;
    let ending = workshop::run(&mut session, prompter, opened.walk, opened.minutes)?;
    let raw_path = session.path().display().to_string();
    let path = terminal_text(&raw_path).into_owned();
    let tally = session.tally();
    if ending == Ending::Interrupted {
        let unsaved = session.unsaved_lines();
        let resume = terminal_text(&session.resume_command()).into_owned();
        let message = if unsaved.is_empty() {
            format!(
                "Stopped: saved {} of {} answers to {path}; resume with: {resume}",
                tally.given, tally.visible
            )
        } else {
            format!(
                "Stopped: {} of the answers given could not be saved to {path}. Copy them under \
                 `answers:` in that file, as they are here:\n{}\nThen resume with: {resume}",
                unsaved.len(),
                terminal_text(&unsaved.join("\n"))
            )
        };
        return Ok(Outcome {
            interrupted: true,
            messages: vec![message],
            ..Outcome::default()
        });
    }
    let request = ScoreRequest {
        answers: session.path().to_path_buf(),
        assessment: session.assessment_arg.clone(),
        format: Format::Table,
        output: None,
        force: false,
        config: None,
        targets: Default::default(),
        probe: true,
    };
    let mut outcome = score(&request, terminal, color, &Limits::DEFAULT)?;
    let mut again = format!("ecodiag score {}", workshop::session::shell_word(&raw_path));
    if let Some(arg) = &session.assessment_arg {
        again.push_str(&format!(" --assessment {}", workshop::session::shell_word(arg)));
    }
    let again = terminal_text(&again).into_owned();
    outcome.messages.push(format!(
        "Answers saved to {path}: {}. Score them again with: {again}",
        counts(&tally)
    ));
    Ok(outcome)
}

fn counts(t: &Tally) -> String {
    let mut text = format!("{} of {} questions answered", t.given, t.visible);
    if t.unknown > 0 {
        text.push_str(&format!(" ({} “don't know”)", t.unknown));
    }
    if t.open > 0 {
        text.push_str(&format!(", {} left open", t.open));
    }
    text
}
