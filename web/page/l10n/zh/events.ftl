### 各协议事件描述的简体中文版，译自 core/src 中 said! 的英文（以英文为准）。
### 每条消息上方的注释是其所译英文的指纹：英文改动后，web/tests/l10n.rs 会指出哪一条需要重译。

# value ede847ee
gossip-suspects = { $node } 无论直接还是经由他人都没有收到 { $member } 的 ack：它怀疑 { $member }（化身号 { $incarnation }）

# value 09b0fb1f
gossip-confirms = { $node } 确认 { $member } 已死（化身号 { $incarnation }）

# value b69dc225
gossip-refutes-dead = { $node } 听说自己已死，于是反驳：存活，化身号 { $incarnation }

# value 6125fb5c
gossip-refutes-left = { $node } 听说自己已离开（它在重启前离开过），于是反驳：存活，化身号 { $incarnation }

# value f28976dd
gossip-refutes = { $node } 听说自己被怀疑，于是反驳：存活，化身号 { $incarnation }

# value 9436a421
gossip-wrote = 一个客户端在 { $node } 写入 { $key }={ $value }

# value f3b8e5d9
gossip-learns = { $node } 得知 { $key }（来自 { $writer } 的版本 { $version }）

# value faf9e956
gossip-left = { $node } 离开集群

# value 418def72
gossip-joined = { $node } 以化身号 { $incarnation } 重新加入

# value cec058d3
gossip-ping-req = { $from } 请 { $to } 去探测 { $target }

# value 8717ab7d
leases-write = { $to } 收到 { $from } 以令牌 { $token } 写入的 { $value }

# value b12eb9ed
leases-granted-after = { $node }（存储）发现 { $old } 的租约已过期，把它授予 { $to }：令牌 { $token }

# value 6b0ec31c
leases-granted = { $node }（存储）把租约授予 { $to }：令牌 { $token }

# value ce42a5b3
leases-renewed = { $node } 为 { $to } 续约（令牌 { $token }）

# value 74ca2fee
leases-given-back = { $by } 交还租约 { $token }

# value c42d1390
leases-holds = { $node } 持有租约（令牌 { $token }），按它自己的时钟到 { $until } 为止

# value bf5e5477
leases-believes = { $node } 相信自己持有租约（令牌 { $token }）

# value e2b06bfb
leases-lost-taken = { $node } 得知租约在 { $holder } 手中：它的租约 { $token } 已失去

# value d0400e32
leases-lost-fenced = { $node } 以令牌 { $token } 的写入被拒绝（存储设备已见过 { $newest }）：它停下

# value 62aa9be7
leases-lost-ran-out = { $node } 的时钟显示租约 { $token } 已到期：它停止写入

# value faf6b08e
leases-lost-released = { $node } 释放租约 { $token }

# value 3ce1f29c
leases-wrote = { $node } 以令牌 { $token } 写入 { $value }

# value 3a30362a
leases-not-holder = { $node } 没有持有租约，不写入 { $value }

# value db1dbb93
leases-stored = { $node }（存储设备）接受 { $from } 的 { $value }（令牌 { $token }）

# value 8a4a58de
leases-rejected = { $node }（存储设备）拒绝 { $from } 的写入：令牌 { $token } 比 { $newest } 旧

# value cc920542
leases-took-over = { $node } 领导存储（任期 { $term }）：{ $holder } 保留租约 { $token }

# value 41e0d80a
leases-took-over-expired = { $node } 领导存储（任期 { $term }），并把 { $holder } 的租约 { $token } 视为已过期

# value 0019e649
leases-took-over-honours = { $node } 领导存储（任期 { $term }）：它无法知道 { $holder } 最后一次为租约 { $token } 续约是何时，所以从现在起为它保留整整一个 TTL（{ $ttl }）

# value 77783a0c
leases-store-leader = { $node } 赢得存储在任期 { $term } 的选举

# value 698d2abe
leases-store-candidate = { $node } 竞选存储的领导者（任期 { $term }）

# value ad3f348a
leases-store-follower = { $node } 在存储的任期 { $term } 中跟随

# value e5bd0506
leases-store-votes = { $node } 投票让 { $candidate } 领导存储（任期 { $term }）

