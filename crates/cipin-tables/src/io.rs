//! Writing tables: CSV, TSV, JSON lines, a JSON array, parquet, or a table
//! for people (the terminal only: it is cut and aligned for reading, so a
//! file always gets one of the machine formats, chosen by
//! [`OutFormat::from_path`]).
//!
//! ```
//! use cipin_tables::io::{format_table, write_frame, OutFormat};
//! use polars::prelude::*;
//!
//! let mut df = df!("term" => ["发展", "共同富裕"], "count" => [12u64, 3]).unwrap();
//! let mut csv = Vec::new();
//! write_frame(&mut df, OutFormat::Csv, &mut csv).unwrap();
//! assert_eq!(String::from_utf8(csv).unwrap(), "term,count\n发展,12\n共同富裕,3\n");
//! let table = format_table(&df);
//! assert_eq!(table.lines().nth(2), Some("发展         12"));
//! ```

use std::io::Write;
use std::path::Path;

use polars::prelude::*;

use crate::error::{Error, Result};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    /// CSV with a header (UTF-8, no BOM).
    Csv,
    /// Tab-separated values with a header (CSV quoting where a cell holds a
    /// tab, a quote or a line break).
    Tsv,
    /// One JSON object per row.
    Jsonl,
    /// One JSON array of row objects.
    Json,
    /// Apache parquet (zstd).
    Parquet,
}

impl std::str::FromStr for OutFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<OutFormat> {
        match s.to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(OutFormat::Table),
            "csv" => Ok(OutFormat::Csv),
            "tsv" => Ok(OutFormat::Tsv),
            "jsonl" | "ndjson" => Ok(OutFormat::Jsonl),
            "json" => Ok(OutFormat::Json),
            "parquet" | "pq" => Ok(OutFormat::Parquet),
            other => Err(Error::invalid(format!(
                "unknown format `{other}` (expected table, csv, tsv, jsonl, json or parquet)"
            ))),
        }
    }
}

/// The file extensions [`OutFormat::from_path`] knows, for messages.
pub const FILE_EXTENSIONS: &str = ".csv, .tsv, .jsonl, .ndjson, .json, .parquet";

impl OutFormat {
    /// The machine format a file name asks for, by extension (`.csv`,
    /// `.tsv`, `.jsonl`/`.ndjson`, `.json`, `.parquet`/`.pq`); `None` for
    /// any other name. Never [`OutFormat::Table`]: the table is cut to fit a
    /// screen and is no format to keep (a `.txt` name is `None` too).
    pub fn from_path(path: &Path) -> Option<OutFormat> {
        let ext = path.extension()?.to_str()?;
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Some(OutFormat::Csv),
            "tsv" => Some(OutFormat::Tsv),
            "jsonl" | "ndjson" => Some(OutFormat::Jsonl),
            "json" => Some(OutFormat::Json),
            "parquet" | "pq" => Some(OutFormat::Parquet),
            _ => None,
        }
    }
}

/// Write `df` in `format` to `out`.
pub fn write_frame(df: &mut DataFrame, format: OutFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        OutFormat::Table => {
            let t = format_table(df);
            out.write_all(t.as_bytes()).map_err(|source| Error::Write {
                path: "<output>".into(),
                source,
            })?;
        }
        OutFormat::Csv => CsvWriter::new(out).include_header(true).finish(df)?,
        OutFormat::Tsv => CsvWriter::new(out)
            .include_header(true)
            .with_separator(b'\t')
            .finish(df)?,
        OutFormat::Jsonl => JsonWriter::new(out)
            .with_json_format(JsonFormat::JsonLines)
            .finish(df)?,
        OutFormat::Json => JsonWriter::new(out)
            .with_json_format(JsonFormat::Json)
            .finish(df)?,
        OutFormat::Parquet => {
            ParquetWriter::new(out).finish(df)?;
        }
    }
    Ok(())
}

/// Display width of a character: 2 for CJK and full-width forms.
fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if wide {
        2
    } else if c.is_control() {
        0
    } else {
        1
    }
}

fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn cell(v: AnyValue<'_>) -> String {
    match v {
        AnyValue::Null => String::new(),
        AnyValue::String(s) => s.replace(['\n', '\t', '\r'], " "),
        AnyValue::Float64(f) => float(f),
        AnyValue::Float32(f) => float(f as f64),
        other => other.to_string(),
    }
}

fn float(f: f64) -> String {
    if f == 0.0 {
        "0".into()
    } else if f.abs() < 1e-4 {
        format!("{f:.2e}")
    } else if f.abs() >= 1e6 {
        format!("{f:.0}")
    } else {
        format!("{f:.4}")
    }
}

