//! Workshop stage: a file changed on disk while the session ran (a hand edit:
//! a note, more answers, the client's name), merged with what the session
//! changed since it last read or wrote the file. Three-way, field by field and
//! answer by answer (its value and its note apart): whatever only one side
//! changed is taken from that side, so neither side's answers are dropped.
//! Where both changed the same answer, the session's answer to the question
//! just asked wins, and for any other the file wins. Pure, and says what it
//! did, for the screen.

use crate::answers::{self, Answers, Given, Value};
use crate::questionnaire::{QuestionIx, Questionnaire};

/// The merged answers and what the merge did, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub answers: Answers,
    pub notes: Vec<String>,
}

/// Which side a field was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Nobody changed it, or both changed it alike.
    Same,
    /// Only the session changed it.
    Mine,
    /// Only the file changed it.
    Theirs,
    /// Both changed it differently; the session's value was kept.
    BothMine,
    /// Both changed it differently; the file's value was kept.
    BothTheirs,
}

/// One field, three ways. `mine_wins` is for the answer just given: it was
/// given on purpose even when it equals the old one, so it is kept over the
/// file's.
fn pick<T: PartialEq + Clone>(base: &T, mine: &T, theirs: &T, mine_wins: bool) -> (T, Side) {
    if mine == theirs {
        (mine.clone(), Side::Same)
    } else if mine_wins {
        let side = if theirs == base {
            Side::Mine
        } else {
            Side::BothMine
        };
        (mine.clone(), side)
    } else if theirs == base {
        (mine.clone(), Side::Mine)
    } else if mine == base {
        (theirs.clone(), Side::Theirs)
    } else {
        (theirs.clone(), Side::BothTheirs)
    }
}