# value eafc7fd7
leases-store-quorum-lost = { $node } 收到的存储副本消息太少，停止领导（任期 { $term }）

# value 1fcae9ce
leases-store-truncated = { $node } 从条目 { $index } 起丢弃日志：领导者的不同

# value d352b1b8
multipaxos-prepare = { $to } 收到 { $from } 对选票 { $ballot } 的 prepare，针对从 { $first } 起的槽位

# value c49fb700
multipaxos-accept = { $to } 收到 { $from } 的请求：在槽位 { $slot }、选票 { $ballot } 中接受 { $command }

# value a73f1ef9
multipaxos-decide = { $to } 从 { $from } 得知槽位 { $slot } 的内容是 { $command }

# value 267dcf83
multipaxos-campaign = { $node } 听不到领导者：以选票 { $ballot } 为从 { $first } 起的每个槽位运行阶段 1a

# value f7f6ae5c
multipaxos-promises = { $node } 承诺选票 { $ballot }；它在这些槽位中什么也没接受过

# value 4aa1ebf1
multipaxos-promises-reporting = { $node } 承诺选票 { $ballot }，并报告 { $reported } 个已接受的提议

# value b925698b
multipaxos-refuses = { $node } 拒绝选票 { $ballot }：它已承诺 { $promised }

# value fb01b367
multipaxos-slot-accepted = 槽位 { $slot }（{ $command }，在 { $from } 中被接受）

# value 07f66c5e
multipaxos-slot-chosen = 槽位 { $slot }（{ $command }，已知被选定）

# value 7df332e6
multipaxos-elected = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }

# value 9fe7686d
multipaxos-elected-reproposes = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }；重新提议 { $slots }

# value 1bb96ad5
multipaxos-elected-fills = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }；用 no-op 填补空洞 { $holes }

# value 2d18d926
multipaxos-elected-both = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }；重新提议 { $slots }；用 no-op 填补空洞 { $holes }

# value 41765b3e
multipaxos-deposed = { $node } 看到比自己的 { $ballot } 更高的选票 { $by }，随即退位

# value 67458db4
multipaxos-accepts = { $node } 在槽位 { $slot }、选票 { $ballot } 中接受 { $command }

# value df042656
multipaxos-chosen = { $node } 看到多数接受了槽位 { $slot }：{ $command } 被选定

# value 9ab1538e
multipaxos-client = 一个客户端把 { $command } 发给 { $node }，它在槽位 { $slot } 中提议

# value cf9ec244
multipaxos-client-not-leader = 一个客户端把 { $command } 发给 { $node }，但它不是领导者；领导者是 { $leader }

# value 974034be
multipaxos-client-no-leader = 一个客户端把 { $command } 发给 { $node }，但它不是领导者；它不知道谁是领导者

# value f8baa448
multipaxos-client-done = { $node } 告诉客户端请求 #{ $id }：{ $command } 已在槽位 { $slot } 生效

# value 07f1ebdc
multipaxos-client-read = { $node } 按槽位 { $slot } 时的状态答复读请求 #{ $id }：{ $value }

# value 95a83f00
multipaxos-client-read-none = { $node } 按槽位 { $slot } 时的状态答复读请求 #{ $id }：从未写入

# value dc476beb
multipaxos-client-unknown = 客户端请求 #{ $id }（{ $command }，槽位 { $slot }）的结果未知：{ $node } 已无法知道它是否被选定

# value 3003069e
paxos-prepare = { $to } 收到 { $from } 对选票 { $ballot } 的 prepare

# value 9584e590
paxos-promise = { $to } 收到 { $from } 对选票 { $ballot } 的承诺

# value f6f3bc90
paxos-accept = { $to } 收到 { $from } 的请求：在选票 { $ballot } 中接受 { $value }

# value 2b4eda90
paxos-starts = { $node } 为 { $value } 发起选票 { $ballot }：阶段 1a，prepare

# value 6272f525
paxos-promises = { $node } 承诺选票 { $ballot }；它还没有接受过任何值

# value e3a73cac
paxos-promises-reporting = { $node } 承诺选票 { $ballot }，并报告它曾在选票 { $accepted } 中接受 { $value }

# value b925698b
paxos-refuses = { $node } 拒绝选票 { $ballot }：它已承诺 { $promised }

