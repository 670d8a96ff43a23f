//! Input stage: the limits every file is read within, and how users raise them.

/// Stack for a thread that reads input. Reading nested YAML recurses once per
/// level, so the stack must hold the deepest nesting `--limit depth` allows;
/// the memory is only committed as it is used.
pub const STACK_BYTES: usize = 256 << 20;

/// Bounds on what a single YAML file may cost to read.
///
/// They keep a hostile or accidental input (a YAML bomb, a 50 MB paste, nesting
/// ten thousand levels deep) from exhausting time or memory. Real questionnaires
/// and answer files are far below every one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most YAML nodes in one document.
    pub max_nodes: usize,
    /// Most alias references (`*name`) in one document; what anchors hold may
    /// be copied at most ten times this many nodes.
    pub max_aliases: usize,
}

impl Limits {
    /// The limits every command applies unless told otherwise.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 8 * 1024 * 1024,
        max_depth: 64,
        max_nodes: 250_000,
        max_aliases: 1_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The environment variable that raises or lowers the limits, as
/// `bytes=64M,depth=128`; `--limit NAME=N` on the command line does the same.
pub const LIMITS_ENV: &str = "ECODIAG_LIMITS";

/// One limit, by the name users type in `--limit NAME=N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Bytes,
    Depth,
    Nodes,
    Aliases,
}

impl Limit {
    pub const ALL: [Limit; 4] = [Limit::Bytes, Limit::Depth, Limit::Nodes, Limit::Aliases];

    pub fn name(self) -> &'static str {
        match self {
            Limit::Bytes => "bytes",
            Limit::Depth => "depth",
            Limit::Nodes => "nodes",
            Limit::Aliases => "aliases",
        }
    }

    /// What the limit bounds, for messages.
    pub fn meaning(self) -> &'static str {
        match self {
            Limit::Bytes => "file size in bytes",
            Limit::Depth => "nesting depth",
            Limit::Nodes => "number of YAML nodes",
            Limit::Aliases => "number of aliases (`*name`)",
        }
    }

    /// The value of this limit in `limits`.
    pub fn of(self, limits: &Limits) -> u64 {
        match self {
            Limit::Bytes => limits.max_bytes,
            Limit::Depth => limits.max_depth as u64,
            Limit::Nodes => limits.max_nodes as u64,
            Limit::Aliases => limits.max_aliases as u64,
        }
    }

    /// How to raise this limit to `value`, for hints.
    pub fn how_to_raise(self, value: u64) -> String {
        let name = self.name();
        let value = match self {
            Limit::Bytes => size_text(value),
            _ => value.to_string(),
        };
        format!("`--limit {name}={value}` or the environment variable `{LIMITS_ENV}={name}={value}`")
    }
}

impl Limits {
    /// The deepest nesting `--limit depth` may allow: reading recurses once per
    /// level, and the command's stack is sized for this many.
    pub const MAX_DEPTH: usize = 1_000;

    /// Applies overrides such as `bytes=64M` or `depth=128`; sizes take the
    /// suffixes K, M and G (powers of 1024).
    pub fn with_override(mut self, text: &str) -> Result<Limits, String> {
        let names = || Limit::ALL.map(Limit::name).join(", ");
        let Some((name, value)) = text.split_once('=') else {
            return Err(format!("`{text}` is not NAME=N; the limits are: {}", names()));
        };
        let name = name.trim();
        let limit = Limit::ALL
            .into_iter()
            .find(|l| l.name() == name)
            .ok_or_else(|| format!("there is no limit named `{name}`; the limits are: {}", names()))?;
        let value = parse_size(value.trim()).filter(|v| *v > 0).ok_or_else(|| {
            format!(
                "`{}` is not a positive whole number (K, M and G suffixes are allowed)",
                value.trim()
            )
        })?;
        let small = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        match limit {
            Limit::Bytes => self.max_bytes = value,
            Limit::Depth if small(value) > Limits::MAX_DEPTH => {
                return Err(format!(
                    "the depth limit can be raised to {} at most",
                    Limits::MAX_DEPTH
                ));
            }
            Limit::Depth => self.max_depth = small(value),
            Limit::Nodes => self.max_nodes = small(value),
            Limit::Aliases => self.max_aliases = small(value),
        }
        Ok(self)
    }
}

/// A byte count as `--limit` takes it: `32M`, `512K`, or plain bytes.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{}G", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{}M", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{}K", b >> 10),
        b => b.to_string(),
    }
}

fn parse_size(text: &str) -> Option<u64> {
    let (digits, factor) = match text.char_indices().last()? {
        (at, 'k' | 'K') => (&text[..at], 1u64 << 10),
        (at, 'm' | 'M') => (&text[..at], 1 << 20),
        (at, 'g' | 'G') => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    digits
        .trim()
        .replace('_', "")
        .parse::<u64>()
        .ok()?
        .checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_raise_each_limit() {
        let limits = Limits::DEFAULT
            .with_override("bytes=32M")
            .and_then(|l| l.with_override("depth = 128"))
            .and_then(|l| l.with_override("nodes=1_000_000"))
            .and_then(|l| l.with_override("aliases=2k"))
            .expect("valid overrides");
        assert_eq!(limits.max_bytes, 32 << 20);
        assert_eq!(limits.max_depth, 128);
        assert_eq!(limits.max_nodes, 1_000_000);
        assert_eq!(limits.max_aliases, 2048);
    }

    #[test]
    fn bad_overrides_say_what_is_allowed() {
        let err = |text: &str| Limits::DEFAULT.with_override(text).unwrap_err();
        assert!(err("depth").contains("NAME=N"));
        assert!(err("dpth=3").contains("bytes, depth, nodes, aliases"));
        assert!(err("nodes=0").contains("positive"));
        assert!(err("nodes=-1").contains("positive"));
        assert!(err("bytes=99999999999G").contains("positive"));
        assert!(err("depth=5000").contains("1000 at most"));
    }
}
