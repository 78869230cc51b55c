### The words every lab's page shows, in Simplified Chinese: the event lines the cores and
### labs write (said!), the views' own words (en!, tr! in web/src) and the protocols' bug
### descriptions. Each message translates the English in the comment above it, under `en-` and
### the FNV-1a fingerprint of that English (web/src/views/l10n.rs); changed English is a new
### id, and web/tests/l10n.rs says which to write.

## core/src/protocols/gossip/view.rs

# {node} got no ack from {member}, directly or through others: it suspects {member} (incarnation {incarnation})
en-ede847ee = { $node } 无论直接还是经由他人都没有收到 { $member } 的 ack：它怀疑 { $member }（化身号 { $incarnation }）
# {node} confirms {member} dead (incarnation {incarnation})
en-09b0fb1f = { $node } 确认 { $member } 已死（化身号 { $incarnation }）
# {node} hears it is dead and refutes: alive, incarnation {incarnation}
en-b69dc225 = { $node } 听说自己已死，于是反驳：存活，化身号 { $incarnation }
# {node} hears it is gone (it left before a restart) and refutes: alive, incarnation {incarnation}
en-6125fb5c = { $node } 听说自己已离开（它在重启前离开过），于是反驳：存活，化身号 { $incarnation }
# {node} hears it is suspected and refutes: alive, incarnation {incarnation}
en-f28976dd = { $node } 听说自己被怀疑，于是反驳：存活，化身号 { $incarnation }
# a client writes {key}={value} at {node}
en-9436a421 = 一个客户端在 { $node } 写入 { $key }={ $value }
# {node} learns {key} (version {version} from {writer})
en-f3b8e5d9 = { $node } 得知 { $key }（来自 { $writer } 的版本 { $version }）
# {node} leaves the cluster
en-faf9e956 = { $node } 离开集群
# {node} joins again with incarnation {incarnation}
en-418def72 = { $node } 以化身号 { $incarnation } 重新加入
# {to} is asked by {from} to probe {target}
en-cec058d3 = { $from } 请 { $to } 去探测 { $target }

## core/src/protocols/leases/view.rs

# {to} receives {from}'s write of {value} under token {token}
en-8717ab7d = { $to } 收到 { $from } 以令牌 { $token } 写入的 { $value }
# {node} (the store) finds {old}'s lease expired and grants it to {to}: token {token}
en-b12eb9ed = { $node }（存储）发现 { $old } 的租约已过期，把它授予 { $to }：令牌 { $token }
# {node} (the store) grants the lease to {to}: token {token}
en-6b0ec31c = { $node }（存储）把租约授予 { $to }：令牌 { $token }
# {node} renews {to}'s lease (token {token})
en-ce42a5b3 = { $node } 为 { $to } 续约（令牌 { $token }）
# {by} gives lease {token} back
en-74ca2fee = { $by } 交还租约 { $token }
# {node} holds the lease (token {token}) until {until} on its own clock
en-c42d1390 = { $node } 持有租约（令牌 { $token }），按它自己的时钟到 { $until } 为止
# {node} believes it holds the lease (token {token})
en-bf5e5477 = { $node } 相信自己持有租约（令牌 { $token }）
# {node} learns {holder} holds the lease: its lease {token} is gone
en-e2b06bfb = { $node } 得知租约在 { $holder } 手中：它的租约 { $token } 已失去
# {node}'s write under token {token} is rejected (the storage has seen {newest}): it stops
en-d0400e32 = { $node } 以令牌 { $token } 的写入被拒绝（存储设备已见过 { $newest }）：它停下
# {node}'s clock says lease {token} ran out: it stops writing
en-62aa9be7 = { $node } 的时钟显示租约 { $token } 已到期：它停止写入
# {node} releases lease {token}
en-faf6b08e = { $node } 释放租约 { $token }
# {node} writes {value} under token {token}
en-3ce1f29c = { $node } 以令牌 { $token } 写入 { $value }
# {node} does not hold the lease and does not write {value}
en-3a30362a = { $node } 没有持有租约，不写入 { $value }
# {node} (the storage) accepts {from}'s {value} (token {token})
en-db1dbb93 = { $node }（存储设备）接受 { $from } 的 { $value }（令牌 { $token }）
# {node} (the storage) rejects {from}'s write: token {token} is older than {newest}
en-8a4a58de = { $node }（存储设备）拒绝 { $from } 的写入：令牌 { $token } 比 { $newest } 旧
# {node} leads the store (term {term}): {holder} keeps lease {token}
en-cc920542 = { $node } 领导存储（任期 { $term }）：{ $holder } 保留租约 { $token }
# {node} leads the store (term {term}) and takes {holder}'s lease {token} as expired
en-41e0d80a = { $node } 领导存储（任期 { $term }），并把 { $holder } 的租约 { $token } 视为已过期
# {node} leads the store (term {term}): it cannot know when {holder} last renewed lease {token}, so it honours it for a whole TTL ({ttl}) from now
en-0019e649 = { $node } 领导存储（任期 { $term }）：它无法知道 { $holder } 最后一次为租约 { $token } 续约是何时，所以从现在起为它保留整整一个 TTL（{ $ttl }）
# {node} wins the store's election for term {term}
en-77783a0c = { $node } 赢得存储在任期 { $term } 的选举
# {node} campaigns to lead the store (term {term})
en-698d2abe = { $node } 竞选存储的领导者（任期 { $term }）
# {node} follows in the store's term {term}
en-ad3f348a = { $node } 在存储的任期 { $term } 中跟随
# {node} votes for {candidate} to lead the store (term {term})
en-e5bd0506 = { $node } 投票让 { $candidate } 领导存储（任期 { $term }）
# {node} hears from too few store replicas and stops leading (term {term})
en-eafc7fd7 = { $node } 收到的存储副本消息太少，停止领导（任期 { $term }）
# {node} drops its log from entry {index}: the leader's differs
en-1fcae9ce = { $node } 从条目 { $index } 起丢弃日志：领导者的不同

## core/src/protocols/multipaxos/view.rs

# {to} receives {from}'s prepare for ballot {ballot}, slots {first} on
en-d352b1b8 = { $to } 收到 { $from } 对选票 { $ballot } 的 prepare，针对从 { $first } 起的槽位
# {to} receives {from}'s request to accept {command} in slot {slot}, ballot {ballot}
en-c49fb700 = { $to } 收到 { $from } 的请求：在槽位 { $slot }、选票 { $ballot } 中接受 { $command }
# {to} learns from {from} that slot {slot} holds {command}
en-a73f1ef9 = { $to } 从 { $from } 得知槽位 { $slot } 的内容是 { $command }
# {node} hears no leader: phase 1a with ballot {ballot} for every slot from {first}
en-267dcf83 = { $node } 听不到领导者：以选票 { $ballot } 为从 { $first } 起的每个槽位运行阶段 1a
# {node} promises ballot {ballot}; it accepted nothing in those slots
en-f7f6ae5c = { $node } 承诺选票 { $ballot }；它在这些槽位中什么也没接受过
# {node} promises ballot {ballot}, reporting {reported} accepted proposal(s)
en-4aa1ebf1 = { $node } 承诺选票 { $ballot }，并报告 { $reported } 个已接受的提议
# {node} refuses ballot {ballot}: it promised {promised}
en-b925698b = { $node } 拒绝选票 { $ballot }：它已承诺 { $promised }
# slot {slot} ({command}, accepted in {from})
en-fb01b367 = 槽位 { $slot }（{ $command }，在 { $from } 中被接受）
# slot {slot} ({command}, known chosen)
en-07f66c5e = 槽位 { $slot }（{ $command }，已知被选定）
# {node} has a majority of promises and leads ballot {ballot} from slot {first}
en-7df332e6 = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }
# {node} has a majority of promises and leads ballot {ballot} from slot {first}; re-proposes {slots}
en-9fe7686d = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }；重新提议 { $slots }
# {node} has a majority of promises and leads ballot {ballot} from slot {first}; fills hole(s) {holes} with no-op
en-1bb96ad5 = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }；用 no-op 填补空洞 { $holes }
# {node} has a majority of promises and leads ballot {ballot} from slot {first}; re-proposes {slots}; fills hole(s) {holes} with no-op
en-2d18d926 = { $node } 获得多数承诺，从槽位 { $first } 起领导选票 { $ballot }；重新提议 { $slots }；用 no-op 填补空洞 { $holes }
# {node} sees ballot {by}, higher than its {ballot}, and steps down
en-41765b3e = { $node } 看到比自己的 { $ballot } 更高的选票 { $by }，随即退位
# {node} accepts {command} in slot {slot}, ballot {ballot}
en-67458db4 = { $node } 在槽位 { $slot }、选票 { $ballot } 中接受 { $command }
# {node} sees a majority accept slot {slot}: {command} is chosen
en-df042656 = { $node } 看到多数接受了槽位 { $slot }：{ $command } 被选定
# a client sends {command} to {node}, which proposes it in slot {slot}
en-9ab1538e = 一个客户端把 { $command } 发给 { $node }，它在槽位 { $slot } 中提议
# a client sends {command} to {node}, which is not the leader; the leader is {leader}
en-cf9ec244 = 一个客户端把 { $command } 发给 { $node }，但它不是领导者；领导者是 { $leader }
# a client sends {command} to {node}, which is not the leader; it knows no leader
en-974034be = 一个客户端把 { $command } 发给 { $node }，但它不是领导者；它不知道谁是领导者
# {node} tells client request #{id} that {command} took effect in slot {slot}
en-f8baa448 = { $node } 告诉客户端请求 #{ $id }：{ $command } 已在槽位 { $slot } 生效
# {node} answers read #{id} as of slot {slot}: {value}
en-07f1ebdc = { $node } 按槽位 { $slot } 时的状态答复读请求 #{ $id }：{ $value }
# {node} answers read #{id} as of slot {slot}: never written
en-95a83f00 = { $node } 按槽位 { $slot } 时的状态答复读请求 #{ $id }：从未写入
# client request #{id} ({command}, slot {slot}) has an unknown outcome: {node} no longer knows whether it was chosen
en-dc476beb = 客户端请求 #{ $id }（{ $command }，槽位 { $slot }）的结果未知：{ $node } 已无法知道它是否被选定

## core/src/protocols/paxos/view.rs

