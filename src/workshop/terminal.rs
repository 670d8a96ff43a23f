//! The real keyboard and screen: [`Prompter`] over inquire prompts. Prompts
//! and the text between them go to standard error, so standard output carries
//! only the report.

use std::fmt;
use std::io::{self, IsTerminal, Write};

use inquire::error::InquireError;
use inquire::list_option::ListOption;
use inquire::ui::RenderConfig;
use inquire::validator::{ErrorMessage, Validation};
use inquire::{MultiSelect, Select, Text};

use super::input::{self, expected, item_matches};
use super::prompt::{Ask, ChooseAsk, Prompter, Reply, Shown, Stop, TextAsk, keys};
use crate::answers::{self, Value};
use crate::error::Error;
use crate::questionnaire::{Question, QuestionKind};

/// Prompts on the terminal ecodiag runs in.
#[derive(Debug)]
pub struct Terminal {
    color: bool,
}

impl Terminal {
    /// Refuses to start unless standard input, output and error are all a
    /// terminal: answers typed into a pipe would go nowhere.
    pub fn new(color: Option<bool>) -> Result<Self, Error> {
        let streams = [
            ("standard input", io::stdin().is_terminal()),
            ("standard output", io::stdout().is_terminal()),
            ("standard error", io::stderr().is_terminal()),
        ];
        if let Some((stream, _)) = streams.iter().find(|(_, tty)| !tty) {
            return Err(Error::NotATerminal { stream });
        }
        let auto = anstream::AutoStream::choice(&io::stderr()) != anstream::ColorChoice::Never;
        Ok(Terminal {
            color: color.unwrap_or(auto),
        })
    }

    fn render(&self) -> RenderConfig<'static> {
        let config = if self.color {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        };
        // Esc goes back a question: say so rather than "<canceled>".
        config.with_canceled_prompt_indicator(inquire::ui::Styled::new("(back)"))
    }

    fn paint(&self, style: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
}

/// One line of an option list: the key to type, and what it means.
#[derive(Debug, Clone)]
struct Item {
    key: String,
    label: String,
    reply: Reply,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:>2}  {}", self.key, self.label)
    }
}

impl Prompter for Terminal {
    fn show(&mut self, kind: Shown, text: &str) -> Result<(), Stop> {
        use anstyle::{AnsiColor, Style};
        let width = usize::from(crate::render::terminal_width().unwrap_or(100)).clamp(40, 120);
        let wrapped = wrap(text, width.saturating_sub(2));
        let text = wrapped.as_str();
        let bold = Style::new().bold();
        let out = match kind {
            Shown::Title => format!("\n{}\n", self.paint(bold.underline(), text)),
            Shown::Text => format!("{text}\n"),
            Shown::Heading => {
                let mut lines = text.lines();
                let title = lines.next().unwrap_or_default();
                let rest: Vec<&str> = lines.collect();
                let mut s = format!("\n{}\n", self.paint(bold, &format!("── {title} ──")));
                for line in rest {
                    s.push_str(&self.paint(Style::new().dimmed(), line));
                    s.push('\n');
                }
                s
            }
            Shown::Help => {
                let style = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
                text.lines()
                    .map(|l| format!("{}\n", self.paint(style, &format!("  {l}"))))
                    .collect()
            }
            Shown::Notice => {
                let style = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
                format!("{}\n", self.paint(style, text))
            }
        };
        io::stderr().write_all(out.as_bytes()).map_err(Stop::Failed)
    }

    fn question(&mut self, ask: &Ask<'_>) -> Result<Reply, Stop> {
        let message = format!("{}\n  {}", ask.progress, ask.question.text.trim());
        match &ask.question.kind {
            QuestionKind::Number(_) | QuestionKind::Percent(_) => self.number(ask, &message),
            QuestionKind::Multi { .. } => self.multi(ask, &message),
            _ => self.single(ask, &message),
        }
    }

