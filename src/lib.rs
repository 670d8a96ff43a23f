//! ecodiag diagnoses a company's sales ecosystem.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! questionnaire (YAML) ─┐
//!                       ├─> engine: scores, rules, ranked causes, verdict ─> report ─> render
//! answers (YAML) ───────┘
//! ```
//!
//! - [`yaml`]: the one door to YAML, with budgets against hostile input.
//! - [`diagnostic`]: located problems, collected rather than thrown.
//! - [`questionnaire`]: what is asked and the rules, validated and compiled once.
//! - [`answers`]: what a respondent said, checked against a questionnaire.
//! - [`engine`]: pure scoring, rule evaluation, ranking and the verdict.
//! - [`report`]: the view model every renderer formats.
//! - [`render`]: one file per output format.
//! - [`workshop`]: the interactive questionnaire that writes answers as they are given.
//! - [`validate`]: every problem in an input file, without scoring it.
//! - [`schema`]: JSON Schemas of the input files and the report, for editors.
//! - [`commands`] and [`cli`]: the subcommands, and the command line that reaches them.

pub mod answers;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod engine;
pub mod error;
pub mod questionnaire;
pub mod render;
pub mod report;
pub mod schema;
pub mod validate;
pub mod workshop;
pub mod yaml;
pub use error::Error;
