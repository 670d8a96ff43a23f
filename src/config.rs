//! Input stage: the optional project file `ecodiag.toml`. A serde mirror of the
//! file as written (unknown keys refused, every value with its position), then
//! [`Config`], the checked options the commands use. Documented in
//! `docs/config.md`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use miette::SourceSpan;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::diagnostic::{Problem, SourceFile};
use crate::error::Error;
use crate::questionnaire::Severity;
use crate::yaml::{self, Limits};

pub mod targets;

pub use targets::{GoalSpec, Origin, TargetSpec, Targets};

/// The file looked for in the current directory and above when neither
/// `--config` nor `ECODIAG_CONFIG` names one.
pub const FILE_NAME: &str = "ecodiag.toml";

pub use toml::Spanned;

/// `ecodiag.toml` exactly as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(rename = "Config")]
pub struct RawConfig {
    /// The assessment to score against when a command is not given
    /// `--assessment`: a bundled id such as `sales-ecosystem`, or the path of a
    /// questionnaire file, relative to this file. Without it, each answers file
    /// is scored against the assessment it names.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub assessment: Option<Spanned<String>>,
    /// The client new answer files are started with, e.g. `"Acme Ltd"`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub client: Option<Spanned<String>>,
    /// The report format `score` and `diff` print when not given `--format`:
    /// `table`, `markdown`, `json` or `html` (`diff` prints a table for `html`).
    #[serde(default)]
    #[schemars(with = "Option<ReportFormat>")]
    pub format: Option<Spanned<ReportFormat>>,
    /// What `ecodiag check` asserts about every answers file.
    #[serde(default)]
    pub check: Option<RawCheck>,
    /// Targets by area (a bucket, element or culprit id, `macro` or
    /// `ecosystem`): a maturity level (`"L3"`, `"level 3"` or the level's
    /// name) or a score (a number). Reports show each area's gap to its target.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, targets::RawGoal>")]
    pub targets: BTreeMap<Spanned<String>, Spanned<targets::RawGoal>>,
}

/// A report format, as `--format` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReportFormat {
    /// Terminal tables.
    Table,
    /// Markdown for documents and pull requests.
    Markdown,
    /// The versioned JSON report.
    Json,
    /// A self-contained HTML page (`score` only).
    Html,
}

/// The `[check]` section: assertions in the style of eslint rules, each with a
/// level, and waivers.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawCheck {
    /// The format `check` prints when not given `--format`: `table`, `json`,
    /// `junit`, `markdown` or `github`.
    #[serde(default)]
    #[schemars(with = "Option<CheckFormat>")]
    pub format: Option<Spanned<CheckFormat>>,
    /// Fail when the ecosystem score (the mean of the buckets) is below a minimum.
    #[serde(default)]
    #[schemars(with = "Option<RawMinScore>")]
    pub min_score: Option<Spanned<RawMinScore>>,
    /// Fail when a bucket scores below a minimum: one for every bucket, and
    /// optionally a different one for named buckets.
    #[serde(default)]
    #[schemars(with = "Option<RawMinBucketScore>")]
    pub min_bucket_score: Option<Spanned<RawMinBucketScore>>,
    /// Fail when a root cause more severe than allowed is found (waived causes
    /// aside), e.g. `severity = "medium"` fails on any `high` cause.
    #[serde(default)]
    #[schemars(with = "Option<RawMaxSeverity>")]
    pub max_severity: Option<Spanned<RawMaxSeverity>>,
    /// Fail when a score dropped against the baseline (`--baseline`) by more
    /// than the tolerance, in points. Without the section, any drop fails.
    #[serde(default)]
    #[schemars(with = "Option<RawMaxDrop>")]
    pub max_drop: Option<Spanned<RawMaxDrop>>,
    /// How to treat a waiver past its expiry date: `off`, `warn` (the default)
    /// or `error`.
    #[serde(default)]
    #[schemars(with = "Option<AssertLevel>")]
    pub expired_waivers: Option<Spanned<AssertLevel>>,
    /// Fail when an area is short of its target in `[targets]`: `off` (the
    /// default), `warn` or `error`.
    #[serde(default)]
    #[schemars(with = "Option<AssertLevel>")]
    pub targets_met: Option<Spanned<AssertLevel>>,
    /// Root causes the assertions ignore, each with a reason and an expiry date.
    #[serde(default)]
    #[schemars(with = "Vec<RawWaiver>")]
    pub waivers: Vec<Spanned<RawWaiver>>,
}

