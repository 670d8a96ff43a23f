//! The real keyboard and screen: [`Prompter`] over inquire prompts. Prompts
//! and the text between them go to standard error, so standard output carries
//! only the report.

use std::cell::Cell;
use std::io::{self, IsTerminal, Write};

use std::time::{Duration, Instant};

use inquire::Text;
use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use inquire::validator::{ErrorMessage, Validation};

use super::input::{self, expected};
use super::onekey::{Line, List, Prompt, Step};
use super::prompt::{Ask, ChooseAsk, Prompter, Reply, Shown, Stop, TextAsk, keys};
use crate::answers::{self, Value};
use crate::error::Error;
use crate::output::terminal_text;
use crate::questionnaire::{Question, QuestionKind};

/// Prompts on the terminal ecodiag runs in.
#[derive(Debug)]
pub struct Terminal {
    color: bool,
    /// Until when an Enter is taken as the tail of a one-key answer.
    settle_until: Cell<Option<Instant>>,
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
            settle_until: Cell::new(None),
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

impl Prompter for Terminal {
    fn show(&mut self, kind: Shown, text: &str) -> Result<(), Stop> {
        use anstyle::{AnsiColor, Style};
        let plain = text;
        let width = size().0.clamp(20, 120);
        let wrapped = wrap(&terminal_text(text), width.saturating_sub(2));
        let text = wrapped.as_str();
        let bold = Style::new().bold();
        let out = match kind {
            Shown::Title => format!("\n{}\n", self.paint(bold.underline(), text)),
            Shown::Text => format!("{text}\n"),
            Shown::Heading => {
                // The title between rules when it fits, else wrapped after one.
                let plain = terminal_text(plain);
                let (title, rest) = plain.split_once('\n').unwrap_or((&plain, ""));
                let ruled = format!("── {title} ──");
                let ruled = if unicode_width::UnicodeWidthStr::width(ruled.as_str()) < width {
                    ruled
                } else {
                    wrap(&format!("── {title}"), width.saturating_sub(1))
                };
                let mut s = format!("\n{}\n", self.paint(bold, &ruled));
                for line in wrap(rest, width.saturating_sub(2)).lines() {
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
            Shown::Recap => {
                let style = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
                format!("{}\n", self.paint(style, text))
            }
        };
        io::stderr().write_all(out.as_bytes()).map_err(Stop::Failed)
    }

    fn question(&mut self, ask: &Ask<'_>) -> Result<Reply, Stop> {
        // One line of question, spaces single, so the answer's colour lands
        // right when it wraps.
        let text = ask.question.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let message = terminal_text(&format!("{}\n  {text}", ask.progress)).into_owned();
        match &ask.question.kind {
            QuestionKind::Number(_) | QuestionKind::Percent(_) => self.number(ask, &message),
            QuestionKind::Multi { .. } => self.multi(ask, &message),
            _ => self.single(ask, &message),
        }
    }

    fn text(&mut self, ask: &TextAsk<'_>) -> Result<Option<String>, Stop> {
        self.settle()?;
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

    /// A menu: a numbered list whose number answers at once, as at a
    /// question; typing never filters it.
    fn choose(&mut self, ask: &ChooseAsk<'_>) -> Result<Option<usize>, Stop> {
        let lines: Vec<(String, String)> = ask
            .items
            .iter()
            .enumerate()
            .map(|(i, label)| ((i + 1).to_string(), terminal_text(label.trim()).into_owned()))
            .collect();
        let start = (!lines.is_empty()).then(|| ask.start.min(lines.len() - 1));
        let mut list = List::single(lines.iter().map(|(k, _)| k.clone()).collect(), start);
        let message = terminal_text(ask.label).into_owned();
        let help = format!(
            "press the number of a line, or ↑↓ and Enter · {}",
            terminal_text(ask.help)
        );
        let frame = |list: &List| self.list_frame(&message, &lines, list, &help, "");
        self.run(&message, &mut list, &frame, &|step| match step {
            Step::Choose(i) => Ok((*i, lines[*i].1.clone())),
            other => Err(format!("unexpected {other:?}")),
        })
    }
}

impl Terminal {
    /// Scales, yes/no and single choice: one list, a key per line; the key
    /// answers at once.
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
        let current = ask
            .current
            .and_then(|v| items.iter().position(|it| it.reply == Reply::Answer(v.clone())));
        let mut list = List::single(items.iter().map(|it| it.key.clone()).collect(), current);
        let help = format!(
            "press the key of a line, or ↑↓ and Enter{} · Esc back · Ctrl-C stop",
            keep_hint(ask)
        );
        let lines = drawn(&items);
        let frame =
            |list: &List| self.list_frame(message, &lines, list, &help, &(ask.timing)(Instant::now()));
        self.run(message, &mut list, &frame, &|step| {
            list_reply(question, &items, step)
        })
        .map(|reply| reply.unwrap_or(Reply::Back))
    }

    /// Multiple choice: the key of an option marks it (or Space on the line
    /// under the cursor), Enter confirms; "don't know" and the other special
    /// keys answer at once, alone.
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
        let (marked, current) = match ask.current {
            Some(Value::Multi(ixs)) => (ixs.clone(), None),
            Some(v @ (Value::Unknown | Value::NotApplicable)) => (
                Vec::new(),
                items.iter().position(|it| it.reply == Reply::Answer(v.clone())),
            ),
            _ => (Vec::new(), None),
        };
        let keys_of: Vec<String> = items.iter().map(|it| it.key.clone()).collect();
        let mut list = List::multi(keys_of, options.len(), &marked, current);
        let help = format!(
            "press a key to mark its line (or Space), Enter to confirm{} · Esc back · Ctrl-C stop",
            keep_hint(ask)
        );
        let lines = drawn(&items);
        let frame =
            |list: &List| self.list_frame(message, &lines, list, &help, &(ask.timing)(Instant::now()));
        self.run(message, &mut list, &frame, &|step| {
            list_reply(question, &items, step)
        })
        .map(|reply| reply.unwrap_or(Reply::Back))
    }

    /// Numbers and percentages: typed, checked on Enter, and refused with the
    /// reason when they do not fit. A key typed first answers at once.
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
        let keep = if ask.current.is_some() {
            " · Enter keeps the answer"
        } else {
            " · s or Enter skips"
        };
        let help = format!(
            "{} · {} don't know{na}{keep} · {} help · {} menu · Esc back",
            terminal_text(&expected(question)),
            keys::UNKNOWN,
            keys::HELP,
            keys::MENU
        );
        let mut takes = vec![keys::UNKNOWN, keys::SKIP, keys::HELP, keys::MENU];
        if question.not_applicable.is_some() {
            takes.push(keys::NOT_APPLICABLE);
        }
        let takes: Vec<char> = takes.iter().filter_map(|k| k.chars().next()).collect();
        let mut line = Line::new(takes, initial);
        let frame = |line: &Line| self.line_frame(message, line, &help, &(ask.timing)(Instant::now()));
        let decide = |step: &Step| {
            let Step::Submit(typed) = step else {
                return Err(format!("unexpected {step:?}"));
            };
            let reply = input::typed_reply(question, typed)?;
            let shown = match &reply {
                Reply::Answer(Value::Unknown) => "Don't know".to_owned(),
                Reply::Answer(Value::NotApplicable) => "Not applicable".to_owned(),
                Reply::Answer(v) => terminal_text(&answers::display(question, Some(v))).into_owned(),
                Reply::Skip => "(skipped)".to_owned(),
                Reply::Help => "Help on this question".to_owned(),
                Reply::Menu => "Menu".to_owned(),
                Reply::Back => String::new(),
            };
            Ok((reply, shown))
        };
        self.run(message, &mut line, &frame, &decide)
            .map(|reply| reply.unwrap_or(Reply::Back))
    }

