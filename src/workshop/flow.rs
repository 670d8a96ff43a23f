//! The questionnaire loop: which question comes next, going back, skipping,
//! revisiting a bucket, and the menu at the end. It talks only to a
//! [`Prompter`], and saves through the [`Session`] after every answer.

use super::prompt::{Ask, ChooseAsk, Exit, Prompter, Reply, Shown};
use super::recover;
use super::session::Session;
use super::timer::Timer;
use crate::answers::{self, Value};
use crate::error::Error;
use crate::questionnaire::{GroupIx, Question, QuestionIx, QuestionKind};

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user finished: show the report.
    Finished,
    /// Ctrl-C: everything given so far is saved.
    Interrupted,
}

/// Which questions a walk stops at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Questions with no answer yet: the first pass, and resuming.
    Open,
    /// Every visible question: `--review`, and revisiting a bucket.
    All,
    /// Questions answered "don't know".
    Unknown,
}

/// A walk through the questions: which ones it stops at, over what range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    pub filter: Filter,
    /// Only this group's questions, when revisiting a bucket.
    pub group: Option<GroupIx>,
}

impl Walk {
    pub const OPEN: Walk = Walk {
        filter: Filter::Open,
        group: None,
    };
    pub const ALL: Walk = Walk {
        filter: Filter::All,
        group: None,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Question(QuestionIx),
    /// Past the last question of the walk: the end menu.
    End,
    /// Done: show the report.
    Finish,
}

/// What the end menu offers.
#[derive(Debug, Clone, Copy)]
enum EndChoice {
    Walk(Walk),
    Buckets,
    Finish,
}

struct Flow<'s, 'p> {
    session: &'s mut Session,
    prompter: &'p mut dyn Prompter,
    walk: Walk,
    /// Questions answered or skipped, most recent last: where Back goes.
    history: Vec<QuestionIx>,
    /// The group whose header was shown last.
    header: Option<GroupIx>,
    timer: Timer,
}

/// Runs the questionnaire from the first question `walk` stops at; `minutes`
/// is the time box, if any.
pub fn run(
    session: &mut Session,
    prompter: &mut dyn Prompter,
    walk: Walk,
    minutes: Option<u32>,
) -> Result<Ending, Error> {
    let timer = Timer::new(session.questionnaire(), minutes, prompter.now());
    let mut flow = Flow {
        session,
        prompter,
        walk,
        history: Vec::new(),
        header: None,
        timer,
    };
    match flow.run() {
        Ok(()) => Ok(Ending::Finished),
        Err(exit) => exit.interrupted().map(|()| Ending::Interrupted),
    }
}

impl Flow<'_, '_> {
    fn run(&mut self) -> Result<(), Exit> {
        let mut place = self.first();
        loop {
            place = match place {
                Place::Question(ix) if !self.session.is_visible(ix) => self.next_after(ix),
                Place::Question(ix) => self.ask(ix)?,
                Place::End => self.end_menu()?,
                Place::Finish => return Ok(()),
            };
        }
    }

    fn first(&self) -> Place {
        self.session
            .visible()
            .find(|&ix| self.stops_at(ix))
            .map_or(Place::End, Place::Question)
    }

    fn stops_at(&self, ix: QuestionIx) -> bool {
        let question = &self.session.questionnaire().questions[ix];
        if self.walk.group.is_some_and(|g| g != question.group) {
            return false;
        }
        match self.walk.filter {
            Filter::All => true,
            Filter::Open => self.session.value(ix).is_none(),
            Filter::Unknown => self.session.value(ix) == Some(&Value::Unknown),
        }
    }

    fn next_after(&self, ix: QuestionIx) -> Place {
        self.session
            .visible()
            .find(|&next| next > ix && self.stops_at(next))
            .map_or(Place::End, Place::Question)
    }

    /// Back from `from` (a question, or the end when `None`): the last
    /// question visited that is still visible, else the previous one in order.
    fn back(&mut self, from: Option<QuestionIx>) -> Result<Place, Exit> {
        while let Some(ix) = self.history.pop() {
            if Some(ix) != from && self.session.is_visible(ix) {
                return Ok(Place::Question(ix));
            }
        }
        let previous = match from {
            Some(ix) => self.session.visible().filter(|&v| v < ix).last(),
            None => self.session.visible().last(),
        };
        match previous {
            Some(ix) => Ok(Place::Question(ix)),
            None => {
                self.prompter.show(Shown::Notice, "This is the first question.")?;
                Ok(from.map_or(Place::End, Place::Question))
            }
        }
    }

