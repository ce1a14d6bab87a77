//! Freeing big values off the critical path.
//!
//! At the end of a build the course and every page's rendered Markdown (hundreds of thousands
//! of allocations for a big course) are no longer needed, and freeing them one by one takes
//! tens of milliseconds while the other core has nothing to do. Handed to a thread of their
//! own, they are freed while the output is swapped into place; when the process ends first,
//! the system takes the memory back at once.

/// Drops `value` on a new thread, or here if no thread can be started.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    // if the thread cannot be made, the closure (and `value` with it) is dropped right here
    let _ = std::thread::Builder::new()
        .name("lectern-drop".into())
        .spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    struct Signal(mpsc::Sender<std::thread::ThreadId>);

    impl Drop for Signal {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn drops_the_value_on_another_thread() {
        let (tx, rx) = mpsc::channel();
        drop_in_background(Signal(tx));
        let dropped_on = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("dropped");
        assert_ne!(dropped_on, std::thread::current().id());
    }
}