# {to} receives {from}'s prepare for ballot {ballot}
en-3003069e = { $to } 收到 { $from } 对选票 { $ballot } 的 prepare
# {to} receives {from}'s promise for ballot {ballot}
en-9584e590 = { $to } 收到 { $from } 对选票 { $ballot } 的承诺
# {to} receives {from}'s request to accept {value} in ballot {ballot}
en-f6f3bc90 = { $to } 收到 { $from } 的请求：在选票 { $ballot } 中接受 { $value }
# {node} starts ballot {ballot} for {value}: phase 1a, prepare
en-2b4eda90 = { $node } 为 { $value } 发起选票 { $ballot }：阶段 1a，prepare
# {node} promises ballot {ballot}; it has accepted nothing
en-6272f525 = { $node } 承诺选票 { $ballot }；它还没有接受过任何值
# {node} promises ballot {ballot}, reporting it accepted {value} in ballot {accepted}
en-e3a73cac = { $node } 承诺选票 { $ballot }，并报告它曾在选票 { $accepted } 中接受 { $value }
# {node} has a majority of promises for {ballot}; it must propose {value}, accepted in ballot {from}: phase 2a
en-07e3f087 = { $node } 获得选票 { $ballot } 的多数承诺；它必须提议在选票 { $from } 中被接受过的 { $value }：阶段 2a
# {node} has a majority of promises for {ballot}; none accepted anything, so it proposes its own {value}: phase 2a
en-86993cb4 = { $node } 获得选票 { $ballot } 的多数承诺；没有谁接受过任何值，所以它提议自己的 { $value }：阶段 2a
# {node} accepts {value} in ballot {ballot}
en-ba951284 = { $node } 在选票 { $ballot } 中接受 { $value }
# {node}'s ballot {ballot} is beaten by {by}; it will retry
en-fa450928 = { $node } 的选票 { $ballot } 被 { $by } 压过；它将重试
# {node} sees a majority accept ballot {ballot}: {value} is chosen
en-c289ce42 = { $node } 看到多数接受了选票 { $ballot }：{ $value } 被选定
# {node} learns that {value} was chosen (ballot {ballot})
en-e891a9ea = { $node } 得知 { $value } 已被选定（选票 { $ballot }）
# {node} asks around and {by} tells it {value} was chosen
en-4918db33 = { $node } 四处询问，{ $by } 告诉它 { $value } 已被选定
# a client asks {node} to propose {value}
en-8baaf299 = 一个客户端请 { $node } 提议 { $value }
# a client asks {node} to propose {value}; it is busy with a round
en-56c1a115 = 一个客户端请 { $node } 提议 { $value }；它正忙于一轮
# a client asks {node} to propose {value}; it is not a proposer
en-92a43899 = 一个客户端请 { $node } 提议 { $value }；它不是提议者

## core/src/protocols/raft/narration.rs

# {message} from {from} to {to} is lost by the network
en-50b08a7a = 从 { $from } 发往 { $to } 的 { $message } 被网络丢失
# {message} from {from} to {to} cannot pass: the link is cut
en-4551be99 = 从 { $from } 发往 { $to } 的 { $message } 无法通过：链路被切断
# {message} from {from} to {to} is lost: {to} is down
en-4376e30b = 从 { $from } 发往 { $to } 的 { $message } 丢失：{ $to } 已宕机
# {message} from {from} to {to} is dropped by hand
en-d5f61370 = 从 { $from } 发往 { $to } 的 { $message } 被手动丢弃
# the network duplicates a message from {from} to {to}
en-d87fa284 = 网络复制了一条从 { $from } 发往 { $to } 的消息
# {node}'s election timer fires
en-ec9f50b2 = { $node } 的选举计时器触发
# {node} sends heartbeats
en-eb300c3b = { $node } 发送心跳
# {node} checks that a majority still answers it
en-3e25d693 = { $node } 检查多数是否仍在回应它
# {node}'s leadership transfer runs out of time
en-77942c17 = { $node } 的领导权移交超时
# election timeout
en-b7982239 = 选举超时
# {node} crashes
en-93a35246 = { $node } 崩溃
# {node} restarts from its persistent state
en-5e7642ad = { $node } 从持久状态重启
# nothing happens: {reason}
en-aa9651a1 = 什么也没发生：{ $reason }
# VIOLATION of {property}: {detail}
en-9c9fee91 = 违反 { $property }：{ $detail }
# {to} receives {from}'s vote request for term {term}
en-562839b4 = { $to } 收到 { $from } 在任期 { $term } 的投票请求
# {to} receives {from}'s vote (term {term})
en-27f59fd9 = { $to } 收到 { $from } 的选票（任期 { $term }）
# {to} learns {from} refused its vote request for term {term}
en-b2c6d175 = { $to } 得知 { $from } 拒绝了它在任期 { $term } 的投票请求
# {to} receives a heartbeat from {from} (term {term})
en-6c17aff4 = { $to } 收到 { $from } 的心跳（任期 { $term }）
# {to} receives 1 entry from {from} after index {index}
en-409b09cb = { $to } 从 { $from } 收到索引 { $index } 之后的 1 个条目
# {to} receives {count} entries from {from} after index {index}
en-7cbbb967 = { $to } 从 { $from } 收到索引 { $index } 之后的 { $count } 个条目
# {to} learns {from} matches its log up to index {index}
en-840dd26a = { $to } 得知 { $from } 的日志与自己一致，直到索引 { $index }
# {to} learns {from}'s log does not match; it will back up
en-450ae4fe = { $to } 得知 { $from } 的日志不匹配；它将回退
# {to} receives the client request {command} forwarded by {from}
en-3d990a99 = { $to } 收到 { $from } 转发的客户端请求 { $command }
# {to} receives {from}'s snapshot up to index {index} (term {term}): the entries it needs next were compacted away
en-c978b472 = { $to } 收到 { $from } 截至索引 { $index }（任期 { $term }）的快照：它接下来需要的条目已被压缩掉
# {to} learns {from} holds its snapshot up to index {index}
en-96de2e0d = { $to } 得知 { $from } 持有它截至索引 { $index } 的快照
# {to} is asked by {from} whether it could win term {term} (a pre-vote)
en-a30153fa = { $from } 问 { $to } 它能否赢得任期 { $term }（预投票）
# {to} learns {from} would vote for it in term {term}
en-36210fd9 = { $to } 得知 { $from } 会在任期 { $term } 投票给它
# {to} learns {from} would not vote for it in term {term} (it has a leader, or a longer log)
en-874db43d = { $to } 得知 { $from } 不会在任期 { $term } 投票给它（它有领导者，或者日志更长）
# {to} is told by {from}, leader of term {term}, to start an election now
en-6f0aa389 = 任期 { $term } 的领导者 { $from } 告诉 { $to } 立即发起选举
# {node} times out and starts an election for term {term}
en-ba8f94c6 = { $node } 超时，为任期 { $term } 发起选举
# {node} wins a majority and becomes leader for term {term}
en-01275c11 = { $node } 赢得多数，成为任期 { $term } 的领导者
# {node} becomes a follower in term {term}
en-b144cd31 = { $node } 在任期 { $term } 成为跟随者
# {node} votes for {candidate} in term {term}
en-6286e38d = { $node } 在任期 { $term } 投票给 { $candidate }
# {node} times out and first asks whether it could win term {term}, without raising its term (pre-vote)
en-f941437d = { $node } 超时，先问别人它能否赢得任期 { $term }，而不提高自己的任期（预投票）
# {node} starts handing leadership to {to}: it takes no new client requests and catches {to} up
en-418b2225 = { $node } 开始把领导权移交给 { $to }：它不再接收新的客户端请求，并让 { $to } 追上进度
# {node} sees {to}'s log match its own and tells it to campaign now
en-28bc6e2c = { $node } 看到 { $to } 的日志与自己一致，告诉它立即竞选
# {node} gives up handing leadership to {to} after an election timeout and takes client requests again
en-aec60fbb = { $node } 在一个选举超时后放弃向 { $to } 移交领导权，重新接收客户端请求
# {node} heard from only 1 server in an election timeout and steps down as leader of term {term} (check-quorum)
en-03ffc280 = { $node } 在一个选举超时内只收到 1 台服务器的消息，辞去任期 { $term } 的领导者（check-quorum）
# {node} heard from only {heard} servers in an election timeout and steps down as leader of term {term} (check-quorum)
en-52e5439a = { $node } 在一个选举超时内只收到 { $heard } 台服务器的消息，辞去任期 { $term } 的领导者（check-quorum）
# {node} rejects {candidate}: its term is stale
en-4b6dd9ff = { $node } 拒绝 { $candidate }：它的任期已过时
# {node} rejects {candidate}: already voted in this term
en-ac31e90f = { $node } 拒绝 { $candidate }：本任期已经投过票
# {node} rejects {candidate}: candidate log is behind
en-ec5ab055 = { $node } 拒绝 { $candidate }：候选者的日志落后
# {node} rejects {candidate}: a leader's lease may still hold
en-e09e8eba = { $node } 拒绝 { $candidate }：领导者的租约可能仍然有效
# {node} ignores {candidate}'s vote request: {candidate} is not a voter in its configuration
en-ec60c136 = { $node } 忽略 { $candidate } 的投票请求：按它的配置，{ $candidate } 不是投票者
# {node} rejects {leader}'s entries: its log has no match at index {index}
en-473d2691 = { $node } 拒绝 { $leader } 的条目：它的日志在索引 { $index } 处没有匹配
# {node} deletes conflicting entries from index {index} on
en-88bab6ec = { $node } 删除从索引 { $index } 起的冲突条目
# {node} records that {follower} stores its log up to index {index}
en-f77c2d88 = { $node } 记下 { $follower } 已存有它截至索引 { $index } 的日志
# {node} commits up to index {index}
en-e5b975df = { $node } 提交到索引 { $index }
# {node} compacts its log: entries up to index {index} become a snapshot of its state machine
en-552f0752 = { $node } 压缩日志：截至索引 { $index } 的条目成为其状态机的快照
# {node} replaces its state machine with {leader}'s snapshot up to index {index}
en-dc3423b3 = { $node } 用 { $leader } 截至索引 { $index } 的快照替换自己的状态机
# {node} refuses to hand leadership to {to}: {to} is not a voter
en-25bb5504 = { $node } 拒绝把领导权移交给 { $to }：{ $to } 不是投票者
# {node}'s election timer fires, but {node} is not a voter in its configuration: it does not campaign
en-d2434129 = { $node } 的选举计时器触发，但按它的配置 { $node } 不是投票者：它不参加竞选
# {node} appends a configuration entry at index {index}: {membership}; it counts majorities by it from now on, committed or not
en-ce09e39a = { $node } 在索引 { $index } 追加一条配置条目：{ $membership }；从现在起它按这份配置计算多数，无论是否已提交
# add {target}
en-40866b6f = 加入 { $target }
# add {target} as a learner
en-4129cb97 = 把 { $target } 加为学习者
# remove {target}
en-6e61a380 = 移除 { $target }
# it is not the leader
en-e9880f9f = 它不是领导者
# {target} does not exist
en-6fc945dd = { $target } 不存在
# it is handing leadership over
en-1931be48 = 它正在移交领导权
# its previous configuration change has not committed yet
en-fd7dbd31 = 它上一次的配置变更尚未提交
# no entry of its own term has committed yet
en-5da390f9 = 它自己任期的条目还没有一条被提交
# {target} is already a voter
en-a265d6b7 = { $target } 已经是投票者
# {target} is already a member
en-448ce595 = { $target } 已经是成员
# {target} is not a member
en-05c06642 = { $target } 不是成员
# {target} is the last voter
en-8a4943bd = { $target } 是最后一个投票者
# {node} refuses to {asked}: {why}
en-d40b8eef = { $node } 拒绝{ $asked }：{ $why }
# {node} steps down as leader of term {term}: the configuration without it has committed
en-982c1fae = { $node } 辞去任期 { $term } 的领导者：不含它的配置已经提交
# {node} appends client request #{request} at index {index}
en-35034e4f = { $node } 在索引 { $index } 追加客户端请求 #{ $request }
# {node} forwards client request #{request} to leader {to}
en-040e5132 = { $node } 把客户端请求 #{ $request } 转发给领导者 { $to }
# client request #{request} is committed at index {index}
en-4475096e = 客户端请求 #{ $request } 在索引 { $index } 提交
# {node} rejects client request #{request}: no leader known
en-6ab2927e = { $node } 拒绝客户端请求 #{ $request }：不知道谁是领导者
# {node} rejects client request #{request}: it is not the leader
en-80d539d9 = { $node } 拒绝客户端请求 #{ $request }：它不是领导者
# {node} rejects client request #{request}: it is handing leadership over
en-68434902 = { $node } 拒绝客户端请求 #{ $request }：它正在移交领导权
# {node} holds read #{request} until a majority answers heartbeat round {round}, proving it still leads
en-efb9f6a7 = { $node } 暂缓读请求 #{ $request }，直到多数回应第 { $round } 轮心跳，证明它仍是领导者
# {node} answers read #{request}: {value}
en-3b341b0b = { $node } 答复读请求 #{ $request }：{ $value }
# {node} answers read #{request}: the key was never written
en-f35f4c42 = { $node } 答复读请求 #{ $request }：该键从未被写入
# client request #{request}'s outcome is unknown: {node} stepped down before it committed, and a later leader may still commit it
en-7591ce6a = 客户端请求 #{ $request } 的结果未知：{ $node } 在它提交前退位了，之后的领导者仍可能提交它

