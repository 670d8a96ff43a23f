//! All integration tests, in one binary.

mod cli;
mod render;
mod rules;
mod schemas;
mod support;
