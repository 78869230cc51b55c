### raft 实验的场景与课程解说的简体中文版，译自 scenarios/ 与 lessons/ 中的英文（以英文为准）。
### 每条消息上方的注释是其各部分所译英文的指纹：英文改动后，web/tests/l10n.rs 会指出哪一部分需要重译。

# line-1 0b5bc895
# line-2 00e6fe05
# line-3 59313479
# line-4 ab3a17e6
scenario-check-quorum =
    .line-1 = 领导者 S3 与所有服务器断开。其余四台很快会选出它们自己的新领导者。
    .line-2 = S3 在一个选举超时内没有收到任何跟随者的消息：它退位（check-quorum）。
    .line-3 = 一个客户端请 S3 写入 x=1。S3 已不再是领导者，也不知道谁是领导者，所以它拒绝，而不是接下一个永远无法提交的写入。
    .line-4 = 网络恢复；S3 跟随新的领导者。

# line-1 7bbd3763
scenario-check-raft-forget-voted-for =
    .line-1 = 选举安全被打破：S2 和 S1 都当选为任期 1 的领导者

# line-1 9373d0b0
scenario-check-raft-skip-log-check =
    .line-1 = 领导者完整性被打破：S2 成为任期 2 的领导者，却没有截至索引 1 的已提交条目

# line-1 d6fd2d2f
scenario-check-raft-stale-vote-reply =
    .line-1 = 计票被打破：S5 持有任期 2 中 5 个投票者里 3 个的选票，却仍是候选者

# line-1 aaa25c56
scenario-check-raft-figure8-commit =
    .line-1 = 已提交条目留存被打破：S2 缺少截至索引 1 的已提交条目，可它的日志（最后任期 2，索引 1）与多数派的一样新：它可以当选并覆盖这些条目

# line-1 0e5f12c8
scenario-check-raft-early-config-change =
    .line-1 = 领导者完整性被打破：S1 成为任期 3 的领导者，却没有截至索引 1 的已提交条目

# line-1 1c527718
scenario-check-raft-local-reads =
    .line-1 = 线性一致性被打破：S2 对 get x 的回答是“无”，可在这次读发出之前，x=1 已被确认

# line-1 510f6dbe
# line-2 11a95aa4
# line-3 78395004
# line-4 f28d86e0
# line-5 311210ca
# line-6 d964a5fc
# line-7 c8aa4c9c
# line-8 e191d196
# line-9 de0363d5
# line-10 c46b4115
# line-11 23c58016
# line-12 f72b9183
# line-13 896b0ad8
scenario-config-change-bug =
    .line-1 = S1、S2、S3 和 S4 是投票者；S5 在外面。S1 超时并赢得任期 1。
    .line-2 = S1 把 S5 加为学习者：S5 接收日志，但暂不投票。这次变更被提交。
    .line-3 = S1 发往 S2、S3 和 S4 的消息被切断；只有 S5 还能收到它的消息。
    .line-4 = S1 让 S5 成为投票者：现在有五个投票者，这在 S1 上生效，并在到达后于 S5 上生效。它无法提交：需要五个中的三个。
    .line-5 = S1 在变更未提交时崩溃。
    .line-6 = S2 将联系不上 S5。
    .line-7 = S2 超时。按它的日志有四个投票者；S3 和 S4 构成它的多数。
    .line-8 = S4 投票给了 S2，但之后再也收不到它的消息。
    .line-9 = S2 成为任期 2 的领导者，并立即移除 S4，在它自己的 no-op 提交之前。以 S1、S2、S3 为投票者，S2 和 S3 在索引 3 和 4 提交了 no-op 和这次变更。
    .line-10 = 网络现在把 S1、S4、S5 与 S2、S3 分开。
    .line-11 = S1 重启。它的日志仍保留着它的变更：五个投票者。
    .line-12 = S1 为任期 2 竞选；S4 已在该任期投过票。
    .line-13 = S1 为任期 3 竞选。S4 和 S5 投票给它：是它五个投票者中的三个。它在索引 3 提交了它的变更，而 S2 和 S3 在同一位置提交的是 S2 的 no-op。