    /// Runs a question prompt until it ends: keys go to `state`, and each
    /// decision to `decide`, whose refusal is shown while the prompt goes on.
    /// Esc and Ctrl-C end it without a reply. The prompt is then replaced by
    /// its record.
    /// Esc gives `None`.
    fn run<S: Prompt, T>(
        &self,
        message: &str,
        state: &mut S,
        frame: &dyn Fn(&S) -> Vec<Row>,
        decide: &dyn Fn(&Step) -> Decision<T>,
    ) -> Result<Option<T>, Stop> {
        let mut screen = Screen::open().map_err(Stop::Failed)?;
        let (step, reply, shown) = loop {
            let step = read_step(&mut screen, &self.settle_until, state, frame)?;
            if matches!(step, Step::Back | Step::Interrupt) {
                break (step, None, None);
            }
            match decide(&step) {
                Ok((reply, shown)) => break (step, Some(reply), Some(shown)),
                Err(why) => state.refuse(why),
            }
        };
        self.close(screen, step, message, shown)?;
        Ok(reply)
    }

    /// An option list as drawn: the question, a line per option with its key
    /// (and box, for a multiple choice), a notice, and the keys.
    fn list_frame(
        &self,
        message: &str,
        items: &[(String, String)],
        list: &List,
        help: &str,
        timing: &str,
    ) -> Vec<Row> {
        use anstyle::{AnsiColor, Style};
        let (width, height) = size();
        let mut rows = self.message_rows("?", message, None, width);
        self.timing_row(&mut rows, timing, width);
        let cyan = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
        let mut blocks: Vec<Vec<Row>> = Vec::with_capacity(items.len());
        for (i, (key, label)) in items.iter().enumerate() {
            let mut block = Vec::new();
            let pointer = if list.cursor() == Some(i) { ">" } else { " " };
            let mark = match (list.is_multi(), list.is_marked(i)) {
                (false, _) => "",
                (true, None) => "    ",
                (true, Some(true)) => "[x] ",
                (true, Some(false)) => "[ ] ",
            };
            // Long labels wrap under themselves, clear of the keys.
            let lead = format!("{pointer} {mark}{key:>2}  ");
            let indent = " ".repeat(lead.chars().count());
            let wrapped = wrap(label, width.saturating_sub(indent.len() + 1).max(12));
            for (n, part) in wrapped.lines().enumerate() {
                let plain = format!("{}{part}", if n == 0 { &lead } else { &indent });
                let painted = if list.cursor() == Some(i) {
                    self.paint(cyan, &plain)
                } else {
                    plain.clone()
                };
                block.push(Row::new(plain, painted));
            }
            blocks.push(block);
        }
        let mut tail = Vec::new();
        self.tail_rows(&mut tail, list.notice(), help, width);
        // On a short terminal (a projector with a large font), show the lines
        // around the cursor; every key still works.
        let fixed: usize = rows.iter().chain(&tail).map(|r| r.height(width)).sum();
        let heights: Vec<usize> = blocks
            .iter()
            .map(|b| b.iter().map(|r| r.height(width)).sum())
            .collect();
        let shown = window(
            &heights,
            list.cursor().unwrap_or(0),
            height.saturating_sub(fixed + 1),
        );
        let dim = Style::new().dimmed();
        if shown.start > 0 {
            let plain = format!("  ↑ {} more", shown.start);
            rows.push(Row::new(plain.clone(), self.paint(dim, &plain)));
        }
        let after = items.len() - shown.end;
        rows.extend(blocks.drain(shown).flatten());
        if after > 0 {
            let plain = format!("  ↓ {after} more");
            rows.push(Row::new(plain.clone(), self.paint(dim, &plain)));
        }
        rows.extend(tail);
        rows
    }

