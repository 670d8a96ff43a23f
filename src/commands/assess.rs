//! `ecodiag assess`: open the session, run the questionnaire, and end with
//! the report as `ecodiag score` prints it, or with how to resume.

use super::{Outcome, ScoreRequest, Terminal, score};
use crate::error::Error;
use crate::render::Format;
use crate::workshop::{self, Ending, Prompter, Setup, Tally};
use crate::yaml::Limits;

/// Runs `assess` on the terminal.
pub fn assess(setup: &Setup, terminal: &Terminal, color: Option<bool>) -> Result<Outcome, Error> {
    let mut prompter = workshop::Terminal::new(color)?;
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
    let ending = workshop::run(&mut session, prompter, opened.walk)?;
    let path = session.path().display().to_string();
    let tally = session.tally();
    if ending == Ending::Interrupted {
        return Ok(Outcome {
            interrupted: true,
            messages: vec![format!(
                "Stopped: saved {} of {} answers to {path}; resume with: {}",
                tally.given,
                tally.visible,
                session.resume_command()
            )],
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
    };
    let mut outcome = score(&request, terminal, color, &Limits::DEFAULT)?;
    let mut again = format!("ecodiag score {}", workshop::session::shell_word(&path));
    if let Some(arg) = &session.assessment_arg {
        again.push_str(&format!(" --assessment {}", workshop::session::shell_word(arg)));
    }
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