    fn ask(&mut self, ix: QuestionIx) -> Result<Place, Exit> {
        let question = &self.session.questionnaire().questions[ix];
        if self.header != Some(question.group) {
            self.header = Some(question.group);
            let heading = self.heading(question.group);
            self.prompter.show(Shown::Heading, &heading)?;
        }
        let group = question.group;
        self.timer.begin(group, self.prompter.now());
        let (timer, open) = (&self.timer, self.session.open_count());
        let q = self.session.questionnaire();
        let timing = move |now| timer.line(q, group, open, now);
        let ask = Ask {
            progress: self.progress(ix),
            question,
            current: self.session.value(ix),
            timing: &timing,
        };
        let reply = self.prompter.question(&ask);
        self.timer.end(self.prompter.now());
        match reply? {
            Reply::Answer(value) => {
                if let Err(why) = acceptable(question, &value) {
                    self.prompter.show(Shown::Notice, &why)?;
                    return Ok(Place::Question(ix));
                }
                self.session.record(ix, value);
                recover::save(self.session, self.prompter, Some(ix))?;
                self.history.push(ix);
                self.onward(ix)
            }
            Reply::Skip => {
                self.history.push(ix);
                self.onward(ix)
            }
            Reply::Back => self.back(Some(ix)),
            Reply::Help => {
                let help = help_text(self.session, ix);
                self.prompter.show(Shown::Help, &help)?;
                Ok(Place::Question(ix))
            }
            Reply::Menu => Ok(self.bucket_menu(Some(ix))?.unwrap_or(Place::Question(ix))),
        }
    }

    /// The next place after `ix`; leaving `ix`'s bucket, a recap of it.
    fn onward(&mut self, ix: QuestionIx) -> Result<Place, Exit> {
        let next = self.next_after(ix);
        let group = self.session.questionnaire().questions[ix].group;
        let leaves = match next {
            Place::Question(n) => self.session.questionnaire().questions[n].group != group,
            Place::End | Place::Finish => true,
        };
        if leaves {
            let recap = self.recap(group);
            self.prompter.show(Shown::Recap, &recap)?;
        }
        Ok(next)
    }

    /// One line on a bucket left behind: answers, "don't know", the score so
    /// far, and its time against the time box.
    fn recap(&self, group: GroupIx) -> String {
        let q = self.session.questionnaire();
        let (t, score) = self.session.group_recap(group);
        let mut text = format!("{}: {} of {} answered", q.groups[group].title, t.given, t.visible);
        if t.unknown > 0 {
            text.push_str(&format!(", {} “don't know”", t.unknown));
        }
        match score {
            Some(score) => text.push_str(&format!(" · score so far {}/100", score.round())),
            None => text.push_str(" · no score yet"),
        }
        if let Some(time) = self.timer.recap(group, self.prompter.now()) {
            text.push_str(&format!(" · {time}"));
        }
        text
    }

    fn progress(&self, ix: QuestionIx) -> String {
        let q = self.session.questionnaire();
        let question = &q.questions[ix];
        let (at, of) = self.session.position(ix);
        format!(
            "[{at}/{of}] {} · {}",
            q.groups[question.group].title, q.elements[question.element].title
        )
    }

    fn heading(&self, group: GroupIx) -> String {
        let q = self.session.questionnaire();
        let g = &q.groups[group];
        let buckets = q.buckets().count();
        let place = match q.buckets().position(|(ix, _)| ix == group) {
            Some(n) => format!("bucket {} of {buckets}", n + 1),
            None => "after the buckets".to_owned(),
        };
        let (given, total) = self.session.group_progress(group);
        let mut text = format!("{} ({place}; {given} of {total} answered)", g.title);
        if !g.description.trim().is_empty() {
            text.push('\n');
            text.push_str(g.description.trim());
        }
        text
    }

    /// The menu behind `m`: jump to a bucket, or finish now. `None` when
    /// escaped.
    fn bucket_menu(&mut self, from: Option<QuestionIx>) -> Result<Option<Place>, Exit> {
        let q = self.session.questionnaire();
        let groups: Vec<GroupIx> = (0..q.groups.len())
            .filter(|&g| self.session.group_progress(g).1 > 0)
            .collect();
        let mut items: Vec<String> = groups
            .iter()
            .map(|&g| {
                let (given, total) = self.session.group_progress(g);
                format!("{} ({given}/{total} answered)", q.groups[g].title)
            })
            .collect();
        items.push("Finish now and show the report".to_owned());
        let start = from
            .and_then(|ix| groups.iter().position(|&g| g == q.questions[ix].group))
            .unwrap_or(0);
        let ask = ChooseAsk {
            label: "Go to a bucket, or finish",
            items: &items,
            start,
            help: "a bucket's questions are shown with their answers; Esc goes back",
        };
        Ok(match self.prompter.choose(&ask)? {
            Some(i) if i < groups.len() => {
                self.walk = Walk {
                    filter: Filter::All,
                    group: Some(groups[i]),
                };
                Some(self.first())
            }
            Some(_) => Some(Place::Finish),
            None => None,
        })
    }

