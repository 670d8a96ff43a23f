//! Property tests: valid questionnaires and answer files, mutated (lines
//! deleted, duplicated, retyped, re-indented, the file truncated), never make
//! ecodiag panic; each comes back valid or with located errors and exit code 2.

use proptest::prelude::*;
use proptest::sample::Index;

use ecodiag::diagnostic::{Level, SourceFile};
use ecodiag::validate;
use ecodiag::yaml::{self, Limits};

use crate::support::{fixture, root};

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index),
    Duplicate(Index),
    Retype(Index, &'static str),
    Indent(Index),
    Dedent(Index),
    Truncate(Index),
}

/// Values of every wrong kind, to put where another value was.
const VALUES: &[&str] = &[
    ".nan",
    ".inf",
    "-1",
    "1e400",
    "0",
    "[]",
    "{}",
    "~",
    "null",
    "yes",
    "\"\"",
    "x y: z",
    "[a, [b]]",
    "{ value: 3, note: n }",
    "'unclosed",
    "&anchor 1",
    "*missing",
    "- item",
    "\t3",
    "9999999999999999999999",
    "unknown",
    "n/a",
    "[none, none]",
    "2026-02-30",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Delete),
        any::<Index>().prop_map(Mutation::Duplicate),
        (any::<Index>(), proptest::sample::select(VALUES)).prop_map(|(i, v)| Mutation::Retype(i, v)),
        any::<Index>().prop_map(Mutation::Indent),
        any::<Index>().prop_map(Mutation::Dedent),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for m in mutations {
        if lines.is_empty() {
            break;
        }
        match m {
            Mutation::Delete(i) => {
                lines.remove(i.index(lines.len()));
            }
            Mutation::Duplicate(i) => {
                let at = i.index(lines.len());
                lines.insert(at, lines[at].clone());
            }
            Mutation::Retype(i, value) => {
                let at = i.index(lines.len());
                let line = &lines[at];
                lines[at] = match line.find(": ") {
                    Some(colon) => format!("{}: {value}", &line[..colon]),
                    None => format!("{line} {value}"),
                };
            }
            Mutation::Indent(i) => {
                let at = i.index(lines.len());
                lines[at].insert(0, ' ');
            }
            Mutation::Dedent(i) => {
                let at = i.index(lines.len());
                if lines[at].starts_with(' ') {
                    lines[at].remove(0);
                }
            }
            Mutation::Truncate(i) => {
                let all = lines.join("\n");
                let mut cut = i.index(all.len() + 1);
                while !all.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = all[..cut].lines().map(str::to_owned).collect();
            }
        }
    }
    lines.join("\n") + "\n"
}

/// Validates `text` as the command would and checks the promises: no panic,
/// exit 0 or 2, and every error located inside the file.
fn holds_up(name: &str, text: &str) -> Result<(), TestCaseError> {
    let checked = validate::source(SourceFile::new(name, text), &Limits::DEFAULT);
    let errors: Vec<_> = checked
        .problems
        .problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .collect();
    for problem in &errors {
        let span = problem.span;
        prop_assert!(
            span.is_some(),
            "{} has no location: {}",
            problem.code,
            problem.message
        );
        prop_assert!(
            span.is_some_and(|s| s.offset() <= text.len()),
            "{} points past the end",
            problem.code
        );
        prop_assert!(!problem.message.is_empty());
    }
    let code = validate::outcome(std::slice::from_ref(&checked), false).exit_code();
    prop_assert_eq!(code, if errors.is_empty() { 0 } else { 2 });
    // A file that passes must also score and render without trouble.
    if errors.is_empty() && checked.kind == Some(validate::Kind::Answers) {
        let parsed =
            ecodiag::answers::parse(SourceFile::new(name, text), &Limits::DEFAULT).expect("parsed before");
        let q = ecodiag::questionnaire::bundled(parsed.assessment()).expect("checked before");
        let (answers, _) = ecodiag::answers::check(&parsed, &q.questionnaire).expect("checked before");
        let report = ecodiag::report::build(&q.questionnaire, &answers);
        for format in [
            ecodiag::render::Format::Table,
            ecodiag::render::Format::Markdown,
            ecodiag::render::Format::Json,
        ] {
            let mut out = Vec::new();
            ecodiag::render::render(&report, format, &ecodiag::render::Options::default(), &mut out)
                .expect("renders");
        }
    }
    Ok(())
}

fn read(path: std::path::PathBuf) -> String {
    std::fs::read_to_string(path).expect("fixture")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_small_questionnaires_hold_up(mutations in prop::collection::vec(mutation(), 1..5)) {
        holds_up("mini.yaml", &apply(&read(fixture("mini.yaml")), &mutations))?;
    }

    #[test]
    fn mutated_answer_files_hold_up(
        example in proptest::sample::select(&["broken-ecosystem", "healthy-saas", "macro-culprits"][..]),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let text = read(root().join(format!("examples/{example}.yaml")));
        holds_up("answers.yaml", &apply(&text, &mutations))?;
    }

    #[test]
    fn random_bytes_hold_up(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match yaml::source_from_bytes("bytes.yaml".to_owned(), bytes) {
            Ok(source) => holds_up("bytes.yaml", source.text())?,
            Err(err) => prop_assert_eq!(ecodiag::Error::from(err).exit_code(), 2),
        }
    }
}

proptest! {
    // The bundled assessment is large; fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_bundled_assessment_holds_up(mutations in prop::collection::vec(mutation(), 1..4)) {
        holds_up("sales-ecosystem.yaml", &apply(&read(root().join("assessments/sales-ecosystem.yaml")), &mutations))?;
    }
}
