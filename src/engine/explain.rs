//! A condition tree with the truth of every node over one company's
//! answers, for `ecodiag explain`.

use super::{Evaluation, Truth};
use crate::answers::Answers;
use crate::questionnaire::Condition;

/// A node of a condition and whether it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'q> {
    pub condition: &'q Condition,
    pub truth: Truth,
    /// The parts of a combinator; empty for a leaf.
    pub children: Vec<Node<'q>>,
}

/// Every node of `cond` with its truth, in three-valued logic.
pub fn tree<'q>(cond: &'q Condition, answers: &Answers, eval: &Evaluation) -> Node<'q> {
    let children = match cond {
        Condition::All(cs) | Condition::Any(cs) | Condition::AtLeast(_, cs) => {
            cs.iter().map(|c| tree(c, answers, eval)).collect()
        }
        Condition::Not(inner) => vec![tree(inner, answers, eval)],
        Condition::Answer(..) | Condition::Score(..) => Vec::new(),
    };
    Node {
        condition: cond,
        truth: super::truth(cond, answers, eval),
        children,
    }
}