    fn text(&mut self, ask: &TextAsk<'_>) -> Result<Option<String>, Stop> {
        let mut prompt = Text::new(ask.label)
            .with_help_message(ask.help)
            .with_render_config(self.render());
        if ask.required {
            prompt = prompt.with_validator(|s: &str| {
                Ok(if s.trim().is_empty() {
                    Validation::Invalid(ErrorMessage::Custom("this cannot be left empty".to_owned()))
                } else {
                    Validation::Valid
                })
            });
        }
        prompt.prompt_skippable().map_err(stop)
    }

    fn choose(&mut self, ask: &ChooseAsk<'_>) -> Result<Option<usize>, Stop> {
        let items: Vec<String> = ask.items.to_vec();
        let page = items.len().clamp(1, 15);
        Select::new(ask.label, items)
            .with_starting_cursor(ask.start)
            .with_page_size(page)
            .with_help_message(ask.help)
            .with_render_config(self.render())
            .raw_prompt_skippable()
            .map(|chosen| chosen.map(|o| o.index))
            .map_err(stop)
    }
}

impl Terminal {
    /// Scales, yes/no and single choice: one list, a key per line.
    fn single(&mut self, ask: &Ask<'_>, message: &str) -> Result<Reply, Stop> {
        let question = ask.question;
        let mut items: Vec<Item> = match &question.kind {
            QuestionKind::Scale { min, labels } => labels
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let point = min + i as i64;
                    item(&point.to_string(), label, Reply::Answer(Value::Scale(point)))
                })
                .collect(),
            QuestionKind::YesNo { .. } => vec![
                item(keys::YES, "Yes", Reply::Answer(Value::Bool(true))),
                item(keys::NO, "No", Reply::Answer(Value::Bool(false))),
            ],
            QuestionKind::Choice { options } => options
                .iter()
                .enumerate()
                .map(|(i, o)| item(&(i + 1).to_string(), &o.label, Reply::Answer(Value::Choice(i))))
                .collect(),
            _ => Vec::new(),
        };
        items.extend(specials(question, ask.current.is_some()));
        let start = ask
            .current
            .and_then(|v| items.iter().position(|it| it.reply == Reply::Answer(v.clone())))
            .unwrap_or(0);
        let key_list: Vec<String> = items.iter().map(|it| it.key.clone()).collect();
        let key_refs: Vec<&str> = key_list.iter().map(String::as_str).collect();
        let scorer = |typed: &str, it: &Item, _: &str, _: usize| {
            item_matches(typed, &it.key, &it.label, &key_refs).then_some(0)
        };
        let formatter = |o: ListOption<&Item>| match &o.value.reply {
            Reply::Answer(v) if v.is_answer() => format!("{} · {}", o.value.key, o.value.label),
            _ => o.value.label.clone(),
        };
        let help = format!(
            "type a key then Enter, or ↑↓ and Enter{} · Esc back · Ctrl-C stop",
            keep_hint(ask)
        );
        let page = items.len().clamp(1, 15);
        let chosen = Select::new(message, items)
            .with_starting_cursor(start)
            .with_page_size(page)
            .with_scorer(&scorer)
            .with_sorter(&|_| {})
            .with_formatter(&formatter)
            .with_help_message(&help)
            .with_render_config(self.render())
            .prompt_skippable()
            .map_err(stop)?;
        Ok(chosen.map_or(Reply::Back, |it| it.reply))
    }

    /// Multiple choice: space marks options, Enter confirms. "Don't know" and
    /// the other keys are items too, each to be chosen alone.
    fn multi(&mut self, ask: &Ask<'_>, message: &str) -> Result<Reply, Stop> {
        let question = ask.question;
        let options = question.kind.options();
        let mut items: Vec<Item> = options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let label = if o.exclusive {
                    format!("{} (alone)", o.label)
                } else {
                    o.label.clone()
                };
                item(&(i + 1).to_string(), &label, Reply::Answer(Value::Multi(vec![i])))
            })
            .collect();
        items.extend(specials(question, ask.current.is_some()));
        let defaults: Vec<usize> = match ask.current {
            Some(Value::Multi(ixs)) => ixs.clone(),
            Some(Value::Unknown) => position(&items, &Reply::Answer(Value::Unknown)),
            Some(Value::NotApplicable) => position(&items, &Reply::Answer(Value::NotApplicable)),
            _ => Vec::new(),
        };
        let key_list: Vec<String> = items.iter().map(|it| it.key.clone()).collect();
        let key_refs: Vec<&str> = key_list.iter().map(String::as_str).collect();
        let scorer = |typed: &str, it: &Item, _: &str, _: usize| {
            item_matches(typed, &it.key, &it.label, &key_refs).then_some(0)
        };
        let formatter = |chosen: &[ListOption<&Item>]| {
            chosen
                .iter()
                .map(|o| o.value.label.clone())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let owned = question.clone();
        let count = options.len();
        let validator = move |chosen: &[ListOption<&Item>]| {
            Ok(match multi_reply(&owned, count, chosen) {
                Ok(_) => Validation::Valid,
                Err(why) => Validation::Invalid(ErrorMessage::Custom(why)),
            })
        };
        let help = format!(
            "Space marks, Enter confirms; type a key to find its line{} · Esc back · Ctrl-C stop",
            keep_hint(ask)
        );
        let page = items.len().clamp(1, 15);
        let chosen = MultiSelect::new(message, items)
            .with_default(&defaults)
            .with_page_size(page)
            .with_scorer(&scorer)
            .with_formatter(&formatter)
            .with_validator(validator)
            .with_help_message(&help)
            .with_render_config(self.render())
            .raw_prompt_skippable()
            .map_err(stop)?;
        match chosen {
            None => Ok(Reply::Back),
            Some(chosen) => {
                let refs: Vec<ListOption<&Item>> = chosen
                    .iter()
                    .map(|o| ListOption::new(o.index, &o.value))
                    .collect();
                multi_reply(question, count, &refs).map_err(|e| Stop::Failed(io::Error::other(e)))
            }
        }
    }

    /// Numbers and percentages: typed, checked as typed, re-asked with the
    /// reason when they do not fit.
    fn number(&mut self, ask: &Ask<'_>, message: &str) -> Result<Reply, Stop> {
        let question = ask.question;
        let initial = match ask.current {
            Some(Value::Number(x)) => answers::write::number_text(*x),
            Some(Value::Unknown) => keys::UNKNOWN.to_owned(),
            Some(Value::NotApplicable) => keys::NOT_APPLICABLE.to_owned(),
            _ => String::new(),
        };
        let na = if question.not_applicable.is_some() {
            format!(" · {} not applicable", keys::NOT_APPLICABLE)
        } else {
            String::new()
        };
        let help = format!(
            "{} · {} don't know{na} · {} or Enter skips · {} help · {} menu · Esc back",
            expected(question),
            keys::UNKNOWN,
            keys::SKIP,
            keys::HELP,
            keys::MENU
        );
        let owned = question.clone();
        let validator = move |s: &str| {
            Ok(match input::typed_reply(&owned, s) {
                Ok(_) => Validation::Valid,
                Err(why) => Validation::Invalid(ErrorMessage::Custom(why)),
            })
        };
        let shown = |typed: &str| match input::typed_reply(question, typed) {
            Ok(Reply::Answer(Value::Unknown)) => "Don't know".to_owned(),
            Ok(Reply::Answer(Value::NotApplicable)) => "Not applicable".to_owned(),
            Ok(Reply::Answer(v)) => answers::display(question, Some(&v)),
            Ok(Reply::Skip) => "(skipped)".to_owned(),
            Ok(Reply::Help) => "Help on this question".to_owned(),
            Ok(Reply::Menu) => "Menu".to_owned(),
            Ok(Reply::Back) | Err(_) => typed.to_owned(),
        };
        let typed = Text::new(message)
            .with_initial_value(&initial)
            .with_formatter(&shown)
            .with_validator(validator)
            .with_help_message(&help)
            .with_render_config(self.render())
            .prompt_skippable()
            .map_err(stop)?;
        match typed {
            None => Ok(Reply::Back),
            Some(text) => input::typed_reply(question, &text).map_err(|e| Stop::Failed(io::Error::other(e))),
        }
    }
}

