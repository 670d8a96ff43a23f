//! Question prompts that answer on one key: the state of an option list and of
//! a typed number, and what each key does to it. Pure, so every key is tested
//! without a terminal; `terminal.rs` draws them and feeds them keys.
//!
//! A fresh question has no line under the cursor, so an Enter typed out of
//! habit after a one-key answer cannot answer the next question. An earlier
//! answer starts under the cursor, and Enter keeps it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Nothing decided yet: draw again and wait for the next key.
    Wait,
    /// This line of the list was chosen.
    Choose(usize),
    /// Multiple choice: these options (indices below `options`) were confirmed.
    Confirm(Vec<usize>),
    /// The typed text was submitted (number prompts).
    Submit(String),
    /// Esc: back to the previous question.
    Back,
    /// Ctrl-C.
    Interrupt,
}

fn control(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

/// What the terminal needs of a prompt's state: keys in, refusals shown.
pub trait Prompt {
    fn key(&mut self, key: KeyEvent) -> Step;
    /// Shows why a decision was refused; the prompt goes on.
    fn refuse(&mut self, why: String);
}

impl Prompt for List {
    fn key(&mut self, key: KeyEvent) -> Step {
        List::key(self, key)
    }
    fn refuse(&mut self, why: String) {
        List::refuse(self, why);
    }
}

impl Prompt for Line {
    fn key(&mut self, key: KeyEvent) -> Step {
        Line::key(self, key)
    }
    fn refuse(&mut self, why: String) {
        Line::refuse(self, why);
    }
}

/// An option list: scale points, yes/no, choices, or multiple-choice options,
/// followed by the special lines (don't know, skip, help…).
#[derive(Debug, Clone)]
pub struct List {
    keys: Vec<String>,
    /// Lines before this index are the question's options; the rest are
    /// special lines, which a multiple choice takes alone and at once.
    options: usize,
    cursor: Option<usize>,
    typed: String,
    /// `Some` for a multiple choice: which options are marked.
    marked: Option<Vec<bool>>,
    notice: Option<String>,
}

impl List {
    /// A single-choice list; `current` is the line of the earlier answer.
    pub fn single(keys: Vec<String>, current: Option<usize>) -> Self {
        let options = keys.len();
        List {
            keys,
            options,
            cursor: current,
            typed: String::new(),
            marked: None,
            notice: None,
        }
    }

    /// A multiple-choice list: `options` lines of options, then special lines;
    /// `marked` are the options of the earlier answer, `current` the special
    /// line of an earlier "don't know" or "not applicable".
    pub fn multi(keys: Vec<String>, options: usize, marked: &[usize], current: Option<usize>) -> Self {
        let mut marks = vec![false; options];
        for &i in marked {
            if let Some(m) = marks.get_mut(i) {
                *m = true;
            }
        }
        List {
            cursor: current.or_else(|| marked.first().copied()),
            keys,
            options,
            typed: String::new(),
            marked: Some(marks),
            notice: None,
        }
    }

    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// A multiple choice, whose options carry boxes.
    pub fn is_multi(&self) -> bool {
        self.marked.is_some()
    }

    /// Whether an option of a multiple choice is marked; `None` for a special
    /// line, or any line of a single choice.
    pub fn is_marked(&self, line: usize) -> Option<bool> {
        self.marked.as_ref().and_then(|m| m.get(line).copied())
    }

    /// A message to show under the list until the next key.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Shows why a confirmed choice was refused; the list stays as it is.
    pub fn refuse(&mut self, why: String) {
        self.notice = Some(why);
    }

    pub fn key(&mut self, key: KeyEvent) -> Step {
        self.notice = None;
        match control(&key) {
            Some('c') => return Step::Interrupt,
            Some('u') => {
                self.typed.clear();
                return Step::Wait;
            }
            Some(_) => return Step::Wait,
            None => {}
        }
        let last = self.keys.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => Step::Back,
            KeyCode::Up | KeyCode::BackTab => self.go(match self.cursor {
                Some(0) | None => last,
                Some(i) => i - 1,
            }),
            KeyCode::Down | KeyCode::Tab => self.go(match self.cursor {
                Some(i) if i < last => i + 1,
                _ => 0,
            }),
            KeyCode::Home | KeyCode::PageUp => self.go(0),
            KeyCode::End | KeyCode::PageDown => self.go(last),
            KeyCode::Backspace => {
                self.typed.pop();
                Step::Wait
            }
            KeyCode::Enter => self.enter(),
            KeyCode::Char(' ') if self.marked.is_some() => match self.cursor {
                Some(i) if i < self.options => {
                    self.toggle(i);
                    Step::Wait
                }
                Some(i) => Step::Choose(i),
                None => {
                    self.notice = Some("move to a line with ↑↓ first, or press its key".to_owned());
                    Step::Wait
                }
            },
            KeyCode::Char(c) => self.typed_char(c),
            _ => Step::Wait,
        }
    }

    fn go(&mut self, line: usize) -> Step {
        self.typed.clear();
        self.cursor = Some(line);
        Step::Wait
    }

    fn toggle(&mut self, line: usize) {
        if let Some(m) = self.marked.as_mut().and_then(|m| m.get_mut(line)) {
            *m = !*m;
        }
        self.cursor = Some(line);
    }

    fn enter(&mut self) -> Step {
        let typed = std::mem::take(&mut self.typed);
        let exact = self.keys.iter().position(|k| k.eq_ignore_ascii_case(&typed));
        match (&self.marked, exact) {
            // A key that is also the start of longer keys (`1` among ten
            // options) waits for Enter.
            (None, Some(i)) => Step::Choose(i),
            (Some(_), Some(i)) if i < self.options => {
                self.toggle(i);
                Step::Wait
            }
            (Some(_), Some(i)) => Step::Choose(i),
            (None, None) => match self.cursor {
                Some(i) => Step::Choose(i),
                None => {
                    self.notice =
                        Some("press the key of a line, or move to it with ↑↓ and press Enter".to_owned());
                    Step::Wait
                }
            },
            (Some(marks), None) => {
                let chosen: Vec<usize> = marks
                    .iter()
                    .enumerate()
                    .filter_map(|(i, &m)| m.then_some(i))
                    .collect();
                match self.cursor {
                    Some(i) if chosen.is_empty() && i >= self.options => Step::Choose(i),
                    _ => Step::Confirm(chosen),
                }
            }
        }
    }

    fn typed_char(&mut self, c: char) -> Step {
        self.typed.extend(c.to_lowercase());
        let exact = self.keys.iter().position(|k| k.eq_ignore_ascii_case(&self.typed));
        let longer = self
            .keys
            .iter()
            .any(|k| k.len() > self.typed.len() && k.to_lowercase().starts_with(&self.typed));
        match exact {
            Some(i) if !longer => {
                self.typed.clear();
                if self.marked.is_some() && i < self.options {
                    self.toggle(i);
                    Step::Wait
                } else {
                    Step::Choose(i)
                }
            }
            _ if longer => {
                self.cursor = exact.or_else(|| {
                    self.keys
                        .iter()
                        .position(|k| k.to_lowercase().starts_with(&self.typed))
                });
                Step::Wait
            }
            _ => {
                self.notice = Some(format!("no line has the key “{}”", self.typed));
                self.typed.clear();
                Step::Wait
            }
        }
    }
}