    /// A typed answer as drawn: the question with the text typed so far, a
    /// notice, and the keys. The terminal's cursor ends after the text.
    fn line_frame(&self, message: &str, line: &Line, help: &str, timing: &str) -> Vec<Row> {
        let width = size().0;
        let mut rows = self.message_rows("?", message, None, width);
        self.timing_row(&mut rows, timing, width);
        let mut tail = Vec::new();
        self.tail_rows(&mut tail, line.notice(), help, width);
        rows.extend(tail);
        let plain = format!("  › {}", line.text());
        rows.push(Row::new(plain.clone(), plain));
        rows
    }

    /// The progress line and the question, after a sign; the answer, when
    /// given, at the end of the question.
    fn message_rows(&self, sign: &str, message: &str, answer: Option<&str>, columns: usize) -> Vec<Row> {
        use anstyle::{AnsiColor, Style};
        let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
        let cyan = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
        let lines: Vec<&str> = message.lines().collect();
        let last = lines.len().saturating_sub(1);
        lines
            .iter()
            .enumerate()
            .flat_map(|(i, text)| -> Vec<Row> {
                let (lead, lead_painted) = if i == 0 {
                    (format!("{sign} "), format!("{} ", self.paint(green, sign)))
                } else {
                    (String::new(), String::new())
                };
                if i > 0 {
                    // The question, wrapped under itself; the answer, in its
                    // colour, after it.
                    let indent = " ".repeat(text.len() - text.trim_start().len());
                    let question = text.trim_start();
                    let answer = answer.filter(|_| i == last);
                    let body = match answer {
                        Some(a) => format!("{question} {a}"),
                        None => question.to_owned(),
                    };
                    // Wrapping turns single spaces into line breaks, so
                    // character offsets hold across the lines.
                    let answer_at = answer.map_or(usize::MAX, |_| question.chars().count() + 1);
                    let width = columns.saturating_sub(indent.len() + 1).max(12);
                    let mut offset = 0;
                    return wrap_spaced(&body, width)
                        .lines()
                        .map(|part| {
                            let count = part.chars().count();
                            let split = answer_at.saturating_sub(offset).min(count);
                            let at = part.char_indices().nth(split).map_or(part.len(), |(b, _)| b);
                            offset += count + 1;
                            let (before, after) = part.split_at(at);
                            let painted = if after.is_empty() {
                                format!("{indent}{before}")
                            } else {
                                format!("{indent}{before}{}", self.paint(cyan, after))
                            };
                            Row::new(format!("{indent}{part}"), painted)
                        })
                        .collect();
                }
                let mut plain = format!("{lead}{text}");
                let mut painted = format!("{lead_painted}{}", self.paint(Style::new().bold(), text));
                if let (Some(answer), true) = (answer, i == last) {
                    plain.push_str(&format!(" {answer}"));
                    painted.push_str(&format!(" {}", self.paint(cyan, answer)));
                }
                vec![Row::new(plain, painted)]
            })
            .collect()
    }