# line-1 027965ad
# line-2 e50a0051
# line-3 9bcd30f3
# line-4 3b2db2a0
# line-5 44eadf3e
# line-6 e76576d3
# line-7 01ea8b62
# line-8 d425fca4
# line-9 11730585
# line-10 112de80a
# line-11 c77384d1
# line-12 77315c02
# line-13 8b8ddc7f
# line-14 3b2db2a0
# line-15 1d8d4825
# line-16 ed3d88c7
# line-17 f6382e2d
# line-18 a4d9264e
scenario-figure8 =
    .line-1 = S1 最先超时，成为任期 1 的领导者。
    .line-2 = 网络把 S1 S2 与 S3 S4 S5 分开。
    .line-3 = 一个客户端在 S1 写入 x=1。它到达了 S2，但没有到达多数：未提交。
    .line-4 = S1 崩溃。
    .line-5 = S5 超时：S3 和 S4 在任期 2 中投票给它。
    .line-6 = S5 与所有服务器断开。
    .line-7 = 一个客户端在任期 2 的领导者 S5 写入 y=2。它只留在 S5 上。
    .line-8 = S5 崩溃。
    .line-9 = 网络现在把 S1 S2 S3 与 S4 S5 分开。
    .line-10 = S1 重启，日志中有 x=1（任期 1）。
    .line-11 = S1 超时：任期 2。S3 已经处于任期 2，投票给了 S5，于是拒绝。
    .line-12 = S1 再次超时：任期 3。S2 和 S3 投票给它；它的日志至少和它们的一样新。
    .line-13 = 任期 3 的领导者 S1 已把 x=1（来自任期 1）复制到 S3：x=1 现在位于多数 S1 S2 S3 之上。
    .line-14 = S1 崩溃。
    .line-15 = 网络恢复。
    .line-16 = S5 重启，日志中有 y=2（任期 2）。
    .line-17 = S5 超时：任期 3。S2 和 S3 已处于任期 3，于是拒绝。
    .line-18 = S5 再次超时：任期 4。它最后一个条目（任期 2）比任何人的（任期 1）都新：S2、S3 和 S4 投票给它，它用 y=2 覆盖了索引 1。这是安全的：x=1 从未被提交。

# line-1 2f02c2cd
scenario-first-election =
    .line-1 = 所有服务器都以任期 0 的跟随者身份启动，各自的选举超时在 150 到 300 ms 之间随机取值。

# line-1 d46220f5
# line-2 76eb37f4
# line-3 245e34fd
scenario-follower-catch-up =
    .line-1 = S3 崩溃（如果它是领导者，其他服务器会选出新的领导者）。
    .line-2 = 领导者也崩溃了；剩下的三台服务器仍构成多数，选出了新的领导者。
    .line-3 = S3 重启，已远远落后。新领导者的第一个 AppendEntries 没能通过一致性检查；S3 的回复告诉它 S3 的日志在哪里结束，nextIndex 随即跳回那里。

# line-1 fd2c6ec7
# line-2 eb391b8e
# line-3 419e0677
# line-4 0e4fafe5
# line-5 629d6c5d
# line-6 5433c48d
scenario-forgotten-vote =
    .line-1 = 有一条链路很慢：从 S1 到 S3 的消息需要 100 ms，其余需要 10 ms。
    .line-2 = S1 超时，在任期 1 请求投票。S2 投了票；S1 成为领导者。
    .line-3 = S2 崩溃。
    .line-4 = S2 重启。缺陷在于：它的投票没有被保存，所以它忘了自己在任期 1 投给了 S1。
    .line-5 = S3 还没收到 S1 的消息（那条链路很慢）。它超时，也在任期 1 请求投票。
    .line-6 = S2 把任期 1 的选票又投了一次，投给 S3：S3 成了任期 1 的第二个领导者。选举安全检查器标出了这一点。

