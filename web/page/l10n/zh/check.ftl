# “模型检验”标签页的词语，与 zh.ftl 分开：只有带这个标签页的实验才加载它们
# (index.html 的加载器，CHECK_LABS)。

## “模型检验”标签页

check =
    .aria-label = 模型检验器
check-note = 在下列故障范围内，穷举这个 { $protocol } 集群中消息、计时器触发和客户端请求的每一种顺序，运行协议自己的代码，并在每个状态检查它的不变式。检验在后台 worker 中运行；广度优先搜索和深度优先求最短反例都能找到最短的反例。
check-bounds =
    .aria-label = 模型检验的界限
check-servers = 服务器数
check-clients = 客户端请求数
check-writes = 客户端写请求数
check-reads = 客户端读请求数
check-depth = 深度上限
check-faults = 一条路径中允许的故障
check-crashes = 崩溃
check-losses = 丢失的消息
check-duplicated = 重复
check-duplicates = 重复的消息
check-timers = 计时器触发
check-bug = 缺陷
check-no-bug = 无（没有缺陷）
check-changes = 领导者被要求做的成员变更（各一次，任意时刻）：{ $changes }
check-search = 搜索
check-bfs = 广度优先（最短反例）
check-dfs = 深度优先（更省内存）
check-shortest = 深度优先求最短反例（更省内存，较慢）
check-symmetry = 对称约简
    .title = 只保留仅服务器名字不同的一组状态中的一个：n 台服务器最多少 n! 倍状态，每个状态的探索稍慢。
check-start = 检验
check-cancel = 取消
check-whole-number = { $field } 必须是整数（0 或更大）。
check-at-most = { $field }：最多 { $most }。
check-counters = { $states } 个状态，{ $distinct } 个不同状态，深度 { $depth }，{ $seconds } 秒，每秒 { $rate } 个不同状态
check-counters-memory = { $counted }，{ $mb } MB
check-failed = 无法检验：{ $error }
check-cancelled = 已取消。
check-searching = 正在搜索… { $counted }
check-collision = 两个不同状态共用一个指纹、以致搜索跳过其中之一的概率：{ $chance }（假设哈希把状态均匀分散）。
check-unproven = 搜索在试完所有更短的路径之前就停在了上限：可能还有更短的反例。
check-starting = 正在启动 worker…
check-goal-reached = “{ $goal }”：在深度 { $depth } 达到
check-goal-not-reached = “{ $goal }”：在界限内未达到
check-breaks = { $property } 在 { $moves } 步后被打破
check-open = 在实验中打开这个反例
check-download = 下载为场景文件
check-shipped = 命令行检验器为 { $bug } 找到的反例随页面提供（它的最后一步打破性质）：
check-moves =
    .aria-label = 按顺序排列的各步
