//! What each `--help` ends with: exit codes where they say more than 0, 1, 2,
//! then one or two examples. Every example runs as written from an installed
//! binary, in a folder holding the user's own files (answers kept under
//! `answers/`, `last-quarter.yaml`, saved reports under `reports/`); a test
//! runs them all.

pub const ROOT: &str = "\
Exit codes:
  0    success
  1    a check or threshold failed
  2    usage or input error (the message names the file, line and column)
  130  `assess` stopped with Ctrl-C (every answer given so far is saved)

Examples:
  ecodiag demo
  ecodiag init --client \"Acme Ltd\" -o acme.yaml && ecodiag score acme.yaml";

pub const DEMO: &str = "\
The demo company is a distributor whose sales ecosystem is broken in several places: the
report shows the verdict, the scores, the ranked root causes with their evidence and remedies.

Examples:
  ecodiag demo -o demo.html
  ecodiag demo --answers > acme.yaml";

pub const SCORE: &str = "\
Examples:
  ecodiag demo --answers | ecodiag score - --format markdown
  ecodiag score answers/acme.yaml -o acme.html";

pub const EXPLAIN: &str = "\
Examples:
  ecodiag explain answers/acme.yaml archaic-crm
  ecodiag demo --answers | ecodiag explain - --format markdown";

pub const LIST: &str = "\
Examples:
  ecodiag list
  ecodiag list --format json";

pub const SHOW: &str = "\
Examples:
  ecodiag show sales-process
  ecodiag show --format json > outline.json";

pub const ASSESS: &str = "\
Keys: the point, option or letter shown answers; d don't know, x not applicable, s skip,
? help, m menu, Esc back, Ctrl-C stop (docs/workshop.md).

Examples:
  ecodiag assess --client \"Acme Ltd\"
  ecodiag assess --answers answers/acme.yaml --review";

pub const INIT: &str = "\
Examples:
  ecodiag init --client \"Acme Ltd\"
  ecodiag init --assessment sales-process -o process.yaml";

pub const VALIDATE: &str = "\
Exit codes:
  0  no file has an error (warnings are allowed)
  2  a file has an error, or a warning with --deny-warnings

Examples:
  ecodiag validate
  ecodiag validate answers/acme.yaml --format github";

pub const SCHEMA: &str = "\
Examples:
  ecodiag schema answers > answers.schema.json
  ecodiag schema report";

pub const CHECK: &str = "\
Exit codes:
  0  no error-level assertion failed (warnings are allowed)
  1  an error-level assertion failed: the build should fail
  2  a file or the configuration could not be read; the other files were still checked

The assertions, their levels and the waivers live in the [check] section of ecodiag.toml
(docs/config.md).

Examples:
  ecodiag check answers/ --save-reports reports/
  ecodiag check answers/ --baseline reports/ --format github";

pub const DIFF: &str = "\
Examples:
  ecodiag diff last-quarter.yaml answers/acme.yaml
  ecodiag diff reports/acme.json answers/acme.yaml --format markdown";

pub const TEST: &str = "\
Exit codes:
  0  every case passed, and coverage is at least --min-coverage
  1  a case failed, or coverage is below --min-coverage
  2  a case file has problems (each is located; the other cases still ran)

Examples:
  ecodiag test --coverage
  ecodiag test --min-coverage 95 --format github";

pub const MIGRATE: &str = "\
Each file is rewritten in place, atomically, by the questionnaire's `migrations:`: questions
renamed, options renamed or merged, scales re-anchored. An answer that cannot be carried over
becomes `unknown` with a note saying why; an answer to a removed question stays in the file as
a comment. Every change is reported. A file open in an `ecodiag assess` session is left alone.

Exit codes:
  0  every file was migrated, or was already at the questionnaire's version
  2  a file could not be read or migrated (each is reported; the others were still migrated)

Examples:
  ecodiag migrate answers/*.yaml --dry-run
  ecodiag migrate answers/acme.yaml --assessment sales-ecosystem";

pub const COMPLETIONS: &str = "\
Save the script where your shell looks for completions (create the folder if needed), then
open a new shell.

Examples:
  ecodiag completions bash > ~/.local/share/bash-completion/completions/ecodiag
  ecodiag completions zsh > ~/.zfunc/_ecodiag";

pub const MAN: &str = "\
Examples:
  ecodiag man > ~/.local/share/man/man1/ecodiag.1
  ecodiag man score > ~/.local/share/man/man1/ecodiag-score.1";