/// Merges `mine` (the session's answers) and `theirs` (the file now), both
/// changed from `base` (the file as last read or written). `asked` is the
/// question just answered.
pub fn merge(
    q: &Questionnaire,
    base: &Answers,
    mine: &Answers,
    theirs: &Answers,
    asked: Option<QuestionIx>,
) -> Merged {
    let mut notes = Notes::default();
    let mut out = theirs.clone();
    let (client, side) = pick(&base.client, &mine.client, &theirs.client, false);
    if side == Side::Theirs || side == Side::BothTheirs {
        notes.header.push(format!("client “{client}”"));
    }
    out.client = client;
    let (respondent, side) = pick(&base.respondent, &mine.respondent, &theirs.respondent, false);
    if matches!(side, Side::Theirs | Side::BothTheirs) {
        let who = [respondent.name.clone(), respondent.role.map(|r| r.to_string())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        notes.header.push(format!("respondent “{who}”"));
    }
    out.respondent = respondent;
    let (date, side) = pick(&base.date, &mine.date, &theirs.date, false);
    if matches!(side, Side::Theirs | Side::BothTheirs) {
        notes
            .header
            .push(date.map_or_else(|| "no date".to_owned(), |d| format!("date {d}")));
    }
    out.date = date;
    out.version = pick(&base.version, &mine.version, &theirs.version, false).0;
    for (ix, question) in q.questions.iter().enumerate() {
        let value = |a: &Answers| a.values[ix].as_ref().map(|g| g.value.clone());
        let note = |a: &Answers| a.values[ix].as_ref().and_then(|g| g.note.clone());
        let mine_wins = asked == Some(ix);
        let (v, v_side) = pick(&value(base), &value(mine), &value(theirs), mine_wins);
        let (n, n_side) = pick(&note(base), &note(mine), &note(theirs), false);
        out.values[ix] = v.map(|value| Given {
            value,
            note: n.clone(),
        });
        let id = format!("`{}`", question.id);
        let shown = |v: &Option<Value>| answers::display(question, v.as_ref());
        match v_side {
            Side::Theirs => match (value(base), value(theirs)) {
                (None, Some(_)) => notes.added.push(id.clone()),
                (Some(_), None) => notes.removed.push(id.clone()),
                _ => notes.changed.push(id.clone()),
            },
            Side::BothMine => notes.conflicts.push(format!(
                "{id}: kept this session's answer ({}) over the file's ({})",
                shown(&value(mine)),
                shown(&value(theirs))
            )),
            Side::BothTheirs => notes.conflicts.push(format!(
                "{id}: kept the file's answer ({}) over this session's ({})",
                shown(&value(theirs)),
                shown(&value(mine))
            )),
            Side::Same | Side::Mine => {}
        }
        if matches!(n_side, Side::Theirs | Side::BothTheirs) && out.values[ix].is_some() {
            notes.noted.push(id);
        }
    }
    Merged {
        answers: out,
        notes: notes.lines(),
    }
}

/// What the merge took from the file, gathered for one short summary.
#[derive(Default)]
struct Notes {
    header: Vec<String>,
    added: Vec<String>,
    changed: Vec<String>,
    removed: Vec<String>,
    noted: Vec<String>,
    conflicts: Vec<String>,
}

impl Notes {
    fn lines(self) -> Vec<String> {
        let mut taken = Vec::new();
        let mut list = |what: &str, items: Vec<String>| {
            if !items.is_empty() {
                taken.push(format!("{what} {}", items.join(", ")));
            }
        };
        list("answers to", self.added);
        list("changed answers to", self.changed);
        list("removed answers to", self.removed);
        list("notes on", self.noted);
        list("the", self.header);
        let mut lines = Vec::new();
        if !taken.is_empty() {
            lines.push(format!("Kept from the file's own changes: {}.", taken.join("; ")));
        }
        for conflict in self.conflicts {
            lines.push(format!("Changed on both sides: {conflict}."));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::yaml::Limits;

    fn q() -> Questionnaire {
        let text = include_str!("../../tests/fixtures/mini.yaml");
        crate::questionnaire::from_source(SourceFile::new("mini.yaml", text), &Limits::DEFAULT)
            .map(|l| l.questionnaire)
            .unwrap_or_else(|e| panic!("{}", crate::error::render_error(&e, false)))
    }

    fn with(q: &Questionnaire, base: &Answers, id: &str, value: Value, note: Option<&str>) -> Answers {
        let mut a = base.clone();
        let ix = q.question(id).expect("question");
        a.values[ix] = Some(Given {
            value,
            note: note.map(str::to_owned),
        });
        a
    }

    #[test]
    fn what_only_one_side_changed_is_taken_from_it() {
        let q = q();
        let base = with(
            &q,
            &Answers::empty(&q, "Mini Co"),
            "maturity",
            Value::Choice(1),
            None,
        );
        let mine = with(&q, &base, "written", Value::Bool(true), None);
        let mut theirs = with(&q, &base, "hours", Value::Number(3.0), None);
        theirs = with(&q, &theirs, "maturity", Value::Choice(1), Some("agreed"));
        theirs.client = "Mini Company".to_owned();
        let m = merge(&q, &base, &mine, &theirs, q.question("written"));
        let mut want = with(&q, &theirs, "written", Value::Bool(true), None);
        want.client = "Mini Company".to_owned();
        assert_eq!(m.answers, want);
        assert_eq!(
            m.notes,
            [
                "Kept from the file's own changes: answers to `hours`; notes on `maturity`; the client “Mini Company”."
            ]
        );
    }

    #[test]
    fn on_both_sides_the_answer_just_given_wins_and_the_file_wins_the_rest() {
        let q = q();
        let base = with(
            &q,
            &Answers::empty(&q, "Mini Co"),
            "maturity",
            Value::Choice(1),
            None,
        );
        // The session holds two answers not saved yet (a save failed): the
        // one just given, `written`, and an earlier one, `hours`.
        let mine = with(&q, &base, "written", Value::Bool(true), None);
        let mine = with(&q, &mine, "hours", Value::Number(2.0), None);
        let theirs = with(&q, &base, "written", Value::Bool(false), Some("only in heads"));
        let theirs = with(&q, &theirs, "hours", Value::Number(8.0), None);
        let m = merge(&q, &base, &mine, &theirs, q.question("written"));
        let written = m.answers.values[q.question("written").expect("id")].clone();
        assert_eq!(
            written,
            Some(Given {
                value: Value::Bool(true),
                note: Some("only in heads".to_owned())
            }),
            "the session's value, the file's note"
        );
        assert_eq!(
            m.answers.value(q.question("hours").expect("id")),
            Some(&Value::Number(8.0))
        );
        assert_eq!(
            m.notes,
            [
                "Kept from the file's own changes: notes on `written`.",
                "Changed on both sides: `written`: kept this session's answer (yes) over the file's (no).",
                "Changed on both sides: `hours`: kept the file's answer (8 hours a month) over this session's (2 hours a month).",
            ]
        );
    }

    #[test]
    fn an_answer_removed_by_hand_stays_removed_unless_just_given() {
        let q = q();
        let base = with(
            &q,
            &Answers::empty(&q, "Mini Co"),
            "maturity",
            Value::Choice(1),
            None,
        );
        let theirs = Answers::empty(&q, "Mini Co");
        let m = merge(&q, &base, &base, &theirs, None);
        assert_eq!(m.answers, theirs);
        assert_eq!(
            m.notes,
            ["Kept from the file's own changes: removed answers to `maturity`."]
        );
        let mine = with(&q, &base, "maturity", Value::Choice(2), None);
        let m = merge(&q, &base, &mine, &theirs, q.question("maturity"));
        assert_eq!(m.answers, mine);
    }
}
