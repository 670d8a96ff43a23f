//! All integration tests, in one binary.

mod answers_file;
mod casetest;
mod check;
mod cli;
mod config;
mod corpus;
mod diff;
mod examples;
mod formats;
mod help;
mod hostile;
mod init;
mod output;
mod properties;
mod props;
mod pty;
mod render;
mod rules;
mod scenarios;
mod schemas;
mod support;
mod tutorial;
mod validate;
mod workshop;
