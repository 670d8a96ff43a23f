//! Starting a session: find or create the answers file, resume it when it is
//! this client's, ask for the header fields nobody gave, and introduce the
//! questionnaire.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::flow::Walk;
use super::lock::Lock;
use super::prompt::{ChooseAsk, Exit, Prompter, Shown, Stop, TextAsk, keys};
use super::recover;
use super::session::{Session, Tally};
use super::store;
use crate::answers::{self, Answers, Role};
use crate::diagnostic::render_problems;
use crate::error::Error;
use crate::output::terminal_text;
use crate::questionnaire::{self, Loaded};
use crate::yaml::Limits;

/// What `ecodiag assess` was told, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// `--assessment`: a bundled id or a questionnaire file.
    pub assessment: Option<String>,
    /// `--answers`: the file to write (and to resume when it exists).
    pub answers: Option<PathBuf>,
    pub client: Option<String>,
    pub respondent: Option<String>,
    pub role: Option<Role>,
    /// The date written into a new file.
    pub date: jiff::civil::Date,
    /// Walk through every answer, not only the open ones.
    pub review: bool,
    /// The time box, spread over the buckets; `None` for none.
    pub minutes: Option<u32>,
    /// Where a file named after the client goes.
    pub dir: PathBuf,
}

/// A session ready to run, and the walk to start with.
#[derive(Debug)]
pub struct Opened {
    pub session: Session,
    pub walk: Walk,
    pub minutes: Option<u32>,
}

/// Opens the session. `Ok(None)` when the user stopped before any file was
/// written.
pub fn open(setup: &Setup, p: &mut dyn Prompter) -> Result<Option<Opened>, Error> {
    match open_inner(setup, p) {
        Ok(opened) => Ok(Some(opened)),
        Err(exit) => exit.interrupted().map(|()| None),
    }
}

fn open_inner(setup: &Setup, p: &mut dyn Prompter) -> Result<Opened, Exit> {
    let limits = Limits::DEFAULT;
    // An explicit file that exists is resumed, whatever else was given. It is
    // locked first: from then on nobody else's session writes it.
    let mut held = None;
    if let Some(path) = &setup.answers {
        let lock = Lock::acquire(&store::target(path))?;
        if path.exists() {
            let existing = read_existing(path, setup.assessment.as_deref(), &limits)?;
            if let Some(client) = &setup.client
                && client.trim() != existing.answers.client
            {
                return Err(Error::Usage(format!(
                    "{} holds the answers of {}, not {}; give another --answers file, or leave out --client to resume it",
                    shown(path),
                    terminal_text(&existing.answers.client),
                    terminal_text(client.trim())
                ))
                .into());
            }
            intro(p, &existing.loaded.questionnaire, setup.minutes)?;
            return resume(setup, p, existing, path.clone(), lock);
        }
        held = Some(lock);
    }
    let loaded = questionnaire::resolve(
        setup.assessment.as_deref().unwrap_or(questionnaire::default_id()),
        &limits,
    )?;
    intro(p, &loaded.questionnaire, setup.minutes)?;
    let client = match &setup.client {
        Some(client) => client.trim().to_owned(),
        None => ask_client(p)?,
    };
    let path = match &setup.answers {
        Some(path) => path.clone(),
        None => match default_path(setup, &client, &loaded, p, &limits)? {
            Found::New(path) => path,
            Found::Resume(path) => {
                let lock = Lock::acquire(&store::target(&path))?;
                let existing = read_existing(&path, setup.assessment.as_deref(), &limits)?;
                return resume(setup, p, existing, path, lock);
            }
        },
    };
    let lock = match held {
        Some(lock) => lock,
        None => Lock::acquire(&store::target(&path))?,
    };
    if path.exists() {
        // Made by someone else while this session was starting.
        return Err(Error::Usage(format!(
            "{} appeared while this session was starting; run ecodiag assess again to resume it",
            shown(&path)
        ))
        .into());
    }
    let respondent = match &setup.respondent {
        Some(name) => Some(name.trim().to_owned()).filter(|n| !n.is_empty()),
        None => p
            .text(&TextAsk {
                label: "Who is answering? (a name, or Enter to leave it out)",
                help: "written into the answers file as the respondent",
                required: false,
            })?
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
    };
    let role = match setup.role {
        Some(role) => role,
        None => ask_role(p)?,
    };
    let q = &loaded.questionnaire;
    let mut answers = Answers::empty(q, client);
    answers.respondent = answers::Respondent {
        name: respondent,
        role: Some(role),
    };
    answers.date = Some(setup.date);
    let mut session = Session::new(Arc::clone(&loaded), answers, path, lock, None);
    session.assessment_arg = file_arg(setup.assessment.as_deref());
    unguarded(&session, p)?;
    recover::save(&mut session, p, None)?;
    p.show(
        Shown::Notice,
        &format!("Saving to {} after every answer.", session.path().display()),
    )?;
    Ok(Opened {
        session,
        walk: if setup.review { Walk::ALL } else { Walk::OPEN },
        minutes: setup.minutes,
    })
}

