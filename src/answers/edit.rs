//! Answers stage, the way back out for a file someone may have edited: the
//! answers are changed in place, so comments, the order of the keys and the
//! layout of everything untouched survive a save.
//!
//! Each top-level key is found by its line, each answer by the position the
//! parser gives its key. A changed answer is rewritten on its key's line (a
//! comment after it stays); a new one goes beside the answers of its bucket,
//! or under a new bucket comment, where [`to_yaml`] would put it; a removed
//! one loses its lines. The result is parsed back and must give exactly the
//! answers meant; a layout too unusual to edit this way (a flow mapping, keys
//! sharing a line) is written whole by [`to_yaml`] instead, and the caller is
//! told.

use super::write::{given_text, group_comment, key, quoted, scalar, to_yaml};
use super::{Answers, Given, Respondent};
use crate::diagnostic::SourceFile;
use crate::engine::{self, Status};
use crate::questionnaire::{GroupIx, QuestionIx, Questionnaire};
use crate::yaml::{Limits, span_of};

pub mod carry_over;
mod scan;

use scan::{comment_start, mark, top_key};

/// A file's new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub text: String,
    /// The file's own layout and comments were kept; `false` when it had to be
    /// written whole in ecodiag's layout.
    pub kept: bool,
}

/// `text` changed so that it reads as `target`: in place when its layout
/// allows, else written whole.
pub fn update(q: &Questionnaire, text: &str, target: &Answers) -> Updated {
    if let Some(edited) = edit(q, text, target)
        && reads_as(q, &edited, target)
    {
        return Updated {
            text: edited,
            kept: true,
        };
    }
    Updated {
        text: to_yaml(q, target),
        kept: false,
    }
}

/// Whether `text` parses and checks to exactly `target`.
pub fn reads_as(q: &Questionnaire, text: &str, target: &Answers) -> bool {
    super::parse(SourceFile::new("answers", text), &Limits::DEFAULT)
        .ok()
        .and_then(|parsed| super::check(&parsed, q).ok())
        .is_some_and(|(answers, _)| answers == *target)
}

/// The file as lines (without their line breaks) and the edits to make.
struct Doc<'t> {
    lines: Vec<&'t str>,
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// Whole lines replaced: `start..end` by these lines.
    replace: Vec<(usize, usize, Vec<String>)>,
    /// Lines inserted before a line index (`lines.len()` for the end), in order.
    insert: Vec<(usize, Vec<String>)>,
}

/// A key and the lines its value takes: `start` is the key's line; trailing
/// comment and blank lines are left out, as they introduce what follows.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: usize,
    end: usize,
    /// Byte index, in the key's line, just past the key.
    key_end: usize,
}

fn edit(q: &Questionnaire, text: &str, target: &Answers) -> Option<String> {
    // A lone carriage return is a line break to YAML but not to `lines()`.
    if text.replace("\r\n", "").contains('\r') {
        return None;
    }
    let parsed = super::parse(SourceFile::new("answers", text), &Limits::DEFAULT).ok()?;
    let (current, _) = super::check(&parsed, q).ok()?;
    let mut doc = Doc::new(text);
    let top = doc.top_level()?;
    doc.header(&top, &current, target)?;
    let answers_at = top.iter().find(|(name, _)| name == "answers").map(|(_, e)| *e);
    let mut keys = Vec::new();
    if let Some(map) = &parsed.raw.answers {
        for entry in &map.value.0 {
            let ix = q.question(&entry.question.value)?;
            let span = span_of(&entry.question);
            keys.push((ix, span.offset(), span.len()));
        }
    }
    doc.answers(q, answers_at, &keys, &current, target)?;
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Some(doc.render(nl))
}