    /// The notice, if any, and the keys, wrapped on words to the width.
    fn tail_rows(&self, rows: &mut Vec<Row>, notice: Option<&str>, help: &str, width: usize) {
        use anstyle::{AnsiColor, Style};
        let room = width.saturating_sub(1).max(12);
        if let Some(notice) = notice {
            let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
            for line in wrap(&format!("# {}", terminal_text(notice)), room).lines() {
                rows.push(Row::new(line.to_owned(), self.paint(red, line)));
            }
        }
        let dim = Style::new().dimmed();
        for line in wrap(&format!("[{help}]"), room).lines() {
            rows.push(Row::new(line.to_owned(), self.paint(dim, line)));
        }
    }

    /// The session's time, at the right of the progress line when it fits,
    /// else on a line of its own under it.
    fn timing_row(&self, rows: &mut Vec<Row>, timing: &str, width: usize) {
        if timing.is_empty() {
            return;
        }
        let dim = anstyle::Style::new().dimmed();
        let timing = terminal_text(timing);
        let wide = unicode_width::UnicodeWidthStr::width(timing.as_ref());
        let room = width.saturating_sub(1);
        match rows.first_mut() {
            Some(first) if first.width + 2 + wide <= room => {
                let pad = room - first.width - wide;
                first.painted.push_str(&" ".repeat(pad));
                first.painted.push_str(&self.paint(dim, &timing));
                first.width = room;
            }
            _ => {
                let plain = format!("  {timing}");
                let at = rows.len().min(1);
                rows.insert(at, Row::new(plain.clone(), self.paint(dim, &plain)));
            }
        }
    }

