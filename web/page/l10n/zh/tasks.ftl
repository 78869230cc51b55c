### tasks 实验的场景与课程解说的简体中文版，译自 scenarios/ 与 lessons/ 中的英文（以英文为准）。
### 每条消息上方的注释是其各部分所译英文的指纹：英文改动后，web/tests/l10n.rs 会指出哪一部分需要重译。

# line-1 bc49eb9c
scenario-tasks-coordinator-crash =
    .line-1 = S3 崩溃：它在一个集群里是协调者，在另一个集群里只是普通成员。

# line-1 8d6046f7
# line-2 aba05938
scenario-tasks-member-join =
    .line-1 = S6 起初不在任何一个池中：没有协调者给它分派工作，也没有哈希环包含它。
    .line-2 = S6 加入。看看在每个集群中哪些任务转移到了它身上。

# line-1 6e1b474b
# line-2 1d8d4825
scenario-tasks-partition =
    .line-1 = 网络分裂为 S1 S2 S3 | S4 S5。客户端与 S4 和 S5 在同一侧。
    .line-2 = 网络恢复。

# line-1 eb52db97
scenario-tasks-worker-crash =
    .line-1 = S4 在运行任务时崩溃。

# line-1 8b730c3e
# line-2 f5cb1bc0
scenario-tasks-worker-stall =
    .line-1 = S4 在任务进行到一半时与所有服务器断开。它继续工作。
    .line-2 = S4 回来了，带着已经没人在等的结果。

# value c4412e68
# step-1 7d325b38
# step-2 601c9bbd
# step-2-ask 17abde71
# step-2-choice-1 1205b8c9
# step-2-choice-2 acedba15
# step-2-reveal 8df99ef6
# step-3 6c58ccf4
# step-3-ask 7670e58e
# step-3-choice-1 b3a43630
# step-3-choice-2 7e89b205
# step-3-reveal 8f6e4878
# step-4 488c0257
lesson-tasks-partition = 任务集群：分区之下，一个领导者还是没有领导者
    .step-1 = 两个各有五台服务器的集群在同一个网络上并排运行，从 S5 处的客户端收到同样的任务，每秒十个。在单领导者集群中，S3 是协调者：它靠心跳检测故障，并分派每一个任务。在无领导者集群中，每个任务的键在一致性哈希环上选出它的归属者，成员则通过 SWIM gossip 得知故障。
    .step-2 = 在 3 s 时，网络把 S1 S2 S3 与 S4 S5 分开，持续八秒。客户端留在较小的一侧，与 S4 和 S5 在一起。
    .step-2-ask = 分区期间，单领导者集群会接受客户端的新任务吗？
    .step-2-choice-1 = 不会：S5 联系不上协调者
    .step-2-choice-2 = 会：S4 或 S5 会接管
    .step-2-reveal = 协调者的任务表里仍是 { $S3_leader_table_len } 个任务，与分裂时一样。S4 和 S5 是少数派：它们选不出自己的协调者，所以客户端交给 S5 的每个任务都要等待或被拒绝，直到网络恢复。
    .step-3 = 同样的八秒，换到无领导者集群。
    .step-3-ask = 无领导者集群的小半边还会继续完成任务吗？
    .step-3-choice-1 = 会
    .step-3-choice-2 = 不会，它要等网络恢复
    .step-3-reveal = S5 知道已完成的任务有 { $S5_peer_done } 个（分裂时为 10 个）。起初 S4 和 S5 只运行它们自己拥有的键；等 SWIM 确认另外三台已死，它们的哈希环变成了 { $S5_peer_ring }，于是接管了所有的键。代价是：大的一侧也对它所知道的任务做了同样的事，因此有些任务被运行了两次。可用性与“每个任务只有一个归属者”之间的取舍，正是那两篇文章争论的焦点。
    .step-4 = 在 11 s 时网络恢复；两个集群都稳定下来。
