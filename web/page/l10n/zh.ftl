# 页面自身文字的简体中文版，译自 en.ftl（以它为准）。
#
# 语法为 Project Fluent。每条消息的 id 与变量必须和 en.ftl 一致：web/tests/l10n.rs 会检查。
# 术语：leader 领导者，candidate 候选者，follower 跟随者，term 任期，step 步，
# virtual time 虚拟时间，narration 解说，lesson 课程。

## 页眉

language = 语言
    .title = 页面语言（保存在链接中）
protocol = 协议
theme = 主题：{ $theme ->
        [light] 浅色
        [dark] 深色
       *[system] 跟随系统
    }
    .aria-label = 主题：{ $theme ->
        [light] 浅色
        [dark] 深色
       *[system] 跟随系统
    }（切换）
help-button =
    .title = 帮助（?）
    .aria-label = 快捷键与图例
status = { $protocol }，{ $servers } 台服务器 — 虚拟时间 { $time }，第 { $step } 步
forked = { " " }— 已分叉 { $forks } 次（在过去操作会丢弃原来的未来）
dismiss =
    .aria-label = 关闭消息

## 播放

step-back = ◀ 上一步
    .title = 后退一步（←）
    .aria-label = 后退一个事件
step-forward = 下一步 ▶
    .title = 前进一步（→）
    .aria-label = 前进一个事件
play = 播放
    .title = 播放 / 暂停（空格）
pause = 暂停
    .title = 播放 / 暂停（空格）
speed = 速度
timeline = 时间轴
    .aria-valuetext = 第 { $step } 步，共 { $horizon } 步
spacetime-too-many = 时空图每台服务器画一条泳道，最多 { $most } 条；现在有 { $servers } 台，请看集群图和图表。
open-full = 在 ClusterScope 中打开 ↗

## 侧边面板的标签页

tab-faults = 故障
tab-state = 日志与状态
tab-settings = 设置
tab-share = 分享
tab-charts = 图表
tab-check = 模型检验
panels =
    .aria-label = 面板

## 场景解说

narration =
    .aria-label = 场景与解说
scenario = 场景
free-lab = 自由实验（见“设置”）
narration-start = 按“下一条解说”开始。
narration-previous = ◀ 上一条解说
narration-next = 下一条解说 ▶
narration-all = 全部 { $count } 条解说

## 最近事件与安全性质

events-show = 显示
events-list =
    .aria-label = 最近的事件，最新的在最后
event-go =
    .title = 跳到第 { $step } 步
property-holds = ✓ 成立
property-broken = ✗ 在第 { $step } 步被打破
violation = 第 { $step } 步（{ $time }）违反了 { $property }：{ $detail }
jump-to-step = 跳到第 { $step } 步
list-separator = 、

## 课程

lesson =
    .aria-label = 课程
lesson-progress =
    .aria-label = 第 { $step } 步，共 { $steps } 步
lesson-predict = 预测：
lesson-right = 答对了。
lesson-not-quite = 不对：运行的结果是“{ $answer }”。
lesson-run-says = 运行的结果是“{ $answer }”。
lesson-your-turn = 轮到你了：
lesson-hint = 提示
lesson-run-to = 运行到 { $time }
lesson-continue = 继续
lesson-lock-run-to = 确定答案并运行到 { $time }
lesson-lock-continue = 确定答案并继续
lesson-go-on = 轮到你了 ▶
lesson-next = 下一步 ▶
lesson-complete = 课程完成。
goal-unchecked = 无法检查本课的目标：{ $error }
goal-done = 完成，时间 { $time }。
goal-left = 虚拟时间还剩 { $time }
goal-broke = 这违反了规则 `{ $rule }`。后退（←）到违反之前再试一次。
goal-out-of-time = 时间到了。后退（←）或把时间轴倒回去再试一次。

## 帮助

help-title = 快捷键
help-key-space = 播放或暂停
help-key-right = 前进一个事件
help-key-left = 后退一个事件
help-key-home = 回到开头
help-key-end = 跳到已计算的最远一步
help-key-n = 下一条解说（场景）
help-key-p = 让选中的服务器（未选中时为领导者）停顿 2 秒
help-key-d = 选中服务器的时钟以一半速度运行
help-key-j = 选中服务器的时钟倒退 500 ms
help-key-help = 显示或隐藏本帮助
help-key-esc = 关闭本帮助
help-picture = 怎样读图
help-roles = 领导者为橙色粗边框，候选者为蓝色虚线边框，跟随者无特殊样式；每台服务器也都有文字标注。
help-shapes = 方块是请求，圆点是回复；粗点线轮廓表示重复的消息。
help-timer = 服务器周围的绿色圆弧是它选举计时器的剩余时间。
help-cuts = 带叉的红色虚线表示该方向的链路被切断；单独的红叉表示一条刚丢失的消息。
help-close = 关闭

