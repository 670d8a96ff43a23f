//! Text a terminal would obey — an OSC title, a screen clear, a reset, a C1
//! CSI, a bell, a carriage return, a bidi override — in questionnaires,
//! answers, case files, the project file and file names, through every
//! command and format: nothing raw reaches standard output or standard error
//! but ecodiag's own colour codes, the text is still shown (escaped), machine
//! formats keep the exact data, and Markdown and HTML files hold no raw
//! control character.

use std::process::Output;

use crate::support::{ecodiag, fixture};

/// The payload every hostile fixture carries, as shown once escaped.
const SHOWN: &str = "\\u{1b}";

fn hostile(name: &str) -> String {
    fixture("hostile").join(name).display().to_string()
}

/// Every character a terminal would obey that `text` holds raw, with where
/// it is; SGR colour codes (`ESC [ digits m`) are allowed when `colour_ok`.
fn raw_controls(text: &str, colour_ok: bool) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let hostile = matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if !hostile {
            continue;
        }
        if c == '\u{1b}' && colour_ok {
            let rest = &text[at + 1..];
            let params = rest
                .strip_prefix('[')
                .map(|r| r.chars().take_while(|c| c.is_ascii_digit() || *c == ';').count());
            if let Some(n) = params
                && rest[1 + n..].starts_with('m')
            {
                for _ in 0..n + 2 {
                    chars.next();
                }
                continue;
            }
        }
        let context: String = text[at.saturating_sub(20)..].chars().take(40).collect();
        found.push(format!("U+{:04X} at byte {at}: {context:?}", c as u32));
    }
    found
}

/// Asserts nothing raw is in either stream.
fn clean(out: &Output, what: &str, colour_ok: bool) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    let raw = raw_controls(&stdout, colour_ok);
    assert!(raw.is_empty(), "{what}: raw on standard output: {raw:#?}");
    let raw = raw_controls(&stderr, colour_ok);
    assert!(raw.is_empty(), "{what}: raw on standard error: {raw:#?}");
}

fn run(args: &[&str]) -> Output {
    ecodiag().args(args).output().expect("runs")
}

/// The reports of `score` and `diff`, in every format and with colour.
#[test]
fn reports_in_every_format_show_the_text_escaped() {
    let (q, a, later) = (
        hostile("questionnaire.yaml"),
        hostile("answers.yaml"),
        hostile("answers-later.yaml"),
    );
    for format in ["table", "markdown", "html"] {
        for colour in ["never", "always"] {
            let out = run(&["score", &a, "-a", &q, "-f", format, "--color", colour]);
            let what = format!("score -f {format} --color {colour}");
            assert_eq!(out.status.code(), Some(0), "{what}");
            clean(&out, &what, colour == "always");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.contains(SHOWN) && stdout.contains("pwned"),
                "{what}: the text is shown, escaped:\n{stdout}"
            );
        }
    }
    for format in ["table", "markdown"] {
        let out = run(&["diff", &a, &later, "-a", &q, "-f", format, "--color", "always"]);
        let what = format!("diff -f {format}");
        clean(&out, &what, true);
        assert!(String::from_utf8_lossy(&out.stdout).contains(SHOWN), "{what}");
        // Two clients: the warning quotes both names.
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(SHOWN),
            "{what}: the warning"
        );
    }
}

/// JSON keeps the exact data: a parser reads back the very characters.
#[test]
fn json_keeps_the_exact_data_escaped() {
    let (q, a, later) = (
        hostile("questionnaire.yaml"),
        hostile("answers.yaml"),
        hostile("answers-later.yaml"),
    );
    let payload = "\u{1b}]0;pwned\u{7} \u{1b}[2J \u{1b}c \u{9b}31m \u{7} over\rwrite \u{202e}evil";
    let runs: [&[&str]; 3] = [
        &["score", &a, "-a", &q, "-f", "json"],
        &["diff", &a, &later, "-a", &q, "-f", "json"],
        &["show", &q, "-f", "json"],
    ];
    for args in runs {
        let out = run(args);
        let what = args.join(" ");
        clean(&out, &what, false);
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("\\u009b"),
            "{what}: C1 escaped"
        );
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert!(
            all_strings(&value).iter().any(|s| s.contains(payload)),
            "{what}: the exact text is kept"
        );
    }
}

fn all_strings(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(all_strings).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(all_strings).collect(),
        _ => Vec::new(),
    }
}

/// `-o` files for people keep the text, never a raw control character.
#[test]
fn markdown_and_html_files_hold_no_raw_controls() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (q, a) = (hostile("questionnaire.yaml"), hostile("answers.yaml"));
    for name in ["report.md", "report.html", "report.txt"] {
        let path = dir.path().join(name);
        let out = run(&["score", &a, "-a", &q, "-o", &path.display().to_string()]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let text = std::fs::read_to_string(&path).expect("written");
        let raw = raw_controls(&text, false);
        assert!(raw.is_empty(), "{name}: {raw:#?}");
        assert!(
            text.contains(SHOWN) && text.contains("pwned"),
            "{name}: the text is kept, escaped"
        );
    }
}