/// Says so when no lock could be taken: another session could write too.
fn unguarded(session: &Session, p: &mut dyn Prompter) -> Result<(), Stop> {
    match session.lock().unavailable_reason() {
        Some(why) => p.show(
            Shown::Notice,
            &format!("Not locked ({why}): another ecodiag assess could write this file at the same time."),
        ),
        None => Ok(()),
    }
}

fn shown(path: &Path) -> String {
    terminal_text(&path.display().to_string()).into_owned()
}

/// A file that already holds answers, read and checked.
struct Existing {
    loaded: Arc<Loaded>,
    answers: Answers,
    warnings: Vec<crate::diagnostic::Problem>,
    source: crate::diagnostic::SourceFile,
}

fn read_existing(path: &Path, assessment: Option<&str>, limits: &Limits) -> Result<Existing, Error> {
    let parsed = answers::read(path, limits)?;
    let name = assessment.unwrap_or_else(|| parsed.assessment()).to_owned();
    let loaded = questionnaire::resolve(&name, limits)?;
    if parsed.assessment() != loaded.questionnaire.id {
        return Err(Error::Usage(format!(
            "{} answers the assessment `{}`, not `{}`; give another --answers file to start a new one",
            shown(path),
            terminal_text(parsed.assessment()),
            loaded.questionnaire.id
        )));
    }
    let (answers, warnings) = answers::check(&parsed, &loaded.questionnaire)?;
    Ok(Existing {
        loaded,
        answers,
        warnings,
        source: parsed.source,
    })
}

fn resume(
    setup: &Setup,
    p: &mut dyn Prompter,
    existing: Existing,
    path: PathBuf,
    lock: Lock,
) -> Result<Opened, Exit> {
    let Existing {
        loaded,
        answers,
        warnings,
        source,
    } = existing;
    if !warnings.is_empty() {
        let file = crate::diagnostic::FileProblems {
            file: source.clone(),
            problems: warnings,
        };
        p.show(Shown::Notice, render_problems(&file, false).trim_end())?;
    }
    let mut session = Session::new(loaded, answers, path, lock, Some(source.text().to_owned()));
    session.assessment_arg = file_arg(setup.assessment.as_deref());
    unguarded(&session, p)?;
    // The file is rewritten only once something changes.
    if respondent(setup, p, &mut session)? {
        recover::save(&mut session, p, None)?;
    }
    let t = session.tally();
    let mut text = format!(
        "Resuming {}: {} of {} questions answered",
        session.path().display(),
        t.given,
        t.visible
    );
    if t.unknown > 0 {
        text.push_str(&format!(", {} of them “don't know”", t.unknown));
    }
    text.push('.');
    if setup.review {
        text.push_str(" Reviewing every answer: Enter keeps it.");
    }
    p.show(Shown::Notice, &text)?;
    Ok(Opened {
        session,
        walk: if setup.review { Walk::ALL } else { Walk::OPEN },
        minutes: setup.minutes,
    })
}