    /// Replaces the prompt with what was answered (or "(back)"), as a record
    /// of the session on the screen; Ctrl-C becomes [`Stop::Interrupted`].
    fn close(&self, screen: Screen, step: Step, message: &str, shown: Option<String>) -> Result<(), Stop> {
        let columns = size().0;
        let rows = match (&step, shown) {
            (Step::Interrupt, _) => self.message_rows("?", message, None, columns),
            (_, Some(shown)) => self.message_rows(">", message, Some(&shown), columns),
            (_, None) => self.message_rows(">", message, Some("(back)"), columns),
        };
        screen.close(&rows).map_err(Stop::Failed)?;
        if step == Step::Interrupt {
            return Err(Stop::Interrupted);
        }
        Ok(())
    }

    /// Before an inquire prompt: swallow an Enter typed out of habit after a
    /// one-key answer, which would otherwise choose the menu's first line.
    fn settle(&mut self) -> Result<(), Stop> {
        use crossterm::event::{self, Event, KeyCode};
        let Some(until) = self.settle_until.take() else {
            return Ok(());
        };
        let _raw = RawMode::enable().map_err(Stop::Failed)?;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            if !event::poll(left).map_err(Stop::Failed)? {
                break;
            }
            if let Event::Key(key) = event::read().map_err(Stop::Failed)?
                && key.code != KeyCode::Enter
            {
                break;
            }
        }
        Ok(())
    }
}

/// The terminal's width in columns and height in rows, asked once per frame.
fn size() -> (usize, usize) {
    crossterm::terminal::size().map_or((80, 24), |(c, r)| (usize::from(c.max(1)), usize::from(r.max(1))))
}

/// Which lines of a list to draw in `budget` rows, given each line's height:
/// all of them when they fit, else a run that holds `focus`, with a row kept
/// above and below for "more" marks.
fn window(heights: &[usize], focus: usize, budget: usize) -> std::ops::Range<usize> {
    if heights.iter().sum::<usize>() <= budget {
        return 0..heights.len();
    }
    let focus = focus.min(heights.len().saturating_sub(1));
    let room = budget.saturating_sub(2);
    let (mut start, mut end) = (focus, focus + 1);
    let mut used = heights.get(focus).copied().unwrap_or(0);
    // The lines after the cursor first (the next choices), then those before.
    while end < heights.len() && used + heights[end] <= room {
        used += heights[end];
        end += 1;
    }
    while start > 0 && used + heights[start - 1] <= room {
        start -= 1;
        used += heights[start];
    }
    start..end.min(heights.len())
}

/// How often a prompt is drawn again while nobody types, so the time on it
/// stays current.
const REDRAW: Duration = Duration::from_secs(15);

/// How long after a one-key answer an Enter is taken as part of it.
const SETTLE: Duration = Duration::from_millis(300);

/// Feeds keys to a prompt's state until it decides something, drawing it after
/// every key. An Enter within [`SETTLE`] of a one-key answer is ignored.
fn read_step<S: Prompt>(
    screen: &mut Screen,
    settle_until: &Cell<Option<Instant>>,
    state: &mut S,
    frame: &dyn Fn(&S) -> Vec<Row>,
) -> Result<Step, Stop> {
    use crossterm::event::{self, Event, KeyCode, KeyEventKind};
    loop {
        screen.draw(&frame(state)).map_err(Stop::Failed)?;
        // No key for a while: draw again, for the clock on the screen.
        if !event::poll(REDRAW).map_err(Stop::Failed)? {
            continue;
        }
        let Event::Key(pressed) = event::read().map_err(Stop::Failed)? else {
            continue;
        };
        if pressed.kind == KeyEventKind::Release {
            continue;
        }
        if pressed.code == KeyCode::Enter && settle_until.get().is_some_and(|until| Instant::now() < until) {
            continue;
        }
        settle_until.set(None);
        let step = state.key(pressed);
        if step != Step::Wait {
            if matches!(pressed.code, KeyCode::Char(_)) {
                settle_until.set(Some(Instant::now() + SETTLE));
            }
            return Ok(step);
        }
    }
}

