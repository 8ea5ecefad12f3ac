//! The timing harness: every column of a cell takes one sample per round, in an
//! order shuffled each round, and each column's ratio to the baseline (column 0,
//! hand-written code) is the median of its per-round ratios, so a burst of machine
//! load lands on all columns of a round rather than on one column.

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static WALL_CLOCK: AtomicBool = AtomicBool::new(false);

/// Times with the wall clock instead of the thread's CPU time (`--wall`).
pub fn use_wall_clock(wall: bool) {
    WALL_CLOCK.store(wall, Ordering::Relaxed);
}

/// A point in time on the harness's clock: by default the CPU time of this thread
/// (`CLOCK_THREAD_CPUTIME_ID`), so that the time slices other processes take on a
/// busy machine are not counted; the wall clock with `--wall` or off Linux.
#[derive(Clone, Copy)]
pub struct Stamp(Result<Duration, Instant>);

impl Stamp {
    /// Now.
    #[inline]
    pub fn now() -> Stamp {
        if !WALL_CLOCK.load(Ordering::Relaxed) {
            if let Some(t) = thread_cpu_time() {
                return Stamp(Ok(t));
            }
        }
        Stamp(Err(Instant::now()))
    }

    /// The time since `self`.
    #[inline]
    pub fn elapsed(self) -> Duration {
        match self.0 {
            Ok(start) => thread_cpu_time().map_or(Duration::ZERO, |t| t.saturating_sub(start)),
            Err(start) => start.elapsed(),
        }
    }
}

#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// Times `n` operations and returns the elapsed time.
pub type Sampler = Box<dyn FnMut(u64) -> Duration>;

/// A way to run `n` operations and check that one of them gives the expected
/// result.
pub struct Column {
    /// The column's name in the table.
    pub name: &'static str,
    /// Runs one operation and compares its result with the workload's reference
    /// (CPython's bytes or values); the message says what differs.
    pub check: Box<dyn FnMut() -> Result<(), String>>,
    /// Runs `n` operations.
    pub sample: Sampler,
}

/// One workload and operation (a row group of the table), with its columns;
/// column 0 is the baseline the ratios are taken to.
pub struct Cell {
    /// `W1` … `W4`.
    pub workload: &'static str,
    /// `pack`, `unpack`, `decode`, `encode`.
    pub op: &'static str,
    /// The format string.
    pub format: &'static str,
    /// Bytes packed or unpacked by one operation.
    pub bytes: usize,
    /// Records handled by one operation (1 for W1–W3).
    pub records: usize,
    /// The implementations.
    pub columns: Vec<Column>,
}

impl Cell {
    /// Runs every column's check; the first mismatch is an error naming the cell
    /// and column.
    pub fn check(&mut self) -> Result<(), String> {
        for column in &mut self.columns {
            (column.check)().map_err(|e| {
                format!(
                    "{} {} ({}), column `{}`: {e}",
                    self.workload, self.op, self.format, column.name
                )
            })?;
        }
        Ok(())
    }
}

/// How long to measure.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    /// Rounds for cells whose operation is short (W1–W3).
    pub rounds: usize,
    /// Rounds for cells whose one operation takes milliseconds (W4).
    pub bulk_rounds: usize,
    /// The duration one sample of a short operation aims at.
    pub sample: Duration,
}

impl Plan {
    /// The plan of `bash benches/run.sh`: about a minute of measuring.
    pub const FULL: Plan = Plan {
        rounds: 201,
        bulk_rounds: 25,
        sample: Duration::from_millis(1),
    };
    /// A smoke run (`--quick`): a few seconds, numbers only indicative.
    pub const QUICK: Plan = Plan {
        rounds: 11,
        bulk_rounds: 3,
        sample: Duration::from_micros(100),
    };
}

/// How long a bulk column runs before each timed pass.
const BULK_WARM_UP: Duration = Duration::from_millis(15);