## core/src/protocols/tasks/leader/view.rs

# {node} gets task {task} from a client
en-f826bd90 = { $node } 从客户端收到任务 { $task }
# {node} passes task {task} on to {to}
en-c64f69af = { $node } 把任务 { $task } 转交给 { $to }
# {node} refuses task {task}: no coordinator known
en-0777585c = { $node } 拒绝任务 { $task }：不知道谁是协调者
# {node} proposes task {task} (attempt {epoch}) for {worker}
en-ee999fb6 = { $node } 提议把任务 { $task }（第 { $epoch } 次尝试）交给 { $worker }
# {node} assigns task {task} to {worker} (attempt {epoch} committed)
en-e70d7ca3 = { $node } 把任务 { $task } 分派给 { $worker }（第 { $epoch } 次尝试已提交）
# {node} starts task {task} (attempt {epoch})
en-17049215 = { $node } 开始任务 { $task }（第 { $epoch } 次尝试）
# {node} finishes task {task} (attempt {epoch})
en-3ee7efef = { $node } 完成任务 { $task }（第 { $epoch } 次尝试）
# {node} records task {task} done by {worker} (attempt {epoch})
en-5dd618af = { $node } 记下任务 { $task } 已由 { $worker } 完成（第 { $epoch } 次尝试）
# {node} refuses {worker}'s report of task {task}: attempt {epoch} was replaced
en-99577486 = { $node } 拒绝 { $worker } 关于任务 { $task } 的报告：第 { $epoch } 次尝试已被取代
# {node} takes {worker} out of the pool as it leaves; {tasks} task(s) to move
en-5432cb24 = { $node } 在 { $worker } 离开时把它移出工作池；{ $tasks } 个任务需要转移
# {node} declares {worker} failed after α·T_hb of silence; {tasks} task(s) to move
en-18758c8c = { $node } 在 α·T_hb 的沉默后宣布 { $worker } 失效；{ $tasks } 个任务需要转移
# {node} hears from {worker} again
en-a09a4efa = { $node } 又收到了 { $worker } 的消息
# {node} leaves the pool of workers
en-b239373c = { $node } 离开工作池
# {node} leaves the pool of workers, handing back {dropped} task(s)
en-80310c6d = { $node } 离开工作池，交还 { $dropped } 个任务
# {node} joins the pool of workers
en-c44c52cf = { $node } 加入工作池

## core/src/protocols/tasks/leaderless/view.rs

# {node} passes task {task} to {to}, its key's owner in {node}'s view
en-db43c99a = { $node } 把任务 { $task } 转交给 { $to }，按 { $node } 的视图它是该键的归属者
# {node} refuses task {task}: views disagree
en-792eb6cc = { $node } 拒绝任务 { $task }：视图不一致
# {node} owns task {task}'s key and takes it
en-681a3c43 = { $node } 拥有任务 { $task } 的键，于是接下它
# {node} starts task {task}
en-380e4cd6 = { $node } 开始任务 { $task }
# {node} finishes task {task}
en-c5ea40a4 = { $node } 完成任务 { $task }
# {node} takes task {task} over from {from}, dead in its view
en-363b636d = { $node } 从 { $from } 手中接管任务 { $task }，在它的视图中 { $from } 已死
# {node} runs its task {task} again after a restart
en-22e6624d = { $node } 重启后重新运行它的任务 { $task }
# gains {joined}
en-219f72fe = 加入了 { $joined }
# loses {gone}
en-2690d5fe = 失去了 { $gone }
# gains {joined} and loses {gone}
en-808828aa = 加入了 { $joined }，失去了 { $gone }
# {node}'s ring {change}: {members} members
en-c12efe29 = { $node } 的哈希环{ $change }：{ $members } 个成员
# {node}'s ring {change}: {members} members; {moved} of the {keys} keys it knows change owner
en-e35c71cd = { $node } 的哈希环{ $change }：{ $members } 个成员；它所知道的 { $keys } 个键中有 { $moved } 个更换了归属者

## core/src/sim/action.rs

# the leader ({node})
en-b2e79bd8 = 领导者（{ $node }）
# {who} is crashed
en-7c0e3659 = { $who } 被强制崩溃
# {node} is restarted
en-f5cdae8d = { $node } 被重启
# {who} is cut off from everyone
en-b83c3093 = { $who } 被与所有服务器断开
# the network splits into {groups}
en-71085651 = 网络分裂为 { $groups }
# messages from {from} to {to} are cut (one way)
en-c08dd901 = 从 { $from } 到 { $to } 的消息被切断（单向）
# the network heals
en-61ef50a9 = 网络恢复
# {who} is told to leave
en-d7a20a1a = { $who } 被要求离开
# {who} is told to join
en-bf67048f = { $who } 被要求加入
# a client sends {command} to {who}
en-2f0219dc = 一个客户端把 { $command } 发给 { $who }
# {who}'s {timer} is forced
en-b046fe3f = { $who } 的{ $timer }被强制触发
# the leader ({leader}) is asked to hand leadership to {to}
en-d7b3ca34 = 领导者（{ $leader }）被要求把领导权交给 { $to }
# the leader is asked to hand leadership to {to}
en-26f295fc = 领导者被要求把领导权交给 { $to }
# the leader
en-1b3c8ce5 = 领导者
# {leader} is asked to add {node} as a voter
en-68450999 = { $leader } 被要求把 { $node } 加为投票者
# {leader} is asked to add {node} as a learner (no vote)
en-47a58536 = { $leader } 被要求把 { $node } 加为学习者（不投票）
# {leader} is asked to remove {node}
en-26233d8f = { $leader } 被要求移除 { $node }
# loss {percent}%
en-69b9253a = 丢失率 { $percent }%
# duplication {percent}%
en-2a0c4449 = 重复率 { $percent }%
# latency {min}–{max} on {from}→{to}
en-6f0cc692 = { $from }→{ $to } 上的延迟 { $min }–{ $max }
# latency {min}–{max}
en-90ba3d9e = 延迟 { $min }–{ $max }
# the network changes: {changes}
en-bdcbf7fa = 网络改变：{ $changes }
# message #{id} is dropped by hand
en-e5d9f43a = 消息 #{ $id } 被手动丢弃
# message #{id} is duplicated by hand
en-27647243 = 消息 #{ $id } 被手动复制
# {from}'s message to {to} is delivered now
en-60227534 = { $from } 发给 { $to } 的消息被立即投递
# {from}'s message to {to} is lost
en-3671200a = { $from } 发给 { $to } 的消息丢失
# {from}'s message to {to} is duplicated
en-b3a25dcb = { $from } 发给 { $to } 的消息被复制
# {node}'s {timer} timer fires
en-626f76b2 = { $node } 的 { $timer } 计时器触发
# {who} is paused for {duration}
en-5cf21030 = { $who } 暂停 { $duration }
# {node}'s clock
en-61274949 = { $node } 的时钟
# {node}'s clock jumps {jump}
en-5ea3c7e8 = { $node } 的时钟跳变 { $jump }
# {node}'s clock runs true
en-6c35900b = { $node } 的时钟走得准确
# {node}'s clock runs true jumps {jump}
en-cf7ecec6 = { $node } 的时钟走得准确，并跳变 { $jump }
# {node}'s clock drifts {drift}
en-f7ec0de4 = { $node } 的时钟漂移 { $drift }
# {node}'s clock drifts {drift} jumps {jump}
en-ff56504b = { $node } 的时钟漂移 { $drift }，并跳变 { $jump }

## web/src/app/handlers.rs

# That client request was not sent: {e}.
en-8615f271 = 那个客户端请求没有发出：{ $e }。
# Could not start that lab: {e}
en-65a3d324 = 无法启动那个实验：{ $e }
# Could not export the trace: {e}.
en-59d5c370 = 无法导出轨迹：{ $e }。
# Writing the trace file…
en-c5dccf8f = 正在写入轨迹文件…
# Could not import the trace: {e}
en-3a3d9af7 = 无法导入轨迹：{ $e }
# This trace is a {lab} run, too large to hand to that lab's part of the page: choose {lab} in the protocol menu, then import it.
en-9fcfae41 = 这是 { $lab } 的运行轨迹，太大，无法转交给页面中该实验的部分：请在协议菜单中选择 { $lab }，再导入它。
# its records were not checked: {e}
en-703c2441 = 它的记录未经检查：{ $e }
# Checking the trace file against a replay…
en-e295c0fa = 正在用重放核对轨迹文件…

## web/src/app/opening.rs

# this lab's page has no lessons yet; `clusterscope lesson lessons/{name}.toml` plays it in a terminal
en-21934233 = 这个实验的页面还没有课程；`clusterscope lesson lessons/{ $name }.toml` 可以在终端中播放它
# there is no `{asked}` panel here; showing {shown}
en-7755edab = 这里没有 `{ $asked }` 面板；改为显示{ $shown }
# This link could not be opened: {e}. Showing the default lab instead.
en-c36d5c46 = 无法打开此链接：{ $e }。改为显示默认实验。
# This lesson could not be opened: {e}. Showing the default lab instead.
en-086239fe = 无法打开此课程：{ $e }。改为显示默认实验。

## web/src/app/recording.rs

# the range ends (step {to}) before it starts (step {from})
en-662eabcb = 范围的结束（第 { $to } 步）早于开始（第 { $from } 步）
# a recording spans at most {most} steps
en-b94b89f8 = 一段录制最多 { $most } 步

## web/src/app/replay.rs

# This link was opened with changes: {notes}.
en-1f1e3e7f = 此链接打开时有所改动：{ $notes }。
# Trace imported; at step {step}.
en-3eb72f5a = 轨迹已导入；位于第 { $step } 步。
# Replaying to step {target}: {percent}% (step {at})
en-d7a08370 = 正在重放到第 { $target } 步：{ $percent }%（第 { $at } 步）
# Replay progress
en-2d1ecfd9 = 重放进度
# Cancel
en-35afca3b = 取消
# ; and {more} more like these
en-b05b0a71 = ；另有 { $more } 条类似的

## web/src/labs/common.rs

