//! Saving into a file someone has edited: the answers change in place, every
//! comment and the layout of the rest survive, and the file reads back as
//! exactly the answers saved. Files from any questionnaire text, however
//! hostile, read back too.

use proptest::prelude::*;
use proptest::sample::Index;

use ecodiag::answers::edit::{reads_as, update};
use ecodiag::answers::{self, Answers, Given, Value};
use ecodiag::diagnostic::SourceFile;
use ecodiag::questionnaire::Questionnaire;
use ecodiag::yaml::Limits;

use crate::answers_file::answers_for;
use crate::support::mini;

/// `b` with some of its answers left out and others changed, as an earlier
/// save of the same session could have held them; the header from either.
fn earlier_and_later() -> impl Strategy<Value = (Answers, Answers)> {
    let n = mini().questions.len();
    (
        answers_for(mini()),
        answers_for(mini()),
        proptest::collection::vec(0u8..3, n),
        any::<[bool; 3]>(),
    )
        .prop_map(|(later, other, keep, header)| {
            let mut earlier = later.clone();
            for (ix, k) in keep.iter().enumerate() {
                earlier.values[ix] = match (k, &later.values[ix], &other.values[ix]) {
                    (0, _, _) | (_, None, _) => None,
                    (1, Some(g), _) => Some(g.clone()),
                    (_, Some(g), other) => other.clone().or_else(|| Some(g.clone())),
                };
            }
            if header[0] {
                earlier.client = other.client;
            }
            if header[1] {
                earlier.respondent = other.respondent;
            }
            if header[2] {
                earlier.date = other.date;
            }
            (earlier, later)
        })
}

/// Where a hand edit puts a comment, and how.
#[derive(Debug, Clone)]
enum Touch {
    /// A comment line before line `Index` (of the lines that start a key),
    /// at indentation 0 or 2.
    Line(Index, bool),
    /// A comment at the end of a line that starts a key.
    Trailing(Index),
}

fn touches() -> impl Strategy<Value = Vec<Touch>> {
    proptest::collection::vec(
        prop_oneof![
            (any::<Index>(), any::<bool>()).prop_map(|(i, deep)| Touch::Line(i, deep)),
            any::<Index>().prop_map(Touch::Trailing),
        ],
        0..8,
    )
}

/// Whether a line starts a top-level key or an answer (not a line inside the
/// respondent's block).
fn starts_key(lines: &[String], at: usize) -> bool {
    let line = &lines[at];
    let in_answers = lines[..at].iter().any(|l| l.starts_with("answers:"));
    !line.starts_with('#') && !line.trim().is_empty() && (!line.starts_with(' ') || in_answers)
}