/// `--respondent` and `--role` on a resumed file. What the file lacks is
/// filled in; a different respondent already in the file is not replaced
/// without asking, since it says who gave every answer in it. Returns
/// whether the header changed.
fn respondent(setup: &Setup, p: &mut dyn Prompter, session: &mut Session) -> Result<bool, Exit> {
    let now = session.answers().respondent.clone();
    let name = setup
        .respondent
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let mut wanted = now.clone();
    let mut clash = false;
    if let Some(name) = name {
        clash |= now.name.as_ref().is_some_and(|n| *n != name);
        wanted.name = Some(name);
    }
    if let Some(role) = setup.role {
        clash |= now.role.is_some_and(|r| r != role);
        wanted.role = Some(role);
    }
    if wanted == now {
        return Ok(false);
    }
    if clash {
        let who = |r: &answers::Respondent| {
            let name = r
                .name
                .as_deref()
                .map_or_else(|| "no name".to_owned(), |n| terminal_text(n).into_owned());
            match r.role {
                Some(role) => format!("{name} ({role})"),
                None => name,
            }
        };
        let items = [
            format!("Keep {} as the respondent", who(&now)),
            format!(
                "Record {} as the respondent of every answer in the file",
                who(&wanted)
            ),
        ];
        let label = format!(
            "{} was answered by {}, and this session was started for {}",
            session.path().display(),
            who(&now),
            who(&wanted)
        );
        let chosen = p.choose(&ChooseAsk {
            label: &label,
            items: &items,
            start: 0,
            help: "one file holds one respondent's answers: to keep them apart, stop (Ctrl-C) and give another --answers file; Esc keeps the file's",
        })?;
        if chosen != Some(1) {
            return Ok(false);
        }
    }
    session.answers_mut().respondent = wanted;
    Ok(true)
}

enum Found {
    New(PathBuf),
    Resume(PathBuf),
}

/// `<client>-<date>.yaml` in the directory; when that holds someone else's
/// answers (or cannot be read), `-2`, `-3`, … — never overwriting it.
fn default_path(
    setup: &Setup,
    client: &str,
    loaded: &Loaded,
    p: &mut dyn Prompter,
    limits: &Limits,
) -> Result<Found, Exit> {
    let base = answers::write::file_stem(Some(client), setup.date);
    let mut n = 0;
    loop {
        n += 1;
        let name = if n == 1 {
            format!("{base}.yaml")
        } else {
            format!("{base}-{n}.yaml")
        };
        let path = setup.dir.join(&name);
        if !path.exists() {
            return offer_earlier(setup, client, loaded, p, limits, path);
        }
        let theirs = answers::read(&path, limits).ok().map(|parsed| {
            (
                parsed.raw.client.value.trim().to_owned(),
                parsed.assessment().to_owned(),
            )
        });
        match theirs {
            Some((c, a)) if c == client && a == loaded.questionnaire.id => {
                return Ok(Found::Resume(path));
            }
            Some((c, _)) => p.show(
                Shown::Notice,
                &format!("{} holds the answers of {c}; leaving it alone.", path.display()),
            )?,
            None => p.show(
                Shown::Notice,
                &format!(
                    "{} exists and is not an answers file for {client}; leaving it alone.",
                    path.display()
                ),
            )?,
        }
    }
}

/// Before starting a new file, offers to continue this client's most recent
/// earlier one in the same folder (a session stopped on another day).
fn offer_earlier(
    setup: &Setup,
    client: &str,
    loaded: &Loaded,
    p: &mut dyn Prompter,
    limits: &Limits,
    new: PathBuf,
) -> Result<Found, Exit> {
    let stem = answers::write::file_stem(Some(client), setup.date);
    let slug = stem.strip_suffix(&setup.date.to_string()).unwrap_or(&stem);
    let folder = if setup.dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        setup.dir.as_path()
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(Found::New(new));
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(slug) && name.ends_with(".yaml"))
        .collect();
    // Dates in the names sort in time order: the latest comes first.
    names.sort_unstable_by(|a, b| b.cmp(a));
    let earlier = names.into_iter().map(|name| setup.dir.join(name)).find(|path| {
        answers::read(path, limits).is_ok_and(|parsed| {
            parsed.raw.client.value.trim() == client && parsed.assessment() == loaded.questionnaire.id
        })
    });
    let Some(path) = earlier else {
        return Ok(Found::New(new));
    };
    let existing = read_existing(&path, setup.assessment.as_deref(), limits)?;
    let t = Tally::of(&existing.loaded.questionnaire, &existing.answers);
    let items = [
        format!(
            "Continue {} ({} of {} answered)",
            path.display(),
            t.given,
            t.visible
        ),
        format!("Start a new file, {}", new.display()),
    ];
    let label = format!("{client} already has answers in this folder");
    let chosen = p.choose(&ChooseAsk {
        label: &label,
        items: &items,
        start: 0,
        help: "Esc continues the earlier file",
    })?;
    Ok(match chosen {
        Some(1) => Found::New(new),
        _ => Found::Resume(path),
    })
}