# Heartbeat
en-4e62a3b7 = 心跳间隔
# ms
en-562e0e51 = 毫秒
# {name} must be a range from 1 ms to 60 s, min ≤ max.
en-b29173d8 = { $name }必须是 1 毫秒到 60 秒之间的范围，且最小值 ≤ 最大值。
# Heartbeat must be at least 1 ms and shorter than the election timeout (or followers time out while the leader is alive).
en-67ae64b4 = 心跳间隔必须至少 1 毫秒，并且短于选举超时（否则领导者还活着时跟随者就会超时）。

## web/src/labs/gossip/charts.rs

# Spread of the newest rumor: none written yet (or its write is older than the kept trace). Send a client write to a member.
en-e017e6d5 = 最新谣言的传播：尚未写入（或其写入早于保留的轨迹）。向某个成员发送一次客户端写入。
# {rumor}: {informed}% of {members} members informed by round {rounds} (a round is {interval}); the model predicts {predicted}%
en-d4c06041 = { $rumor }：到第 { $rounds } 轮（每轮 { $interval }），{ $members } 个成员中 { $informed }% 已知晓；模型预测 { $predicted }%
# rounds since the write
en-d2acbc9a = 写入后的轮数
# measured
en-18000261 = 实测
# model, {mode} with fanout f = {fanout}, one member informed at round 0: {formula}
en-10e2eedd = 模型：{ $mode }，扇出 f = { $fanout }，第 0 轮有一个成员知晓：{ $formula }
# The model assumes every member gossips once per round at the same instant; with free-running rounds a member informed early in a round passes it on within that round, so the measured curve runs ahead (turn on aligned rounds in the settings to compare like with like).
en-c9552827 = 模型假设每个成员每轮在同一时刻传播一次；轮次各自运行时，一轮中较早得知的成员会在同一轮内继续传出，所以实测曲线领先于模型（在设置中打开“对齐轮次”即可同条件比较）。
# stopped
en-6ee2f34e = 已停止
# measuring… {done} of {all} loss rates
en-489bb5c2 = 测量中… { $all } 个丢包率中已完成 { $done } 个
# done
en-26f38071 = 完成
# could not measure: {e}
en-c1af2c48 = 无法测量：{ $e }
# SWIM under message loss
en-3dc2813f = 消息丢失下的 SWIM
# : {members} members with this lab's timings; the last one crashes {warmup} in, and the run goes on {after} more, once per loss rate.
en-e63c2679 = ：{ $members } 个成员，使用本实验的时间参数；最后一个成员在 { $warmup } 时宕机，之后再运行 { $after }，每个丢包率各一次。
# Measure detection vs loss
en-85c5252a = 测量检测时间与丢包率的关系
# Detection time and false positives as loss rises (the table below has the numbers)
en-5f93ca58 = 丢包率上升时的检测时间与误判（数值见下表）
# message loss
en-2411acdb = 消息丢失率
# bars: false positives (tallest {most})
en-4d9e8249 = 柱：误判（最高 { $most }）
# first member confirms the crash
en-078bd3ea = 第一个成员确认宕机
# every live member knows
en-f85aaf64 = 所有存活成员都知道
# live members wrongly confirmed dead
en-9fc7f453 = 被误判为死亡的存活成员
# Loss
en-69db303a = 丢包率
# First confirmed
en-cc874c3c = 首次确认
# All know
en-1e64d8d7 = 全部知道
# False positives
en-7273f6d8 = 误判

## web/src/labs/gossip/mod.rs

# suspected by {count}
en-cc586fb3 = 被 { $count } 个怀疑
# dead to {count}
en-72d370db = { $count } 个认为已死
# gone to {count}
en-13520dac = { $count } 个认为已离开
# alive to all {count}
en-c35f035b = { $count } 个都认为存活
# {opinions} of {count}
en-d50706c2 = { $opinions }（共 { $count } 个）
# left
en-124aec70 = 已离开
# knows {key}={value}
en-78db7a68 = 知道 { $key }={ $value }
# not heard yet
en-67ceca6c = 尚未听说
# inc {incarnation}
en-26e4ee81 = 化身 { $incarnation }
# alive
en-5b55aa06 = 存活
# suspect
en-b2f48e4e = 可疑
# dead
en-b5df2b27 = 死亡
# {count} alive
en-41b78d9d = { $count } 存活
# {key}={value}: {informed} of {live} live members informed
en-a07446ec = { $key }={ $value }：{ $live } 个存活成员中 { $informed } 个已知晓
# {live} live members, no rumor written yet
en-0029339b = { $live } 个存活成员，尚未写入谣言
# up
en-43430b20 = 运行中
# down
en-3db9b915 = 宕机
# every live member sees every member alive
en-d275d582 = 每个存活成员都认为所有成员存活
# {target} (acked)
en-0097e72d = { $target }（已确认）
# Members: incarnation, how each sees the others, whom it suspects, its probe, its rumors
en-5fad48e7 = 成员：化身号、各自对他人的看法、怀疑谁、探测、谣言
# Members (the first eight, and every one down, leaving or suspecting; select a member for all of it): incarnation, how each sees the others, whom it suspects, its probe, its rumors
en-082b07c4 = 成员（前八个，以及所有宕机、离开中或正在怀疑他人的成员；选中成员可查看全部）：化身号、各自对他人的看法、怀疑谁、探测、谣言
# Incarnation
en-0dacb09b = 化身号
# Sees
en-df722069 = 看法
# Suspecting
en-0b2d8622 = 怀疑
# Probing
en-5fc2d4a2 = 探测
# Rumors
en-3b78dc67 = 谣言
# state
en-783132f6 = 状态
# down (crashed)
en-48da4350 = 宕机（已崩溃）
# incarnation (persisted)
en-22c11863 = 化身号（已持久化）
# restarts
en-6eafbd4d = 重启次数
# none: every member alive
en-08ec56f7 = 无：所有成员存活
# {first} … and {more} more
en-cdaec3fa = { $first } … 另有 { $more } 个
# incarnation
en-880e46fb = 化身号
# left the cluster
en-652d1bd1 = 已离开集群
# yes
en-4e9f3590 = 是
# no
en-62366ffa = 否
# sees
en-5f45d449 = 看法
# members not alive to it
en-97c02ba2 = 它认为不存活的成员
# probing
en-d6a79702 = 探测
# {target} (seq {seq}), acked
en-8f3f7e57 = { $target }（序号 { $seq }），已确认
# {target} (seq {seq})
en-015b9595 = { $target }（序号 { $seq }）
# rumors
en-f5656247 = 谣言
# Mode
en-534e7732 = 模式
# Fanout
en-a8076ae6 = 扇出
# Gossip interval
en-e6899011 = 传播间隔
# Aligned rounds
en-56acad80 = 对齐轮次
# every member gossips at the same instants, as the model assumes
en-1f4dc4ef = 所有成员在同一时刻传播，与模型假设一致
# Probe interval
en-2f06b84a = 探测间隔
# Probe timeout
en-b07c7f0e = 探测超时
# Suspicion multiplier
en-b62401e3 = 怀疑倍数
# A client writes a rumor every
en-a1de47d8 = 客户端写入谣言的间隔
# Fanout must be from 1 to 16.
en-e4918513 = 扇出必须在 1 到 16 之间。
# Suspicion multiplier must be from 1 to 20.
en-b2b3600d = 怀疑倍数必须在 1 到 20 之间。
# Gossip and probe intervals must be at least 10 ms.
en-316b03bc = 传播间隔和探测间隔必须至少 10 毫秒。
# Gossip: {e}.
en-89f4fde1 = 传播：{ $e }。

## web/src/labs/leases/lanes.rs

# store
en-c7e7bc2e = 存储
# {time} granted to {to}, token {token}
en-41c7d82f = { $time } 授予 { $to }，令牌 { $token }
# {id} believed it held the lease from {from} to {to}
en-3abb7e7b = { $id } 从 { $from } 到 { $to } 认为自己持有租约
# {id} held the lease from {from} to {to}
en-ffe10920 = { $id } 从 { $from } 到 { $to } 持有租约
# Lease lanes: {grants} grants, {late} writes accepted after their writer's lease ran out, {rejected} rejected
en-807fad09 = 租约泳道：{ $grants } 次授予，{ $late } 次写入在写入者租约过期后被接受，{ $rejected } 次被拒绝
# Each client:
en-77b624f7 = 每个客户端：
# when it believed it held the lease, above
en-661ac0ec = 上方是它认为自己持有租约的时段，
# when it did, in true time (the store's grant to its TTL after the last renewal). Ticks are writes the storage accepted,
en-edcc1cdd = 下方是它真正持有的时段（真实时间：从锁服务授予到最后一次续约后 TTL 到期）。刻线是存储接受的写入，
# vermilion after the writer's lease ran out; ✗ a write it rejected. Numbered lines are the store's grants and their tokens.
en-ab980335 = 朱红色表示写入者租约已过期；✗ 表示被拒绝的写入。带编号的竖线是锁服务的授予及其令牌。

## web/src/labs/leases/mod.rs

# lock store
en-f5d72497 = 锁服务
# storage
en-01ca9a66 = 存储
# client
en-8f929c1e = 客户端
# store leader, term {term}
en-6ed10fed = 锁服务领导者，任期 { $term }
# store leader (catching up), term {term}
en-d3282c16 = 锁服务领导者（追赶中），任期 { $term }
# store candidate, term {term}
en-1ab97451 = 锁服务候选人，任期 { $term }
# store replica, term {term}
en-00060fee = 锁服务副本，任期 { $term }
# no holder
en-2affd424 = 无持有者
# {holder} holds it, no expiry
en-d4ecb658 = { $holder } 持有，不过期
# {holder} holds it, {left} left
en-e5c1533e = { $holder } 持有，剩余 { $left }
# {holder}'s lease expired
en-3182948a = { $holder } 的租约已过期
# does not hold the lease
en-1f8a4c6b = 未持有租约
# holds it until {until} (its clock)
en-672e5e8f = 持有至 { $until }（按它的时钟）
# believes it holds the lease
en-2c5f2026 = 认为自己持有租约
# {accepted} accepted · {rejected} rejected
en-e5bfb1a6 = 接受 { $accepted } · 拒绝 { $rejected }
# term {term}
en-a38da647 = 任期 { $term }
# token {token}
en-642ee463 = 令牌 { $token }
# newest {newest}
en-928cee6f = 最新 { $newest }
# free
en-99b3eedb = 空闲
# polls the store
en-a60744d3 = 轮询锁服务
# no client believes it leads
en-658930d8 = 没有客户端认为自己是领导者
# {client} believes it leads
en-ca5dfe51 = { $client } 认为自己是领导者
# {one} and {other} both believe they lead
en-6049b7f3 = { $one } 和 { $other } 都认为自己是领导者
# {clients} all believe they lead
en-53795022 = { $clients } 都认为自己是领导者
# lease {token}: {holder}
en-46c6fa40 = 租约 { $token }：{ $holder }
# Servers: the store's lease, each client's belief, the storage's writes, each clock
en-3b45f139 = 服务器：锁服务的租约、各客户端的认知、存储的写入、各自的时钟
# Role
en-902b7e39 = 角色
# State
en-1deca496 = 状态
# Its clock
en-17d0df7f = 它的时钟
# role
en-0fff3219 = 角色
# {length} entries, {committed} committed
en-024b3271 = { $length } 个条目，已提交 { $committed }
# store log
en-57044a60 = 锁服务日志
# lease
en-5866fb19 = 租约
# granted or renewed at (its clock)
en-cce80dc1 = 授予或续约时间（按它的时钟）
# writes
en-85cc96fd = 写入
# belief
en-c9903030 = 认知
# asks
en-03b496b3 = 询问
# One server
en-9e4c28ca = 单台服务器
# 3 replicas (Raft)
en-45994b7b = 3 副本（Raft）
# 5 replicas (Raft)
en-f0afefed = 5 副本（Raft）
# Lock, no TTL (the article's)
en-54283f1f = 锁，无 TTL（文章中的做法）
# Lease with a TTL
en-a0850874 = 带 TTL 的租约
# TTL + fencing tokens
en-57d7c6a6 = TTL + 防护令牌
# TTL + holder's clock bound
en-9b223860 = TTL + 持有者时钟边界
# Lease
en-fe226cb9 = 租约
# TTL
en-3f67ed7b = TTL
# on the store's clock
en-a91caec2 = 按锁服务的时钟
# Renew (and poll) every
en-ab184010 = 续约（及轮询）间隔
# Holder writes every
en-1b3506b2 = 持有者写入间隔
# Clock-bound margin
en-55f27626 = 时钟边界余量
# for drift and delay
en-044d42f1 = 用于时钟漂移和延迟
# Lock store
en-6df2bcb7 = 锁服务
# replicas come first
en-02abc6d2 = 副本排在最前
# A client asks the holder to write every
en-336f005b = 客户端请求持有者写入的间隔
# Servers: {e}.
en-dc16926e = 服务器数：{ $e }。
# {name} must be from 1 ms to 60 s.
en-0da4278f = { $name }必须在 1 毫秒到 60 秒之间。
# Lease timing: {e}.
en-8b8ed47c = 租约时间：{ $e }。

