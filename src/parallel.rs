//! Work split across the machine's cores, natively; in order on one thread in
//! WebAssembly (the page runs the core in a worker of its own).

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Most threads used, whatever the machine has.
const MAX_THREADS: usize = 8;

/// How many threads work may use: the machine's cores natively (at most
/// [`MAX_THREADS`]), one in WebAssembly.
pub(crate) fn threads() -> usize {
    if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |t| t.get().min(MAX_THREADS))
    }
}

/// What a scoped thread gave; a panic in it goes on in the caller, as if the
/// work had run there.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Runs `work` over `0..n` cut into contiguous ranges, one per thread but no
/// fewer than `min_per_thread` items each (below that, a thread costs more than it
/// saves), and joins what the ranges give in order: the same result as
/// `work(0..n)` whenever `work` treats each item on its own.
pub(crate) fn in_ranges<R: Send>(
    n: usize,
    min_per_thread: usize,
    work: impl Fn(Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = threads().min(n / min_per_thread.max(1));
    if threads <= 1 {
        return work(0..n);
    }
    let size = n.div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(size)
            .map(|start| scope.spawn(move || work(start..(start + size).min(n))))
            .collect();
        handles.into_iter().flat_map(joined).collect()
    })
}

/// `f` of each item, in order. Natively a thread per core takes the next item
/// whenever it is free, so one long item holds up no others, and each thread
/// lives through all the items (what it keeps, such as the stem cache, serves
/// them all); in WebAssembly the items are taken one after the other.
/// `told(done)` is called on the calling thread before each item it takes,
/// with how many items are done: from 0, never less than the time before.
pub(crate) fn map_items<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a T) -> R + Sync,
    mut told: impl FnMut(usize),
) -> Vec<R> {
    let threads = threads().min(items.len());
    if threads <= 1 {
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                told(i);
                f(item)
            })
            .collect();
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    // Takes items until none is left; `before` runs before each is taken.
    let work = |before: &mut dyn FnMut()| {
        let mut out = Vec::new();
        loop {
            before();
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return out;
            };
            out.push((i, f(item)));
            done.fetch_add(1, Ordering::Release);
        }
    };
    let work = &work;
    let all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads)
            .map(|_| scope.spawn(move || work(&mut || {})))
            .collect();
        let mut all = work(&mut || told(done.load(Ordering::Acquire)));
        for other in others {
            all.extend(joined(other));
        }
        all
    });
    // Each result to its item's place (a sort here would add code for each
    // kind of result).
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, r) in all {
        if let Some(slot) = slots.get_mut(i) {
            *slot = Some(r);
        }
    }
    slots.into_iter().flatten().collect()
}

/// Runs `a` and `b` at once on two threads when the machine has them, else one
/// after the other, and gives both results: for two stages that need only what
/// they share read-only.
pub(crate) fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if threads() <= 1 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(b);
        let first = a();
        let second = joined(other);
        (first, second)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_join_in_order_whatever_the_split() {
        for (n, min) in [
            (0, 1),
            (1, 1),
            (2, 1),
            (7, 1),
            (999, 1_000),
            (2_000, 1_000),
            (10_007, 3),
        ] {
            let got = in_ranges(n, min, |r| r.map(|i| i * 3).collect());
            let want: Vec<usize> = (0..n).map(|i| i * 3).collect();
            assert_eq!(got, want, "n = {n}");
        }
    }

    #[test]
    fn items_come_back_in_order_and_progress_never_goes_back() {
        for n in [0, 1, 2, 7, 100] {
            let items: Vec<usize> = (0..n).collect();
            let mut told = Vec::new();
            let got = map_items(&items, |&i| i * 10, |done| told.push(done));
            assert_eq!(got, items.iter().map(|i| i * 10).collect::<Vec<_>>());
            if n > 0 {
                assert_eq!(told.first(), Some(&0), "n = {n}");
            }
            assert!(told.windows(2).all(|w| w[0] <= w[1]), "n = {n}: {told:?}");
            assert!(told.iter().all(|&done| done <= n), "n = {n}: {told:?}");
        }
    }

    #[test]
    fn both_gives_each_result_in_its_place() {
        let words = ["one", "two", "three"];
        let (lengths, joined) = both(
            || words.iter().map(|w| w.len()).collect::<Vec<_>>(),
            || words.join(" "),
        );
        assert_eq!(lengths, [3, 3, 5]);
        assert_eq!(joined, "one two three");
    }
}
