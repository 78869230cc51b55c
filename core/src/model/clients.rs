//! What the script's clients were told, kept in a model whose script reads: enough to check
//! that each read sees every write acknowledged before the read was sent. That is a necessary
//! condition for linearizability (not a sufficient one), and all it takes to catch a leader
//! that answers from a stale copy.
//!
//! A read returning write `w`'s value breaks it when some write `v` was acknowledged before
//! the read was sent, and `w` was acknowledged before `v` was sent: `w` then precedes `v`,
//! and `v` the read, in every linearization, so the read cannot see `w`. A read of "none"
//! breaks it when any write was acknowledged before it. Each write writes a value of its own
//! (`spec::writer_of`), so a value names its write.

use super::spec::{writer_of, Model};
use crate::history::Fate;
use crate::sim::{Node, NodeId};

#[derive(Clone, Debug, Default, Hash)]
pub struct ClientLog {
    /// Bit k: the script's request k was answered with success.
    acked: u32,
    /// In the order sent, which is how the simulator numbers requests (from 1): the script's
    /// index and the requests acknowledged at that moment.
    calls: Vec<(u8, u32)>,
}

impl ClientLog {
    /// The script's request `k` is sent.
    pub fn call(&mut self, k: usize) {
        self.calls.push((k as u8, self.acked));
    }

    /// `node` told the client of request `request` its `fate`; a read that misses a write
    /// acknowledged before it is described (it breaks linearizability). The first success
    /// is the one a client keeps.
    pub fn learn<N: Node>(
        &mut self,
        model: &Model<N>,
        node: NodeId,
        request: u64,
        fate: Fate,
    ) -> Option<String> {
        let Fate::Done { read } = fate else { return None };
        let &(k, before) = self.calls.get(usize::try_from(request).ok()?.checked_sub(1)?)?;
        if self.acked & (1 << k) != 0 {
            return None;
        }
        self.acked |= 1 << k;
        let value = read?;
        let acked_before = |w: usize| before & (1 << w) != 0;
        let writes = model.script.len() - model.reads;
        let call_of = |v: usize| self.calls.iter().find(|c| usize::from(c.0) == v);
        // A write acknowledged before the read, and sent after `w` was acknowledged.
        let replaced_by = |w: usize| {
            (0..writes)
                .find(|&v| acked_before(v) && call_of(v).is_some_and(|c| c.1 & (1 << w) != 0))
        };
        let command = |w: usize| model.script[w].1.to_string();
        let missed = match value.as_deref() {
            None => (0..writes)
                .find(|&w| acked_before(w))
                .map(|w| format!("{} had been acknowledged", command(w))),
            Some(text) => match writer_of(text) {
                Some(w) if w < writes => replaced_by(w).map(|v| {
                    format!(
                        "{} had been acknowledged, and it was sent after {} was",
                        command(v),
                        command(w)
                    )
                }),
                _ => Some("no write wrote that value".to_string()),
            },
        };
        let shown = value.as_deref().unwrap_or("none");
        let read = &model.script[usize::from(k)].1;
        missed.map(|why| {
            format!("{node} answered {read} with {shown}, though before it was sent {why}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Faults, Model};
    use crate::protocols::raft::RaftNode;

    fn done(value: Option<&str>) -> Fate {
        Fate::Done { read: Some(value.map(Into::into)) }
    }

    /// Script: x=1 (request index 0), x=2 (1), get x (2), get x (3).
    fn model() -> Model<RaftNode> {
        Model::with_clients(3, Default::default(), 2, 2, Faults::default()).expect("a model")
    }

    #[test]
    fn a_read_must_not_see_a_write_replaced_before_it_was_sent() {
        let (model, node) = (model(), NodeId(0));
        let mut log = ClientLog::default();
        log.call(0);
        assert_eq!(log.learn(&model, node, 1, Fate::Done { read: None }), None);
        log.call(1);
        // A read sent while x=2 is in progress may see x=1 or x=2.
        log.call(2);
        assert_eq!(log.learn(&model, node, 3, done(Some("1"))), None);
        assert_eq!(log.learn(&model, node, 2, Fate::Done { read: None }), None);
        log.call(3);
        let stale = log.learn(&model, node, 4, done(Some("1"))).expect("a stale read");
        assert_eq!(
            stale,
            "S1 answered get x with 1, though before it was sent x=2 had been acknowledged, \
             and it was sent after x=1 was"
        );
    }

    #[test]
    fn a_read_of_nothing_or_of_a_value_never_written_is_caught() {
        let (model, node) = (model(), NodeId(1));
        let mut log = ClientLog::default();
        log.call(2);
        assert_eq!(log.learn(&model, node, 1, done(None)), None, "nothing written yet");
        log.call(0);
        assert_eq!(log.learn(&model, node, 2, Fate::Done { read: None }), None);
        log.call(3);
        let missed = log.learn(&model, node, 3, done(None)).expect("missed x=1");
        assert!(missed.ends_with("x=1 had been acknowledged"), "{missed:?}");
        let mut log = ClientLog::default();
        log.call(2);
        let invented = log.learn(&model, node, 1, done(Some("7"))).expect("never written");
        assert!(invented.ends_with("no write wrote that value"), "{invented:?}");
    }

    #[test]
    fn only_a_requests_first_answer_counts() {
        let (model, node) = (model(), NodeId(2));
        let mut log = ClientLog::default();
        log.call(0);
        log.call(2);
        assert_eq!(log.learn(&model, node, 2, done(None)), None);
        assert_eq!(log.learn(&model, node, 1, Fate::Done { read: None }), None);
        // A duplicate's later answer is not what the client kept.
        assert_eq!(log.learn(&model, node, 2, done(Some("9"))), None);
    }
}
