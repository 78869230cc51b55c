### multipaxos 实验的场景与课程解说的简体中文版，译自 scenarios/ 与 lessons/ 中的英文（以英文为准）。
### 每条消息上方的注释是其各部分所译英文的指纹：英文改动后，web/tests/l10n.rs 会指出哪一部分需要重译。

# line-1 e55f8a64
scenario-check-multipaxos-accept-below-promise =
    .line-1 = 稳定性被打破：x=1 已在选票 1.S1 中于槽位 1 被选定，但 S3 在更高的选票 1.S2 中在那里接受了 x=2

# line-1 9fda8aa1
scenario-check-multipaxos-forget-promise =
    .line-1 = 稳定性被打破：x=1 已在选票 1.S1 中于槽位 1 被选定，但 S1 在更高的选票 2.S2 中在那里接受了 x=2

# line-1 1c527718
scenario-check-multipaxos-local-reads =
    .line-1 = 线性一致性被打破：S2 对 get x 的回答是“无”，可在这次读发出之前，x=1 已被确认

# line-1 7550698f
scenario-check-multipaxos-ignore-promised-values =
    .line-1 = 稳定性被打破：x=1 已在选票 1.S1 中于槽位 1 被选定，S3 却在更高的选票 2.S2 中在那里接受了 no-op

# line-1 19fc84fb
# line-2 21680ff9
# line-3 f9210f05
# line-4 e3711cba
# line-5 1bbf6bbf
# line-6 9087cce6
# line-7 f9cf5fc8
# line-8 d6165bae
# line-9 1b303260
scenario-multipaxos-failover =
    .line-1 = S1 听不到领导者（它的计时器被强制触发）：它以选票 1.S1 为从 1 开始的每个槽位运行第一阶段。
    .line-2 = 稳定的领导者跳过第一阶段：x=1 直接进入槽位 1 的第二阶段 2a。
    .line-3 = 网络一时间丢弃所有消息……
    .line-4 = ……于是槽位 3 的 accept 请求（x=3）在途中丢失。
    .line-5 = 槽位 4（y=4）送达了：多数接受了它，但在槽位 3 仍空着时，领导者不能应用它。
    .line-6 = 领导者在下一次心跳本可重发槽位 3 之前崩溃。
    .line-7 = S2 不再等待：以选票 2.S2 为从 3 开始的每个槽位运行第一阶段，3 是它尚未见到被选定的第一个槽位。
    .line-8 = S1 回来了，从新领导者那里学到日志：槽位 3 是 no-op，槽位 4 是 y=4。
    .line-9 = 新领导者在槽位 5 接收新命令，无需第一阶段。

# line-1 05f34a32
# line-2 4aac91fb
# line-3 593a869b
# line-4 b19566f8
# line-5 a3406158
# line-6 31790250
# line-7 7728f226
# line-8 9f6ea127
scenario-multipaxos-stale-read =
    .line-1 = S1 听不到领导者（它的计时器被强制触发），以选票 1.S1 运行第一阶段。
    .line-2 = 一个客户端经 S1 写入 x=1：它在槽位 1 被选定，客户端也得到了通知。
    .line-3 = S1 与所有服务器断开。没有任何东西告诉它这一点：它仍以为自己是领导者。
    .line-4 = S2 以选票 2.S2 运行第一阶段；S3、S4 和 S5 作出承诺，S2 成为领导者。
    .line-5 = 一个客户端经新领导者 S2 写入 x=2：它在槽位 2 被选定，客户端也得到了通知。
    .line-6 = 另一个客户端经 S1 读取 x。在 local_reads 缺陷下，S1 立即从自己的状态作答：x=1，尽管 x=2 在这次读开始之前就已完成。这不是线性一致的。
    .line-7 = 链路恢复；S1 得知选票 2.S2，退位，并补上槽位 2。
    .line-8 = 经领导者 S2 的一次读返回 x=2：有缺陷时来自它自己的状态，没有缺陷时来自槽位 3——这次读像任何命令一样占用一个槽位，S2 在它被选定后作答。

# value 1bd53639
# step-1 f497a1cc
# step-2 33008e20
# step-2-ask cff6292e
# step-2-choice-3 906e17ba
# step-2-reveal 0be16f15
# step-3 7610c179
# step-3-ask 721dc8a1
# step-3-choice-2 906e17ba
# step-3-choice-3 bd00747c
# step-3-reveal 257c5678
# step-4 2fff258e
lesson-multipaxos-holes = Multi-Paxos：日志中的空洞
    .step-1 = S1 以选票 1.S1 担任领导者，对每条新命令都跳过第一阶段。x=1 和 x=2 在槽位 1 和 2 被选定。随后网络一时间丢弃所有消息：槽位 3 的 accept 请求（x=3）丢失了。槽位 4（y=4）送达了多数。
    .step-2 = 在 215 ms 时 S1 崩溃。在 220 ms 时 S2 不再等待，以更高的选票为从 3 起的每个槽位运行第一阶段。每个承诺都会报告该接受者接受过什么。
    .step-2-ask = 新领导者为空洞槽位 3 决定了什么？
    .step-2-choice-3 = no-op
    .step-2-reveal = 槽位 3 被决定为 { $leader_decided_2_1 }：没有任何承诺为它报告值，因为 x=3 从未到达任何接受者，所以新领导者可以自由选择，它用一个 no-op 填补空洞，好让日志能按顺序应用。
    .step-3 = 那么槽位 4 呢？多数曾从旧领导者那里接受了它。
    .step-3-ask = 槽位 4 现在是什么？
    .step-3-choice-2 = no-op
    .step-3-choice-3 = 还什么都没有
    .step-3-reveal = 槽位 4 是 { $leader_decided_3_1 }。有承诺报告 y=4 已被接受，而第二阶段必须重新提议它听说的选票最高的值。多数已接受的值可能已经被选定，新领导者绝不能替换它。
    .step-4 = S1 重启并学到日志；新领导者在槽位 5 接收 z=5，不必再运行第一阶段。
