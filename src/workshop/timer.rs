//! Workshop stage: the session's clock, for the room. Time spent so far and
//! an estimate of what is left (at the pace `show` quotes); with a time box
//! (`--minutes 45`), the minutes spread over the buckets by how many
//! questions each has, and a bucket that runs over says so. Pure: the time
//! comes in from the prompter, so tests run on a clock of their own.

use std::time::{Duration, Instant};

use crate::questionnaire::{self, GroupIx, Questionnaire};

#[derive(Debug, Clone)]
pub struct Timer {
    start: Instant,
    /// The whole time box, when there is one.
    total: Option<Duration>,
    /// Per group, its share of the time box.
    budget: Vec<Duration>,
    /// Per group, the time its questions have been on screen.
    spent: Vec<Duration>,
    /// The group whose question is on screen, and since when.
    asking: Option<(GroupIx, Instant)>,
}

impl Timer {
    pub fn new(q: &Questionnaire, minutes: Option<u32>, now: Instant) -> Self {
        let total = minutes.map(|m| Duration::from_secs(u64::from(m) * 60));
        let all = q.questions.len().max(1) as u32;
        let budget = (0..q.groups.len())
            .map(|g| {
                let mine = q.questions.iter().filter(|x| x.group == g).count() as u32;
                total.map_or(Duration::ZERO, |t| t * mine / all)
            })
            .collect();
        Timer {
            start: now,
            total,
            budget,
            spent: vec![Duration::ZERO; q.groups.len()],
            asking: None,
        }
    }

    /// A question of `group` is on screen from `now`.
    pub fn begin(&mut self, group: GroupIx, now: Instant) {
        self.end(now);
        self.asking = Some((group, now));
    }

    /// The question on screen got its reply.
    pub fn end(&mut self, now: Instant) {
        if let Some((group, since)) = self.asking.take()
            && let Some(spent) = self.spent.get_mut(group)
        {
            *spent += now.saturating_duration_since(since);
        }
    }

    fn spent(&self, group: GroupIx, now: Instant) -> Duration {
        let running = match self.asking {
            Some((g, since)) if g == group => now.saturating_duration_since(since),
            _ => Duration::ZERO,
        };
        self.spent.get(group).copied().unwrap_or_default() + running
    }

    /// The line shown with each question: time so far and what is left, or
    /// with a time box, where the session and this bucket stand against it.
    pub fn line(&self, q: &Questionnaire, group: GroupIx, open: usize, now: Instant) -> String {
        let elapsed = now.saturating_duration_since(self.start);
        let Some(total) = self.total else {
            let pace = (questionnaire::PACE_SECONDS.0 + questionnaire::PACE_SECONDS.1) / 2;
            let left = Duration::from_secs(u64::from(pace) * open as u64);
            return format!("{} min in · about {} min to go", minutes(elapsed), minutes(left));
        };
        let whole = against(elapsed, total);
        let title = &q.groups[group].title;
        let bucket = against(self.spent(group, now), self.budget[group]);
        format!("{whole} · {title} {bucket}")
    }

    /// How a bucket's time went, for its recap; `None` without a time box.
    pub fn recap(&self, group: GroupIx, now: Instant) -> Option<String> {
        self.total?;
        Some(against(self.spent(group, now), self.budget[group]))
    }
}

/// `12 of 45 min`, or `47 of 45 min: 2 over`.
fn against(spent: Duration, budget: Duration) -> String {
    let (s, b) = (minutes(spent), minutes(budget));
    if spent > budget && s > b {
        format!("{s} of {b} min: {} over", s - b)
    } else {
        format!("{s} of {b} min")
    }
}

/// Whole minutes, rounded to the nearest.
fn minutes(d: Duration) -> u64 {
    (d.as_secs() + 30) / 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> Questionnaire {
        let loaded = crate::questionnaire::bundled("sales-process").expect("bundled");
        loaded.questionnaire.clone()
    }

    #[test]
    fn the_time_box_is_spread_by_question_counts_and_overruns_are_said() {
        let q = q();
        let t0 = Instant::now();
        let mut timer = Timer::new(&q, Some(60), t0);
        let total: Duration = timer.budget.iter().sum();
        assert!(total <= Duration::from_secs(3600) && total > Duration::from_secs(3540));
        let first = &q.questions[0];
        let share = timer.budget[first.group];
        let mine = q.questions.iter().filter(|x| x.group == first.group).count() as u32;
        assert_eq!(share, Duration::from_secs(3600) * mine / q.questions.len() as u32);
        timer.begin(first.group, t0);
        let late = t0 + share + Duration::from_secs(180);
        let line = timer.line(&q, first.group, 10, late);
        let title = &q.groups[first.group].title;
        assert!(
            line.contains(&format!(
                "{title} {} of {} min: 3 over",
                minutes(share) + 3,
                minutes(share)
            )),
            "{line}"
        );
        timer.end(late);
        assert_eq!(
            timer.recap(first.group, late + Duration::from_secs(600)),
            timer.recap(first.group, late)
        );
    }

    #[test]
    fn without_a_time_box_the_time_left_follows_the_open_questions() {
        let q = q();
        let t0 = Instant::now();
        let timer = Timer::new(&q, None, t0);
        assert_eq!(
            timer.line(&q, 0, 20, t0 + Duration::from_secs(300)),
            "5 min in · about 20 min to go"
        );
        assert_eq!(timer.recap(0, t0), None);
    }
}