# value 07e3f087
paxos-phase-two-adopted = { $node } 获得选票 { $ballot } 的多数承诺；它必须提议在选票 { $from } 中被接受过的 { $value }：阶段 2a

# value 86993cb4
paxos-phase-two-own = { $node } 获得选票 { $ballot } 的多数承诺；没有谁接受过任何值，所以它提议自己的 { $value }：阶段 2a

# value ba951284
paxos-accepts = { $node } 在选票 { $ballot } 中接受 { $value }

# value fa450928
paxos-preempted = { $node } 的选票 { $ballot } 被 { $by } 压过；它将重试

# value c289ce42
paxos-chosen = { $node } 看到多数接受了选票 { $ballot }：{ $value } 被选定

# value e891a9ea
paxos-learns = { $node } 得知 { $value } 已被选定（选票 { $ballot }）

# value 4918db33
paxos-told = { $node } 四处询问，{ $by } 告诉它 { $value } 已被选定

# value 8baaf299
paxos-client = 一个客户端请 { $node } 提议 { $value }

# value 56c1a115
paxos-client-busy = 一个客户端请 { $node } 提议 { $value }；它正忙于一轮

# value 92a43899
paxos-client-not-proposer = 一个客户端请 { $node } 提议 { $value }；它不是提议者

# value 50b08a7a
drop-loss = 从 { $from } 发往 { $to } 的 { $message } 被网络丢失

# value 4551be99
drop-partition = 从 { $from } 发往 { $to } 的 { $message } 无法通过：链路被切断

# value 4376e30b
drop-node-down = 从 { $from } 发往 { $to } 的 { $message } 丢失：{ $to } 已宕机

# value d5f61370
drop-manual = 从 { $from } 发往 { $to } 的 { $message } 被手动丢弃

# value d87fa284
duplicate = 网络复制了一条从 { $from } 发往 { $to } 的消息

# value ec9f50b2
raft-timer-election = { $node } 的选举计时器触发

# value eb300c3b
raft-timer-heartbeat = { $node } 发送心跳

# value 3e25d693
raft-timer-check-quorum = { $node } 检查多数是否仍在回应它

# value 77942c17
raft-timer-transfer = { $node } 的领导权移交超时

# value b7982239
raft-election-timeout = 选举超时

# value 93a35246
crashed = { $node } 崩溃

# value 5e7642ad
raft-restarted = { $node } 从持久状态重启

# value aa9651a1
skipped = 什么也没发生：{ $reason }

# value 9c9fee91
record-violation = 违反 { $property }：{ $detail }

# value 562839b4
raft-vote-request = { $to } 收到 { $from } 在任期 { $term } 的投票请求

# value 27f59fd9
raft-vote = { $to } 收到 { $from } 的选票（任期 { $term }）

# value b2c6d175
raft-vote-refused = { $to } 得知 { $from } 拒绝了它在任期 { $term } 的投票请求

# value 6c17aff4
raft-heartbeat = { $to } 收到 { $from } 的心跳（任期 { $term }）

# value 409b09cb
raft-entry = { $to } 从 { $from } 收到索引 { $index } 之后的 1 个条目

# value 7cbbb967
raft-entries = { $to } 从 { $from } 收到索引 { $index } 之后的 { $count } 个条目

# value 840dd26a
raft-matches = { $to } 得知 { $from } 的日志与自己一致，直到索引 { $index }

# value 450ae4fe
raft-mismatch = { $to } 得知 { $from } 的日志不匹配；它将回退

# value 3d990a99
raft-forwarded = { $to } 收到 { $from } 转发的客户端请求 { $command }

# value c978b472
raft-snapshot = { $to } 收到 { $from } 截至索引 { $index }（任期 { $term }）的快照：它接下来需要的条目已被压缩掉

# value 96de2e0d
raft-snapshot-held = { $to } 得知 { $from } 持有它截至索引 { $index } 的快照

# value a30153fa
raft-pre-vote-request = { $from } 问 { $to } 它能否赢得任期 { $term }（预投票）

# value 36210fd9
raft-pre-vote = { $to } 得知 { $from } 会在任期 { $term } 投票给它

# value 874db43d
raft-pre-vote-refused = { $to } 得知 { $from } 不会在任期 { $term } 投票给它（它有领导者，或者日志更长）