    /// Reached after a walk's last question: finishes at once when every
    /// question has a real answer, otherwise offers what is left.
    fn end_menu(&mut self) -> Result<Place, Exit> {
        let open = self.session.open_count();
        let unknown = self.session.unknown_count();
        if open == 0 && unknown == 0 {
            return Ok(Place::Finish);
        }
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                one.to_owned()
            } else {
                format!("{n} {many}")
            }
        };
        let mut choices: Vec<(String, EndChoice)> = Vec::new();
        if open > 0 {
            choices.push((
                format!("Answer {}", plural(open, "the open question", "open questions")),
                EndChoice::Walk(Walk::OPEN),
            ));
        }
        if unknown > 0 {
            choices.push((
                format!(
                    "Revisit {}",
                    plural(unknown, "the “don't know” answer", "“don't know” answers")
                ),
                EndChoice::Walk(Walk {
                    filter: Filter::Unknown,
                    group: None,
                }),
            ));
        }
        choices.push(("Go to a bucket…".to_owned(), EndChoice::Buckets));
        choices.push(("Finish and show the report".to_owned(), EndChoice::Finish));
        let items: Vec<String> = choices.iter().map(|(label, _)| label.clone()).collect();
        let summary = self.summary();
        let ask = ChooseAsk {
            label: &summary,
            items: &items,
            start: 0,
            help: "Esc goes back to the last question",
        };
        let Some(i) = self.prompter.choose(&ask)? else {
            return self.back(None);
        };
        Ok(match choices[i].1 {
            EndChoice::Walk(walk) => {
                self.walk = walk;
                self.first()
            }
            EndChoice::Buckets => self.bucket_menu(None)?.unwrap_or(Place::End),
            EndChoice::Finish => Place::Finish,
        })
    }

    fn summary(&self) -> String {
        let t = self.session.tally();
        let mut text = format!("{} of {} questions answered", t.given, t.visible);
        if t.unknown > 0 {
            text.push_str(&format!(" ({} “don't know”)", t.unknown));
        }
        if t.open > 0 {
            text.push_str(&format!("; {} still open", t.open));
        }
        text
    }
}

/// Refuses a value the question cannot take, with the reason to show.
fn acceptable(question: &Question, value: &Value) -> Result<(), String> {
    let fits = match (value, &question.kind) {
        (Value::Unknown, _) => true,
        (Value::NotApplicable, _) => question.not_applicable.is_some(),
        (Value::Bool(_), QuestionKind::YesNo { .. }) => true,
        (Value::Scale(p), kind @ QuestionKind::Scale { min, .. }) => {
            kind.scale_max().is_some_and(|max| (*min..=max).contains(p))
        }
        (Value::Choice(ix), QuestionKind::Choice { options }) => *ix < options.len(),
        (Value::Multi(ixs), QuestionKind::Multi { options, .. }) => {
            let ids: Vec<String> = ixs
                .iter()
                .filter_map(|ix| options.get(*ix))
                .map(|o| o.id.clone())
                .collect();
            if ids.len() != ixs.len() {
                false
            } else {
                return answers::typed(question, &answers::RawValue::List(ids))
                    .map(|_| ())
                    .map_err(|p| with_help(&p.message, p.help.as_deref()));
            }
        }
        (Value::Number(x), QuestionKind::Number(_) | QuestionKind::Percent(_)) => {
            return answers::typed(question, &answers::RawValue::Float(*x))
                .map(|_| ())
                .map_err(|p| with_help(&p.message, p.help.as_deref()));
        }
        _ => false,
    };
    if fits {
        Ok(())
    } else if matches!(value, Value::NotApplicable) {
        Err("This question applies to every company; answer “don't know” if nobody can say.".to_owned())
    } else {
        Err(format!(
            "That answer does not fit this {} question.",
            question.kind.name()
        ))
    }
}

fn with_help(message: &str, help: Option<&str>) -> String {
    match help {
        Some(help) => format!("{message} ({help})"),
        None => message.to_owned(),
    }
}

/// The help shown on request: the question's own help, what it accepts, and
/// when it does not apply.
pub fn help_text(session: &Session, ix: QuestionIx) -> String {
    let q = session.questionnaire();
    let question = &q.questions[ix];
    let mut parts = Vec::new();
    match &question.help {
        Some(help) => parts.push(help.trim().to_owned()),
        None => parts.push("This question has no further help.".to_owned()),
    }
    if question.kind.number_spec().is_some() {
        parts.push(format!("Answer with {}.", super::input::expected(question)));
    }
    if let Some(reason) = &question.not_applicable {
        parts.push(format!("Not applicable when: {reason}."));
    }
    if let Some(cond) = &question.show_if {
        parts.push(format!(
            "Asked because {}.",
            answers::template::condition_text(q, cond)
        ));
    }
    parts.join("\n")
}
