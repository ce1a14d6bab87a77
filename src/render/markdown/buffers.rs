//! The two event lists of a page, kept (empty) between the pages a thread renders.
//!
//! Why: each list takes tens of kilobytes; allocated and freed anew for every page, the
//! allocator kept handing the memory back to the system and faulting fresh pages in, which
//! showed as a sixth of the Markdown pass in profiles.

use std::cell::RefCell;

use super::Spanned;

type Buffer<'a> = Vec<Spanned<'a>>;

thread_local! {
    static SPARE: RefCell<(Buffer<'static>, Buffer<'static>)> = const {
        RefCell::new((Vec::new(), Vec::new()))
    };
}

/// This thread's two lists, empty, with the room the last page left in them.
pub(super) fn take<'a>() -> (Buffer<'a>, Buffer<'a>) {
    let (a, b) = SPARE.with_borrow_mut(std::mem::take);
    (relabel(a), relabel(b))
}

/// Room kept for at most this many events per list (about 1.7 MB): an unusually long page
/// does not hold on to its memory.
const KEEP: usize = 16 * 1024;

/// Keeps the lists' room for the thread's next page.
pub(super) fn put_back(a: Buffer, b: Buffer) {
    let keep = |v: Buffer| {
        if v.capacity() <= KEEP {
            relabel(v)
        } else {
            Vec::new()
        }
    };
    let spare = (keep(a), keep(b));
    SPARE.with_borrow_mut(|s| *s = spare);
}

/// An empty list with `v`'s allocation, for events borrowing from another text. Nothing is
/// converted (`v` is emptied first): collecting a vector's own iterator into a vector of the
/// same layout reuses its allocation (std's in-place collection).
#[expect(
    clippy::unnecessary_filter_map,
    reason = "the closure changes the element type (its lifetime), which `filter` cannot"
)]
fn relabel<'a, 'b>(mut v: Buffer<'a>) -> Buffer<'b> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_room_of_the_last_page() {
        let (mut a, b) = take();
        a.reserve(1000);
        let room = a.capacity();
        let text = String::from("x");
        a.push((pulldown_cmark::Event::Text(text.as_str().into()), 0..1));
        put_back(a, b);
        drop(text);
        let (a, _) = take();
        assert!(a.is_empty());
        assert_eq!(a.capacity(), room);
    }
}