## web/src/labs/multipaxos/mod.rs

#  · waits on {slots}
en-27c08122 = {" "}· 等待槽位 { $slots }
# applied {applied}{waiting}
en-9f3eedea = 已应用 { $applied }{ $waiting }
# {count} slots chosen
en-f1c31ef9 = 已选定 { $count } 个槽位
# 1 slot chosen
en-443c3ee2 = 已选定 1 个槽位
# 1 slot chosen, a no-op
en-bd3b687c = 已选定 1 个槽位，是个空操作
# {count} slots chosen, one a no-op
en-48783ced = 已选定 { $count } 个槽位，其中 1 个空操作
# {count} slots chosen, {n} of them no-ops
en-5a1eca60 = 已选定 { $count } 个槽位，其中 { $n } 个空操作
# no leader
en-cf5adc53 = 没有领导者
# leader {id}, ballot {ballot}
en-01ebb70d = 领导者 { $id }，选票 { $ballot }
# empty
en-18a7beee = 空
# Replicas
en-d23e355c = 副本
# Ballot
en-3060b95f = 选票
# Promised
en-33c4b5f2 = 已承诺
# Leader known
en-9ba1c05b = 已知领导者
# Applied
en-3c43c66a = 已应用
# State machine
en-2eda620b = 状态机
# slot {slot}: {command} (chosen)
en-3fd06f63 = 槽位 { $slot }：{ $command }（已选定）
# slot {slot}: {command} (chosen, ballot {ballot})
en-57cffc17 = 槽位 { $slot }：{ $command }（已选定，选票 { $ballot }）
# slot {slot}: {command} (accepted, not known chosen)
en-bec2c6ea = 槽位 { $slot }：{ $command }（已接受，尚不知是否选定）
# slot {slot}: {command} (accepted, not known chosen, ballot {ballot})
en-292703bc = 槽位 { $slot }：{ $command }（已接受，尚不知是否选定，选票 { $ballot }）
# applied {applied}
en-7e9cf3df = 已应用 { $applied }
# Slot logs (each replica's accepted and chosen commands; bold = known chosen, colour = ballot round)
en-92cc9b5f = 槽位日志（各副本已接受和已选定的命令；粗体 = 已知选定，颜色 = 选票轮次）
# promised (persisted)
en-a0de636e = 已承诺（已持久化）
# accepted slots (persisted)
en-c5d4b3b9 = 已接受的槽位（已持久化）
# decided slots (persisted)
en-407426fa = 已决定的槽位（已持久化）
# ballot
en-59d7c83f = 选票
# promised
en-d1a406d2 = 已承诺
# leader known
en-5f8da4bb = 已知领导者
# first open slot
en-bab558b9 = 第一个未决槽位
# applied
en-0b9aeaca = 已应用
# next slot
en-5ecd4984 = 下一个槽位
# #{request} {command} (slot {slot})
en-fae9a4a9 = #{ $request } { $command }（槽位 { $slot }）
# clients waiting
en-ceb952d8 = 等待中的客户端
# none yet
en-4a20bcd9 = 暂无
# slot {slot} (phase 2)
en-c303bbeb = 槽位 { $slot }（阶段 2）
# {command}, accepted by {by}
en-417c9e33 = { $command }，接受者：{ $by }
# state machine
en-94f54beb = 状态机
# Leader timeout
en-02d541c7 = 领导者超时
# Client writes every
en-75b2eb75 = 客户端写入间隔

## web/src/labs/own.rs

# {key}: `{value}` is not one of {known}
en-67194f2c = { $key }：`{ $value }` 不在 { $known } 之中
# `{key}` is 1 or 0, not `{value}`; took it as 0
en-9eb811bf = `{ $key }` 应为 1 或 0，而不是 `{ $value }`；按 0 处理
# {key} must be a whole number, not `{value}`
en-11e4782f = { $key } 必须是整数，而不是 `{ $value }`
# {name} must be a number, not `{value}`
en-df2d90bc = { $name }必须是数字，而不是 `{ $value }`
# {key} must be a range like 150ms..300ms, not `{value}`
en-9930b300 = { $key } 必须是形如 150ms..300ms 的范围，而不是 `{ $value }`

## web/src/labs/paxos/mod.rs

# {value} in {ballot}
en-7a674891 = { $value }（选票 { $ballot }）
# proposer
en-27144005 = 提议者
# acceptor
en-29b13cc0 = 接受者
# learner
en-e60d1486 = 学习者
# , beaten by {by}
en-f61e4f2e = ，被 { $by } 超过
# acc {proposal}
en-30d41ed4 = 已接受 { $proposal }
# learned {value}
en-510a73cd = 已学到 { $value }
# no learner knows yet
en-6d9e5d49 = 还没有学习者知道
# every live learner knows
en-cac3bc2f = 所有存活的学习者都知道
# {k} of {all} live learners know
en-163cfe1b = { $all } 个存活学习者中 { $k } 个知道
# {value} chosen in ballot {ballot}
en-e00347cf = { $value } 在选票 { $ballot } 中被选定
# nothing
en-527dae8a = 无
# Processes: each acceptor's promise and accepted proposal, each proposer's round
en-d4c30226 = 进程：每个接受者的承诺和已接受的提案，每个提议者的轮次
# Roles
en-3e77ce7e = 角色
# Accepted
en-41d09a60 = 已接受
# Round (phase, ballot, votes)
en-3001a2a8 = 轮次（阶段、选票、票数）
# Learned
en-28b60c7c = 已学到
# accepted (persisted)
en-7b8be090 = 已接受（已持久化）
# highest round used (persisted)
en-82fa20dc = 用过的最高轮次（已持久化）
# learned (persisted)
en-ede558dc = 已学到（已持久化）
# roles
en-98bc5cde = 角色
# accepted
en-1bc03140 = 已接受
# round
en-4f0be23b = 轮次
# own value
en-552f7972 = 自己的值
# asking acceptors to accept
en-07fdd66b = 正请求接受者接受
# learned
en-f80d30dc = 已学到
# Proposers
en-2a901c62 = 提议者
# the first servers
en-63bc201e = 最前面的服务器
# Acceptors
en-20d7a669 = 接受者
# the last servers; empty = all
en-65f158a0 = 最后面的服务器；留空 = 全部
# Learners
en-156955cf = 学习者
# Retry timeout
en-1280fb46 = 重试超时
# min = max makes eager proposers
en-44408ef0 = 最小值 = 最大值时提议者急于重试
# Proposer k's client asks at k ×
en-ed4d380f = 第 k 个提议者的客户端在 k × 此时间提出请求
# Proposers must be from 1 to the {servers} servers.
en-355fb629 = 提议者数必须在 1 到服务器数 { $servers } 之间。
# {name} must be from 1 to the {servers} servers (or empty for all).
en-87a63fec = { $name }必须在 1 到服务器数 { $servers } 之间（或留空表示全部）。

## web/src/labs/raft/figure16.rs

# running… {done} of {all} ranges
en-83d948d8 = 运行中… { $all } 个区间中已完成 { $done } 个
# could not run: {e}
en-5a9eeed3 = 无法运行：{ $e }
# > 10 s
en-91da29af = > 10 秒
# The Raft paper's Figure 16
en-96e851a0 = Raft 论文的图 16
# : 5 servers; the leader crashes at a random point of its heartbeat interval; how long until a new leader, for each election-timeout range ({trials} trials each, in a background worker).
en-9601ae84 = ：5 台服务器；领导者在其心跳间隔中的随机时刻宕机；对每个选举超时区间，测量多久出现新领导者（每个区间 { $trials } 次试验，在后台 Worker 中运行）。
# Run Figure 16
en-7df4a7e1 = 运行图 16
# Figure 16 trials run
en-b4162a98 = 图 16 已运行的试验
# Share of trials with a new leader against time since the crash, one curve per election-timeout range (the table below has the numbers)
en-731a6d9c = 已选出新领导者的试验比例随宕机后时间的变化，每个选举超时区间一条曲线（数值见下表）
# time without a leader (log scale)
en-840f5f8f = 无领导者的时间（对数刻度）
# Election timeout
en-a7510559 = 选举超时
# Leader within 1 s
en-6d7264f9 = 1 秒内有领导者
# Within 10 s
en-da5827f2 = 10 秒内
# Median
en-e8dc40b7 = 中位数
# Slowest
en-7d5f8eb8 = 最慢
# The paper's shape: with no spread (150–150 ms) the survivors time out together, split their votes again and again, and most trials still have no leader after 10 s; a few milliseconds of spread helps; with 150–300 ms every trial has a leader well within a second. This simulator's latency is 5–15 ms one way, its heartbeat 50 ms.
en-7f7b0eff = 论文中的形状：没有随机范围（150–150 毫秒）时，存活的服务器同时超时，一次次瓜分选票，大多数试验在 10 秒后仍没有领导者；几毫秒的随机范围就有帮助；150–300 毫秒时，每次试验都在一秒内选出领导者。本模拟器的单向延迟为 5–15 毫秒，心跳为 50 毫秒。

## web/src/labs/raft/mod.rs