## 故障面板：选中服务器的按钮（$server 是它的名字，S1…）

faults =
    .aria-label = 故障与客户端请求
faults-server =
    .aria-label = 服务器
faults-select =
    .aria-label = 选择 { $server }
faults-select-member = 选择成员
faults-crash = 让 { $server } 崩溃
faults-restart = 重启 { $server }
faults-time-out = 让 { $server } 超时
faults-new-ballot = 在 { $server } 发起新选票
faults-probe = 立即由 { $server } 探测
faults-ask-lease = 以 { $server } 申请租约
faults-client-writes = 客户端向 { $server } 写入 { $command }
faults-client-writes-leader = 客户端经领导者写入 { $command }
faults-client-proposes = 客户端向 { $server } 提议 { $command }
faults-client-submits = 客户端向 { $server } 提交 { $command }
faults-client-reads = 客户端从 { $server } 读取 { $key }
faults-transfer = 把领导权交给 { $server }
faults-add-voter = 加入 { $server } 为投票成员
faults-add-learner = 加入 { $server } 为学习者
faults-remove = 移除 { $server }
faults-leaves = { $server } 离开
faults-joins = { $server } 加入
faults-timing =
    .aria-label = { $server } 的停顿与时钟
faults-stop = 让 { $server } 停顿
faults-stop-hint = 停顿期间它什么也不处理，之后一次处理全部；例如 2s
faults-drift = { $server } 的时钟漂移
faults-drift-hint = 例如 -20% 或 +200ppm
faults-jump = { $server } 的时钟跳变
faults-jump-hint = 例如 -500ms
faults-pause-field = 停顿
faults-drift-field = 漂移
faults-jump-field = 跳变

## 网络面板

network = 网络
    .aria-label = 网络故障
network-partition-tick = 分区：勾选属于 B 侧的服务器
network-partition-range = 分区：B 侧是一段连续的成员
network-side-b-from = B 侧从
network-from = 从
network-to = 到
network-split = 分成两侧
network-heal = 恢复所有链路
network-cut-one = 单向切断一条链路
network-cut-from =
    .aria-label = 切断的起点
network-cut-to =
    .aria-label = 切断的终点
network-cut = 切断 { $from } → { $to }
network-conditions = 丢失、重复、延迟
network-loss = 消息丢失率
network-duplication = 消息重复率
network-latency = 延迟
network-latency-min =
    .aria-label = 最小延迟（毫秒）
network-latency-max =
    .aria-label = 最大延迟（毫秒）
network-set-latency = 设置延迟
network-latency-whole = 延迟必须是整数毫秒，而不是“{ $typed }”。
network-in-flight = 一条传输中的消息
network-pause-to-pick = 暂停后才能选择
network-none = 现在没有
network-message = 消息
network-drop = 丢弃 #{ $id }
network-duplicate = 把 #{ $id } 投递两次

## “分享”标签页

share = 分享
    .aria-label = 分享与导出
share-pause-for-link = 暂停后即可得到指向这一刻的链接。
share-link = 指向这一刻的链接
share-copy-link = 复制链接
share-link-copied = 链接已复制。
share-link-not-copied = 无法复制链接：{ $error }。
share-embed = 嵌入课程页面
share-copy-snippet = 复制 iframe 代码
share-snippet-copied = iframe 代码已复制。
share-snippet-not-copied = 无法复制 iframe 代码：{ $error }。
share-export-trace = 导出轨迹（JSON）
share-import-trace = 导入轨迹
share-export-png = 导出集群图（PNG）
share-export-svg = 导出集群图（SVG）
share-export-spacetime = 导出时空图（SVG）
    .title = 请先暂停：播放时箭头是画在画布上的，不是 SVG
share-nothing-to-export = 页面上没有可导出的 { $file }。
share-file-too-big = { $file } 有 { $size } MB；页面最多能打开 { $most } MB 的轨迹文件。
share-reading = 正在读取 { $file }…
share-unreadable = 无法读取该文件：{ $error }。

## 录制幻灯片动画（在“分享”标签页中）