/// A typed answer (numbers and percentages). A key of the prompt typed first —
/// `d`, `s`, `?`… — is taken at once, since no number starts with a letter.
#[derive(Debug, Clone)]
pub struct Line {
    text: String,
    /// The text is the earlier answer, shown whole: a key typed now replaces it.
    fresh: bool,
    keys: Vec<char>,
    notice: Option<String>,
}

impl Line {
    /// `keys` are taken at once when typed into an empty (or fresh) line;
    /// `initial` is the earlier answer, kept by Enter.
    pub fn new(keys: Vec<char>, initial: String) -> Self {
        Line {
            fresh: !initial.is_empty(),
            text: initial,
            keys,
            notice: None,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Shows why the text was refused; it stays, to be corrected.
    pub fn refuse(&mut self, why: String) {
        self.notice = Some(why);
        self.fresh = false;
    }

    pub fn key(&mut self, key: KeyEvent) -> Step {
        self.notice = None;
        match control(&key) {
            Some('c') => return Step::Interrupt,
            Some('u') => {
                self.text.clear();
                return Step::Wait;
            }
            Some(_) => return Step::Wait,
            None => {}
        }
        match key.code {
            KeyCode::Esc => Step::Back,
            KeyCode::Enter => Step::Submit(self.text.clone()),
            KeyCode::Backspace => {
                self.fresh = false;
                self.text.pop();
                Step::Wait
            }
            KeyCode::Char(c) => {
                if self.fresh {
                    self.text.clear();
                    self.fresh = false;
                }
                let lower = c.to_ascii_lowercase();
                if self.text.is_empty() && self.keys.contains(&lower) {
                    return Step::Submit(lower.to_string());
                }
                self.text.push(c);
                Step::Wait
            }
            _ => Step::Wait,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn c(ch: char) -> KeyEvent {
        k(KeyCode::Char(ch))
    }

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    /// A 1–5 scale and the special lines.
    fn scale() -> List {
        List::single(keys(&["1", "2", "3", "4", "5", "d", "s", "?", "m"]), None)
    }

    #[test]
    fn one_key_answers_a_scale_and_dont_know() {
        assert_eq!(scale().key(c('4')), Step::Choose(3));
        assert_eq!(scale().key(c('d')), Step::Choose(5));
        assert_eq!(scale().key(c('D')), Step::Choose(5));
        assert_eq!(scale().key(c('?')), Step::Choose(7));
    }

    #[test]
    fn enter_on_a_fresh_question_answers_nothing() {
        let mut list = scale();
        assert_eq!(list.key(k(KeyCode::Enter)), Step::Wait);
        assert!(list.notice().is_some_and(|n| n.contains("press the key")));
        assert_eq!(list.key(k(KeyCode::Down)), Step::Wait);
        assert!(list.notice().is_none());
        assert_eq!(list.key(k(KeyCode::Enter)), Step::Choose(0));
    }

    #[test]
    fn enter_keeps_an_earlier_answer() {
        let mut list = List::single(keys(&["y", "n", "d", "s"]), Some(1));
        assert_eq!(list.key(k(KeyCode::Enter)), Step::Choose(1));
    }

    #[test]
    fn arrows_wrap_around() {
        let mut list = scale();
        list.key(k(KeyCode::Up));
        assert_eq!(list.cursor(), Some(8));
        list.key(k(KeyCode::Down));
        assert_eq!(list.cursor(), Some(0));
        list.key(k(KeyCode::End));
        list.key(k(KeyCode::Down));
        assert_eq!(list.cursor(), Some(0));
    }

    #[test]
    fn a_key_that_starts_longer_keys_waits_for_the_next_key_or_enter() {
        let all: Vec<String> = (1..=11).map(|i| i.to_string()).chain(["d".to_owned()]).collect();
        let mut list = List::single(all.clone(), None);
        assert_eq!(list.key(c('1')), Step::Wait);
        assert_eq!(list.cursor(), Some(0));
        assert_eq!(list.key(c('1')), Step::Choose(10));
        let mut list = List::single(all.clone(), None);
        list.key(c('1'));
        assert_eq!(list.key(k(KeyCode::Enter)), Step::Choose(0));
        let mut list = List::single(all, None);
        assert_eq!(list.key(c('7')), Step::Choose(6));
    }

    #[test]
    fn an_unknown_key_says_so_and_answers_nothing() {
        let mut list = scale();
        assert_eq!(list.key(c('7')), Step::Wait);
        assert_eq!(list.notice(), Some("no line has the key “7”"));
        assert_eq!(list.key(c('2')), Step::Choose(1));
    }

    #[test]
    fn esc_goes_back_and_ctrl_c_stops() {
        assert_eq!(scale().key(k(KeyCode::Esc)), Step::Back);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(scale().key(ctrl_c), Step::Interrupt);
        let mut line = Line::new(vec!['d'], String::new());
        assert_eq!(line.key(ctrl_c), Step::Interrupt);
        assert_eq!(line.key(k(KeyCode::Esc)), Step::Back);
    }

    /// Three options, then don't know, skip.
    fn multi(marked: &[usize], current: Option<usize>) -> List {
        List::multi(keys(&["1", "2", "3", "d", "s"]), 3, marked, current)
    }

    #[test]
    fn multiple_choice_keys_mark_and_enter_confirms() {
        let mut list = multi(&[], None);
        assert_eq!(list.key(c('1')), Step::Wait);
        assert_eq!(list.key(c('3')), Step::Wait);
        assert_eq!(list.is_marked(0), Some(true));
        assert_eq!(list.is_marked(3), None, "a special line has no box");
        assert_eq!(list.key(c('1')), Step::Wait);
        assert_eq!(list.is_marked(0), Some(false));
        assert_eq!(list.key(k(KeyCode::Enter)), Step::Confirm(vec![2]));
    }

    #[test]
    fn multiple_choice_space_marks_the_line_under_the_cursor() {
        let mut list = multi(&[], None);
        assert_eq!(list.key(c(' ')), Step::Wait);
        assert!(list.notice().is_some());
        list.key(k(KeyCode::Down));
        list.key(k(KeyCode::Down));
        list.key(c(' '));
        assert_eq!(list.key(k(KeyCode::Enter)), Step::Confirm(vec![1]));
    }

    #[test]
    fn multiple_choice_dont_know_is_one_key() {
        let mut list = multi(&[0, 1], None);
        assert_eq!(list.key(c('d')), Step::Choose(3));
        let mut list = multi(&[], None);
        list.key(k(KeyCode::Up));
        list.key(k(KeyCode::Up));
        assert_eq!(list.key(k(KeyCode::Enter)), Step::Choose(3));
    }

    #[test]
    fn multiple_choice_enter_keeps_the_earlier_answer() {
        assert_eq!(
            multi(&[0, 2], None).key(k(KeyCode::Enter)),
            Step::Confirm(vec![0, 2])
        );
        assert_eq!(multi(&[], Some(3)).key(k(KeyCode::Enter)), Step::Choose(3));
    }

    #[test]
    fn a_number_is_typed_and_a_key_is_taken_at_once() {
        let mut line = Line::new(vec!['d', 's', '?', 'm'], String::new());
        assert_eq!(line.key(c('1')), Step::Wait);
        assert_eq!(line.key(c('2')), Step::Wait);
        assert_eq!(line.key(c('%')), Step::Wait);
        assert_eq!(line.key(k(KeyCode::Enter)), Step::Submit("12%".to_owned()));
        assert_eq!(
            Line::new(vec!['d'], String::new()).key(c('D')),
            Step::Submit("d".to_owned())
        );
    }

    #[test]
    fn letters_after_digits_are_text_to_refuse_not_keys() {
        let mut line = Line::new(vec!['d'], String::new());
        line.key(c('3'));
        assert_eq!(line.key(c('d')), Step::Wait);
        assert_eq!(line.text(), "3d");
        line.refuse("not a number".to_owned());
        assert_eq!(line.notice(), Some("not a number"));
        line.key(k(KeyCode::Backspace));
        assert_eq!(line.key(k(KeyCode::Enter)), Step::Submit("3".to_owned()));
    }

    #[test]
    fn an_earlier_number_is_kept_by_enter_and_replaced_by_typing() {
        let mut line = Line::new(vec!['d'], "12".to_owned());
        assert_eq!(line.clone().key(k(KeyCode::Enter)), Step::Submit("12".to_owned()));
        assert_eq!(line.clone().key(c('d')), Step::Submit("d".to_owned()));
        line.key(c('9'));
        assert_eq!(line.text(), "9");
        let mut line = Line::new(vec!['d'], "12".to_owned());
        line.key(k(KeyCode::Backspace));
        line.key(c('5'));
        assert_eq!(line.text(), "15");
    }
}
