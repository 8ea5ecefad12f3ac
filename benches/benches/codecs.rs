//! The Rust half of `bash benches/run.sh`: checks every implementation against
//! CPython's bytes, then times them interleaved and prints a table (and, with
//! `--json PATH`, writes the results for `cpython_bench.py` to merge).
//!
//! `cargo bench -p netpack-benches --bench codecs -- [--quick] [--wall] [--json PATH] [W1 W4 …]`
//!
//! Times are the bench thread's CPU time unless `--wall` is given.

use netpack_benches::harness::{measure, Measured, Plan};
use netpack_benches::names;
use std::fmt::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut plan = Plan::FULL;
    let mut json = None;
    let mut only = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => plan = Plan::QUICK,
            "--wall" => netpack_benches::harness::use_wall_clock(true),
            "--json" => json = args.next(),
            "--bench" => {} // passed by `cargo bench`
            w if w.starts_with('W') => only.push(w.to_string()),
            other => {
                eprintln!("unknown argument {other:?}");
                return ExitCode::FAILURE;
            }
        }
    }

    let mut cells = netpack_benches::cells();
    cells.retain(|c| only.is_empty() || only.iter().any(|w| w == c.workload));
    for cell in &mut cells {
        if let Err(e) = cell.check() {
            eprintln!("MISMATCH, not timing anything: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "all {} columns agree with CPython; timing ({} rounds, {} for W4)",
        cells.iter().map(|c| c.columns.len()).sum::<usize>(),
        plan.rounds,
        plan.bulk_rounds
    );

    let mut out = String::from("{\"cells\": [\n");
    println!(
        "| workload | op | implementation | ns/op | × hand-written (p10–p90) | GB/s | ns/record |"
    );
    println!("|---|---|---|---:|---:|---:|---:|");
    for (i, cell) in cells.iter_mut().enumerate() {
        let results = measure(cell, plan);
        for m in &results {
            print_row(
                cell.workload,
                cell.op,
                cell.format,
                cell.bytes,
                cell.records,
                m,
            );
        }
        // The module-level functions against the precompiled `Struct`, round by round.
        let structure = results
            .iter()
            .find(|m| m.name == names::STRUCT || m.name == names::ITER_INTO);
        let module = results.iter().find(|m| m.name == names::MODULE);
        let vs_struct = match (module, structure) {
            (Some(module), Some(structure)) => {
                let r = module.ratio_to(structure);
                println!(
                    "| {} `{}` | {} | module fn ÷ {} | | {r:.2}× | | |",
                    cell.workload, cell.format, cell.op, structure.name
                );
                format!("{r:.4}")
            }
            _ => "null".to_string(),
        };
        if i > 0 {
            out.push_str(",\n");
        }
        let _ = write!(
            out,
            "  {{\"workload\": \"{}\", \"op\": \"{}\", \"format\": \"{}\", \"bytes\": {}, \"records\": {}, \"module_vs_struct\": {vs_struct}, \"columns\": [",
            cell.workload, cell.op, cell.format, cell.bytes, cell.records
        );
        for (j, m) in results.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            let _ = write!(
                out,
                "{{\"name\": \"{}\", \"ns\": {:.4}, \"ratio\": {:.4}, \"ratio_p10\": {:.4}, \"ratio_p90\": {:.4}, \"batch\": {}}}",
                m.name, m.ns, m.ratio, m.ratio_p10, m.ratio_p90, m.batch
            );
        }
        out.push_str("]}");
    }
    out.push_str("\n]}\n");
    if let Some(path) = json {
        if let Err(e) = std::fs::write(&path, out) {
            eprintln!("cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn print_row(workload: &str, op: &str, format: &str, bytes: usize, records: usize, m: &Measured) {
    let gbps = bytes as f64 / m.ns;
    let per_record = if records > 1 {
        format!("{:.2}", m.ns / records as f64)
    } else {
        String::new()
    };
    println!(
        "| {workload} `{format}` | {op} | {} | {} | {:.2}× ({:.2}–{:.2}) | {gbps:.2} | {per_record} |",
        m.name,
        ns(m.ns),
        m.ratio,
        m.ratio_p10,
        m.ratio_p90
    );
}

fn ns(x: f64) -> String {
    if x >= 1e5 {
        format!("{:.0}", x)
    } else if x >= 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}