/// Wraps text at word boundaries; line breaks in it are kept.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, paragraph) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for word in paragraph.split(' ') {
            let len = word.chars().count();
            if column > 0 && column + 1 + len > width {
                out.push('\n');
                column = 0;
            } else if column > 0 {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += len;
        }
    }
    out
}

fn item(key: &str, label: &str, reply: Reply) -> Item {
    Item {
        key: key.to_owned(),
        label: label.trim().to_owned(),
        reply,
    }
}

fn position(items: &[Item], reply: &Reply) -> Vec<usize> {
    items
        .iter()
        .position(|it| &it.reply == reply)
        .into_iter()
        .collect()
}

/// The lines every question list ends with.
fn specials(question: &Question, answered: bool) -> Vec<Item> {
    let mut items = vec![item(keys::UNKNOWN, "Don't know", Reply::Answer(Value::Unknown))];
    if let Some(reason) = &question.not_applicable {
        items.push(item(
            keys::NOT_APPLICABLE,
            &format!("Not applicable — {}", reason.trim()),
            Reply::Answer(Value::NotApplicable),
        ));
    }
    let skip = if answered {
        "Skip (keep the answer as it is)"
    } else {
        "Skip for now"
    };
    items.push(item(keys::SKIP, skip, Reply::Skip));
    items.push(item(keys::HELP, "Help on this question", Reply::Help));
    items.push(item(keys::MENU, "Menu: go to a bucket, or finish", Reply::Menu));
    items
}