# follower
en-47471ec7 = 跟随者
# candidate
en-7812e25a = 候选人
# leader
en-b0d588e4 = 领导者
# outside
en-c38eecc4 = 配置外
# pre-vote
en-15f61c41 = 预投票
# Server states
en-df45e108 = 服务器状态
# Term
en-22fa6af7 = 任期
# Voted for
en-802bf33c = 投票给
# Last index
en-dcfcc491 = 最后索引
# Commit index
en-928f9330 = 提交索引
# Voters
en-527c8582 = 投票成员
# compacted: {id}'s snapshot to index {index} (term {term}) holds {state}
en-05fd3e67 = 已压缩：{ $id } 到索引 { $index }（任期 { $term }）的快照保存着 { $state }
# configuration, {m}
en-34a73610 = 配置，{ $m }
# index {index}, term {term}: {what} (committed)
en-7baccd26 = 索引 { $index }，任期 { $term }：{ $what }（已提交）
# index {index}, term {term}: {what}
en-e95f1513 = 索引 { $index }，任期 { $term }：{ $what }
# next {next} · match {matched}
en-5b7d5885 = next { $next } · match { $matched }
# Logs (cells show each entry's term; a bold border marks committed entries; * marks a configuration entry; hatched cells are compacted into the server's snapshot)
en-e2b123c4 = 日志（格子中是每个条目的任期；粗边框表示已提交；* 表示配置条目；斜线格子已压缩进该服务器的快照）
# Leader's view
en-85a825d3 = 领导者视角
# currentTerm (persisted)
en-13815980 = currentTerm（已持久化）
# votedFor (persisted)
en-9bf3eab2 = votedFor（已持久化）
# last log index (persisted)
en-fda0e7ef = 最后日志索引（已持久化）
# {role}, asking for pre-votes
en-af4ebf0c = { $role }，正在请求预投票
# last log index
en-3ebb7247 = 最后日志索引
# snapshot
en-2aa38b8d = 快照
# to index {index} (term {term}): {state}
en-a5dbe8b4 = 到索引 { $index }（任期 { $term }）：{ $state }
# {membership} ({id} is {standing})
en-71b60015 = { $membership }（{ $id } 是{ $standing }）
# configuration
en-b2c3d7b9 = 配置
# Pre-vote
en-bb42b9e1 = 预投票
# a server asks whether it could win before raising its term
en-5c3a0190 = 服务器在提升任期之前先询问自己能否胜选
# Check-quorum
en-55b4c307 = 法定人数检查
# a leader that hears from no majority steps down
en-bdafc830 = 收不到多数派回应的领导者会退位
# Lease reads
en-6735d3d4 = 租约读
# a leader answers reads at once while a majority acknowledged it within the minimum election timeout, instead of a heartbeat round per read
en-20a301e8 = 只要多数派在最短选举超时内确认过领导者，它就立即应答读请求，而不必每次读都进行一轮心跳
# Snapshot every
en-ee8da8ea = 快照间隔
# entries: a server compacts its applied entries into a snapshot of its key-value state once this many gather (0 never compacts)
en-4c7af204 = 个条目：已应用的条目积累到这么多时，服务器把它们压缩成键值状态的快照（0 表示从不压缩）
# Voters at start
en-51e5c7bb = 初始投票成员
# servers S1 up to this one vote; the rest wait outside until the leader adds them (0: every server votes)
en-18d1658b = 从 S1 到这台服务器参与投票；其余服务器在配置外等待领导者加入它们（0：所有服务器都投票）
# Snapshot every: at most {most} entries (0 never compacts)
en-272aa6c4 = 快照间隔：最多 { $most } 个条目（0 表示从不压缩）
# Voters at start: at most the {servers} servers (0: every server votes)
en-4d86c76e = 初始投票成员：最多为服务器数 { $servers }（0：所有服务器都投票）

## web/src/labs/registry.rs

# the {lab} lab is not in this bundle of the page; open it from the protocol menu
en-f7262d45 = { $lab } 实验不在页面的这个包中；请从协议菜单打开它

## web/src/labs/settings.rs

# Servers must be a whole number from {least} to {most}, not {servers}.
en-c5b58062 = 服务器数必须是 { $least } 到 { $most } 之间的整数，而不是 { $servers }。
# Latency: {e}.
en-a00f80b8 = 延迟：{ $e }。
# Client requests every must be 0 (off) or from 1 ms to 60 s.
en-e8c2e47f = 客户端请求间隔必须为 0（关闭）或在 1 毫秒到 60 秒之间。
# Bugs: {lab} has no bug called {bug}.
en-0d7c3211 = 错误：{ $lab } 没有名为 { $bug } 的错误。

## web/src/labs/settings_form.rs

# {name} must be a whole number (0 or more).
en-21b58f90 = { $name }必须是整数（0 或更大）。
# {name} must be a number of milliseconds.
en-a0169e37 = { $name }必须是毫秒数。
# min
en-c98f4557 = 最小
# max
en-d7a2e319 = 最大
# Cluster settings
en-a001998a = 集群设置
# Settings: {protocol}
en-374affe6 = 设置：{ $protocol }
# Servers ({least}–{most})
en-f517f331 = 服务器数（{ $least }–{ $most }）
# Seed
en-d07208cc = 随机种子
# Latency (ms)
en-085df52c = 延迟（毫秒）
# ms (0 = off)
en-82126a50 = 毫秒（0 = 关闭）
# Deliberate bugs
en-4622d329 = 故意植入的错误
# Reset with these settings
en-adca8420 = 用这些设置重新开始

## web/src/labs/tasks/charts.rs

# no coordinator: no task is assigned
en-c04e5ff2 = 没有协调者：不分配任务
# {id} coordinates (term {term})
en-c0674c12 = { $id } 担任协调者（任期 { $term }）
# {open} running · {done} done · {waiting} waiting
en-58b8f574 = 运行中 { $open } · 已完成 { $done } · 等待中 { $waiting }
# no member is up
en-55003ced = 没有成员在运行
# all agree on a ring of {size}
en-657e4620 = 所有成员一致认可 { $size } 个成员的哈希环
# views differ: {n} rings
en-3eec2e74 = 看法不一：{ $n } 个哈希环
# {open} running · {done} done (as gossiped)
en-c1d8391e = 运行中 { $open } · 已完成 { $done }（据传播所知）
# Task clusters
en-6a778777 = 任务集群
# Measured so far ({time}), the same run for both
en-d744bdca = 到目前为止的测量（{ $time }），两者为同一次运行
# Single leader
en-f98fc426 = 单领导者
# Leaderless
en-d201231d = 无领导者
# tasks submitted
en-923d00e8 = 已提交任务
# not accepted (retry)
en-b600cad2 = 未被接受（重试）
# completed
en-f4748112 = 已完成
# accepted, not completed yet
en-a5a453fa = 已接受，尚未完成
# started twice
en-d3ef946a = 启动了两次
# run to the end twice
en-4d423311 = 完整运行了两次
# latency p50
en-ae1b0dd4 = 延迟 p50
# latency p99
en-1f24ba13 = 延迟 p99
# longest pause accepting work
en-13232688 = 接受任务的最长停顿
# load: busiest / mean
en-44396c8c = 负载：最忙 / 平均
# load: coefficient of variation
en-693a52a4 = 负载：变异系数
# messages per completed task
en-88c2d774 = 每个完成任务的消息数
# busiest server's share of messages
en-03dec969 = 最忙服务器的消息占比
# keys moved when a ring gained or lost one
en-ca1956ac = 哈希环增减一个成员时迁移的键
# {moved} of {keys} ({share}%)
en-fec71b28 = { $keys } 个中 { $moved } 个（{ $share }%）
# Counted from step {from}: earlier steps are no longer kept.
en-93016f26 = 从第 { $from } 步开始统计：更早的步骤已不再保留。
# {member}'s share of the ring
en-2f640772 = { $member } 在哈希环上的份额
# Every member is down: no ring to draw.
en-ca5dbc04 = 所有成员都已宕机：没有哈希环可画。
# task {task} (key {key}) run by {owner}
en-1322ab35 = 任务 { $task }（键 { $key }）由 { $owner } 运行
# outer ring
en-445d7536 = 外环
# ring {number}
en-a27935a2 = 第 { $number } 环
# not drawn
en-ef009732 = 未画出
# {holders} place by {members}
en-8739535f = { $holders } 按 { $members } 放置
# consistent hashing, V = {vnodes} points per member
en-0baa216d = 一致性哈希，每个成员 V = { $vnodes } 个点
# hash mod n: no arcs, a key's owner is hash(key) mod the members in view
en-6f1e2cea = 哈希取模：没有弧段，键的所有者是 hash(key) 对视图中成员数取模
# Hash ring: {views} view(s) of the membership, {open} open tasks
en-7915baaa = 哈希环：{ $views } 种成员视图，{ $open } 个未完成任务
# The leaderless ring ({how}); each dot an open task's key, coloured by the member running it.
en-539b17c8 = 无领导者集群的哈希环（{ $how }）；每个点是一个未完成任务的键，颜色表示运行它的成员。
# {id} (down)
en-927b37f5 = { $id }（宕机）
# Tasks each server ran to the end, in each cluster
en-10ec718f = 各服务器在两个集群中完整运行的任务数
# single leader
en-feff0806 = 单领导者
# leaderless: tasks each server ran to the end so far
en-236149e8 = 无领导者：各服务器到目前为止完整运行的任务数
# the coordinator, {id}
en-14d36495 = 协调者 { $id }
# {id} (no coordinator now)
en-5a285646 = { $id }（当前没有协调者）
# Task table as {who} applied it: the newest {shown} of {total} rows, replicated through Raft's log
en-d8f31b55 = { $who } 所应用的任务表：共 { $total } 行中最新的 { $shown } 行，经 Raft 日志复制
# Task
en-76ef3d8c = 任务
# Key
en-cd1ac90c = 键
# Worker
en-de5c1a77 = 执行者
# Attempt
en-c64cccce = 尝试
# running
en-147eb74c = 运行中
# done by {by}
en-7df19be9 = 由 { $by } 完成
# done {count} times
en-bcd2d588 = 完成了 { $count } 次

## web/src/labs/tasks/mod.rs