/// The result of one column.
#[derive(Clone, Debug)]
pub struct Measured {
    /// Column name.
    pub name: &'static str,
    /// Median nanoseconds per operation.
    pub ns: f64,
    /// Median of the per-round ratios to column 0.
    pub ratio: f64,
    /// The 10th and 90th percentile of those ratios, for the spread.
    pub ratio_p10: f64,
    /// See `ratio_p10`.
    pub ratio_p90: f64,
    /// Operations per sample.
    pub batch: u64,
    /// Nanoseconds per operation in each round, in round order.
    pub rounds: Vec<f64>,
}

impl Measured {
    /// The median over rounds of this column's time over `other`'s in the same
    /// round.
    pub fn ratio_to(&self, other: &Measured) -> f64 {
        let mut ratios: Vec<f64> = self
            .rounds
            .iter()
            .zip(&other.rounds)
            .map(|(a, b)| a / b)
            .collect();
        median(&mut ratios)
    }
}

/// The operations per sample that make one sample take about `target`.
fn calibrate(sample: &mut Sampler, target: Duration) -> u64 {
    let mut n = 1u64;
    loop {
        let t = sample(n);
        if t >= target / 2 || n >= 1 << 40 {
            let per = t.as_secs_f64() / n as f64;
            return ((target.as_secs_f64() / per.max(1e-12)) as u64).clamp(1, 1 << 40);
        }
        n *= 2;
    }
}

/// Fisher–Yates with xorshift64: a fixed sequence of orders, run to run.
fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        v.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

fn median(v: &mut [f64]) -> f64 {
    percentile(v, 0.5)
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() - 1) as f64 * p).round() as usize;
    v[i]
}

/// Measures every column of `cell`.
pub fn measure(cell: &mut Cell, plan: Plan) -> Vec<Measured> {
    let bulk = cell.records > 1;
    let rounds = if bulk { plan.bulk_rounds } else { plan.rounds };
    let k = cell.columns.len();
    let batches: Vec<u64> = cell
        .columns
        .iter_mut()
        .map(|c| {
            if bulk {
                (c.sample)(1); // warm-up: page in the buffers
                1
            } else {
                calibrate(&mut c.sample, plan.sample)
            }
        })
        .collect();
    let mut ns = vec![Vec::with_capacity(rounds); k];
    let mut order: Vec<usize> = (0..k).collect();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..rounds {
        // A new order every round: a column's time can depend on the column run
        // before it (what it left in the caches), so no column may always follow
        // the same one.
        shuffle(&mut order, &mut rng);
        for &c in &order {
            let n = batches[c];
            if bulk {
                // Passes of this column for at least BULK_WARM_UP first: a pass
                // that streams the 14 MB right after a slow column runs up to 2.5×
                // slower for a few milliseconds (measured here; the memory
                // system's clock ramping back up, presumably), which would charge
                // the fast columns for their neighbours.
                let warm = Stamp::now();
                while warm.elapsed() < BULK_WARM_UP {
                    (cell.columns[c].sample)(n);
                }
            }
            let t = (cell.columns[c].sample)(n);
            ns[c].push(t.as_secs_f64() * 1e9 / n as f64);
        }
    }
    (0..k)
        .map(|c| {
            let mut ratios: Vec<f64> = (0..rounds).map(|r| ns[c][r] / ns[0][r]).collect();
            Measured {
                name: cell.columns[c].name,
                ns: median(&mut ns[c].clone()),
                ratio: median(&mut ratios),
                ratio_p10: percentile(&mut ratios, 0.1),
                ratio_p90: percentile(&mut ratios, 0.9),
                batch: batches[c],
                rounds: ns[c].clone(),
            }
        })
        .collect()
}

