//! All integration tests, in one binary.

mod answers_file;
mod cli;
mod render;
mod rules;
mod support;