# line-1 4365e07a
# line-2 cc1dc6d8
# line-3 b0970f9f
# line-4 364b3b44
# line-5 88bbccc9
scenario-leader-crash =
    .line-1 = 一个客户端经领导者写入 x=1；一旦多数存下了它，它就被提交。
    .line-2 = 领导者崩溃。跟随者们不再收到心跳。
    .line-3 = 新的领导者已经选出；客户端经由它写入 x=2。
    .line-4 = S1 从它的持久状态（任期、投票、日志）重启。
    .line-5 = 崩溃的那台服务器回来了；它得知新的任期并追上进度。

# line-1 9cefb40c
# line-2 a369a78c
# line-3 2b6199ed
# line-4 9208d039
scenario-leadership-transfer =
    .line-1 = 一个客户端经领导者写入 x=1。
    .line-2 = 领导者被要求把领导权交给 S5，而 S5 可能还没有 x=1。
    .line-3 = 与此同时一个客户端写入 x=2：领导者拒绝了它，因为它正在移交领导权。
    .line-4 = 现在 S5 是领导者；一个客户端经由它写入 x=3。

# line-1 920a104e
# line-2 636ba3bf
# line-3 7c3f6514
# line-4 ffe21a1f
# line-5 daaff4ec
# line-6 0bb57c92
# line-7 e0c33eb8
scenario-membership-change =
    .line-1 = S1、S2 和 S3 是投票者；S4 和 S5 在外面，不参加竞选。一个客户端写入 x=1。
    .line-2 = 领导者把 S4 加为学习者。配置是一条日志条目，一经追加即生效。
    .line-3 = S4 已经追上；领导者让它成为投票者。四个投票者：多数现在是三个。
    .line-4 = 领导者被要求加入 S5。它先让 S5 成为学习者，等 S5 有了日志再让它成为投票者。
    .line-5 = 被要求立即移除 S2 时，领导者拒绝：S5 的变更尚未提交，而变更要一次一个。
    .line-6 = 领导者（S1）被要求移除它自己。在变更提交之前它继续担任领导者，但不把它自己的副本计算在内。
    .line-7 = 由剩下的四个投票者选出的新领导者接收下一次写入。

# line-1 da20b411
# line-2 ec10cb40
scenario-one-way-cut =
    .line-1 = 从 S1 到 S2 的消息被丢弃；从 S2 到 S1 仍然畅通。
    .line-2 = 从 S1 到 S3 的消息也被丢弃。

# line-1 957cf447
# line-2 2e2bc6c0
# line-3 ce8c968d
# line-4 344dad17
# line-5 e64ea590
scenario-partitioned-leader =
    .line-1 = 一次写入正常提交。
    .line-2 = 领导者被隔离：它再也联系不到多数。
    .line-3 = 一个仍在与旧领导者通信的客户端写入 lost=1。它永远无法提交。
    .line-4 = 多数一侧已在更高的任期选出了新领导者；b=2 在那里提交。
    .line-5 = 分区恢复。旧领导者看到更高的任期，随即退位。

# line-1 e76576d3
# line-2 67f1d0f8
# line-3 c7bc5221
# line-4 0bae7fcf
scenario-pre-vote =
    .line-1 = S5 与所有服务器断开。
    .line-2 = S5 的选举计时器触发。有了预投票（pre-vote），它不直接发起选举，而是先问别人它能否赢得下一个任期；这个问题永远送不到，它的任期保持不变。
    .line-3 = 网络恢复。S5 的任期不比领导者的高，所以什么也没被打扰：S5 接收领导者的下一次心跳并跟随它。
    .line-4 = 同一个领导者，在同一个任期，处理一次写入。