# value 6f0aa389
raft-timeout-now = 任期 { $term } 的领导者 { $from } 告诉 { $to } 立即发起选举

# value ba8f94c6
raft-candidate = { $node } 超时，为任期 { $term } 发起选举

# value 01275c11
raft-leader = { $node } 赢得多数，成为任期 { $term } 的领导者

# value b144cd31
raft-follower = { $node } 在任期 { $term } 成为跟随者

# value 6286e38d
raft-votes = { $node } 在任期 { $term } 投票给 { $candidate }

# value f941437d
raft-pre-votes = { $node } 超时，先问别人它能否赢得任期 { $term }，而不提高自己的任期（预投票）

# value 418b2225
raft-transfer = { $node } 开始把领导权移交给 { $to }：它不再接收新的客户端请求，并让 { $to } 追上进度

# value 28bc6e2c
raft-transfer-now = { $node } 看到 { $to } 的日志与自己一致，告诉它立即竞选

# value aec60fbb
raft-transfer-aborted = { $node } 在一个选举超时后放弃向 { $to } 移交领导权，重新接收客户端请求

# value 03ffc280
raft-quorum-lost-one = { $node } 在一个选举超时内只收到 1 台服务器的消息，辞去任期 { $term } 的领导者（check-quorum）

# value 52e5439a
raft-quorum-lost = { $node } 在一个选举超时内只收到 { $heard } 台服务器的消息，辞去任期 { $term } 的领导者（check-quorum）

# value 4b6dd9ff
raft-deny-stale = { $node } 拒绝 { $candidate }：它的任期已过时

# value ac31e90f
raft-deny-voted = { $node } 拒绝 { $candidate }：本任期已经投过票

# value ec5ab055
raft-deny-log = { $node } 拒绝 { $candidate }：候选者的日志落后

# value e09e8eba
raft-deny-lease = { $node } 拒绝 { $candidate }：领导者的租约可能仍然有效

# value ec60c136
raft-deny-not-voter = { $node } 忽略 { $candidate } 的投票请求：按它的配置，{ $candidate } 不是投票者

# value 473d2691
raft-append-rejected = { $node } 拒绝 { $leader } 的条目：它的日志在索引 { $index } 处没有匹配

# value 88bab6ec
raft-truncated = { $node } 删除从索引 { $index } 起的冲突条目

# value f77c2d88
raft-replicated = { $node } 记下 { $follower } 已存有它截至索引 { $index } 的日志

# value e5b975df
raft-commit = { $node } 提交到索引 { $index }

# value 552f0752
raft-compacted = { $node } 压缩日志：截至索引 { $index } 的条目成为其状态机的快照

# value dc3423b3
raft-snapshot-installed = { $node } 用 { $leader } 截至索引 { $index } 的快照替换自己的状态机

# value 25bb5504
raft-transfer-refused = { $node } 拒绝把领导权移交给 { $to }：{ $to } 不是投票者

# value d2434129
raft-not-voter = { $node } 的选举计时器触发，但按它的配置 { $node } 不是投票者：它不参加竞选

# value ce09e39a
raft-config-appended = { $node } 在索引 { $index } 追加一条配置条目：{ $membership }；从现在起它按这份配置计算多数，无论是否已提交

# value 40866b6f
raft-ask-add = 加入 { $target }

# value 4129cb97
raft-ask-add-learner = 把 { $target } 加为学习者

# value 6e61a380
raft-ask-remove = 移除 { $target }

# value e9880f9f
raft-refusal-not-leader = 它不是领导者

# value 6fc945dd
raft-refusal-no-such-server = { $target } 不存在

# value 1931be48
raft-refusal-transferring = 它正在移交领导权

# value fd7dbd31
raft-refusal-change-pending = 它上一次的配置变更尚未提交

# value 5da390f9
raft-refusal-term-not-committed = 它自己任期的条目还没有一条被提交

# value a265d6b7
raft-refusal-already-voter = { $target } 已经是投票者

# value 448ce595
raft-refusal-already-member = { $target } 已经是成员

# value 05c06642
raft-refusal-not-member = { $target } 不是成员

# value 8a4943bd
raft-refusal-last-voter = { $target } 是最后一个投票者

# value d40b8eef
raft-config-refused = { $node } 拒绝{ $asked }：{ $why }