/// A column that packs `msg` with `f` into a buffer of `expect.len()` bytes and
/// checks the result against `expect` (the buffer starts filled with `0xAA`, so a
/// pad byte left unwritten shows).
pub fn pack_column<M, F>(name: &'static str, f: F, msg: M, expect: &'static [u8]) -> Column
where
    M: 'static,
    F: Fn(&M, &mut [u8]) + Clone + 'static,
{
    let msg = std::rc::Rc::new(msg);
    let check = {
        let (f, msg) = (f.clone(), msg.clone());
        Box::new(move || {
            let mut buf = vec![0xAA; expect.len()];
            f(&msg, &mut buf);
            compare_bytes(&buf, expect)
        })
    };
    let mut buf = vec![0u8; expect.len()];
    let sample = Box::new(move |n: u64| {
        let msg: &M = &msg;
        let start = Stamp::now();
        for _ in 0..n {
            f(black_box(msg), black_box(&mut buf[..]));
        }
        black_box(&buf);
        start.elapsed()
    });
    Column {
        name,
        check,
        sample,
    }
}

/// A column that unpacks `input` with `f` and checks the result against `expect`;
/// the result may borrow from `input`.
pub fn unpack_column<R, F>(name: &'static str, mut f: F, input: &'static [u8], expect: R) -> Column
where
    R: PartialEq + std::fmt::Debug + 'static,
    F: FnMut(&'static [u8]) -> R + Clone + 'static,
{
    let check = {
        let mut f = f.clone();
        Box::new(move || {
            let got = f(input);
            if got == expect {
                Ok(())
            } else {
                Err(format!("unpacked {got:?}, expected {expect:?}"))
            }
        })
    };
    let sample = Box::new(move |n: u64| {
        let start = Stamp::now();
        for _ in 0..n {
            black_box(f(black_box(input)));
        }
        start.elapsed()
    });
    Column {
        name,
        check,
        sample,
    }
}

/// `Ok` when `got == expect`, else the first differing offset.
pub fn compare_bytes(got: &[u8], expect: &[u8]) -> Result<(), String> {
    if got == expect {
        return Ok(());
    }
    if got.len() != expect.len() {
        return Err(format!("{} bytes, expected {}", got.len(), expect.len()));
    }
    let i = got
        .iter()
        .zip(expect)
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let end = (i + 16).min(got.len());
    Err(format!(
        "byte {i} differs: got {:02x?}, expected {:02x?}",
        &got[i..end],
        &expect[i..end]
    ))
}

/// A column that unpacks `input` into reused state with `f` (as
/// `Struct::unpack_into` fills one `Vec<Value>` again and again) and checks the
/// state against `expect`.
pub fn unpack_into_column<S, F>(name: &'static str, f: F, input: &'static [u8], expect: S) -> Column
where
    S: Default + PartialEq + std::fmt::Debug + 'static,
    F: Fn(&'static [u8], &mut S) + Clone + 'static,
{
    let check = {
        let f = f.clone();
        Box::new(move || {
            let mut state = S::default();
            for _ in 0..2 {
                f(input, &mut state);
                if state != expect {
                    return Err(format!("unpacked {state:?}, expected {expect:?}"));
                }
            }
            Ok(())
        })
    };
    let mut state = S::default();
    let sample = Box::new(move |n: u64| {
        let start = Stamp::now();
        for _ in 0..n {
            f(black_box(input), &mut state);
            black_box(&state);
        }
        start.elapsed()
    });
    Column {
        name,
        check,
        sample,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_column_fails_its_check() {
        // Leaves the last byte (a pad byte, say) unwritten: the 0xAA shows.
        let mut c = pack_column("lazy", |_: &(), b: &mut [u8]| b[0] = 1, (), b"\x01\x00");
        assert_eq!(
            (c.check)().unwrap_err(),
            "byte 1 differs: got [aa], expected [00]"
        );
        let mut c = unpack_column("off by one", |b: &[u8]| b[0] + 1, b"\x01", 1u8);
        assert!((c.check)().is_err());
        let mut c = unpack_column("right", |b: &[u8]| b[0], b"\x01", 1u8);
        assert!((c.check)().is_ok());
    }
}