# runs {count}
en-8a5b8f90 = 运行 { $count } 个
# left the pool
en-99cbb977 = 已离开工作池
# {detail} · declared failed
en-1308d336 = { $detail } · 被宣告失败
# coordinator
en-13bead31 = 协调者
# dead to {dead} of {asked}
en-1fc554cd = { $asked } 个中 { $dead } 个认为已死
# ring {size}
en-3867c846 = 环 { $size }
# {to} receives task {task} from {from}
en-799aca4c = { $to } 从 { $from } 收到任务 { $task }
# {to} is told by {from} to run task {task} (attempt {epoch})
en-ba74f59b = { $from } 告诉 { $to } 运行任务 { $task }（第 { $epoch } 次尝试）
# {from} reports to {to}: running {running}, finished {finished}
en-b52256b8 = { $from } 向 { $to } 报告：运行中 { $running } 个，已完成 { $finished } 个
# {to} hears from {from} that {count} finished task(s) are settled
en-f136481f = { $to } 从 { $from } 得知 { $count } 个已完成的任务已结清
# {to} hears from {from} that it leaves the pool (its last report: finished {count})
en-44a3634c = { $to } 从 { $from } 得知它离开工作池（它的最后报告：已完成 { $count } 个）
# coordinator election timeout
en-84340817 = 协调者选举超时
# {node} crashes, in both clusters
en-d9528d8f = { $node } 崩溃，在两个集群中都是
# {node} restarts in both clusters from what each persisted
en-2584f6da = { $node } 在两个集群中各自从持久化的内容重启
# single leader: {line}
en-9083bbae = 单领导者：{ $line }
# leaderless: {line}
en-2146e909 = 无领导者：{ $line }
# Each server in both clusters: the single leader's role, term and the tasks it runs; the leaderless member's ring, its tasks and whom it doubts
en-fda0bd9d = 每台服务器在两个集群中的情况：单领导者集群中的角色、任期和正在运行的任务；无领导者集群中成员的哈希环、任务和它怀疑的成员
# Runs
en-9a5f395b = 运行中
# Ring
en-7787478b = 哈希环
# Doubts
en-7459aaf2 = 怀疑
# down (crashed), in both clusters
en-70ae1bc5 = 宕机（已崩溃），两个集群中都是
# single leader: term (persisted)
en-6e977bf2 = 单领导者：任期（已持久化）
# single leader: log (persisted)
en-54e852da = 单领导者：日志（已持久化）
# {count} entries
en-d62658d4 = { $count } 个条目
# leaderless: incarnation (persisted)
en-63d18b75 = 无领导者：化身号（已持久化）
# none
en-ada7afdb = 无
# not a member: that cluster runs on the first servers only
en-616ef2f0 = 不是成员：该集群只运行在最前面的服务器上
# single leader: role
en-b4fa3aa4 = 单领导者：角色
# single leader: term
en-95d2b0e6 = 单领导者：任期
# single leader: runs (task/attempt)
en-e3f38f94 = 单领导者：运行中（任务/尝试）
# single leader: table rows applied
en-4de1a2b8 = 单领导者：已应用的任务表行数
# coordinator: declared failed
en-c6947566 = 协调者：已宣告失败
# coordinator: tasks waiting
en-598e3d64 = 协调者：等待中的任务
# leaderless: ring
en-e1ea97c1 = 无领导者：哈希环
# leaderless: runs
en-e4c25731 = 无领导者：运行中
# leaderless: incarnation
en-98090ae9 = 无领导者：化身号

## web/src/labs/tasks/setup.rs

# least loaded
en-2df3d6cb = 负载最低
# round robin
en-5fbbd64f = 轮询
# random
en-144f0c62 = 随机
# two random choices
en-35e40224 = 两个随机选择
# consistent hashing
en-97f83905 = 一致性哈希
# hash mod n (contrast)
en-68479218 = 哈希取模（对照）
# Worker heartbeat T_hb
en-3160ff82 = 执行者心跳 T_hb
# a worker silent for α·T_hb is declared failed
en-bd7d4fb4 = 沉默 α·T_hb 的执行者被宣告失败
# Assignment
en-832fae10 = 分配策略
# Placement
en-8eb25d20 = 放置方式
# Virtual nodes V
en-6a95af17 = 虚拟节点数 V
# per member
en-a68e2b9e = 每个成员
# Task length
en-476d9208 = 任务时长
# Single-leader servers
en-03a89acd = 单领导者服务器数
# the first servers; empty = all
en-001953a2 = 最前面的服务器；留空 = 全部
# A client submits a task every
en-13e577ad = 客户端提交任务的间隔
# Worker heartbeat must be from 1 ms to 10 s.
en-624303fb = 执行者心跳必须在 1 毫秒到 10 秒之间。
# α must be a number from {low} to {high}, not {alpha}.
en-2ef5688e = α 必须是 { $low } 到 { $high } 之间的数，而不是 { $alpha }。
# Virtual nodes V must be from 1 to 1024.
en-76f44d6a = 虚拟节点数 V 必须在 1 到 1024 之间。
# The single-leader cluster can have at most {most} servers in the page: set Single-leader servers (e.g. 9) to run {servers} leaderless members.
en-2901764b = 页面中的单领导者集群最多 { $most } 台服务器：请设置“单领导者服务器数”（例如 9），以运行 { $servers } 个无领导者成员。
# Single leader: {e}.
en-3c49eb4b = 单领导者：{ $e }。
# Leaderless: {e}.
en-2c2ff024 = 无领导者：{ $e }。

## web/src/labs/tasks/sweep_chart.rs

# Slowest task vs α
en-d8b473c1 = 最慢任务与 α 的关系
# α (a worker is declared failed after α·T_hb of silence)
en-2a370800 = α（执行者沉默 α·T_hb 后被宣告失败）
# A crashed worker's tasks wait α·T_hb before the coordinator moves them, so the single leader's slowest task grows with α; the leaderless cluster waits for SWIM to confirm the death, whatever α is.
en-14cc6767 = 宕机执行者的任务要等 α·T_hb 后才会被协调者转移，所以单领导者集群的最慢任务随 α 增长；无领导者集群则等待 SWIM 确认死亡，与 α 无关。
# Load imbalance vs V
en-b9fb2f74 = 负载不均与 V 的关系
# V, points per member on the ring
en-2b490b55 = V，每个成员在哈希环上的点数
# Tasks run by the busiest server over the mean. With few points per member the ring's arcs are uneven; more points even them out. The single leader's policy does not depend on V.
en-a879ebd3 = 最忙服务器运行的任务数与平均值之比。每个成员的点数少时，环上的弧段长短不一；点数越多越均匀。单领导者的分配策略与 V 无关。
# Busiest server's share of messages vs n
en-1b60cb2e = 最忙服务器的消息占比与 n 的关系
# servers
en-70250473 = 服务器数
# Every worker reports to the coordinator, so it carries a large share of all messages however many servers there are: the scalability bottleneck the article names. Leaderless members share the traffic.
en-e5fbbd41 = 每个执行者都向协调者汇报，所以无论有多少服务器，协调者都承担了很大一部分消息：这就是文章所说的扩展性瓶颈。无领导者集群的成员分担了流量。
# running {done} of {total}
en-23f7af09 = 运行中 { $done }/{ $total }
# cancelled after {done} of {total} runs
en-02246e53 = 在 { $total } 次运行中完成 { $done } 次后取消
# done: {total} runs
en-a55c1069 = 完成：{ $total } 次运行
# could not sweep: {e}
en-dd1e9f44 = 无法扫描：{ $e }
# Value
en-d147f96a = 取值
# Sweep
en-f9ba0d83 = 参数扫描
# : scenario {scenario}, {seeds} seeds per value, both clusters on each run.
en-f76183be = ：场景 { $scenario }，每个取值 { $seeds } 个种子，每次运行两个集群。
# Run sweep
en-a5e4593a = 运行扫描
# Sweep progress
en-0213d012 = 扫描进度
# {title}: each cluster's mean (the table below has the numbers)
en-9504e53f = { $title }：每个集群的平均值（数值见下表）
# leaderless
en-13fce8fd = 无领导者

## web/src/labs/tasks/task_timeline.rs

# waiting
en-eeda06a8 = 等待中
# refused
en-60acd1e3 = 被拒绝
# assigned
en-4ae004bd = 已分配
# running: {workers}
en-8858278d = 运行中：{ $workers }
# lost ({workers})
en-8d4899c5 = 丢失（{ $workers }）
# twice: {workers}
en-fa217abc = 两次：{ $workers }
# The task timeline starts with the first task submitted.
en-dd78fcf0 = 任务时间线从提交第一个任务开始。
# task {id}
en-3143057f = 任务 { $id }
# Task timeline: the newest {shown} tasks in each cluster, {troubled} lanes lost or run twice
en-7892bea5 = 任务时间线：每个集群最新的 { $shown } 个任务，{ $troubled } 条泳道丢失或运行了两次
# The newest {shown} tasks: in each row
en-efee80a1 = 最新的 { $shown } 个任务：每行中
# single leader above,
en-cb462fad = 单领导者在上，
# leaderless below. A thin line is the wait to be accepted, a bar a run (faded and crossed where its worker crashed or left), a diamond the result counted.
en-7f6401c6 = 无领导者在下。细线是等待被接受的时间，条形是一次运行（执行者宕机或离开时变淡并打叉），菱形是结果被计入的时刻。
# runs it now
en-8b578074 = 正在运行
# ran it to the end
en-e6c7694a = 完整运行结束
# crashed while running it
en-ae0bbacc = 运行中宕机
# left the pool while running it
en-1da8e856 = 运行中离开了工作池
# {worker} {how} (from {from} to {to})
en-74208d94 = { $worker } { $how }（从 { $from } 到 { $to }）
# its result counted at {time}
en-c4894774 = 结果在 { $time } 被计入

## web/src/session/compare.rs

# The file's records are not a list; showing the replay of its link.
en-cce77917 = 文件中的记录不是列表；改为显示其链接的重放。
# The file's records differ from this version's replay from step {step} ({recorded} recorded, {replayed} replayed); showing the replay.
en-ed9125be = 文件中的记录从第 { $step } 步起与本版本的重放不同（记录 { $recorded } 条，重放 { $replayed } 条）；显示重放的结果。
# The file's records differ from this version's replay ({recorded} recorded, {replayed} replayed); showing the replay.
en-7f56d39c = 文件中的记录与本版本的重放不同（记录 { $recorded } 条，重放 { $replayed } 条）；显示重放的结果。

## web/src/session/link.rs

# `{key}` is given more than once; using the last, `{value}`
en-540071d5 = `{ $key }` 出现了不止一次；采用最后一个，`{ $value }`
# protocol `{value}` is not one this page runs ({known})
en-3f57f41c = 本页面不运行协议 `{ $value }`（可用：{ $known }）
# there is no shipped scenario `{name}`
en-75819a78 = 没有名为 `{ $name }` 的内置场景
# the action log in this link is damaged at {e}
en-85f9ad88 = 此链接中的操作记录在 { $e } 处损坏
# step {step} is past the {most} a link can open
en-f9b90d54 = 第 { $step } 步超出了链接能打开的 { $most } 步
# `lang={value}`: the page speaks {known}; showing the browser's language
en-a47232fc = `lang={ $value }`：本页面支持 { $known }；改用浏览器的语言
# `{key}` is not a ClusterScope setting; ignored it
en-3100507e = `{ $key }` 不是 ClusterScope 的设置；已忽略
# `lesson_step` without a `lesson`; ignored it
en-cb3d7a3f = 有 `lesson_step` 却没有 `lesson`；已忽略
# the action log has {count} actions; a link can carry {most}
en-647fa924 = 操作记录有 { $count } 个操作；一个链接最多 { $most } 个

## web/src/session/opening.rs

# action {number} at step {step} names {bad}, which a {servers}-server cluster does not have; it does nothing
en-8f038412 = 第 { $step } 步的第 { $number } 个操作指向 { $bad }，而 { $servers } 台服务器的集群中没有它；该操作不起作用
# action {number} at step {step} is refused ({e}); it does nothing
en-ce08f2df = 第 { $step } 步的第 { $number } 个操作被拒绝（{ $e }）；该操作不起作用
# replaying to step {asked} was stopped at step {step}
en-a84f763e = 重放到第 { $asked } 步的过程在第 { $step } 步被停止
# the link asks for step {asked}, but this run ends at step {step}; showing that
en-6e9e7153 = 链接要求第 { $asked } 步，但本次运行在第 { $step } 步结束；显示该步
# time {asked} is not within step {step}; showing {shown}
en-25a5f0ed = 时间 { $asked } 不在第 { $step } 步之内；显示 { $shown }

## web/src/session/run.rs