# value 982c1fae
raft-left-configuration = { $node } 辞去任期 { $term } 的领导者：不含它的配置已经提交

# value 35034e4f
raft-client-appended = { $node } 在索引 { $index } 追加客户端请求 #{ $request }

# value 040e5132
raft-client-forwarded = { $node } 把客户端请求 #{ $request } 转发给领导者 { $to }

# value 4475096e
raft-client-committed = 客户端请求 #{ $request } 在索引 { $index } 提交

# value 6ab2927e
raft-client-no-leader = { $node } 拒绝客户端请求 #{ $request }：不知道谁是领导者

# value 80d539d9
raft-client-not-leader = { $node } 拒绝客户端请求 #{ $request }：它不是领导者

# value 68434902
raft-client-transferring = { $node } 拒绝客户端请求 #{ $request }：它正在移交领导权

# value efb9f6a7
raft-client-confirming = { $node } 暂缓读请求 #{ $request }，直到多数回应第 { $round } 轮心跳，证明它仍是领导者

# value 3b341b0b
raft-client-read = { $node } 答复读请求 #{ $request }：{ $value }

# value f35f4c42
raft-client-read-none = { $node } 答复读请求 #{ $request }：该键从未被写入

# value 7591ce6a
raft-client-unknown = 客户端请求 #{ $request } 的结果未知：{ $node } 在它提交前退位了，之后的领导者仍可能提交它

# value f826bd90
tasks-submitted = { $node } 从客户端收到任务 { $task }

# value c64f69af
tasks-leader-forwarded = { $node } 把任务 { $task } 转交给 { $to }

# value 0777585c
tasks-leader-refused = { $node } 拒绝任务 { $task }：不知道谁是协调者

# value ee999fb6
tasks-proposed = { $node } 提议把任务 { $task }（第 { $epoch } 次尝试）交给 { $worker }

# value e70d7ca3
tasks-assigned = { $node } 把任务 { $task } 分派给 { $worker }（第 { $epoch } 次尝试已提交）

# value 17049215
tasks-leader-started = { $node } 开始任务 { $task }（第 { $epoch } 次尝试）

# value 3ee7efef
tasks-leader-finished = { $node } 完成任务 { $task }（第 { $epoch } 次尝试）

# value 5dd618af
tasks-completed = { $node } 记下任务 { $task } 已由 { $worker } 完成（第 { $epoch } 次尝试）

# value 99577486
tasks-stale = { $node } 拒绝 { $worker } 关于任务 { $task } 的报告：第 { $epoch } 次尝试已被取代

# value 5432cb24
tasks-declared-leaving = { $node } 在 { $worker } 离开时把它移出工作池；{ $tasks } 个任务需要转移

# value 18758c8c
tasks-declared-failed = { $node } 在 α·T_hb 的沉默后宣布 { $worker } 失效；{ $tasks } 个任务需要转移

# value a09a4efa
tasks-rejoined = { $node } 又收到了 { $worker } 的消息

# value b239373c
tasks-left = { $node } 离开工作池

# value 80310c6d
tasks-left-handing-back = { $node } 离开工作池，交还 { $dropped } 个任务

# value c44c52cf
tasks-joined = { $node } 加入工作池

# value db43c99a
tasks-peer-forwarded = { $node } 把任务 { $task } 转交给 { $to }，按 { $node } 的视图它是该键的归属者

# value 792eb6cc
tasks-peer-refused = { $node } 拒绝任务 { $task }：视图不一致

# value 681a3c43
tasks-peer-accepted = { $node } 拥有任务 { $task } 的键，于是接下它

# value 380e4cd6
tasks-peer-started = { $node } 开始任务 { $task }

# value c5ea40a4
tasks-peer-finished = { $node } 完成任务 { $task }

# value 363b636d
tasks-took-over = { $node } 从 { $from } 手中接管任务 { $task }，在它的视图中 { $from } 已死

# value 22e6624d
tasks-resumed = { $node } 重启后重新运行它的任务 { $task }

# value 219f72fe
tasks-ring-gains = 加入了 { $joined }

# value 2690d5fe
tasks-ring-loses = 失去了 { $gone }

# value 808828aa
tasks-ring-gains-and-loses = 加入了 { $joined }，失去了 { $gone }