fn ask_client(p: &mut dyn Prompter) -> Result<String, Exit> {
    loop {
        let name = p.text(&TextAsk {
            label: "Which company are these answers about?",
            help: "the client's name; it also names the answers file",
            required: true,
        })?;
        if let Some(name) = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) {
            return Ok(name);
        }
        p.show(Shown::Notice, "A client name is needed to name the answers file.")?;
    }
}

fn ask_role(p: &mut dyn Prompter) -> Result<Role, Exit> {
    let items: Vec<String> = Role::ALL.iter().map(|r| role_label(*r)).collect();
    let start = Role::ALL.iter().position(|r| *r == Role::Team).unwrap_or(0);
    let chosen = p.choose(&ChooseAsk {
        label: "In which role do they answer?",
        items: &items,
        start,
        help: "“team” for a room answering together; Esc keeps “team”",
    })?;
    Ok(chosen
        .and_then(|i| Role::ALL.get(i).copied())
        .unwrap_or(Role::Team))
}

fn role_label(role: Role) -> String {
    let what = match role {
        Role::Ceo => "the chief executive",
        Role::SalesLeader => "the head of sales",
        Role::SalesManager => "a front-line sales manager",
        Role::Rep => "a salesperson",
        Role::Marketing => "marketing",
        Role::Operations => "sales or revenue operations",
        Role::Finance => "finance",
        Role::CustomerSuccess => "customer success",
        Role::Consultant => "an outside consultant",
        Role::Team => "a room answering together, as in a workshop",
        Role::Other => "anyone else",
    };
    format!("{role} — {what}")
}

/// The questionnaire named on the command line, when it was a file: resuming
/// needs it again, since the answers file names only its id.
fn file_arg(assessment: Option<&str>) -> Option<String> {
    assessment
        .filter(|a| !questionnaire::BUNDLED.iter().any(|b| b.id == *a))
        .map(str::to_owned)
}

fn intro(p: &mut dyn Prompter, q: &questionnaire::Questionnaire, minutes: Option<u32>) -> Result<(), Stop> {
    p.show(Shown::Title, &format!("{} ({} {})", q.title, q.id, q.version))?;
    let total = q.questions.len();
    let conditional = q.questions.iter().filter(|x| x.show_if.is_some()).count();
    let names: Vec<&str> = q.buckets().map(|(_, g)| g.title.as_str()).collect();
    let then = if q.elements_of(q.macro_group()).next().is_some() {
        format!(" — then the {}", q.groups[q.macro_group()].title.to_lowercase())
    } else {
        String::new()
    };
    let count = if conditional > 0 {
        format!("{total} questions ({conditional} only when an earlier answer calls for them)")
    } else {
        format!("{total} questions")
    };
    let time = match minutes {
        Some(m) => format!(
            "Time box: {m} minutes, shared among the buckets by their questions. {}",
            questionnaire::duration_text(q)
        ),
        None => questionnaire::duration_text(q),
    };
    let text = format!(
        "{count} in {} buckets — {}{then}.\n\
         {time} Stop at any time and resume later.\n\
         Keys: one key answers — the number or letter shown · {} don't know · {} not applicable · {} skip · \
         {} help · {} menu · Esc back · Ctrl-C stop",
        names.len(),
        names.join(" · "),
        keys::UNKNOWN,
        keys::NOT_APPLICABLE,
        keys::SKIP,
        keys::HELP,
        keys::MENU,
    );
    p.show(Shown::Text, &text)
}