# line-1 a6e2d4a0
# line-2 3138fd48
# line-3 d758e24b
scenario-snapshot-catch-up =
    .line-1 = S3 崩溃。S1 和 S2 仍是三台中的多数，继续提交。
    .line-2 = 第十次写入。每应用四个条目，服务器就压缩一次，所以领导者的日志现在从一个快照之后开始。
    .line-3 = S3 重启，已远远落后。它日志末尾之后的条目已被压缩掉，所以领导者发送它的快照：S3 采用快照的状态，再接收快照之后的条目。

# line-1 379c51ab
# line-2 9f6ae290
# line-3 1cf2f34c
# line-4 ac5ba190
# line-5 72c1145f
# line-6 dc08b968
# line-7 c8239fec
# line-8 4ad91bb1
scenario-stale-read =
    .line-1 = S1 超时，成为任期 1 的领导者。
    .line-2 = 一个客户端经 S1 写入 x=1；它被提交。
    .line-3 = S1 与所有服务器断开。它还不知道：它仍以为自己是领导者。
    .line-4 = S2 超时并在任期 2 竞选；S3、S4 和 S5 投票给它。
    .line-5 = 一个客户端经新领导者 S2 写入 x=2；它在 S2 到 S5 上提交。
    .line-6 = 另一个客户端经 S1 读取 x。在 local_reads 缺陷下，S1 立即从自己的副本作答：x=1，尽管 x=2 在这次读开始之前就已完成。这不是线性一致的。
    .line-7 = 链路恢复；S2 的下一次心跳告诉 S1 任期 2 的存在，它随即退位。
    .line-8 = 经 S2 的一次读先确认 S2 仍是领导者（一轮得到多数回应的心跳），然后返回 x=2。

# line-1 10df42d2
# line-2 af8fd3a0
# line-3 32aebc16
# line-4 58fdc911
# line-5 a38f86e2
# line-6 7e645a53
# line-7 e05f2858
# line-8 d02fa413
scenario-stale-vote-reply =
    .line-1 = 目前从 S1 到 S2 的消息需要 200 ms，从 S1 到 S3 需要 300 ms；其余需要 10 ms。
    .line-2 = S4 和 S5 永远收不到 S1 的消息，所以只有 S2 和 S3 能构成 S1 的多数。
    .line-3 = S1 超时，在任期 1 请求投票。它发给 S2 的请求走的是慢链路。
    .line-4 = 从 S1 到 S2 的链路又变快了；任期 1 的请求仍在途中。
    .line-5 = S1 再次超时，在任期 2 竞选。这个请求超过了第一个。
    .line-6 = S2 已投出它任期 2 的选票，S1 也计入了：五票中的两票。
    .line-7 = S2 收到了迟到的任期 1 请求并拒绝了它（它现在处于任期 2）。拒绝中写明了它回答的是哪个请求，所以 S1 忽略它，保留 S2 的选票。
    .line-8 = S3 任期 2 的选票到达：S1 拿到五票中的三票，成为任期 2 的领导者。

# line-1 f62274f7
# line-2 ebbe4922
# line-3 674698a9
# line-4 d12ca64c
# line-5 24ebe721
# line-6 dd7b8bb7
# line-7 375690e4
# line-8 72ca6f2e
scenario-unknown-outcome =
    .line-1 = S1 超时，请求投票，成为任期 1 的领导者。
    .line-2 = 从现在起，S2 发出的任何消息都到不了 S1。
    .line-3 = S1 发出的任何消息也都到不了 S3。
    .line-4 = 一个客户端经 S1 写入 x=1。S1 追加它并发给 S2，S2 存下了它；S2 的确认始终没有到达，所以 S1 无法提交它。
    .line-5 = S2 超时并在任期 2 竞选。S3 投票给它（S2 的日志同样新）；S1 对此一无所知。
    .line-6 = S2 成为任期 2 的领导者。它的第一个条目，一个任期 2 的 no-op，在 S2 和 S3 上提交，连同它之前的 x=1：这次写入生效了。
    .line-7 = 链路恢复。S2 的下一次心跳到达 S1。
    .line-8 = S1 得知任期 2，在 x=1 仍待定时退位：它报告结果未知。此时重试的客户端会让 x=1 被应用两次。

