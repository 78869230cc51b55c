### gossip 实验的场景与课程解说的简体中文版，译自 scenarios/ 与 lessons/ 中的英文（以英文为准）。
### 每条消息上方的注释是其各部分所译英文的指纹：英文改动后，web/tests/l10n.rs 会指出哪一部分需要重译。

# line-1 ce626545
# line-2 3e9c027d
# line-3 a21beda7
# line-4 ab8ce0fd
# line-5 937d7d38
# line-6 6e884158
scenario-gossip-crash =
    .line-1 = 每个成员每秒探测另一个成员（轮流），并每 200 ms 与 3 个随机成员交换 gossip。没有谁在协调。
    .line-2 = 一个客户端在 S1 写入 x=1。这条谣言通过 push-pull gossip 传播：每一轮，每个成员都与另外 3 个交换消息。
    .line-3 = S7 崩溃。没有谁被告知：下一个探测它的成员会发现。
    .line-4 = 发往 S7 的 ping 在探测超时内没有收到 ack，于是探测者请另外 3 个成员替它去 ping S7（ping-req）。经由它们也没有 ack 回来：S7 被怀疑。
    .line-5 = 怀疑随着 ping、ack 和 gossip 传播。S7 有 4 × log10(40) ≈ 6.4 s 来反驳它；崩溃的成员做不到。
    .line-6 = 怀疑超时：S7 被确认死亡，这条消息也以同样的方式传播，直到每个存活成员都看到它已死。

# line-1 31ae1c55
# line-2 46d9e582
# line-3 896d6215
# line-4 8acd7149
# line-5 5b0a11a7
scenario-gossip-refute =
    .line-1 = S5 与所有成员断开。它还活着，但没有 ping 能到达它，也没有 ack 能从它发出。
    .line-2 = 一个探测 S5 的成员没有收到 ack，无论是直接的还是经由他人的，于是怀疑它。S5 在被确认死亡前大约有 4.3 s 可以反驳。
    .line-3 = 网络恢复。下一个 ping S5 的成员怀疑它，并在 ping 本身中说明这一点。
    .line-4 = S5 作出反驳：它把化身号提高到 1，并告诉所有成员自己还活着。化身号 1 的“存活”胜过化身号 0 的“怀疑”，所以怀疑在各处消失，远早于它的超时。
    .line-5 = S5 在断开期间也怀疑了 S8 和 S9（它们的 ack 到不了它）。它们听到后以同样的方式反驳；没有谁被确认死亡。

# line-1 fe73b218
# line-2 14b3ca7a
# line-3 fc45f624
scenario-gossip-rumor =
    .line-1 = 一个客户端在 S1 写入 rumor=1。每一轮，每个知道它的成员都把它推送给 3 个随机成员：知情者较少时，知情集合大约每轮变为四倍。
    .line-2 = 五轮之后：S 形曲线的中段，大多数推送仍落在还没听说的成员身上。
    .line-3 = 尾部：现在大多数推送落在已经知道的成员身上，所以最后几个成员最久才被传到。push-pull 能更快收尾。