/// What a failed assertion does, as in eslint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AssertLevel {
    /// Not checked.
    Off,
    /// Reported, but the build passes.
    Warn,
    /// Reported, and the build fails (exit code 1).
    Error,
}

impl AssertLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            AssertLevel::Off => "off",
            AssertLevel::Warn => "warn",
            AssertLevel::Error => "error",
        }
    }
}

/// The output format of `ecodiag check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CheckFormat {
    /// For people: one line per file, details under files that warn or fail
    /// (`text`, its old name, is still read).
    #[serde(alias = "text")]
    Table,
    /// One JSON document.
    Json,
    /// JUnit XML, one test suite per answers file.
    Junit,
    /// A short Markdown summary for a CI job summary or a pull request.
    Markdown,
    /// GitHub Actions annotations for what warns or fails, then the totals.
    Github,
}

/// `[check.min-score]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawMinScore {
    /// `off`, `warn` or `error`.
    #[schemars(with = "AssertLevel")]
    pub level: Spanned<AssertLevel>,
    /// The lowest acceptable ecosystem score, 0–100.
    #[schemars(with = "f64")]
    pub score: Spanned<f64>,
}

/// `[check.min-bucket-score]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawMinBucketScore {
    /// `off`, `warn` or `error`.
    #[schemars(with = "AssertLevel")]
    pub level: Spanned<AssertLevel>,
    /// The lowest acceptable score for every bucket, 0–100.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub score: Option<Spanned<f64>>,
    /// A different minimum for some buckets, by bucket id, e.g.
    /// `buckets = { sales-operations = 40 }`.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, f64>")]
    pub buckets: BTreeMap<Spanned<String>, Spanned<f64>>,
}

/// `[check.max-severity]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawMaxSeverity {
    /// `off`, `warn` or `error`.
    #[schemars(with = "AssertLevel")]
    pub level: Spanned<AssertLevel>,
    /// The most severe root cause allowed: `low` or `medium` (`high` allows all).
    #[schemars(with = "SeverityName")]
    pub severity: Spanned<SeverityName>,
}

/// A root cause's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SeverityName {
    /// A refinement; never decides the verdict.
    Low,
    /// A breakdown worth fixing.
    Medium,
    /// A breakdown that alone explains poor results.
    High,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Severity {
        match s {
            SeverityName::Low => Severity::Low,
            SeverityName::Medium => Severity::Medium,
            SeverityName::High => Severity::High,
        }
    }
}

/// `[check.max-drop]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawMaxDrop {
    /// `off`, `warn` or `error`.
    #[schemars(with = "AssertLevel")]
    pub level: Spanned<AssertLevel>,
    /// How many points the ecosystem score may fall below the baseline (0 by default).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub overall: Option<Spanned<f64>>,
    /// How many points any bucket score may fall below the baseline (0 by default).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub bucket: Option<Spanned<f64>>,
}

/// One `[[check.waivers]]` entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawWaiver {
    /// The root cause's id, e.g. `archaic-crm` (`ecodiag show` lists them).
    #[schemars(with = "String")]
    pub cause: Spanned<String>,
    /// Why it is accepted for now; shown in every report.
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
    /// The last day the waiver holds, as a TOML date (`2026-12-31`) or a
    /// `"YYYY-MM-DD"` string. From the day after, the cause counts again and the
    /// waiver is reported as expired.
    #[schemars(with = "DateText")]
    pub expires: Spanned<DateText>,
    /// Only for answers files of this client; every client when left out.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub client: Option<Spanned<String>>,
}

/// A date written as a TOML date or as a string; kept as text until checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateText(pub String);