# value 6abeb7bd
# step-1 93ac5f03
# step-2 403970dc
# step-2-ask 12b9c592
# step-2-choice-1 8db803dd
# step-2-choice-2 61e6be1a
# step-2-reveal 686af445
# step-3 6592f109
# step-3-ask 06a9198e
# step-3-choice-1 b4411af2
# step-3-choice-2 0e4a6ff1
# step-3-reveal 87c2f833
# step-4 95137658
# step-4-task e83ec000
# step-4-hint c03fef59
lesson-raft-commit-rule = Raft：提交规则（图 8）
    .step-1 = 五台服务器；这里的每次选举都是强制的，如同 Raft 论文的图 8，并且关闭了领导者的 no-op。S1 曾是任期 1 的领导者，只把 x=1 写到了 S2，然后崩溃。S5 以 S3 和 S4 的选票赢得任期 2，只把 y=2 写在自己身上，也崩溃了。
    .step-2 = S1 重启，以 S2 和 S3 的选票赢得任期 3。作为领导者它把日志发给它们：来自任期 1 的 x=1 现在位于 S1、S2 和 S3，即多数之上。
    .step-2-ask = x=1 现在已提交了吗？
    .step-2-choice-1 = 是：它已存于多数之上
    .step-2-choice-2 = 没有
    .step-2-reveal = S1 的提交索引是 { $S1_commit_index }。领导者只对自己任期的条目通过计数副本来提交（§5.4.2）；更早的条目在它之后的一个当前任期条目提交时随之提交。S1 在任期 3 中什么也没写。
    .step-3 = 在 700 ms 时 S1 崩溃。S5 带着 y=2（来自任期 2）重启，两次超时，到了任期 4。
    .step-3-ask = x=1 会怎样？
    .step-3-choice-1 = 它保留下来：多数持有它
    .step-3-choice-2 = y=2 取代了它
    .step-3-reveal = { $leader } 是任期 { $leader_term } 的领导者，S2 现在在索引 1 处持有 { $S2_log_0_command }。S5 的最后一个条目来自任期 2，比其他服务器的任期 1 更新，所以 S2、S3 和 S4 投票给了它。这之所以安全，只是因为 x=1 从未被提交：一个为旧条目计数副本的领导者（figure8_commit 缺陷）会告诉客户端 x=1 已完成，然后又把它弄丢。
    .step-4 = 回到 S1 赢得任期 3 的时刻。S1 将在 700 ms 时崩溃。
    .step-4-task = 在 S1 崩溃之前，让 x=1 真正被提交，使 S5 永远无法覆盖它。
    .step-4-hint = 一旦 x=1 之后有一个 S1 自己任期的条目存于多数之上，x=1 就提交了。给 S1 一些东西去写。

# value 2e139de4
# step-1 f8c023f2
# step-2 6cc72dce
# step-2-ask 622b8eaa
# step-2-reveal 8b1b2cc2
# step-3 4efc6131
# step-3-task 4369902e
# step-3-hint 3e6f93b7
lesson-raft-election = Raft：第一次选举
    .step-1 = 五台服务器以任期 0 的跟随者身份启动。每台等待一个 150 到 300 ms 之间的随机选举超时；如果到那时还没收到任何领导者的消息，它就成为候选者，向其他服务器请求投票。
    .step-2 = 观察每台服务器上的计时器。最先耗尽的那台会在任期 1 发起选举。
    .step-2-ask = 哪台服务器会成为领导者？
    .step-2-reveal = { $leader } 在任期 { $leader_term } 成为领导者：它的计时器最先触发，而其他服务器仍处于任期 0，各自把任期 1 唯一的一票投给了它。
    .step-3 = 同一个集群，同一时刻。现在由你来选领导者。
    .step-3-task = 在不让 S1 崩溃的前提下，让 S1 成为领导者。
    .step-3-hint = 服务器在选举计时器耗尽时成为候选者。在“故障”标签页中选中 S1 并让它超时，或者把当前的领导者拿掉。

