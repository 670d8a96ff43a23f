//! All integration tests, in one binary.

mod answers_file;
mod cli;
mod examples;
mod init;
mod properties;
mod pty;
mod render;
mod rules;
mod support;
mod workshop;
