//! Questionnaire stage: the range every number in a questionnaire, and every
//! number answered, must fall in. Within them every score, mean, confidence
//! and impact ecodiag computes is a finite number, whatever the file says.
//!
//! Why each bound has its value (docs/validation.md says the same for users):
//!
//! - A score is 0–100, so a weighted sum is at most `count × MAX_WEIGHT × 100`;
//!   with the weights below and even a million questions that is 10^11, far
//!   from overflow, and dividing by the answered weight (at least
//!   `MIN_WEIGHT`) cannot overflow either.
//! - Numbers (answers, `min`/`max`, band limits, compared values) stay within
//!   ±10^15: below 2^53, so every whole number is exact, the difference of any
//!   two is exact too, and each is written in at most 16 digits.

/// The lightest question weight: a millionth of the heaviest.
pub const MIN_WEIGHT: f64 = 0.001;
/// The heaviest question weight. Weights compare questions with each other
/// (1 is usual, 2 or 3 for a question that counts double or triple), so a
/// ratio of a million between two questions is already past any design.
pub const MAX_WEIGHT: f64 = 1_000.0;

/// The largest magnitude of a number answered or written in a questionnaire.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// The lowest and highest point a scale may have: a 1–5, 0–10 or −3…3 scale
/// fits with room to spare, and every point of a scale needs a label.
pub const MIN_SCALE_POINT: i64 = -100;
pub const MAX_SCALE_POINT: i64 = 100;

/// Points a multi-choice option adds (or takes away), and the base a
/// multi-choice question starts from: the sum is kept within 0–100 anyway.
pub const MAX_MULTI_POINTS: f64 = 100.0;

/// Options of one choice or multi-choice question, at most: a list a
/// respondent can read through in a workshop.
pub const MAX_OPTIONS: usize = 100;

/// Whether an answered or written number is within ±[`MAX_MAGNITUDE`].
pub fn usable(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_MAGNITUDE
}