# value 259531bf
# step-1 48cf75e6
# step-2 e22e7313
# step-2-ask 391ba0f3
# step-2-choice-1 94360b3d
# step-2-choice-2 2952de6f
# step-2-reveal 51af38d3
# step-3 8c34ac20
# step-3-ask 875e47a7
# step-3-reveal cc89ec49
lesson-raft-leader-crash = Raft：领导者崩溃
    .step-1 = 领导者已经选出，一个客户端经由它写入了 x=1。这次写入已提交：多数服务器存下了它。
    .step-2 = 在 1 s 时领导者崩溃。跟随者们不再收到它的心跳，选举计时器最先耗尽的那台出来参选。
    .step-2-ask = 新领导者的日志：它还有 x=1 吗？
    .step-2-choice-1 = 有：x=1 已提交，所以任何可能的胜者都有它
    .step-2-choice-2 = 没有：x=1 随旧领导者一起没了
    .step-2-reveal = { $leader } 是任期 { $leader_term } 的领导者，并且持有 x=1。服务器只投票给日志至少和自己一样新的候选者，而多数存有 x=1，所以没有它的候选者凑不齐多数。
    .step-3 = 崩溃的服务器从它们持久化的内容重启：任期、投票和日志。新领导者让它们追上进度。
    .step-3-ask = 运行结束时，五台服务器中有几台持有 x=2？
    .step-3-reveal = 全部 { $count_log_contains_x_2 } 台都有：重启的服务器像任何跟随者一样，通过 AppendEntries 接收领导者的条目。

# value dffe909d
# step-1 c4f8613c
# step-2 46d4a687
# step-2-ask e1834b67
# step-2-choice-1 199f4de8
# step-2-choice-2 b3f1966c
# step-2-choice-3 7090333b
# step-2-reveal 1810ec81
# step-3 8ff9c9c3
# step-3-ask 0b006c00
# step-3-choice-1 f2cc490b
# step-3-choice-2 ea006b11
# step-3-reveal 662cfb04
lesson-raft-log-catch-up = Raft：跟随者追上进度
    .step-1 = S3 在 600 ms 时崩溃。此后集群提交了十几次写入，在 1.6 s 时领导者也崩溃了：剩下的三台服务器选出了新的领导者。S3 即将重启。
    .step-2 = S3 从它的持久状态重启。新领导者从自己日志的末尾开始向它发送 AppendEntries：每条都带着紧挨其前的条目的索引和任期，只有当 S3 自己的日志中有那个条目时它才接受。
    .step-2-ask = S3 重启后不久，它的日志有多长？
    .step-2-choice-1 = 和领导者的一样长：重启会让它追上进度
    .step-2-choice-2 = 仍是它崩溃前就有的那一个条目
    .step-2-choice-3 = 空的：崩溃会丢失日志
    .step-2-reveal = S3 有 { $S3_log_len } 个条目，领导者有 { $leader_log_len } 个。日志是持久化的，所以 S3 保留了原有的内容；第一个 AppendEntries 没能通过一致性检查，S3 的回答告诉领导者它的日志在哪里结束。
    .step-3 = 领导者把 S3 的 nextIndex 退回到 S3 日志结束的位置，发送其后的内容，每条消息带几个条目。
    .step-3-ask = 到 4 s 时，S3 的日志与领导者的一致吗？
    .step-3-choice-1 = 一致，逐条相同
    .step-3-choice-2 = 不一致，它仍落后
    .step-3-reveal = 两份日志都有 { $leader_log_len } 个条目。因为跟随者只在前一个条目匹配后才接受新条目，两份日志只要在某个条目上一致，在它之前的所有条目上也都一致（日志匹配特性）。