# the action log has a client command that {e}
en-221aef2f = 操作记录中有一个客户端命令{ $e }
# scenario {name} has {servers} servers; the page draws at most {most} for {lab}
en-fc3d24e1 = 场景 { $name } 有 { $servers } 台服务器；页面为 { $lab } 最多画 { $most } 台
# there is no shipped scenario called {name}
en-ca6526ab = 没有名为 { $name } 的内置场景

## web/src/session/trace_file.rs

# This is not a ClusterScope trace file ({why}).
en-ce5521c9 = 这不是 ClusterScope 轨迹文件（{ $why }）。
# no `{key}` text
en-f44393b6 = 没有 `{ $key }` 文本
# no `version` number
en-ccbb3bd3 = 没有 `version` 数字
# This file is `{format}` version {version}; the page reads `{reads}` version {read_version}.
en-e5509e2e = 此文件是 `{ $format }` 第 { $version } 版；本页面读取 `{ $reads }` 第 { $read_version } 版。
# The trace's link: {e}.
en-176396a0 = 轨迹中的链接：{ $e }。

## web/src/views/check_panel.rs

# Exhausted
en-7634cdec = 已穷尽
# No violation up to the depth bound
en-ffb1e185 = 在深度上限内没有违反
# Violation
en-ebde5ef8 = 违反
# Stopped at the state bound
en-4de41cd9 = 在状态数上限处停止
# Done
en-8dd31791 = 完成
# {outcome}: {counted}.
en-776717d5 = { $outcome }：{ $counted }。

## web/src/views/cluster_canvas.rs

# holds the newest rumor
en-a1627dad = 持有最新谣言
# not yet
en-6d9d33dc = 尚未
# Outline, by what the live members think:
en-37355708 = 外圈表示存活成员的看法：
# suspected by some
en-df114144 = 被部分成员怀疑
# dead to some
en-3415d21c = 部分成员认为已死
# dead to all. Click a member to select it.
en-50320918 = 所有成员认为已死。点击成员可选中它。

## web/src/views/cluster_snapshot.rs

# paused to {time}
en-eade29af = 暂停至 { $time }
# clock {time}
en-f5fa7d38 = 时钟 { $time }
# Cluster
en-f06bb5ed = 集群
# {name} of {count} servers
en-2e430796 = { $name }，{ $count } 台服务器
# {id} leads ({what})
en-1b273c46 = { $id } 是领导者（{ $what }）
# none down
en-f41819d1 = 无宕机
# down: {servers}
en-dbe77ae3 = 宕机：{ $servers }
# {count} messages in flight
en-21748f93 = { $count } 条消息在传输中
# {count} link directions cut
en-7d04a66e = { $count } 个链路方向被切断

## web/src/views/history_view.rs

# Linearizable: one copy of the store, acting on each of these {count} operations at some moment between its call and its answer, explains every answer.
en-deee8123 = 可线性化：假设只有一份存储，这 { $count } 个操作各自在调用与应答之间的某个时刻生效，就能解释每一个应答。
# Not linearizable at step {step} ({time}): {detail}.
en-5d59739a = 在第 { $step } 步（{ $time }）不可线性化：{ $detail }。
# Undecided: the checker gave up on key {key}.
en-e044ab4f = 无法判定：检查器在键 { $key } 上放弃了。
# Client history: the newest {shown} of {count} operations, grouped by key
en-e639d856 = 客户端历史：{ $count } 个操作中最新的 { $shown } 个，按键分组
# Each bar runs from a client's call to its answer:
en-8c0ebcaa = 每个条形从客户端发出调用一直到收到应答：
# writes,
en-72116b03 = 写入，
# reads; a faded bar's outcome is unknown (it may take effect later, or never), a struck-out one failed.
en-29807cbe = 读取；变淡的条形结果未知（可能稍后生效，也可能永不生效），划掉的条形表示失败。

## web/src/views/inspector.rs

# paused until
en-7f7f5e73 = 暂停至
# , runs {drift}
en-b9cbab14 = ，走速 { $drift }
# {local}{drift}; true time {now}
en-58645fcf = { $local }{ $drift }；真实时间 { $now }
# its clock
en-497fcadf = 它的时钟
# fires in {left}
en-d7ab94c0 = { $left } 后触发
# from → to
en-7292fca8 = 发送方 → 接收方
# sent at
en-3883e4d0 = 发送时间
# arrives at
en-98a3ecf8 = 到达时间
# Drop this message
en-3b021737 = 丢弃这条消息
# Deliver it twice
en-e15f22a3 = 投递两次
# Inspector: {title}
en-a6765204 = 检查器：{ $title }

## web/src/views/log_view.rs

# Index
en-aec7ae4b = 索引

## web/src/views/server_table.rs

# Server
en-6d7302f2 = 服务器

## web/src/views/spacetime/mod.rs

# Space-time diagram from {from} to {to}: {count} messages
en-7628cb0f = 时空图，从 { $from } 到 { $to }：{ $count } 条消息

## the model checker's goals

# a leader is elected
en-aec29249 = 选出领导者
# a client's write commits
en-933d5f88 = 客户端的写入被提交
# a learner learns a value
en-ae1b67f6 = 学习者学到一个值
# a replica applies a command
en-4cd1cc1e = 副本应用一条命令

## the protocols' names

# Raft
en-21dcf3ae = Raft
# Basic Paxos
en-83948d9e = Basic Paxos
# Multi-Paxos
en-a18c4070 = Multi-Paxos
# Gossip and SWIM
en-bee912db = Gossip 与 SWIM
# Leases
en-da3141fe = 租约

## the protocols' bug descriptions

# The coordinator takes a slow worker's report of an attempt it already replaced as the task's completion, and the new attempt completes too: breaks at most one completion.
en-107ba42b = 协调者把慢执行者对一次已被替换的尝试的汇报当作任务完成，而新的尝试也完成了：破坏“至多完成一次”。
# A server forgets its vote when it restarts and can vote twice in one term, so a term can have two leaders: breaks election safety.
en-1a15ba6e = 服务器重启后忘记自己的投票，可能在同一任期投两次票，于是一个任期可能有两个领导者：破坏选举安全。
# The store gives a new holder the same token as the last one, so the storage cannot tell their writes apart: breaks single writer, even with fencing.
en-1cfcd54c = 锁服务给新持有者与上一个相同的令牌，存储无法区分它们的写入：即使有防护令牌也破坏“单一写入者”。
# A candidate takes a refusal of its earlier term's request as a server's answer in the current term and forgets the vote that server granted, so it can hold a majority and stay candidate: breaks vote counting.
en-217e2412 = 候选人把对其先前任期请求的拒绝当作该服务器在当前任期的回答，并忘掉那台服务器投给它的票，于是它可能已获多数却仍是候选人：破坏计票。
# A clock-bound holder writes until its lease's full TTL on its own clock, leaving nothing for the time its last write spends on the wire: breaks no write after expiry.
en-2aaab565 = 按时钟边界行事的持有者按自己的时钟一直写到租约 TTL 结束，没有为最后一次写入在网络上花费的时间留出余量：破坏“过期后不写入”。
# The coordinator picks among all workers, the ones it declared failed included: breaks no work for failed workers.
en-331daddb = 协调者在所有执行者中挑选，包括已被它宣告失败的：破坏“不给失败的执行者分配任务”。
# One missed ack confirms a member dead at once, with no ping-req and no suspicion, so live members are declared dead under loss: breaks no false death.
en-35cb0baa = 漏掉一个确认就立即认定成员死亡，不发 ping-req 也不经怀疑阶段，于是丢包时存活成员被宣告死亡：破坏“无误判死亡”。
# A proposer ignores the values reported in promises and proposes its own, so a second value can be chosen: breaks agreement.
en-508a9bfb = 提议者忽略承诺中报告的值而提议自己的值，于是可能选定第二个值：破坏一致性。
# A new leader changes the configuration before an entry of its own term commits, so an earlier leader's uncommitted change and the new one can both gather a majority that the other lacks: breaks state machine safety.
en-54107f63 = 新领导者在自己任期的条目提交之前就更改配置，于是前任领导者未提交的变更与新的变更可能各自凑到对方所没有的多数派：破坏状态机安全。
# The coordinator removes a failed worker but never gives its tasks to another, so they are lost: breaks every accepted task completes.
en-5b2ba9cb = 协调者移除了失败的执行者，却从不把它的任务交给别人，于是这些任务丢失：破坏“每个被接受的任务都会完成”。
# Votes are granted without checking that the candidate's log is up to date, so a leader can lack committed entries: breaks leader completeness.
en-753f8bb2 = 投票时不检查候选人的日志是否足够新，于是领导者可能缺少已提交的条目：破坏领导者完整性。
# A leader commits an entry of an earlier term by counting replicas (the paper's Figure 8), so a committed entry can be overwritten: breaks state machine safety.
en-7ada1216 = 领导者通过数副本来提交更早任期的条目（论文的图 8），于是已提交的条目可能被覆盖：破坏状态机安全。
# A member keeps the ring it booted with instead of the one its view of the membership gives, so it runs tasks another member owns and nobody takes a dead member's over: breaks owner by its own view.
en-87548c65 = 成员一直用启动时的哈希环，而不是按它当前的成员视图所得的哈希环，于是它会运行别的成员拥有的任务，而死亡成员的任务没人接管：破坏“按自己的视图确定所有者”。
# The store keeps the lease in memory only: restarted, it grants the lease again under an old token while the holder still writes: breaks single writer.
en-915091b7 = 锁服务只在内存中保存租约：重启后，它在持有者仍在写入时，以旧令牌再次授予租约：破坏“单一写入者”。
# The leader answers a read from its own state, without a slot: a leader that lost its majority without knowing it answers with stale data. Breaks linearizability.
en-93970fbb = 领导者不经槽位，直接用自己的状态应答读请求：失去多数派却不自知的领导者会返回过期数据。破坏线性一致性。
# A member that hears it is suspected does not refute with a higher incarnation, so once wrongly suspected it stays dead to the others: breaks convergence after a heal.
en-a26a62fd = 成员听说自己被怀疑后不用更高的化身号反驳，于是一旦被误怀疑，在其他成员眼中就一直是死的：破坏“恢复后收敛”。
# A leader answers reads from its own state at once, without confirming it still leads, so a leader that was cut off and replaced returns stale values: breaks linearizability.
en-adc0cfde = 领导者不确认自己仍是领导者，就立即用自己的状态应答读请求，于是被隔离并已被取代的领导者会返回过期的值：破坏线性一致性。
# An acceptor forgets its promise when it restarts and accepts an older ballot again: breaks agreement.
en-afa84720 = 接受者重启后忘记自己的承诺，又接受了更旧的选票：破坏一致性。
# With the store replicated by Raft, a new store leader cannot know when the lease it inherits was last renewed, and takes it as expired instead of waiting a TTL: it grants the lease while the old holder still has it: breaks one lease at a time.
en-b3d68e0c = 当锁服务由 Raft 复制时，新的锁服务领导者无法知道它继承的租约上次何时续约，于是不等一个 TTL 就把它当作已过期：在旧持有者仍持有租约时又授予了租约：破坏“同一时刻只有一个租约”。
# An acceptor accepts a ballot lower than the one it promised: breaks agreement.
en-d13569b0 = 接受者接受了低于其承诺的选票：破坏一致性。
