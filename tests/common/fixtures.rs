//! The reference fixtures under `tests/reference/`: CSV files written by R, scipy or Python
//! (no quoted fields), read without a CSV dependency.

/// The rows of `tests/reference/<name>` after its header line, as fields.
pub fn rows(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/reference/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .skip(1)
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

/// A fixture's number, or the test fails naming the field.
pub fn num<T: std::str::FromStr>(field: &str) -> T {
    field
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {field}"))
}