/// The file with comments added by hand; returns it and the comments, each
/// with the key line it sits on (for trailing ones).
fn decorate(text: &str, touches: &[Touch]) -> (String, Vec<(String, Option<String>)>) {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut comments = Vec::new();
    for (n, touch) in touches.iter().enumerate() {
        let keys: Vec<usize> = (0..lines.len()).filter(|&i| starts_key(&lines, i)).collect();
        match touch {
            Touch::Line(i, deep) => {
                let at = if keys.is_empty() {
                    lines.len()
                } else {
                    keys[i.index(keys.len())]
                };
                let indent = if *deep && at > 0 && lines[at].starts_with(' ') {
                    "  "
                } else {
                    ""
                };
                let comment = format!("{indent}# hand note {n}: keep me");
                lines.insert(at, comment.clone());
                comments.push((comment, None));
            }
            Touch::Trailing(i) if !keys.is_empty() => {
                let at = keys[i.index(keys.len())];
                if lines[at].contains('#') {
                    continue;
                }
                let key = lines[at].split(':').next().unwrap_or_default().trim().to_owned();
                let comment = format!("  # trailing {n}");
                lines[at].push_str(&comment);
                comments.push((comment, Some(key)));
            }
            Touch::Trailing(_) => {}
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    (out, comments)
}

/// Whether `key` (a header field or a question id) is still in `a`.
fn still_there(q: &Questionnaire, a: &Answers, key: &str) -> bool {
    match key {
        "assessment" | "client" | "answers" => true,
        "version" => a.version.is_some(),
        "respondent" => a.respondent.name.is_some() || a.respondent.role.is_some(),
        "date" => a.date.is_some(),
        id => q.question(id).is_some_and(|ix| a.values[ix].is_some()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Saving answer after answer into ecodiag's own file gives the very file
    /// it would write from scratch: the layout does not depend on history.
    #[test]
    fn a_file_grown_in_place_is_the_file_written_whole((earlier, later) in earlier_and_later()) {
        let q = mini();
        let before = answers::write::to_yaml(&q, &earlier);
        let updated = update(&q, &before, &later);
        prop_assert!(updated.kept, "layout kept:\n{before}");
        prop_assert_eq!(&updated.text, &answers::write::to_yaml(&q, &later), "from:\n{}", before);
    }

    /// Comments added by hand survive any save, removed answers included,
    /// and the file reads back as exactly the answers saved.
    #[test]
    fn hand_written_comments_survive_and_the_file_reads_as_saved(
        a in answers_for(mini()),
        b in answers_for(mini()),
        touches in touches(),
        crlf in any::<bool>(),
    ) {
        let q = mini();
        let (mut text, comments) = decorate(&answers::write::to_yaml(&q, &a), &touches);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        prop_assert!(reads_as(&q, &text, &a), "the decorated file still reads:\n{text}");
        let updated = update(&q, &text, &b);
        prop_assert!(updated.kept, "layout kept:\n{text}");
        prop_assert!(reads_as(&q, &updated.text, &b), "reads as saved:\n{}", updated.text);
        prop_assert_eq!(crlf, updated.text.contains("\r\n"));
        for (comment, on) in comments {
            if on.is_none_or(|key| still_there(&q, &b, &key)) {
                prop_assert!(updated.text.contains(&comment), "{comment:?} kept:\n{text}\n---\n{}", updated.text);
            }
        }
    }

    /// An `init` template answered in place keeps every comment, in order.
    #[test]
    fn a_template_answered_in_place_keeps_every_comment(b in answers_for(mini())) {
        let q = mini();
        let mut header = Answers::empty(&q, b.client.clone());
        header.respondent = b.respondent.clone();
        header.date = b.date;
        let template = answers::template::template(&q, &header, None);
        let parsed = answers::parse(SourceFile::new("t.yaml", template.clone()), &Limits::DEFAULT).expect("parses");
        let (start, _) = answers::check(&parsed, &q).expect("checks");
        let target = Answers { values: b.values.clone(), ..start };
        let updated = update(&q, &template, &target);
        prop_assert!(updated.kept);
        prop_assert!(reads_as(&q, &updated.text, &target));
        let mut rest = updated.text.lines().filter(|l| l.trim_start().starts_with('#'));
        for comment in template.lines().filter(|l| l.trim_start().starts_with('#')) {
            prop_assert!(rest.any(|l| l == comment), "{comment:?} kept in order:\n{}", updated.text);
        }
    }

    /// Whatever a questionnaire's text holds (control characters, line
    /// breaks, escape sequences), the files `init` and `assess` write from it
    /// read back, and hold no raw control character.
    #[test]
    fn files_from_any_questionnaire_text_read_back(
        texts in proptest::collection::vec(any::<String>(), 12),
        a in answers_for(mini()),
    ) {
        let mut q = mini();
        let mut t = texts.into_iter().cycle();
        let mut next = || t.next().unwrap_or_default();
        q.title = next();
        for g in &mut q.groups {
            g.title = next();
            g.description = next();
        }
        for e in &mut q.elements {
            e.title = next();
        }
        for question in &mut q.questions {
            question.text = next();
            question.help = Some(next());
            if question.not_applicable.is_some() {
                question.not_applicable = Some(next());
            }
            if let ecodiag::questionnaire::QuestionKind::Scale { labels, .. } = &mut question.kind {
                labels.iter_mut().for_each(|l| *l = next());
            }
        }
        let template = answers::template::template(&q, &Answers::empty(&q, "Hostile Co"), Some(&next()));
        let saved = answers::write::to_yaml(&q, &a);
        for text in [&template, &saved] {
            prop_assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "no raw control character:\n{text}"
            );
            let parsed = answers::parse(SourceFile::new("t.yaml", text.clone()), &Limits::DEFAULT)
                .map_err(|e| TestCaseError::fail(format!("{}\n{text}", ecodiag::error::render_error(&e, false))))?;
            answers::check(&parsed, &q)
                .map_err(|e| TestCaseError::fail(format!("{}\n{text}", ecodiag::error::render_error(&e, false))))?;
        }
        prop_assert!(reads_as(&q, &saved, &a));
    }
}

#[test]
fn an_unusual_layout_is_written_whole_and_says_so() {
    let q = mini();
    let text = "assessment: mini\nclient: Mini Co\nanswers: { maturity: formal, written: no }\n";
    let mut target = crate::support::answers_for(&q, "flow.yaml", text);
    let hours = q.question("hours").expect("hours");
    target.values[hours] = Some(Given {
        value: Value::Number(4.0),
        note: None,
    });
    let updated = update(&q, text, &target);
    assert!(!updated.kept);
    assert_eq!(updated.text, answers::write::to_yaml(&q, &target));
}

#[test]
fn a_changed_answer_keeps_its_comment_and_new_ones_join_their_bucket() {
    let q = mini();
    let text = "\
# Filled in during the kick-off.
assessment: mini
client: Mini Co # the legal name is longer
answers:
  # Process
  maturity: formal   # agreed by all
  # reps disagree on this one
  written:
    value: no
    note: only in heads
  # Tools
  trust: 2
";
    let mut target = crate::support::answers_for(&q, "hand.yaml", text);
    let ix = |id: &str| q.question(id).expect("question");
    target.values[ix("maturity")] = Some(Given {
        value: Value::Choice(2),
        note: None,
    });
    target.values[ix("hours")] = Some(Given {
        value: Value::Number(3.0),
        note: None,
    });
    target.values[ix("adoption")] = Some(Given {
        value: Value::Unknown,
        note: None,
    });
    target.values[ix("written")].as_mut().expect("given").value = Value::Bool(true);
    target.client = "Mini Company".to_owned();
    let updated = update(&q, text, &target);
    assert!(updated.kept);
    assert_eq!(
        updated.text,
        "\
# Filled in during the kick-off.
assessment: mini
client: Mini Company # the legal name is longer
answers:
  # Process
  maturity: dynamic   # agreed by all
  # reps disagree on this one
  written: { value: yes, note: \"only in heads\" }
  hours: 3
  # Tools
  adoption: unknown
  trust: 2
"
    );
}
