//! All integration tests, in one binary.

mod casetest;
mod check;
mod cli;
mod diff;
mod render;
mod rules;
mod support;