# value c12efe29
tasks-ring-changed = { $node } 的哈希环{ $change }：{ $members } 个成员

# value e35c71cd
tasks-ring-changed-keys = { $node } 的哈希环{ $change }：{ $members } 个成员；它所知道的 { $keys } 个键中有 { $moved } 个更换了归属者

# value b2e79bd8
action-the-leader = 领导者（{ $node }）

# value 7c0e3659
action-crash = { $who } 被强制崩溃

# value f5cdae8d
action-restart = { $node } 被重启

# value b83c3093
action-isolate = { $who } 被与所有服务器断开

# value 71085651
action-partition = 网络分裂为 { $groups }

# value c08dd901
action-cut = 从 { $from } 到 { $to } 的消息被切断（单向）

# value 61ef50a9
action-heal = 网络恢复

# value d7a20a1a
action-leave = { $who } 被要求离开

# value bf67048f
action-join = { $who } 被要求加入

# value 2f0219dc
action-client = 一个客户端把 { $command } 发给 { $who }

# value b046fe3f
action-timeout = { $who } 的{ $timer }被强制触发

# value d7b3ca34
action-transfer-leader = 领导者（{ $leader }）被要求把领导权交给 { $to }

# value 26f295fc
action-transfer = 领导者被要求把领导权交给 { $to }

# value 1b3c8ce5
action-a-leader = 领导者

# value 68450999
action-add-voter = { $leader } 被要求把 { $node } 加为投票者

# value 47a58536
action-add-learner = { $leader } 被要求把 { $node } 加为学习者（不投票）

# value 26233d8f
action-remove = { $leader } 被要求移除 { $node }

# value 69b9253a
action-loss = 丢失率 { $percent }%

# value 2a0c4449
action-duplication = 重复率 { $percent }%

# value 6f0cc692
action-latency-link = { $from }→{ $to } 上的延迟 { $min }–{ $max }

# value 90ba3d9e
action-latency = 延迟 { $min }–{ $max }

# value bdcbf7fa
action-network = 网络改变：{ $changes }

# value e5d9f43a
action-drop-message = 消息 #{ $id } 被手动丢弃

# value 27647243
action-duplicate-message = 消息 #{ $id } 被手动复制

# value 60227534
action-deliver-now = { $from } 发给 { $to } 的消息被立即投递

# value 3671200a
action-lose = { $from } 发给 { $to } 的消息丢失

# value b3a25dcb
action-copy = { $from } 发给 { $to } 的消息被复制

# value 626f76b2
action-fire = { $node } 的 { $timer } 计时器触发

# value 5cf21030
action-pause = { $who } 暂停 { $duration }

# value 61274949
action-clock = { $node } 的时钟

# value 5ea3c7e8
action-clock-jumps = { $node } 的时钟跳变 { $jump }

# value 6c35900b
action-clock-true = { $node } 的时钟走得准确

# value cf7ecec6
action-clock-true-jumps = { $node } 的时钟走得准确，并跳变 { $jump }

# value f7ec0de4
action-clock-drifts = { $node } 的时钟漂移 { $drift }

# value ff56504b
action-clock-drifts-jumps = { $node } 的时钟漂移 { $drift }，并跳变 { $jump }

# value 799aca4c
tasks-receives = { $to } 从 { $from } 收到任务 { $task }

# value ba74f59b
tasks-run = { $from } 告诉 { $to } 运行任务 { $task }（第 { $epoch } 次尝试）

# value b52256b8
tasks-report = { $from } 向 { $to } 报告：运行中 { $running } 个，已完成 { $finished } 个

# value f136481f
tasks-settled = { $to } 从 { $from } 得知 { $count } 个已完成的任务已结清

# value 44a3634c
tasks-leaving = { $to } 从 { $from } 得知它离开工作池（它的最后报告：已完成 { $count } 个）

# value 84340817
tasks-election-timeout = 协调者选举超时

# value d9528d8f
tasks-crashed = { $node } 崩溃，在两个集群中都是

# value 2584f6da
tasks-restarted = { $node } 在两个集群中各自从持久化的内容重启

# value 9083bbae
tasks-single-leader = 单领导者：{ $line }

# value 2146e909
tasks-leaderless = 无领导者：{ $line }
