//! Schedule rules: clashes and the checks behind them.