record = 录制幻灯片动画
record-note = 按所选速度播放这些步骤，并按页面绘制的样子录下集群图（最长一分钟），生成 WebM 视频和 GIF 动图。
record-from = 从第
record-to = 步到第
record-start = 录制
record-filming = 正在录制第 { $step } 步（{ $from }–{ $to }）
    .aria-label = 录制进度
record-stop = 在此停止
record-encoding = 正在编码 GIF：{ $pictures } 张中的第 { $done } 张
    .aria-label = GIF 编码进度
record-cancel = 取消
record-video-download = 下载 { $file }（视频，{ $size }）
record-video-none = 没有视频：{ $error }。
record-gif-download = 下载 { $file }（GIF，{ $size }）
record-gif-none = 没有 GIF：{ $error }。
record-preview =
    .alt = 录好的 GIF，正在播放
record-failed = 录制失败：{ $error }。

## 各实验自己的文字：五类事件（事件列表的筛选）、时空图标记的含义、两个“运行到”按钮

events-elections = 选举
events-replication = 复制
events-heartbeats = 心跳
events-clients = 客户端
events-faults = 故障与操作
events-phase1-prepare = 第一阶段（prepare）
events-phase2-accept = 第二阶段（accept）
events-catch-up = 追赶
events-phase1-leader = 第一阶段（更换领导者）
events-phase2-slots = 第二阶段（槽位）
events-suspicion = 怀疑（ping-req、suspect、dead、refute）
events-rumors = 谣言（gossip、pull）
events-probes = 探测与反熵
events-grants = 授予与失去
events-writes = 写入
events-polls = 轮询与续约
events-detection = 选举与故障检测
events-assignments = 分配与任务状态
events-heartbeats-probes = 心跳与探测
events-tasks = 任务与客户端
marks-raft = 时空图：每台服务器一条泳道；L/C/F 表示角色变化，数字表示提交
marks-paxos = 时空图：每台服务器一条泳道；P 发起选票，A 接受，✓ 提议者看到自己的值被选定，L 学习者得知该值
marks-multipaxos = 时空图：每台服务器一条泳道；C 运行第一阶段，L 成为领导者，F 卸任，数字表示被选定的槽位
marks-gossip = 时空图：每个成员一条泳道；? 怀疑某成员，✝ 确认其死亡，↑ 以更高的化身号反驳，L 得知谣言
marks-leases = 时空图：每台服务器一条泳道；G 存储授予租约，H 客户端认为自己持有租约，L 它不再这样认为（失去），W 存储接受一次写入，✗ 拒绝一次写入；复制存储的 L/C/F 是其 Raft 角色，T 新领导者接管租约
marks-tasks = 时空图：每台服务器一条泳道，两个集群的消息都在其中；L 新的协调者，D 它宣布某个工作者失效，✝ 某成员被确认死亡，T 任务被接管
until-leader = 运行到下一个领导者
until-commit = 运行到下一次提交
until-chosen = 运行到某个值被选定
until-ballot = 运行到下一张选票
until-slot = 运行到下一个槽位被选定
until-suspected = 运行到有成员被怀疑
until-confirmed-dead = 运行到有成员被确认死亡
until-grant = 运行到下一次授予
until-holder-stops = 运行到某个持有者停止
until-coordinator = 运行到新的协调者产生
until-task-moves = 运行到有任务转移

## 安全性质（协议核心所用的名字）

properties =
    .aria-label = 安全性质
properties-all-hold = ✓ 全部 { $count } 条安全性质成立
property-election-safety = 选举安全
property-leader-append-only = 领导者只追加
property-log-matching = 日志匹配
property-leader-completeness = 领导者完整性
property-state-machine-safety = 状态机安全
property-vote-counting = 计票
property-committed-entries-held = 已提交条目留存
property-linearizability = 线性一致性
property-agreement = 一致
property-validity = 有效性
property-stability = 稳定性
property-same-command-per-slot = 每个槽位命令相同
property-no-false-death = 无误判死亡
property-single-writer = 单一写者
property-no-write-after-expiry = 租约过期后无写入
property-crashed-holder-replaced = 崩溃的持有者被替换
property-one-lease-at-a-time = 同一时刻只有一个租约
property-store-replicas-agree = 存储副本一致
property-single-leader = 单领导者
property-leaderless = 无领导者
property-at-most-one-completion = 至多完成一次
property-no-work-left-with-failed-workers = 失效工作者手上不留任务
property-every-accepted-task-completes = 每个被接受的任务都会完成
property-owner-by-its-own-view = 按自己的视图认定归属