/// A line as drawn: the text with its colours, and how many columns it takes.
struct Row {
    painted: String,
    width: usize,
}

impl Row {
    fn new(plain: String, painted: String) -> Self {
        Row {
            width: unicode_width::UnicodeWidthStr::width(plain.as_str()),
            painted,
        }
    }

    /// Terminal rows the line takes at `columns` wide.
    fn height(&self, columns: usize) -> usize {
        self.width.div_ceil(columns.max(1)).max(1)
    }
}

/// The terminal in raw mode while a prompt owns it: restored on drop, also
/// when the prompt ends with an error.
struct RawMode;

impl RawMode {
    fn enable() -> io::Result<Self> {
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// The rows a prompt has drawn on standard error, redrawn in place.
struct Screen {
    /// Terminal rows the last frame took; the cursor is on the last of them.
    rows: usize,
    _raw: RawMode,
}

impl Screen {
    fn open() -> io::Result<Self> {
        Ok(Screen {
            rows: 0,
            _raw: RawMode::enable()?,
        })
    }

    /// Rubs out the last frame.
    fn clear(&mut self, out: &mut impl Write) -> io::Result<()> {
        use crossterm::{cursor, queue, terminal};
        if self.rows > 1 {
            queue!(
                out,
                cursor::MoveUp(u16::try_from(self.rows - 1).unwrap_or(u16::MAX))
            )?;
        }
        queue!(
            out,
            cursor::MoveToColumn(0),
            terminal::Clear(terminal::ClearType::FromCursorDown)
        )?;
        self.rows = 0;
        Ok(())
    }

    fn draw(&mut self, rows: &[Row]) -> io::Result<()> {
        let columns = size().0;
        let mut out = io::stderr().lock();
        self.clear(&mut out)?;
        let text: Vec<&str> = rows.iter().map(|r| r.painted.as_str()).collect();
        out.write_all(text.join("\r\n").as_bytes())?;
        self.rows = rows.iter().map(|r| r.height(columns)).sum();
        out.flush()
    }

    /// Replaces the frame with `rows`, leaving them above the next prompt.
    fn close(mut self, rows: &[Row]) -> io::Result<()> {
        let mut out = io::stderr().lock();
        self.clear(&mut out)?;
        for row in rows {
            out.write_all(row.painted.as_bytes())?;
            out.write_all(b"\r\n")?;
        }
        out.flush()
    }
}

/// Wraps text on words by display width, for a narrow screen: words are
/// split only where they are longer than a line, never at a hyphen
/// (`Ctrl-C` stays whole); line breaks in the text are kept. In a list of
/// short items joined by ` · ` (the keys: `Esc back · Ctrl-C stop`), an item
/// is not split either: a key stays beside what it does.
fn wrap(text: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let glued: Vec<String> = text
        .split(" · ")
        .map(|item| {
            let short = unicode_width::UnicodeWidthStr::width(item) <= GLUED_ITEM;
            if short && !item.contains('\n') && text.contains(" · ") {
                item.replace(' ', &GLUE.to_string())
            } else {
                item.to_owned()
            }
        })
        .collect();
    // The dot stays at the end of a line, not at the start of the next.
    let list = if text.contains(" · ") {
        format!("{GLUE}· ")
    } else {
        " · ".to_owned()
    };
    textwrap::fill(&glued.join(&list), options).replace(GLUE, " ")
}

/// Items of a ` · ` list up to this wide are kept on one line.
const GLUED_ITEM: usize = 20;

/// Stands for a space that must not break a line while text is wrapped: a
/// character of the same width that the wrapping does not break at (from the
/// private use area, so text from files does not hold it).
const GLUE: char = '\u{e000}';

/// Like [`wrap`], but breaking only at single spaces, each break taking one:
/// character offsets in the text hold across the lines. For text whose
/// spaces are single.
fn wrap_spaced(text: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(1))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::fill(text, options)
}

/// An option list's lines as drawn: key and label.
fn drawn(items: &[Item]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|it| (it.key.clone(), it.label.clone()))
        .collect()
}