# value 46db2b1e
# step-1 c8be9a8c
# step-2 2afe2186
# step-2-ask 2302c8ff
# step-2-choice-1 a6003a62
# step-2-choice-2 2178cf6b
# step-2-choice-3 284b5e22
# step-2-reveal fd8ce08b
# step-3 7a63c66f
# step-3-ask 716f24a4
# step-3-choice-1 57bef880
# step-3-choice-2 d95419f3
# step-3-choice-3 15bbaf7a
# step-3-reveal 3a3b6a4c
# step-4 27e659c9
lesson-gossip-epidemic = Gossip：谣言如何传播
    .step-1 = 1,000 个成员，推送式 gossip：每 200 ms，每个知道谣言的成员把它发给随机选出的 3 个成员。在 1.1 s 时，一个客户端在 S1 写入 rumor=1。
    .step-2 = 过去了四轮（1.2、1.4、1.6 和 1.8 s）。
    .step-2-ask = 四轮之后，1,000 个成员中有多少知道这条谣言？
    .step-2-choice-1 = 不到 100 个
    .step-2-choice-2 = 100 到 499 个
    .step-2-choice-3 = 500 个或更多
    .step-2-reveal = 有 { $count_rumors_contains_rumor } 个成员知道。知情者很少时，几乎每次推送都落在新成员身上，所以知情集合每轮大约增长为四倍（1、4、16、60……）。流行病模型 1 − i' = (1 − i)·e^(−3i) 预测四轮后为 22%。
    .step-3 = 再过两轮。
    .step-3-ask = 六轮之后，所有成员都知道了吗？
    .step-3-choice-1 = 是的，全部 1,000 个
    .step-3-choice-2 = 大多数，但不是全部
    .step-3-choice-3 = 不到一半
    .step-3-reveal = 有 { $count_rumors_contains_rumor } 个知道。现在大多数推送落在已经知道的成员身上：曲线弯了下来，最后几个成员耗时最久。模型预测六轮后为 93%；扇出为 3 时，在几乎所有成员都在推送的一轮里，某个成员一次也没被选中的概率是 e^(−3)，约 5%。
    .step-4 = 尾部：到 3.3 s，也就是写入后十几轮，模型认为所有成员都已听说。

# value 1e4b2dbc
# step-1 3fc73c7c
# step-2 f69c7b5f
# step-2-ask 9748366e
# step-2-choice-1 2f67910c
# step-2-choice-2 e39d69ee
# step-2-choice-3 8e4280b0
# step-2-reveal 9f533de6
# step-3 31c9ce6a
# step-3-ask b2260418
# step-3-choice-1 d67bfea3
# step-3-choice-2 3729dbf5
# step-3-choice-3 4a298626
# step-3-reveal adf2136a
# step-4 cae8f90e
# step-4-task b88dc93c
# step-4-hint 2c4664e5
lesson-swim-suspicion = SWIM：被怀疑，而非已死
    .step-1 = 十二个成员。每个成员每秒探测另一个；没有应答的探测会先经由他人重试（ping-req），然后才会有人怀疑。在 2 s 时 S5 与所有成员断开：活着，但无法到达。
    .step-2 = S5 的同伴们继续探测它。
    .step-2-ask = 到 4.2 s 时，其他成员如何看待 S5？
    .step-2-choice-1 = 仍然存活：两秒太短，还察觉不到
    .step-2-choice-2 = 被怀疑
    .step-2-choice-3 = 被确认死亡
    .step-2-reveal = S1 记下 { $S1_suspect } 个被怀疑的成员和 { $S1_dead } 个死亡成员。对 S5 的一次探测无论直接还是经由他人都没有应答，于是探测者怀疑它，这份怀疑随每条消息传播开来。被怀疑者在被确认死亡前有一段超时时间可以反驳。
    .step-3 = 在 4.2 s 时网络恢复。下一个发往 S5 的 ping 带着对 S5 的怀疑。
    .step-3-ask = 到 10 s 时，在所有成员眼中 S5 都是存活的吗？
    .step-3-choice-1 = 是的：S5 反驳了怀疑
    .step-3-choice-2 = 不是：它被确认死亡了
    .step-3-choice-3 = 它仍被怀疑
    .step-3-reveal = 每个成员都看到十二个成员全部存活；S5 的化身号是 { $S5_incarnation }。只有 S5 自己可以提高自己的化身号，而更高化身号的“存活”会覆盖更低化身号的“怀疑”，所以它的反驳在各处都胜出。（断开期间，S5 也怀疑过 S8 和 S9；它们以同样的方式作了反驳。）
    .step-4 = 回到开头。这一次，让故障成真。
    .step-4-task = 让某个成员被其他所有成员确认死亡。
    .step-4-hint = 活着的被怀疑者会反驳。而一个根本无法应答的成员……
