//! All integration tests, in one binary.

mod cli;
mod corpus;
mod props;
mod render;
mod rules;
mod schemas;
mod support;
mod validate;