impl<'t> Doc<'t> {
    fn new(text: &'t str) -> Self {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            starts.push(at);
            at += line.len();
            let line = line.strip_suffix('\n').unwrap_or(line);
            lines.push(line.strip_suffix('\r').unwrap_or(line));
        }
        Doc {
            lines,
            starts,
            replace: Vec::new(),
            insert: Vec::new(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn is_gap(&self, line: usize) -> bool {
        let t = self.lines[line].trim_start();
        t.is_empty() || t.starts_with('#')
    }

    /// The entry whose key sits on `start`, up to `limit`.
    fn entry(&self, start: usize, key_end: usize, limit: usize) -> Entry {
        let mut end = limit.max(start + 1);
        while end > start + 1 && self.is_gap(end - 1) {
            end -= 1;
        }
        Entry { start, end, key_end }
    }

    /// The top-level keys in file order; `None` when the document is not a
    /// plain block mapping at column 0.
    fn top_level(&self) -> Option<Vec<(String, Entry)>> {
        let mut found: Vec<(String, usize, usize)> = Vec::new();
        let mut bounds = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            if line.is_empty() || line.starts_with([' ', '\t', '#']) {
                continue;
            }
            if line.starts_with("---") || line.starts_with("...") {
                bounds.push(i);
                continue;
            }
            let (name, key_end) = top_key(line)?;
            found.push((name, i, key_end));
            bounds.push(i);
        }
        bounds.push(self.lines.len());
        Some(
            found
                .into_iter()
                .map(|(name, line, key_end)| {
                    let next = bounds
                        .iter()
                        .copied()
                        .find(|&b| b > line)
                        .unwrap_or(self.lines.len());
                    (name, self.entry(line, key_end, next))
                })
                .collect(),
        )
    }

    /// The comment at the end of a key's line, from the space before `#`;
    /// empty when there is none.
    fn trailing_comment(&self, e: &Entry) -> &'t str {
        let line = self.lines[e.start];
        let after = line[e.key_end..]
            .find(':')
            .map_or(line.len(), |c| e.key_end + c + 1);
        match comment_start(line, after) {
            Some(at) => &line[at..],
            None => "",
        }
    }

    /// The key's line with a new value, keeping the key as written and the
    /// comment after the old value.
    fn keyed_line(&self, e: &Entry, value: &str) -> String {
        let line = self.lines[e.start];
        let comment = self.trailing_comment(e);
        if value.is_empty() {
            format!("{}:{comment}", &line[..e.key_end])
        } else {
            format!("{}: {value}{comment}", &line[..e.key_end])
        }
    }

    /// Replaces or removes the header fields that differ; adds missing ones
    /// where ecodiag's layout has them.
    fn header(&mut self, top: &[(String, Entry)], current: &Answers, target: &Answers) -> Option<()> {
        const ORDER: [&str; 5] = ["assessment", "version", "client", "respondent", "date"];
        let wanted = header_lines(target);
        let had = header_lines(current);
        for (n, name) in ORDER.iter().enumerate() {
            if wanted[n] == had[n] {
                continue;
            }
            let found = top.iter().find(|(k, _)| k == name).map(|(_, e)| *e);
            match (found, &wanted[n]) {
                (Some(e), None) => self.replace.push((e.start, e.end, Vec::new())),
                (Some(e), Some(lines)) => {
                    // The first line keeps the key's spelling and its comment.
                    let (first, rest) = lines.split_first()?;
                    let value = first.split_once(':').map_or("", |(_, v)| v.trim_start());
                    let mut new = vec![self.keyed_line(&e, value)];
                    new.extend(rest.iter().cloned());
                    self.replace.push((e.start, e.end, new));
                }
                (None, Some(lines)) => {
                    // After the nearest earlier header key, else before the
                    // nearest later one, else before the answers.
                    let before = ORDER[..n]
                        .iter()
                        .rev()
                        .find_map(|k| top.iter().find(|(t, _)| t == k))
                        .map(|(_, e)| e.end);
                    let after = || {
                        ORDER[n + 1..]
                            .iter()
                            .chain(["answers"].iter())
                            .find_map(|k| top.iter().find(|(t, _)| t == k))
                            .map(|(_, e)| e.start)
                    };
                    let at = before.or_else(after).unwrap_or(self.lines.len());
                    self.insert.push((at, lines.clone()));
                }
                (None, None) => {}
            }
        }
        Some(())
    }

