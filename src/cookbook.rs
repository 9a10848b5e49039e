//! Short recipes for single tasks, each a doctest.
