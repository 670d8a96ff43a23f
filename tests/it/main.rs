//! All integration tests, in one binary.

mod cli;
mod examples;
mod properties;
mod render;
mod rules;
mod support;