    /// Rewrites the answers that differ, removes those no longer given, adds
    /// the new ones, and keeps the "not asked" marks true.
    fn answers(
        &mut self,
        q: &Questionnaire,
        block: Option<Entry>,
        keys: &[(QuestionIx, usize, usize)],
        current: &Answers,
        target: &Answers,
    ) -> Option<()> {
        let mut entries: Vec<(QuestionIx, Entry)> = Vec::with_capacity(keys.len());
        let mut column = None;
        for (n, &(ix, offset, len)) in keys.iter().enumerate() {
            let block = block?;
            let line = self.line_of(offset);
            let col = offset - self.starts[line];
            let text = self.lines[line];
            // Block layout only: one key per line, all in one column, below
            // `answers:`.
            if line <= block.start
                || !text[..col].chars().all(|c| c == ' ')
                || *column.get_or_insert(col) != col
                || entries.last().is_some_and(|(_, e)| e.start >= line)
            {
                return None;
            }
            let next = match keys.get(n + 1) {
                Some(&(_, o, _)) => self.line_of(o),
                None => block.end,
            };
            entries.push((ix, self.entry(line, col + len, next)));
        }
        let indent = " ".repeat(column.unwrap_or(2));
        let hidden: Vec<bool> = engine::evaluate(q, target)
            .questions
            .iter()
            .map(|s| s.status == Status::Hidden)
            .collect();
        let mut new: Vec<QuestionIx> = Vec::new();
        for (ix, question) in q.questions.iter().enumerate() {
            let wanted = target.values.get(ix).and_then(Option::as_ref);
            let entry = entries.iter().find(|(i, _)| *i == ix).map(|(_, e)| *e);
            let changed = current.values.get(ix).and_then(Option::as_ref) != wanted;
            match (entry, wanted) {
                (Some(e), None) if changed => self.replace.push((e.start, e.end, Vec::new())),
                (Some(e), Some(given)) if changed => {
                    let line = self.keyed_line(&e, &given_text(question, given));
                    self.replace.push((e.start, e.end, vec![mark(line, hidden[ix])]));
                }
                (Some(e), Some(_)) => {
                    let line = self.lines[e.start];
                    let marked = mark(line.to_owned(), hidden[ix]);
                    if marked != line {
                        self.replace.push((e.start, e.start + 1, vec![marked]));
                    }
                }
                (None, Some(_)) => new.push(ix),
                _ => {}
            }
        }
        if new.is_empty() {
            return Some(());
        }
        let block = match block {
            Some(block) => block,
            None => {
                self.insert.push((self.lines.len(), vec!["answers:".to_owned()]));
                Entry {
                    start: self.lines.len(),
                    end: self.lines.len(),
                    key_end: 0,
                }
            }
        };
        if entries.is_empty() && block.end > block.start {
            // `answers: {}` or `answers: ~` becomes a block mapping.
            let line = self.keyed_line(&block, "");
            if line != self.lines[block.start] {
                self.replace.push((block.start, block.start + 1, vec![line]));
            }
        }
        for (at, lines) in self.placed(q, &entries, &new, block, &indent, target, &hidden) {
            self.insert.push((at, lines));
        }
        Some(())
    }

    /// Where new answers go and the lines they take, bucket comments
    /// included: beside the nearest earlier answer of their bucket, else under
    /// their bucket's comment, else in a new bucket section.
    #[allow(clippy::too_many_arguments)]
    fn placed(
        &self,
        q: &Questionnaire,
        entries: &[(QuestionIx, Entry)],
        new: &[QuestionIx],
        block: Entry,
        indent: &str,
        target: &Answers,
        hidden: &[bool],
    ) -> Vec<(usize, Vec<String>)> {
        let group = |ix: QuestionIx| q.questions[ix].group;
        // The group of the answer right after line `at`, if no comment of its
        // own comes between: it needs one when another bucket goes before it.
        let following = |at: usize| {
            entries
                .iter()
                .filter(|(_, e)| e.start >= at)
                .min_by_key(|(_, e)| e.start)
                .filter(|(_, e)| (at..e.start).all(|l| self.lines[l].trim().is_empty()))
                .map(|(j, _)| group(*j))
        };
        let mut spots: Vec<Spot> = Vec::new();
        for &ix in new {
            let prev = entries.iter().filter(|(j, _)| *j < ix).max_by_key(|(j, _)| *j);
            let next = entries.iter().filter(|(j, _)| *j > ix).min_by_key(|(j, _)| *j);
            // A new answer placed earlier in this save, when nearer than any
            // answer of the file, is the one to follow: right after it.
            let placed = spots.iter().position(|s| {
                s.answers
                    .last()
                    .is_some_and(|&j| prev.is_none_or(|(p, _)| j > *p))
            });
            let headed_next =
                next.is_some_and(|(j, e)| group(*j) == group(ix) && self.headed(q, e, group(ix)));
            if let Some(spot) = placed {
                let last = spots[spot].answers.last().copied().unwrap_or(ix);
                if group(last) == group(ix) || !headed_next {
                    spots[spot].answers.push(ix);
                    continue;
                }
            }
            let (at, context) = match (prev, next) {
                (Some((j, e)), _) if group(*j) == group(ix) => (e.end, Some(group(ix))),
                (_, Some((j, e))) if group(*j) == group(ix) && self.headed(q, e, group(ix)) => {
                    (e.start, Some(group(ix)))
                }
                (Some((j, e)), _) => (e.end, Some(group(*j))),
                (None, Some((_, e))) => (self.lead(e, block), None),
                (None, None) => (block.end, None),
            };
            match spots.iter_mut().find(|s| s.at == at) {
                Some(spot) => spot.answers.push(ix),
                None => spots.push(Spot {
                    at,
                    context,
                    follow: following(at),
                    answers: vec![ix],
                }),
            }
        }
        spots
            .into_iter()
            .map(
                |Spot {
                     at,
                     context,
                     follow,
                     answers: ixs,
                 }| {
                    let mut lines = Vec::new();
                    let mut in_force = context;
                    for ix in ixs {
                        if in_force != Some(group(ix)) {
                            in_force = Some(group(ix));
                            lines.push(format!("{indent}{}", group_comment(q, group(ix))));
                        }
                        let Some(given) = target.values[ix].as_ref() else {
                            continue;
                        };
                        lines.push(answer_line(q, ix, given, indent, hidden[ix]));
                    }
                    if let Some(g) = follow.filter(|g| in_force != Some(*g)) {
                        lines.push(format!("{indent}{}", group_comment(q, g)));
                    }
                    (at, lines)
                },
            )
            .collect()
    }