fn keep_hint(ask: &Ask<'_>) -> &'static str {
    if ask.current.is_some() {
        " (the current answer is marked)"
    } else {
        ""
    }
}

/// What a multiple-choice selection means; an error is why it is refused.
fn multi_reply(question: &Question, options: usize, chosen: &[ListOption<&Item>]) -> Result<Reply, String> {
    let (picked, special): (Vec<&ListOption<&Item>>, Vec<&ListOption<&Item>>) =
        chosen.iter().partition(|o| o.index < options);
    match (picked.len(), special.as_slice()) {
        (0, [one]) => return Ok(one.value.reply.clone()),
        (_, []) => {}
        _ => {
            return Err(format!(
                "“{}” is chosen alone; unmark the other lines",
                special[0].value.label
            ));
        }
    }
    let ids: Vec<String> = picked
        .iter()
        .map(|o| question.kind.options()[o.index].id.clone())
        .collect();
    if ids.is_empty() && question.kind.options().iter().any(|o| o.exclusive) {
        let none = question
            .kind
            .options()
            .iter()
            .find(|o| o.exclusive)
            .map(|o| o.label.clone())
            .unwrap_or_default();
        return Err(format!(
            "mark at least one line with Space (“{none}” if none applies, or “Don't know”)"
        ));
    }
    answers::typed(question, &answers::RawValue::List(ids))
        .map(Reply::Answer)
        .map_err(|p| p.message)
}

fn stop(e: InquireError) -> Stop {
    match e {
        InquireError::OperationInterrupted => Stop::Interrupted,
        InquireError::IO(e) => Stop::Failed(e),
        InquireError::NotTTY => Stop::Failed(io::Error::other("the terminal went away")),
        other => Stop::Failed(io::Error::other(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_breaks_between_words() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("keep\nbreaks", 40), "keep\nbreaks");
        assert_eq!(wrap("averyveryverylongword x", 5), "averyveryverylongword\nx");
    }
}
