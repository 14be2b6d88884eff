//! The hand-written runtime of every generated SDK crate.
//!
//! The generator copies `src/runtime/` verbatim into each crate it writes, so this
//! crate exists to compile and test that code on its own, independent of any spec.
//! Nothing here may refer to generated items.

pub mod runtime;