fn item(key: &str, label: &str, reply: Reply) -> Item {
    Item {
        key: key.to_owned(),
        label: terminal_text(label.trim()).into_owned(),
        reply,
    }
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

/// A prompt's decision taken: the reply and how it is recorded on screen; or
/// why it is refused.
type Decision<T = Reply> = Result<(T, String), String>;

/// What a decision at an option list means, and how it is recorded: a line
/// chosen (its key and label for an answer, the label alone for "don't know"
/// and the other special lines), or the confirmed options of a multiple choice.
fn list_reply(question: &Question, items: &[Item], step: &Step) -> Decision {
    match step {
        Step::Choose(i) => {
            let it = &items[*i];
            let shown = match &it.reply {
                Reply::Answer(v) if v.is_answer() => format!("{} · {}", it.key, it.label),
                _ => it.label.clone(),
            };
            Ok((it.reply.clone(), shown))
        }
        Step::Confirm(chosen) => {
            let reply = multi_reply(question, chosen)?;
            let options = question.kind.options();
            let shown = chosen
                .iter()
                .map(|&i| options[i].label.trim())
                .collect::<Vec<_>>()
                .join("; ");
            let shown = terminal_text(&shown).into_owned();
            Ok((reply, shown))
        }
        other => Err(format!("unexpected {other:?}")),
    }
}

/// What the confirmed options of a multiple choice mean; an error is why
/// they are refused.
fn multi_reply(question: &Question, chosen: &[usize]) -> Result<Reply, String> {
    let options = question.kind.options();
    if chosen.is_empty()
        && let Some(none) = options.iter().find(|o| o.exclusive)
    {
        return Err(format!(
            "mark at least one line (“{}” if none applies), or press {} for “don't know”",
            none.label.trim(),
            keys::UNKNOWN
        ));
    }
    let ids: Vec<String> = chosen.iter().map(|&i| options[i].id.clone()).collect();
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
    use super::{window, wrap, wrap_spaced};

    #[test]
    fn a_short_terminal_shows_the_lines_around_the_cursor() {
        let heights = [1, 1, 2, 1, 1, 1, 1, 1];
        assert_eq!(window(&heights, 0, 9), 0..8);
        assert_eq!(window(&heights, 0, 6), 0..3);
        assert_eq!(window(&heights, 3, 6), 3..7);
        assert_eq!(window(&heights, 7, 6), 4..8);
        // Too little room for even one line: the cursor's line alone.
        assert_eq!(window(&heights, 2, 1), 2..3);
        assert_eq!(window(&[], 0, 0), 0..0);
    }

    #[test]
    fn wrapping_breaks_between_words_by_display_width() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("keep\nbreaks", 40), "keep\nbreaks");
        // Hints stay readable: never "Ctrl-/C" nor "b/ack", and a key stays
        // beside what it does.
        assert_eq!(
            wrap("[s skip · Esc back · Ctrl-C stop]", 14),
            "[s skip ·\nEsc back ·\nCtrl-C stop]"
        );
        assert_eq!(
            wrap("a percentage from 0 to 100 · x not applicable · s skip", 30),
            "a percentage from 0 to 100 ·\nx not applicable · s skip"
        );
        // Only spaces break a line, whatever line-breaking rules the
        // wrapping crate was built with: never after the `?` of `? help`.
        let keys = "the number or letter shown · s skip · ? help · m menu";
        assert_eq!(
            wrap(keys, 40),
            "the number or letter shown · s skip ·\n? help · m menu"
        );
        // Wide characters take two columns each.
        assert_eq!(wrap("日本語 日本語", 7), "日本語\n日本語");
        // Only a word longer than the line is split.
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            "avery\nveryv\nerylo\nngwor\nd x"
        );
        assert_eq!(
            wrap_spaced("averyveryverylongword x", 5),
            "averyveryverylongword\nx"
        );
    }
}
