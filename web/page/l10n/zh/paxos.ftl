### paxos 实验的场景与课程解说的简体中文版，译自 scenarios/ 与 lessons/ 中的英文（以英文为准）。
### 每条消息上方的注释是其各部分所译英文的指纹：英文改动后，web/tests/l10n.rs 会指出哪一部分需要重译。

# line-1 a2e428b5
scenario-check-paxos-accept-below-promise =
    .line-1 = 稳定性被打破：x=1 已在选票 1.S1 中被选定，但 S2 在更高的选票 1.S2 中接受了 x=2

# line-1 5d8b845a
scenario-check-paxos-forget-promise =
    .line-1 = 稳定性被打破：x=1 已在选票 1.S1 中被选定，但 S1 在更高的选票 1.S2 中接受了 x=2

# line-1 d6764d43
scenario-check-paxos-ignore-promised-values =
    .line-1 = 稳定性被打破：x=1 已在选票 1.S1 中被选定，S2 却在更高的选票 1.S2 中接受了 x=2

# line-1 59adc30a
# line-2 dd71d076
# line-3 4e1c5e84
scenario-dueling-proposers =
    .line-1 = 一个客户端请 S1 让 x=1 被选定。S1 发起选票 1.S1：向接受者 S3、S4、S5 发送第一阶段 1a 消息。
    .line-2 = 10 ms 后，另一个客户端请 S2 提议 x=2。它的选票 1.S2 比 1.S1 高，所以接受者会向它作出承诺，并拒绝 S1 的 accept 请求。
    .line-3 = 每个提议者在开始一轮后 25 ms 用更高的选票重试，而它新的 prepare 总是恰好在对方的 accept 请求之前到达接受者。双方都永远得不到多数接受。

# value 4eec1133
# step-1 45b3c145
# step-2 e81088d9
# step-2-ask 76de964e
# step-2-choice-1 c52905f6
# step-2-choice-2 c4290463
# step-2-choice-3 a7978c7d
# step-2-reveal d2b2e979
# step-3 45c38615
# step-3-task 371ffa99
# step-3-hint 5794d742
lesson-paxos-dueling-proposers = Basic Paxos：决斗的提议者
    .step-1 = S1 和 S2 是提议者；S3、S4 和 S5 是接受者。S1 以选票 1.S1 提议 x=1，10 ms 后 S2 以更高的选票 1.S2 提议 x=2：接受者向 S2 作出承诺，并将拒绝 S1 的 accept 请求。
    .step-2 = 每个提议者在开始一轮后 25 ms 重试，所用选票高于它见过的任何选票。
    .step-2-ask = 这样持续一秒之后，有值被选定了吗？
    .step-2-choice-1 = 有，x=1
    .step-2-choice-2 = 有，x=2
    .step-2-choice-3 = 没有值被选定
    .step-2-reveal = S1 进行了 { $S1_round_ballot_round } 轮、S2 进行了 { $S2_round_ballot_round } 轮，仍没有值被选定。每个 prepare 都恰好在另一个提议者的 accept 请求之前到达接受者，所以谁也凑不齐多数的接受。Paxos 依然安全（不会选定两个值），却毫无进展：这正是实际系统要选出唯一一个特定提议者的原因。
    .step-3 = 回到 200 ms，决斗正在进行。
    .step-3-task = 让一个值被选定。
    .step-3-hint = 两个提议者在互相抢占。如果只剩下其中一个呢？
