//! All integration tests, in one binary.

mod answers_file;
mod casetest;
mod check;
mod cli;
mod corpus;
mod diff;
mod examples;
mod finite;
mod hostile;
mod init;
mod properties;
mod props;
mod pty;
mod readings;
mod render;
mod rules;
mod schemas;
mod support;
mod validate;
mod workshop;
