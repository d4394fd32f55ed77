//! One shared copy of the stable sort for sorts off the hot paths.
//!
//! Every `sort_by` on a new element type or comparator is a copy of the whole
//! sort in the wasm (about 8 KB before gzip). Sorts of a few hundred items, run
//! once per report or per group, go through [`sort_by`] here instead: it sorts
//! the items' indices with one comparator type, so all of them share one copy.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`: the order `items.sort_by(cmp)` gives, at the
/// cost of an indirect call per comparison and a move of each item.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    let by_index = |a: &u32, b: &u32| match (items.get(*a as usize), items.get(*b as usize)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => a.cmp(b),
    };
    sort_indices(&mut order, &by_index);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

/// [`sort_by`] on a key, like `sort_by_key`.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// A key whose unsigned order is `f32::total_cmp`'s order of `x`, for sorting
/// by score with integer comparisons.
pub(crate) fn total_order_key(x: f32) -> u32 {
    let bits = x.to_bits();
    // Negative numbers: all bits flipped, so larger magnitudes sort first;
    // positive ones: the sign bit set, so they sort after every negative one.
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// The `f32` whose [`total_order_key`] is `key`.
pub(crate) fn from_total_order_key(key: u32) -> f32 {
    f32::from_bits(if key >> 31 == 1 {
        key & !(1 << 31)
    } else {
        !key
    })
}

/// The one instantiation of the stable sort behind [`sort_by`].
#[inline(never)]
fn sort_indices(order: &mut [u32], cmp: &dyn Fn(&u32, &u32) -> Ordering) {
    order.sort_by(|a, b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Equal keys keep their order: the second field tells them apart.
        let items: Vec<(u8, usize)> = [3u8, 1, 2, 3, 1, 0, 2, 3, 3, 1]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i))
            .collect();
        let mut ours = items.clone();
        sort_by_key(&mut ours, |&(k, _)| k);
        let mut standard = items;
        standard.sort_by_key(|&(k, _)| k);
        assert_eq!(ours, standard);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, Ord::cmp);
        assert!(empty.is_empty());
    }

    #[test]
    fn total_order_keys_sort_as_total_cmp() {
        let values = [
            f32::NAN,
            -f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            1.0,
            0.5,
            0.500_000_06,
            f32::MIN_POSITIVE,
            0.0,
            -0.0,
            -f32::MIN_POSITIVE,
            -0.5,
            -1.0,
        ];
        for x in values {
            for y in values {
                assert_eq!(
                    total_order_key(x).cmp(&total_order_key(y)),
                    x.total_cmp(&y),
                    "{x} {y}"
                );
            }
            assert_eq!(
                from_total_order_key(total_order_key(x)).to_bits(),
                x.to_bits()
            );
        }
    }
}
