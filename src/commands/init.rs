//! `ecodiag init`: an answers file to fill in with any editor.

use std::path::{Path, PathBuf};

use super::{Outcome, questionnaire_input};
use crate::answers::{self, Answers, Respondent, Role};
use crate::error::Error;
use crate::output::{Rules, Target};
use crate::questionnaire;
use crate::workshop::session::shell_word;
use crate::yaml::Limits;

/// The client written when none is given.
pub const PLACEHOLDER_CLIENT: &str = "Your company";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitRequest {
    pub assessment: Option<String>,
    /// Where to write; `-` is standard output; `None` names the file after
    /// the client and date in `dir`.
    pub output: Option<PathBuf>,
    pub client: Option<String>,
    pub respondent: Option<String>,
    pub role: Option<Role>,
    pub date: jiff::civil::Date,
    /// Replace an existing file, even a read-only one.
    pub force: bool,
    pub dir: PathBuf,
}

/// The answers schema as seen from `folder`: a relative path to the nearest
/// `schemas/answers.schema.json` in `folder` or above it (a checkout of this
/// repository, or a project that keeps the schemas), if there is one.
pub fn schema_reference(folder: &Path) -> Option<String> {
    let base = if folder.as_os_str().is_empty() {
        std::env::current_dir().ok()?
    } else {
        std::fs::canonicalize(folder).ok()?
    };
    base.ancestors()
        .enumerate()
        .find(|(_, dir)| dir.join(SCHEMA_PATH).is_file())
        .map(|(up, _)| format!("{}{SCHEMA_PATH}", "../".repeat(up)))
}

const SCHEMA_PATH: &str = "schemas/answers.schema.json";

pub fn init(r: &InitRequest) -> Result<Outcome, Error> {
    let name = r.assessment.as_deref().unwrap_or(questionnaire::default_id());
    let client = r.client.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let path = match &r.output {
        Some(path) => path.clone(),
        None => r
            .dir
            .join(format!("{}.yaml", answers::write::file_stem(client, r.date))),
    };
    // An existing file holds answers: replaced only when asked.
    let target = Target::check(
        &path,
        Rules {
            force: r.force,
            keep_existing: true,
        },
    )?;
    target.refuse_inputs(questionnaire_input(Some(name)))?;
    let loaded = questionnaire::resolve(name, &Limits::DEFAULT)?;
    let q = &loaded.questionnaire;
    let mut answers = Answers::empty(q, client.unwrap_or(PLACEHOLDER_CLIENT));
    answers.respondent = Respondent {
        name: r
            .respondent
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        role: Some(r.role.unwrap_or(Role::Ceo)),
    };
    answers.date = Some(r.date);
    if target.is_stdout() {
        let schema = schema_reference(&r.dir);
        return Ok(Outcome {
            stdout: answers::template::template(q, &answers, schema.as_deref()).into_bytes(),
            ..Outcome::default()
        });
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => r.dir.clone(),
    };
    let text = answers::template::template(q, &answers, schema_reference(&folder).as_deref());
    target.write(text.as_bytes())?;
    let shown = shell_word(&path.display().to_string());
    let mut score = format!("ecodiag score {shown}");
    if !questionnaire::BUNDLED.iter().any(|b| b.id == name) {
        score.push_str(&format!(" --assessment {}", shell_word(name)));
    }
    Ok(Outcome {
        messages: vec![format!(
            "Wrote {}: {} questions, each `unknown` until answered. Edit it in any editor, then run: {score}",
            path.display(),
            q.questions.len()
        )],
        ..Outcome::default()
    })
}