# value 737a4ac9
# step-1 ef1c7869
# step-2 63741ef9
# step-2-ask 28c4a065
# step-2-choice-1 13caebea
# step-2-choice-2 31ad1c80
# step-2-reveal 09fb84eb
# step-3 ff29495f
# step-3-ask 4cdfb3ea
# step-3-choice-1 5bae343f
# step-3-choice-2 7014f1e7
# step-3-reveal 586b3450
# step-4 9579007b
# step-4-task d7f6341a
# step-4-hint bcc3bc7a
lesson-raft-partition = Raft：被分区的领导者
    .step-1 = 五台服务器，一个领导者。一次写入（a=1）正常提交。在 1 s 时领导者被隔离：它联系不到任何服务器，任何服务器也联系不到它。
    .step-2 = 一个仍在与旧领导者通信的客户端写入 lost=1。旧领导者把它追加到日志中，并发送永远不会到达的 AppendEntries。
    .step-2-ask = 与此同时，在多数一侧：到 1.7 s 时谁在那里担任领导者？
    .step-2-choice-1 = 没有人：旧领导者仍占着这个任期
    .step-2-choice-2 = 一个新领导者，处于更高的任期
    .step-2-reveal = { $leader } 是任期 { $leader_term } 的领导者。旧领导者仍以为自己在领导它那个更旧的任期：有一段时间存在两个领导者，分属不同的任期。Raft 允许这样；它只禁止同一任期中出现两个领导者。
    .step-3 = 新领导者提交了 b=2。在 2.5 s 时分区恢复。
    .step-3-ask = lost=1 会怎样？
    .step-3-choice-1 = 一旦旧领导者能联系到其他服务器，它就会提交
    .step-3-choice-2 = 它从每份日志中被抹去
    .step-3-reveal = 已经没有任何服务器持有 lost=1。它从未到达多数，所以从未被提交，也没有客户端被告知它成功了。旧领导者看到任期 { $leader_term }，随即退位，它那条冲突的条目被新领导者的日志覆盖。
    .step-4 = 回到分区发生的时刻。现在轮到你了。
    .step-4-task = 在分区于 2.4 s 恢复之前，让 mine=1 被某个领导者提交并应用。
    .step-4-hint = 把客户端请求发给多数一侧的领导者（任期更高的那个），而不是被隔离的那个。

# value 34b461aa
# step-1 e2e15466
# step-2 2c15d2fd
# step-2-ask 5e539522
# step-2-choice-1 1679e05e
# step-2-choice-2 6ed53f09
# step-2-reveal 27e0c62a
# step-3 fc560218
# step-3-ask f1dbff9c
# step-3-choice-1 32051af3
# step-3-choice-2 381ddf05
# step-3-reveal 8aff755c
lesson-raft-pre-vote = Raft：预投票与回归的服务器
    .step-1 = 五台服务器，开启了预投票；一个领导者已经选出。在 1 s 时 S5 与所有服务器断开。
    .step-2 = S5 收不到心跳，它的选举计时器一次又一次地触发。有了预投票，它先问其他服务器是否会在下一个任期投票给它；这个问题送不到。
    .step-2-ask = 独处两秒之后，S5 的任期是多少？
    .step-2-choice-1 = 不变
    .step-2-choice-2 = 比领导者的高
    .step-2-reveal = S5 仍处于任期 { $S5_term }，与领导者相同。服务器只有在多数回应了它的预投票之后才会提高任期。没有预投票的话，它每次超时都会发起选举并提高任期。
    .step-3 = 在 3 s 时网络恢复，在 3.5 s 时一个客户端经领导者写入。
    .step-3-ask = S5 回来后，谁是领导者？
    .step-3-choice-1 = 同一个领导者，同一个任期
    .step-3-choice-2 = 经过一次选举后的新领导者
    .step-3-reveal = { $leader } 仍是任期 { $leader_term } 的领导者。S5 的任期不比领导者的高，所以它的回归没有打扰任何人：它接收下一次心跳并跟随。