/// Longest a text cell is shown (display columns).
const MAX_CELL: usize = 60;

/// Cut `s` to `max` display columns, keeping its end when `keep_end`.
fn clip(s: String, max: usize, keep_end: bool) -> String {
    if width(&s) <= max {
        return s;
    }
    let mut out: Vec<char> = Vec::new();
    let mut w = 1;
    let chars: Vec<char> = if keep_end {
        s.chars().rev().collect()
    } else {
        s.chars().collect()
    };
    for c in chars {
        w += char_width(c);
        if w > max {
            break;
        }
        out.push(c);
    }
    if keep_end {
        out.reverse();
        format!("…{}", out.into_iter().collect::<String>())
    } else {
        format!("{}…", out.into_iter().collect::<String>())
    }
}

/// `df` as aligned columns: a header, a rule, one line per row. Numbers
/// are right-aligned, floats shown with 4 decimals; text is left-aligned
/// (a KWIC `left` context right-aligned), line breaks shown as spaces,
/// long cells cut.
pub fn format_table(df: &DataFrame) -> String {
    let cols = df.columns();
    let mut cells: Vec<Vec<String>> = Vec::with_capacity(cols.len());
    let mut right: Vec<bool> = Vec::with_capacity(cols.len());
    for c in cols {
        let is_text = c.dtype() == &DataType::String;
        let keep_end = c.name().as_str() == "left";
        right.push(!is_text || keep_end);
        let mut v = Vec::with_capacity(df.height() + 1);
        v.push(c.name().to_string());
        for i in 0..df.height() {
            let s = cell(c.get(i).unwrap_or(AnyValue::Null));
            v.push(if is_text {
                clip(s, MAX_CELL, keep_end)
            } else {
                s
            });
        }
        cells.push(v);
    }
    let widths: Vec<usize> = cells
        .iter()
        .map(|v| v.iter().map(|s| width(s)).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in 0..=df.height() {
        let mut line = String::new();
        for (j, col) in cells.iter().enumerate() {
            let s = &col[row];
            let pad = widths[j] - width(s);
            if j > 0 {
                line.push_str("  ");
            }
            if right[j] {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(s);
            } else {
                line.push_str(s);
                if j + 1 < cells.len() {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if row == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            out.push_str(&"─".repeat(total));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_from_path() {
        assert_eq!("CSV".parse::<OutFormat>().unwrap(), OutFormat::Csv);
        assert!("xls".parse::<OutFormat>().is_err());
        assert_eq!(
            OutFormat::from_path(Path::new("a/b.parquet")),
            Some(OutFormat::Parquet)
        );
        assert_eq!(OutFormat::from_path(Path::new("b.xyz")), None);
        // A file never gets the display table, which drops rows.
        assert_eq!(OutFormat::from_path(Path::new("b.txt")), None);
        assert_eq!(OutFormat::from_path(Path::new("b")), None);
        assert_eq!(
            OutFormat::from_path(Path::new("B.TSV")),
            Some(OutFormat::Tsv)
        );
        assert_eq!(
            OutFormat::from_path(Path::new("b.ndjson")),
            Some(OutFormat::Jsonl)
        );
        assert_eq!(
            OutFormat::from_path(Path::new("b.json")),
            Some(OutFormat::Json)
        );
    }

    #[test]
    fn tsv_and_json_write() {
        let mut df = df!("term" => ["发展", "a\tb"], "count" => [2u64, 1]).unwrap();
        let mut out = Vec::new();
        write_frame(&mut df, OutFormat::Tsv, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "term\tcount\n发展\t2\n\"a\tb\"\t1\n"
        );
        let mut out = Vec::new();
        write_frame(&mut df, OutFormat::Json, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[1]["count"], 1);
        assert_eq!(v.as_array().unwrap().len(), 2);
    }

    #[test]
    fn table_aligns_cjk() {
        let df = df!("term" => ["共同富裕", "a"], "share" => [0.5f64, 0.00001]).unwrap();
        let t = format_table(&df);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "term        share");
        assert_eq!(lines[2], "共同富裕   0.5000");
        assert_eq!(lines[3], "a         1.00e-5");
    }

    #[test]
    fn jsonl_and_parquet_write() {
        let mut df = df!("term" => ["发展"], "count" => [2u64]).unwrap();
        let mut out = Vec::new();
        write_frame(&mut df, OutFormat::Jsonl, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"term\":\"发展\",\"count\":2}\n"
        );
        let mut pq = Vec::new();
        write_frame(&mut df, OutFormat::Parquet, &mut pq).unwrap();
        assert_eq!(&pq[..4], b"PAR1");
    }
}
