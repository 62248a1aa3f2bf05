//! Helpers shared by the CLI's integration tests: running the `cipin`
//! binary and reading what it printed.

#![allow(dead_code)]

use std::process::{Command, Output};

/// Run the `cipin` binary built for the tests.
pub fn cipin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cipin"))
        .args(args)
        .output()
        .expect("run cipin")
}

/// Its standard output, after checking that it succeeded.
pub fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}
