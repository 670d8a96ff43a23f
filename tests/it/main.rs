//! All integration tests, in one binary.

mod answers_file;
mod casetest;
mod check;
mod cli;
mod corpus;
mod diff;
mod edits;
mod examples;
mod hostile;
mod init;
mod maturity;
mod migrate;
mod migrate_props;
mod output;
mod properties;
mod props;
mod pty;
mod render;
mod rules;
mod scenarios;
mod schemas;
mod support;
mod validate;
mod workshop;
mod workshop_files;