/// A folder whose file name and contents are hostile, through `check` in
/// every format, with the project file's waiver reason.
#[test]
fn check_in_every_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let evil = dir.path().join("\u{1b}]0;pwned\u{7}\u{9b}2J.yaml");
    std::fs::copy(fixture("hostile/answers.yaml"), &evil).expect("copy");
    let folder = dir.path().display().to_string();
    let config = hostile("ecodiag.toml");
    for format in ["table", "markdown", "json", "junit"] {
        for colour in ["never", "always"] {
            let out = run(&[
                "check",
                &folder,
                "--config",
                &config,
                "-f",
                format,
                "--color",
                colour,
                "--today",
                "2026-01-01",
            ]);
            let what = format!("check -f {format} --color {colour}");
            assert_eq!(
                out.status.code(),
                Some(0),
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            clean(&out, &what, colour == "always");
            let stdout = String::from_utf8_lossy(&out.stdout);
            match format {
                "junit" => {
                    roxmltree::Document::parse(&stdout).expect("well-formed XML");
                    // XML 1.0 cannot hold an ESC in any form: shown escaped.
                    assert!(
                        stdout.contains(SHOWN) && stdout.contains("pwned"),
                        "{what}:\n{stdout}"
                    );
                }
                "json" => {
                    serde_json::from_str::<serde_json::Value>(&stdout).expect("JSON");
                    assert!(stdout.contains("\\u001b]0;pwned"), "{what}: exact data");
                }
                _ => assert!(stdout.contains(SHOWN), "{what}:\n{stdout}"),
            }
        }
    }
    let reports = dir.path().join("reports");
    std::fs::create_dir_all(&reports).expect("mkdir");
    for name in ["out.md", "out.xml", "out.txt"] {
        let path = reports.join(name);
        let out = run(&[
            "check",
            &folder,
            "--config",
            &config,
            "--today",
            "2026-01-01",
            "-o",
            &path.display().to_string(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(raw_controls(&text, false).is_empty(), "{name}: {text}");
    }
}

/// Located problems quote the file: the snippet, the quoted values, the
/// file name, and a file with raw control characters in it.
#[test]
fn errors_and_their_snippets_are_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = dir.path().join("raw\u{1b}[2J.yaml");
    std::fs::write(
        &raw,
        "assessment: sales-ecosystem\nclient: \"Acme\"\n# \u{1b}]0;pwned\u{7} \u{9b}31m\nanswers: \u{1b}[2J\n",
    )
    .expect("write");
    let raw = raw.display().to_string();
    let missing = dir.path().join("gone\u{1b}]0;x\u{7}.yaml").display().to_string();
    let runs: Vec<Vec<String>> = vec![
        vec![
            "validate".into(),
            hostile("invalid-answers.yaml"),
            hostile("questionnaire.yaml"),
        ],
        vec!["validate".into(), raw.clone()],
        vec!["score".into(), raw.clone()],
        vec!["score".into(), missing.clone()],
        vec![
            "score".into(),
            hostile("invalid-answers.yaml"),
            "-a".into(),
            hostile("questionnaire.yaml"),
        ],
        vec!["diff".into(), raw.clone(), hostile("answers.yaml")],
        vec!["check".into(), raw, missing],
    ];
    for args in runs {
        for colour in ["never", "always"] {
            let out = ecodiag()
                .args(&args)
                .args(["--color", colour])
                .output()
                .expect("runs");
            let what = format!("{} --color {colour}", args.join(" "));
            assert_eq!(out.status.code(), Some(2), "{what}");
            clean(&out, &what, colour == "always");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains(SHOWN),
                "{what}: the problem shows the text, escaped"
            );
        }
    }
}

/// Everything else a terminal is shown: the outline, the test run, the
/// validate summary, the template `init` prints.
#[test]
fn outlines_tests_summaries_and_templates() {
    let q = hostile("questionnaire.yaml");
    let runs: Vec<(Vec<String>, i32)> = vec![
        (vec!["show".into(), q.clone()], 0),
        (vec!["test".into(), hostile("cases.tests.yaml")], 1),
        (
            vec![
                "validate".into(),
                q.clone(),
                hostile("answers.yaml"),
                hostile("cases.tests.yaml"),
                hostile("ecodiag.toml"),
            ],
            0,
        ),
        (vec!["init".into(), "-a".into(), q, "-o".into(), "-".into()], 0),
    ];
    for (args, code) in runs {
        let out = ecodiag().args(&args).output().expect("runs");
        let what = args.join(" ");
        assert_eq!(
            out.status.code(),
            Some(code),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        clean(&out, &what, false);
        let both = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            both.contains(SHOWN) || both.contains("\\e"),
            "{what}: shown escaped"
        );
    }
}

/// The checker itself: it finds each class, and lets colour codes through
/// only when asked.
#[test]
fn the_checker_finds_every_class() {
    for raw in [
        "\u{1b}]0;x\u{7}",
        "\u{1b}[2J",
        "\u{1b}c",
        "\u{9b}31m",
        "\u{7}",
        "a\rb",
        "\u{202e}",
    ] {
        assert!(!raw_controls(raw, true).is_empty(), "{raw:?}");
    }
    assert!(raw_controls("\u{1b}[1;31mred\u{1b}[0m\n\t", true).is_empty());
    assert!(!raw_controls("\u{1b}[1;31mred", false).is_empty());
}

/// The answers file `init` writes quotes the questionnaire in comments: it
/// holds no raw control character, so it stays valid YAML and safe to `cat`.
#[test]
fn init_writes_a_file_that_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("answers.yaml").display().to_string();
    let q = hostile("questionnaire.yaml");
    let out = run(&["init", "-a", &q, "-o", &file, "--client", "Acme\u{1b}]0;x\u{7}"]);
    assert_eq!(out.status.code(), Some(0));
    clean(&out, "init", false);
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(raw_controls(&text, false).is_empty(), "{text}");
    let out = run(&["validate", &file, "-a", &q]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