    /// Whether the line above an answer is its bucket's comment.
    fn headed(&self, q: &Questionnaire, e: &Entry, group: GroupIx) -> bool {
        e.start > 0 && self.lines[e.start - 1].trim() == group_comment(q, group)
    }

    /// The first of the comment lines right above an answer (its heading),
    /// not above the start of the answers.
    fn lead(&self, e: &Entry, block: Entry) -> usize {
        let mut at = e.start;
        while at > block.start + 1 && self.lines[at - 1].trim_start().starts_with('#') {
            at -= 1;
        }
        at
    }

    fn render(mut self, nl: &str) -> String {
        self.replace.sort_by_key(|r| r.0);
        let mut out = String::new();
        let mut push = |line: &str| {
            out.push_str(line);
            out.push_str(nl);
        };
        let mut i = 0;
        let mut replace = self.replace.iter().peekable();
        while i <= self.lines.len() {
            for (_, lines) in self.insert.iter().filter(|(at, _)| *at == i) {
                lines.iter().for_each(|l| push(l));
            }
            if i == self.lines.len() {
                break;
            }
            match replace.peek() {
                Some((start, end, lines)) if *start == i => {
                    lines.iter().for_each(|l| push(l));
                    i = (*end).max(i + 1);
                    replace.next();
                }
                _ => {
                    push(self.lines[i]);
                    i += 1;
                }
            }
        }
        out
    }
}

/// Where new answers go: before line `at`, where `context`'s bucket comment
/// is in force, and before an answer of bucket `follow` that has no comment
/// of its own.
struct Spot {
    at: usize,
    context: Option<GroupIx>,
    follow: Option<GroupIx>,
    answers: Vec<QuestionIx>,
}

/// A new answer's line, as [`to_yaml`] writes it.
fn answer_line(q: &Questionnaire, ix: QuestionIx, given: &Given, indent: &str, hidden: bool) -> String {
    let question = &q.questions[ix];
    let line = format!("{indent}{}: {}", key(&question.id), given_text(question, given));
    mark(line, hidden)
}

/// Header fields as the lines [`to_yaml`] writes, in its order: assessment,
/// version, client, respondent, date; `None` for a field not given.
fn header_lines(a: &Answers) -> [Option<Vec<String>>; 5] {
    let one = |k: &str, v: String| Some(vec![format!("{k}: {v}")]);
    let Respondent { name, role } = &a.respondent;
    let respondent = (name.is_some() || role.is_some()).then(|| {
        let mut lines = vec!["respondent:".to_owned()];
        if let Some(name) = name {
            lines.push(format!("  name: {}", scalar(name)));
        }
        if let Some(role) = role {
            lines.push(format!("  role: {role}"));
        }
        lines
    });
    [
        one("assessment", scalar(&a.assessment)),
        a.version.as_ref().and_then(|v| one("version", quoted(v))),
        one("client", scalar(&a.client)),
        respondent,
        a.date.and_then(|d| one("date", d.to_string())),
    ]
}
