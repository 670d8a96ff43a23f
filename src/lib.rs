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
//! - [`diagnostic`]: located problems, collected rather than thrown; imports
//!   nothing else of ecodiag but the leaf that makes text safe for a
//!   terminal (`output::sanitize`, which imports nothing).
//! - [`yaml`]: the one door in: regular files only, read within limits, and
//!   YAML decoded with budgets against hostile input; [`stdin`] reads `-`
//!   within the same budget. Builds on `diagnostic`.
//! - [`error`]: the library's error, built on both.
//! - [`questionnaire`]: what is asked and the rules, validated and compiled once.
//! - [`answers`]: what a respondent said, checked against a questionnaire.
//! - [`migrate`]: answers given to an earlier version, carried over to the current one.
//! - [`engine`]: pure scoring, rule evaluation, ranking and the verdict.
//! - [`reading`]: answers checked with what only the engine can tell (questions
//!   not asked); the one located reading every command shares.
//! - [`report`]: the view model every renderer formats.
//! - [`render`]: one file per output format.
//! - [`workshop`]: the interactive questionnaire that writes answers as they are given.
//! - [`validate`]: every problem in an input file, without scoring it.
//! - [`schema`]: JSON Schemas of the input files and the report, for editors.
//! - [`config`]: the optional project file `ecodiag.toml`.
//! - [`compare`]: two diagnoses of the same client side by side (`diff`, baselines).
//! - [`diff`]: two diagnoses of one client compared, score by score and cause by cause.
//! - [`check`]: batch checks for CI: assertions, waivers, baselines, streamed results.
//! - [`casetest`]: `ecodiag test`, case files that pin what an assessment's rules conclude.
//! - [`output`]: the one door out: output files written safely, standard
//!   output and error guarded, text from files made safe for a terminal.
//! - [`commands`] and [`cli`]: the subcommands, and the command line that
//!   reaches them. `cli` imports `commands`, `commands` imports the stages;
//!   no stage imports either.

pub mod answers;
pub mod casetest;
pub mod check;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod error;
pub mod migrate;
pub mod output;
pub mod questionnaire;
pub mod reading;
pub mod render;
pub mod report;
pub mod schema;
pub mod stdin;
pub mod validate;
pub mod workshop;
pub mod yaml;

pub use error::Error;