impl JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date such as 2026-12-31")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<DateText, A::Error> {
                let date = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(DateText(date.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

// ── Checked options ───────────────────────────────────────────────────────

/// A checked `ecodiag.toml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it was read from, for messages; `None` when there is no file.
    pub source: Option<SourceFile>,
    /// `--assessment` when not typed: a bundled id, or a path already made
    /// relative to the current directory.
    pub assessment: Option<String>,
    pub client: Option<String>,
    pub format: Option<ReportFormat>,
    pub check: CheckConfig,
    /// `[targets]`, by area id.
    pub targets: Vec<TargetSpec>,
}

/// The assertions `check` evaluates.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckConfig {
    pub format: Option<CheckFormat>,
    pub min_score: Option<Threshold>,
    pub min_bucket_score: Option<BucketThreshold>,
    pub max_severity: Option<(AssertLevel, Severity)>,
    pub max_drop: MaxDrop,
    pub expired_waivers: AssertLevel,
    /// Level of the `targets-met` assertion.
    pub targets_met: AssertLevel,
    pub waivers: Vec<Waiver>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            format: None,
            min_score: None,
            min_bucket_score: None,
            max_severity: None,
            max_drop: MaxDrop {
                level: AssertLevel::Error,
                overall: 0.0,
                bucket: 0.0,
            },
            expired_waivers: AssertLevel::Warn,
            targets_met: AssertLevel::Off,
            waivers: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    pub level: AssertLevel,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BucketThreshold {
    pub level: AssertLevel,
    /// For every bucket not named in `buckets`.
    pub score: Option<f64>,
    /// By bucket id, with where the id is written.
    pub buckets: Vec<(String, f64, Option<SourceSpan>)>,
}

impl BucketThreshold {
    /// The minimum for a bucket, if any.
    pub fn for_bucket(&self, id: &str) -> Option<f64> {
        self.buckets
            .iter()
            .find(|(b, _, _)| b == id)
            .map(|(_, s, _)| *s)
            .or(self.score)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaxDrop {
    pub level: AssertLevel,
    pub overall: f64,
    pub bucket: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub cause: String,
    pub reason: String,
    pub expires: jiff::civil::Date,
    pub client: Option<String>,
    /// Where the cause id is written, for messages.
    pub span: Option<SourceSpan>,
}

impl Waiver {
    /// Still in force on `today` (the expiry day included).
    pub fn active(&self, today: jiff::civil::Date) -> bool {
        today <= self.expires
    }

    /// Applies to an answers file of this client.
    pub fn covers(&self, client: &str) -> bool {
        self.client.as_deref().is_none_or(|c| c == client)
    }
}

/// The environment variable naming the project file, read when `--config`
/// is not given; it replaces the search.
pub const ENV: &str = "ECODIAG_CONFIG";

/// Where to look for the project file, in order.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// `--config FILE`.
    pub explicit: Option<PathBuf>,
    /// `ECODIAG_CONFIG`, when set and not empty.
    pub env: Option<PathBuf>,
    /// `--no-config`: read none at all.
    pub disabled: bool,
    /// The folder the search starts from: the current directory (`""`).
    pub start: PathBuf,
}

/// Finds the configuration: `--config FILE`, else the file `ECODIAG_CONFIG`
/// names, else the first `ecodiag.toml` in the start folder or above it (see
/// [`find`]), else the defaults. A file named by the flag or the variable must
/// exist; one found by the search is read as it is.
pub fn discover(lookup: &Lookup, limits: &Limits) -> Result<Config, Error> {
    if lookup.disabled {
        return Ok(Config::default());
    }
    if lookup.explicit.is_none()
        && let Some(path) = &lookup.env
        && !path.is_file()
    {
        return Err(Error::Usage(format!(
            "{ENV} names {}, which is not a file; name an existing project file, or unset {ENV}",
            path.display()
        )));
    }
    match lookup.explicit.as_ref().or(lookup.env.as_ref()) {
        Some(path) => load(path, limits),
        None => match find(&lookup.start) {
            Some(path) => load(&path, limits),
            None => Ok(Config::default()),
        },
    }
}

/// The first `ecodiag.toml` in `start` or a folder above it. The search ends
/// at the root of the git repository `start` is in (the folder holding
/// `.git`), or at the root of the file system: a project file belongs to its
/// project, and one in a home folder must not reach into every repository
/// below it. The path comes back relative to `start` when `start` is
/// (`../../ecodiag.toml`), so messages and the paths inside the file read as
/// typed.
pub fn find(start: &Path) -> Option<PathBuf> {
    let absolute = if start.is_absolute() {
        start.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(start)
    };
    for (up, dir) in absolute.ancestors().enumerate() {
        if dir.join(FILE_NAME).is_file() {
            return Some(if start.is_absolute() {
                dir.join(FILE_NAME)
            } else {
                start.join("../".repeat(up)).join(FILE_NAME)
            });
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Reads and checks a configuration file.
pub fn load(path: &Path, limits: &Limits) -> Result<Config, Error> {
    let source = yaml::read_source(path, yaml::FileKind::Config, limits)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    parse(source, &base)
}

/// Checks configuration text; `base` is the folder relative paths start from.
pub fn parse(source: SourceFile, base: &Path) -> Result<Config, Error> {
    let raw: RawConfig = match toml::from_str(source.text()) {
        Ok(raw) => raw,
        Err(err) => {
            let mut problem = Problem::error("config::toml", err.message().trim().to_owned());
            if let Some(span) = err.span() {
                problem = problem.at(to_span(&span), "here");
            }
            if err.message().starts_with("unknown field") {
                problem = problem.help("see docs/config.md for the keys ecodiag.toml accepts");
            }
            return Err(Error::invalid(source, vec![problem]));
        }
    };
    let mut problems = Vec::new();
    let config = build(raw, base, &mut problems);
    if problems.is_empty() {
        Ok(Config {
            source: Some(source),
            ..config
        })
    } else {
        Err(Error::invalid(source, problems))
    }
}

fn to_span(range: &Range<usize>) -> SourceSpan {
    SourceSpan::new(range.start.into(), range.end.saturating_sub(range.start))
}

fn span_of<T>(value: &Spanned<T>) -> SourceSpan {
    to_span(&value.span())
}

fn build(raw: RawConfig, base: &Path, problems: &mut Vec<Problem>) -> Config {
    let assessment = raw.assessment.map(|a| {
        let name = a.get_ref().trim();
        let looks_like_path = name.contains(['/', '\\']) || name.ends_with(".yaml") || name.ends_with(".yml");
        if looks_like_path && Path::new(name).is_relative() {
            base.join(name).display().to_string()
        } else {
            name.to_owned()
        }
    });
    let client = raw.client.and_then(|c| {
        let name = c.get_ref().trim().to_owned();
        if name.is_empty() {
            problems.push(
                Problem::error("config::empty-client", "the client name is empty")
                    .at(span_of(&c), "client expected")
                    .help("name the company, e.g. `client = \"Acme Ltd\"`, or remove the line"),
            );
            None
        } else {
            Some(name)
        }
    });
    let check = raw
        .check
        .map_or_else(CheckConfig::default, |c| build_check(c, problems));
    let mut target_problems = Vec::new();
    let targets = raw
        .targets
        .iter()
        .filter_map(|(area, goal)| match targets::goal(goal.get_ref()) {
            Ok(spec) => Some(TargetSpec {
                area: area.get_ref().trim().to_owned(),
                goal: spec,
                origin: Origin::Config(span_of(area)),
            }),
            Err(e) => {
                target_problems.push(
                    Problem::error(
                        "config::bad-target",
                        format!("`{}`: {}", area.get_ref(), e.message),
                    )
                    .at(span_of(goal), "level or score expected")
                    .help(e.help),
                );
                None
            }
        })
        .collect();
    // The table is read in id order; its problems are reported in file order.
    target_problems.sort_by_key(|p| p.span.map(|s| s.offset()));
    problems.extend(target_problems);
    Config {
        source: None,
        assessment,
        client,
        format: raw.format.map(Spanned::into_inner),
        check,
        targets,
    }
}

fn score_in_range(value: &Spanned<f64>, what: &str, problems: &mut Vec<Problem>) -> f64 {
    let x = *value.get_ref();
    if !(0.0..=100.0).contains(&x) {
        problems.push(
            Problem::error(
                "config::out-of-range",
                format!(
                    "{what} must be a score from 0 to 100, not {}",
                    crate::diagnostic::number(x)
                ),
            )
            .at(span_of(value), "0–100 expected"),
        );
    }
    x
}

fn build_check(raw: RawCheck, problems: &mut Vec<Problem>) -> CheckConfig {
    let defaults = CheckConfig::default();
    let min_score = raw.min_score.map(|m| {
        let m = m.into_inner();
        Threshold {
            level: *m.level.get_ref(),
            score: score_in_range(&m.score, "min-score", problems),
        }
    });
    let min_bucket_score = raw.min_bucket_score.map(|m| {
        let span = span_of(&m);
        let m = m.into_inner();
        let score = m
            .score
            .as_ref()
            .map(|s| score_in_range(s, "min-bucket-score", problems));
        if score.is_none() && m.buckets.is_empty() {
            problems.push(
                Problem::error("config::empty-assertion", "min-bucket-score sets no minimum")
                    .at(span, "neither `score` nor `buckets`")
                    .help("add `score = 50` for every bucket, or `buckets = { talent = 50 }` for some"),
            );
        }
        let buckets = m
            .buckets
            .iter()
            .map(|(id, s)| {
                let score = score_in_range(s, &format!("the minimum for `{}`", id.get_ref()), problems);
                (id.get_ref().clone(), score, Some(span_of(id)))
            })
            .collect();
        BucketThreshold {
            level: *m.level.get_ref(),
            score,
            buckets,
        }
    });
    let max_severity = raw.max_severity.map(|m| {
        (
            *m.get_ref().level.get_ref(),
            Severity::from(*m.get_ref().severity.get_ref()),
        )
    });
    let max_drop = raw.max_drop.map_or(defaults.max_drop, |m| {
        let m = m.into_inner();
        let points = |v: &Option<Spanned<f64>>, what: &str, problems: &mut Vec<Problem>| {
            v.as_ref().map_or(0.0, |v| {
                let x = *v.get_ref();
                if !(0.0..=100.0).contains(&x) {
                    problems.push(
                        Problem::error(
                            "config::out-of-range",
                            format!(
                                "max-drop {what} is a number of points from 0 to 100, not {}",
                                crate::diagnostic::number(x)
                            ),
                        )
                        .at(span_of(v), "0–100 expected"),
                    );
                }
                x
            })
        };
        MaxDrop {
            level: *m.level.get_ref(),
            overall: points(&m.overall, "overall", problems),
            bucket: points(&m.bucket, "bucket", problems),
        }
    });
    let waivers = raw
        .waivers
        .iter()
        .filter_map(|w| waiver(w.get_ref(), problems))
        .collect();
    CheckConfig {
        format: raw.format.map(Spanned::into_inner),
        min_score,
        min_bucket_score,
        max_severity,
        max_drop,
        expired_waivers: raw
            .expired_waivers
            .map_or(defaults.expired_waivers, Spanned::into_inner),
        targets_met: raw.targets_met.map_or(defaults.targets_met, Spanned::into_inner),
        waivers,
    }
}

fn waiver(w: &RawWaiver, problems: &mut Vec<Problem>) -> Option<Waiver> {
    let before = problems.len();
    let cause = w.cause.get_ref().trim().to_owned();
    if !crate::questionnaire::is_kebab(&cause) {
        problems.push(
            Problem::error("config::bad-id", format!("`{cause}` is not a root-cause id"))
                .at(span_of(&w.cause), "kebab-case id expected")
                .help("root-cause ids are kebab-case, e.g. `archaic-crm`; `ecodiag show` lists them"),
        );
    }
    let reason = w.reason.get_ref().trim().to_owned();
    if reason.is_empty() {
        problems.push(
            Problem::error("config::empty-reason", "a waiver needs a reason")
                .at(span_of(&w.reason), "reason expected")
                .help("say why the cause is accepted for now; the reason is shown in every report"),
        );
    }
    let text = &w.expires.get_ref().0;
    let expires = match text.trim().parse::<jiff::civil::Date>() {
        Ok(date) if text.trim().len() == 10 => Some(date),
        _ => {
            problems.push(
                Problem::error("config::bad-date", format!("`{text}` is not a calendar date"))
                    .at(span_of(&w.expires), "expected YYYY-MM-DD")
                    .help("write the last day the waiver holds, e.g. `expires = 2026-12-31`"),
            );
            None
        }
    };
    (problems.len() == before).then(|| Waiver {
        cause,
        reason,
        expires: expires.expect("checked above"),
        client: w.client.as_ref().map(|c| c.get_ref().trim().to_owned()),
        span: Some(span_of(&w.cause)),
    })
}

/// Problems in the configuration that only show once the questionnaires are
/// known: bucket and cause ids that name nothing in any of them.
pub fn unknown_ids<'a>(config: &Config, buckets: &[&'a str], causes: &[&'a str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(m) = &config.check.min_bucket_score {
        for (id, _, span) in &m.buckets {
            if !buckets.contains(&id.as_str()) {
                let mut p = Problem::error(
                    "config::unknown-bucket",
                    format!("min-bucket-score names `{id}`, which is not a bucket of any assessment checked"),
                )
                .help(crate::diagnostic::hint_for(id, buckets, "bucket ids"));
                if let Some(span) = span {
                    p = p.at(*span, "unknown bucket id");
                }
                problems.push(p);
            }
        }
    }
    for w in &config.check.waivers {
        if !causes.contains(&w.cause.as_str()) {
            let mut p = Problem::error(
                "config::unknown-cause",
                format!(
                    "the waiver names `{}`, which is not a root cause of any assessment checked",
                    w.cause
                ),
            )
            .help(crate::diagnostic::hint_for(&w.cause, causes, "root-cause ids"));
            if let Some(span) = w.span {
                p = p.at(span, "unknown root cause");
            }
            problems.push(p);
        }
    }
    problems
}

/// Where relative paths in a configuration file start from.
pub fn base_dir(config_path: &Path) -> PathBuf {
    config_path.parent().map(Path::to_path_buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, Error> {
        parse(SourceFile::new("ecodiag.toml", text), Path::new(""))
    }

    fn problems(text: &str) -> Vec<(&'static str, String)> {
        match parse_str(text) {
            Err(Error::Invalid(file)) => file
                .problems
                .iter()
                .map(|p| {
                    let at = p.span.map(|s| file.file.line_col(s.offset()));
                    (p.code, format!("{at:?} {}", p.message))
                })
                .collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn empty_file_gives_the_defaults() {
        let config = parse_str("").expect("parses");
        assert_eq!(config.check, CheckConfig::default());
        assert_eq!(config.check.max_drop.level, AssertLevel::Error);
        assert_eq!(config.check.expired_waivers, AssertLevel::Warn);
    }

    #[test]
    fn a_full_file_reads_into_options() {
        let config = parse_str(
            r#"
assessment = "questionnaires/acme.yaml"
client = "Acme Ltd"
format = "markdown"

[check]
format = "junit"
min-score = { level = "error", score = 55 }
min-bucket-score = { level = "warn", score = 40, buckets = { talent = 30 } }
max-severity = { level = "error", severity = "medium" }
max-drop = { level = "warn", overall = 2, bucket = 5.5 }
expired-waivers = "error"

[[check.waivers]]
cause = "archaic-crm"
reason = "New CRM goes live in March"
expires = 2026-12-31

[[check.waivers]]
cause = "no-career-path"
reason = "Levels being written"
expires = "2027-01-15"
client = "Acme Ltd"
"#,
        )
        .expect("parses");
        assert_eq!(config.assessment.as_deref(), Some("questionnaires/acme.yaml"));
        assert_eq!(config.format, Some(ReportFormat::Markdown));
        let c = &config.check;
        assert_eq!(c.format, Some(CheckFormat::Junit));
        assert_eq!(
            c.min_score,
            Some(Threshold {
                level: AssertLevel::Error,
                score: 55.0
            })
        );
        let b = c.min_bucket_score.as_ref().expect("set");
        assert_eq!(b.for_bucket("talent"), Some(30.0));
        assert_eq!(b.for_bucket("marketing"), Some(40.0));
        assert_eq!(c.max_severity, Some((AssertLevel::Error, Severity::Medium)));
        assert_eq!(c.max_drop.overall, 2.0);
        assert_eq!(c.max_drop.bucket, 5.5);
        assert_eq!(c.expired_waivers, AssertLevel::Error);
        assert_eq!(c.waivers.len(), 2);
        assert_eq!(c.waivers[0].expires.to_string(), "2026-12-31");
        assert_eq!(c.waivers[1].client.as_deref(), Some("Acme Ltd"));
        let day = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        assert!(c.waivers[0].active(day("2026-12-31")));
        assert!(!c.waivers[0].active(day("2027-01-01")));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located() {
        let p = problems("[check]\nmin-scroe = { level = \"error\", score = 1 }\n");
        assert_eq!(p[0].0, "config::toml");
        assert!(
            p[0].1.starts_with("Some((2, 1)) unknown field `min-scroe`"),
            "{p:?}"
        );

        let p = problems("[check]\nmax-severity = { level = \"fatal\", severity = \"high\" }\n");
        assert!(p[0].1.contains("unknown variant `fatal`"), "{p:?}");
        assert!(p[0].1.starts_with("Some((2, 26))"), "{p:?}");
    }

    #[test]
    fn every_semantic_problem_is_reported_at_once() {
        let p = problems(
            r#"
[check]
min-score = { level = "error", score = 120 }
min-bucket-score = { level = "warn" }

[[check.waivers]]
cause = "Archaic CRM"
reason = " "
expires = "next spring"
"#,
        );
        let codes: Vec<&str> = p.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            codes,
            [
                "config::out-of-range",
                "config::empty-assertion",
                "config::bad-id",
                "config::empty-reason",
                "config::bad-date"
            ],
            "{p:?}"
        );
        assert!(p[0].1.starts_with("Some((3, 40))"), "{p:?}");
    }

    #[test]
    fn the_nearest_file_above_is_found_up_to_the_repository_root() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let deep = root.join("repo/clients/acme/q3");
        std::fs::create_dir_all(&deep).expect("folders");
        // Nothing anywhere: nothing found (a temp folder has no repository above it).
        assert_eq!(find(&deep), None);
        std::fs::write(root.join(FILE_NAME), "").expect("write");
        assert_eq!(find(&deep), Some(root.join(FILE_NAME)));
        // The repository's root ends the search; its own file counts.
        std::fs::create_dir(root.join("repo/.git")).expect(".git");
        assert_eq!(find(&deep), None);
        std::fs::write(root.join("repo").join(FILE_NAME), "").expect("write");
        assert_eq!(find(&deep), Some(root.join("repo").join(FILE_NAME)));
        // The nearest wins; a folder of that name is not a file.
        std::fs::write(root.join("repo/clients").join(FILE_NAME), "").expect("write");
        std::fs::create_dir(deep.join(FILE_NAME)).expect("folder");
        assert_eq!(find(&deep), Some(root.join("repo/clients").join(FILE_NAME)));
        // A `.git` file (a worktree or a submodule) is a boundary too.
        std::fs::remove_dir(root.join("repo/.git")).expect("rm");
        std::fs::write(root.join("repo/clients/acme/.git"), "gitdir: elsewhere").expect("write");
        assert_eq!(find(&deep), None);
    }

    #[test]
    fn a_file_named_by_the_environment_must_exist_and_no_config_reads_none() {
        let lookup = Lookup {
            env: Some(PathBuf::from("/nonexistent/ecodiag.toml")),
            ..Lookup::default()
        };
        match discover(&lookup, &Limits::DEFAULT) {
            Err(Error::Usage(message)) => assert!(message.contains(ENV), "{message}"),
            other => panic!("expected a usage error, got {other:?}"),
        }
        let off = Lookup {
            disabled: true,
            ..lookup
        };
        assert!(
            discover(&off, &Limits::DEFAULT)
                .expect("defaults")
                .source
                .is_none()
        );
    }

    #[test]
    fn ids_are_checked_against_the_assessments_used() {
        let config = parse_str(
            "[check]\nmin-bucket-score = { level = \"warn\", buckets = { talnet = 3 } }\n\
             [[check.waivers]]\ncause = \"archaic-crm\"\nreason = \"r\"\nexpires = 2030-01-01\n",
        )
        .expect("parses");
        let found = unknown_ids(&config, &["talent", "marketing"], &["archaic-crm"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "config::unknown-bucket");
        assert!(found[0].help.as_deref().is_some_and(|h| h.contains("talent")));
    }
}
