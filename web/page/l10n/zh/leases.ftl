### leases 实验的场景与课程解说的简体中文版，译自 scenarios/ 与 lessons/ 中的英文（以英文为准）。
### 每条消息上方的注释是其各部分所译英文的指纹：英文改动后，web/tests/l10n.rs 会指出哪一部分需要重译。

# line-1 b4bc49e4
# line-2 f9ea7d5d
# line-3 7f37af46
scenario-leases-clock-bound =
    .line-1 = S3 的时钟慢了 5%：仍在它 250 ms 余量所能覆盖的范围内。
    .line-2 = S3 获得租约，并按它自己的时钟，相信租约有效到它提出请求后的 1 s − 250 ms。
    .line-3 = S3 发往存储的消息被切断：它的续约不再到达，也没有任何东西告诉它。

# line-1 e70efa8a
# line-2 7584d2d1
# line-3 d5e9ead9
scenario-leases-clock-drift =
    .line-1 = S3 的时钟以一半的速度走：远超 1 s 租约上 250 ms 余量所能覆盖的范围。
    .line-2 = S3 获得租约，并按它变慢的时钟，相信租约有效到它提出请求后的 750 ms。
    .line-3 = S3 的续约不再到达存储。

# line-1 fb23876c
# line-2 dcd84700
# line-3 1839e85b
# line-4 f39c2f5d
# line-5 6404a4fc
# line-6 da191cb4
scenario-leases-failover-bug =
    .line-1 = S1 发起竞选，成为存储的领导者。
    .line-2 = S5 从 S1 获得租约：令牌 1，在 S1 答复之前已由多数提交。
    .line-3 = 存储的领导者崩溃。
    .line-4 = S5 与存储的其余部分断开；它继续以令牌 1 向 S4 写入。
    .line-5 = S2 赢得了存储的选举，并且在这个缺陷下，立即把 S5 的租约当作已过期。
    .line-6 = S6 提出请求；S2 以令牌 2 把租约授予它。S5 仍相信自己持有令牌 1：出现了两个写者。

# line-1 af6cd2ce
# line-2 8c2822c3
# line-3 da789b97
# line-4 75b8e017
scenario-leases-fencing =
    .line-1 = S3 以令牌 1 获得租约并写入，每次写入都带着它的令牌。
    .line-2 = S3 持有令牌 1 暂停 2 s。
    .line-3 = 存储已以令牌 2 把租约授予 S4；存储设备已随 S4 的写入见过令牌 2。
    .line-4 = S3 恢复运行，以令牌 1 写入。存储设备已见过 2：它拒绝这次写入。存储对 S3 续约的答复告诉 S3 租约在 S4 手中，于是它停下。

# line-1 66030a7b
# line-2 0510a2d8
# line-3 c87ad421
# line-4 f7118dfa
scenario-leases-gc-pause =
    .line-1 = S3 最先提出请求并获得租约：令牌 1，按存储的时钟有效 1 s，每 300 ms 续约一次。
    .line-2 = S3 暂停 2 s：一次全停顿（stop-the-world）的垃圾回收。它什么也不处理；发给它的消息在等待；它的计时器将一起迟到地触发。
    .line-3 = S3 的租约在最后一次续约后约 1 s 耗尽。S4 轮询时发现它已过期：存储以令牌 2 把租约授予 S4，S4 开始写入。
    .line-4 = S3 恢复运行。它仍相信自己持有租约 1，而它的写入计时器在存储对其续约的答复到达之前就触发了。

# line-1 a5ac2fb5
# line-2 36f24bdd
# line-3 f4dd8589
scenario-leases-lock-no-ttl =
    .line-1 = S3 最先询问存储（它的轮询被强制触发）。该键不存在：存储把它设为 S3，S3 成为领导者，每 100 ms 向存储设备写入一次。
    .line-2 = S3 崩溃。该键仍写着 S3 是领导者：永远不会有任何东西删除它。
    .line-3 = S4 此后每 300 ms 轮询一次，总是发现该键已被占用。如果有 TTL，它早就被释放了：“崩溃的持有者被替换”检查器标出了这把卡住的锁。

# line-1 46f7fbac
# line-2 a75194ad
# line-3 fe24c60a
# line-4 d6d351d0
# line-5 fa15f5cf
# line-6 5195196d
# line-7 8e30d7eb
# line-8 9cea636f
scenario-leases-replicated-store =
    .line-1 = S1 发起竞选，成为存储的领导者；S2 和 S3 复制它的日志。
    .line-2 = S5 向 S1 申请租约。S1 把授予写入自己的日志，等 S2 或 S3 也有了它再作答：令牌 1。
    .line-3 = 存储的领导者崩溃。S5 发给它的续约得不到答复。
    .line-4 = 就在同一时刻，S5 与存储的其余部分断开：它的续约不再到达，也没有任何东西告诉它。它继续向 S4 写入。
    .line-5 = S2 赢得了存储的选举（任期 2）。它的日志写着 S5 持有租约 1，却没写 S5 最后一次续约是何时：于是它从现在起为该租约保留整整一个 TTL，直到约 2.3 s。
    .line-6 = S6 向新领导者申请租约，被告知租约在 S5 手中。
    .line-7 = S5 的时钟显示它的租约（减去余量）已到期：它自行停止了写入，而存储的承诺还剩半秒。
    .line-8 = 按 S2 的时钟租约已到期；S6 的下一次轮询以令牌 2 获得了它。S6 是唯一的写者。

# value 035bfb8e
# step-1 1d7835f4
# step-2 b35e76bc
# step-2-ask c161dbad
# step-2-reveal 215a68f5
# step-3 0eb981e8
# step-3-ask f16cbd92
# step-3-choice-1 3ffcbbdd
# step-3-choice-2 05427c0b
# step-3-reveal d7bc88d6
lesson-leases-fencing = 租约：暂停的持有者与防护令牌
    .step-1 = S1 授予租约；S2 是存储设备；S3 和 S4 是想要写入的客户端。S3 以令牌 1 获得了租约，它发出的每次写入都带着这个令牌。
    .step-2 = 在 1 s 时 S3 暂停两秒（垃圾回收、虚拟机卡顿）。期间它的租约耗尽，存储以令牌 2 把租约授予 S4。
    .step-2-ask = 现在谁持有租约？
    .step-2-reveal = { $S1_lease_holder } 以令牌 { $S1_lease_token } 持有它；存储设备已随其写入见过令牌 { $S2_storage_newest }。
    .step-3 = 在 3 s 时 S3 醒来。暂停期间它自己的时钟没有走，所以它相信租约仍然有效，于是写入。
    .step-3-ask = 存储设备会接受 S3 的写入吗？
    .step-3-choice-1 = 会：S3 认为自己持有租约
    .step-3-choice-2 = 不会：它的令牌比存储设备见过的一个令牌更旧
    .step-3-reveal = 存储设备拒绝了 { $S2_storage_rejected } 次写入：它带的是令牌 1，而存储设备早已见过令牌 { $S2_storage_newest }。单靠租约无法阻止一个不知道自己已失去租约的持有者；由资源检查一个只增不减的令牌才可以。
