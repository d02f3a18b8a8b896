//! A few shallow regression trees added to the linear ranking score.
//!
//! [`rank::WEIGHTS`](super::rank::WEIGHTS) weigh each feature on its own; what one feature is
//! worth can depend on another (the sentence before counts for one that opens with `It` when
//! this one also holds a phrase of the kind asked). The trees in [`trees_fitted`] were fitted on
//! top of the linear score by `scripts/fit_ask_trees.py`, which also prints how much they add
//! on the half of the question set they were not fitted on. They read the same
//! [`Features::values`](super::rank::Features::values), article-level ones excepted.

use super::trees_fitted::TREES;

/// Where a split sends a value: to another split of the same tree or to a leaf, by index.
#[derive(Debug, Clone, Copy)]
pub enum Child {
    Split(usize),
    Leaf(usize),
}

/// A test on one feature: at or below the threshold goes `below`, above it `above`.
#[derive(Debug, Clone, Copy)]
pub struct Split {
    /// Index in [`Features::values`](super::rank::Features::values).
    pub feature: usize,
    pub threshold: f64,
    pub below: Child,
    pub above: Child,
}

/// One tree: its root is the first split, or its only leaf when it has no split.
#[derive(Debug)]
pub struct Tree {
    pub splits: &'static [Split],
    pub leaves: &'static [f64],
}

impl Tree {
    fn value(&self, features: &[f64]) -> f64 {
        let mut at = if self.splits.is_empty() {
            Child::Leaf(0)
        } else {
            Child::Split(0)
        };
        loop {
            match at {
                Child::Leaf(i) => return self.leaves[i],
                Child::Split(i) => {
                    let s = &self.splits[i];
                    at = if features[s.feature] <= s.threshold {
                        s.below
                    } else {
                        s.above
                    };
                }
            }
        }
    }
}

/// What the fitted trees add to a candidate's linear score.
pub fn correction(features: &[f64]) -> f64 {
    sum(TREES, features)
}

fn sum(trees: &[Tree], features: &[f64]) -> f64 {
    trees.iter().map(|t| t.value(features)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ask::rank::{Features, WEIGHTS};

    #[test]
    fn a_value_walks_to_the_leaf_its_splits_choose() {
        // feature 0 <= 0.5 ? (feature 1 <= 2 ? 1 : 2) : 3
        const TREE: Tree = Tree {
            splits: &[
                Split {
                    feature: 0,
                    threshold: 0.5,
                    below: Child::Split(1),
                    above: Child::Leaf(2),
                },
                Split {
                    feature: 1,
                    threshold: 2.0,
                    below: Child::Leaf(0),
                    above: Child::Leaf(1),
                },
            ],
            leaves: &[1.0, 2.0, 3.0],
        };
        assert_eq!(TREE.value(&[0.5, 2.0]), 1.0, "at the threshold goes below");
        assert_eq!(TREE.value(&[0.0, 7.0]), 2.0);
        assert_eq!(TREE.value(&[0.9, 0.0]), 3.0);
        const STUMP: Tree = Tree {
            splits: &[],
            leaves: &[0.25],
        };
        assert_eq!(sum(&[TREE, STUMP], &[0.9, 0.0]), 3.25);
    }

    #[test]
    fn the_fitted_trees_read_features_that_exist_and_reach_every_leaf() {
        let width = Features::default().values().len();
        assert!(!TREES.is_empty());
        for tree in TREES {
            let mut reached = vec![false; tree.leaves.len()];
            let mut children = 0;
            for s in tree.splits {
                assert!(s.feature < width, "feature {} out of range", s.feature);
                assert!(s.threshold.is_finite());
                for child in [s.below, s.above] {
                    match child {
                        Child::Leaf(i) => reached[i] = true,
                        Child::Split(i) => assert!(i > 0 && i < tree.splits.len()),
                    }
                    children += 1;
                }
            }
            // A binary tree has one leaf more than it has splits.
            assert_eq!(tree.leaves.len(), tree.splits.len() + 1);
            assert_eq!(children, 2 * tree.splits.len());
            assert!(tree.splits.is_empty() || reached.iter().all(|&r| r));
            assert!(tree.leaves.iter().all(|v| v.is_finite()));
        }
    }

    #[test]
    fn the_trees_adjust_the_linear_score_without_outweighing_it() {
        // The most all the trees can add or take is a small part of what the weights can give
        // a sentence: a refit that let them decide the ranking on their own fails here.
        let most: f64 = TREES
            .iter()
            .map(|t| t.leaves.iter().fold(0.0, |m: f64, v| m.max(v.abs())))
            .sum();
        let weights: f64 = WEIGHTS.iter().sum();
        assert!(most < weights / 4.0, "{most} against {weights}");
        let features = vec![0.0; Features::default().values().len()];
        assert!(correction(&features).abs() <= most);
    }
}
