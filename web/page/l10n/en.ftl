# The page's own words in English: the source every other language translates.
#
# Project Fluent syntax (https://projectfluent.org/fluent/guide/). A message's id is how the
# Rust views ask for it (web/src/views/l10n.rs); `.title` and `.aria-label` are attributes
# of the element the message labels. web/tests/l10n.rs fails when an id the views use is
# missing here, or when another language's file lacks or adds an id or a variable.

## The header

language = Language
    .title = Language of the page (kept in the link)
protocol = Protocol
theme = Theme: { $theme ->
        [light] light
        [dark] dark
       *[system] system
    }
    .aria-label = Theme: { $theme ->
        [light] light
        [dark] dark
       *[system] system
    } (change)
help-button =
    .title = Help (?)
    .aria-label = Keyboard shortcuts and legend
# The status line: "Raft, 5 servers — virtual time 1.2s, step 40".
status = { $protocol }, { $servers } servers — virtual time { $time }, step { $step }
forked = { " " }— forked { $forks }× (acting in the past discards the old future)
dismiss =
    .aria-label = Dismiss message

## Playing the run

step-back = ◀ Step
    .title = Step back (←)
    .aria-label = Step back one event
step-forward = Step ▶
    .title = Step forward (→)
    .aria-label = Step forward one event
play = Play
    .title = Play / pause (space)
pause = Pause
    .title = Play / pause (space)
speed = Speed
timeline = Timeline
    .aria-valuetext = step { $step } of { $horizon }
spacetime-too-many = The space-time diagram draws one lane per server, up to { $most }; at { $servers } the picture and the charts tell the story.
open-full = Open in ClusterScope ↗

## The side panel's tabs

tab-faults = Faults
tab-state = Logs & state
tab-settings = Settings
tab-share = Share
tab-charts = Charts
tab-check = Check
panels =
    .aria-label = Panels

## A scenario's narration

narration =
    .aria-label = Scenario and narration
scenario = Scenario
free-lab = Free lab (see Settings)
narration-start = Press “Next narration” to begin.
narration-previous = ◀ Previous narration
narration-next = Next narration ▶
narration-all = { $count ->
        [one] The one narrated moment
       *[other] All { $count } narrated moments
    }

## Recent events and the safety properties

events-show = Show
events-list =
    .aria-label = Recent events, newest last
event-go =
    .title = Go to step { $step }
property-holds = ✓ holds
property-broken = ✗ broken at step { $step }
violation = Violation of { $property } at step { $step } ({ $time }): { $detail }
jump-to-step = Jump to step { $step }
# Between the items of a list within an event's line ("fills hole(s) 3, 5 with no-op").
list-separator = {", "}

## A lesson

lesson =
    .aria-label = Lesson
lesson-progress =
    .aria-label = Step { $step } of { $steps }
lesson-predict = Predict:{ " " }
lesson-right = Right.
lesson-not-quite = Not quite: the run says “{ $answer }”.
lesson-run-says = The run says “{ $answer }”.
lesson-your-turn = Your turn:{ " " }
lesson-hint = Hint
lesson-run-to = Run to { $time }
lesson-continue = Continue
lesson-lock-run-to = Lock in and run to { $time }
lesson-lock-continue = Lock in and continue
lesson-go-on = Your turn ▶
lesson-next = Next step ▶
lesson-complete = Lesson complete.
goal-unchecked = This lesson's goal cannot be checked: { $error }
goal-done = Done, at { $time }.
goal-left = { $time } of virtual time left
goal-broke = That breaks the rule `{ $rule }`. Step back (←) to before it and try again.
goal-out-of-time = Time is up. Step back (←) or rewind the timeline and try again.

## The help dialog

help-title = Keyboard shortcuts
help-key-space = play or pause
help-key-right = step forward one event
help-key-left = step back one event
help-key-home = go to the start
help-key-end = go to the furthest step computed
help-key-n = next narrated moment (scenarios)
help-key-p = stop (pause) the selected server, or the leader, for 2 s
help-key-d = the selected server's clock runs at half speed
help-key-j = the selected server's clock jumps back 500 ms
help-key-help = show or hide this help
help-key-esc = close this help
help-picture = Reading the picture
help-roles = Leaders are orange with a thick border, candidates blue with a dashed border, followers plain; every server is also labelled.
help-shapes = Squares are requests, circles are replies; a thick dotted outline marks a duplicate.
help-timer = The green arc around a server is the time left on its election timer.
help-cuts = A dashed red link with a cross is cut in the direction of the cross; a red cross on its own is a message just lost.
help-close = Close

## The fault panel: the selected server's buttons ($server is its name, S1…)

faults =
    .aria-label = Faults and client requests
faults-server =
    .aria-label = Server
faults-select =
    .aria-label = Select { $server }
faults-select-member = Select member
faults-crash = Crash { $server }
faults-restart = Restart { $server }
# Forcing a server's timer, in each protocol's words.
faults-time-out = Time out { $server }
faults-new-ballot = New ballot at { $server }
faults-probe = Probe now at { $server }
faults-ask-lease = Ask for the lease as { $server }
# A client's request ($command, e.g. x=3), in each protocol's words.
faults-client-writes = Client writes { $command } to { $server }
faults-client-writes-leader = Client writes { $command } via the leader
faults-client-proposes = Client proposes { $command } to { $server }
faults-client-submits = Client submits { $command } to { $server }
faults-client-reads = Client reads { $key } from { $server }
faults-transfer = Hand leadership to { $server }
faults-add-voter = Add { $server } as a voter
faults-add-learner = Add { $server } as a learner
faults-remove = Remove { $server }
faults-leaves = { $server } leaves
faults-joins = { $server } joins
faults-timing =
    .aria-label = Pause and clock of { $server }
# "Stop", not "Pause": the play control is called Pause.
faults-stop = Stop { $server } for
faults-stop-hint = a pause: it handles nothing, then everything at once; e.g. 2s
faults-drift = { $server }'s clock drifts
faults-drift-hint = e.g. -20% or +200ppm
faults-jump = { $server }'s clock jumps
faults-jump-hint = e.g. -500ms
# Before a typed value's problem: "Pause: …".
faults-pause-field = Pause
faults-drift-field = Drift
faults-jump-field = Jump

## The network panel

network = Network
    .aria-label = Network faults
network-partition-tick = Partition: tick the servers for side B
network-partition-range = Partition: side B is a range of members
network-side-b-from = Side B from
network-from = from
network-to = to
network-split = Split into two sides
network-heal = Heal all links
network-cut-one = Cut one link, one way
network-cut-from =
    .aria-label = Cut from
network-cut-to =
    .aria-label = Cut to
network-cut = Cut { $from } → { $to }
network-conditions = Loss, duplication, latency
network-loss = Message loss
network-duplication = Message duplication
network-latency = Latency
network-latency-min =
    .aria-label = Latency min (ms)
network-latency-max =
    .aria-label = Latency max (ms)
network-set-latency = Set latency
network-latency-whole = Latency must be whole milliseconds, not “{ $typed }”.
network-in-flight = A message in flight
network-pause-to-pick = pause to pick one
network-none = none right now
network-message = message
network-drop = Drop #{ $id }
network-duplicate = Deliver #{ $id } twice

## The Share tab

share = Share
    .aria-label = Share and export
share-pause-for-link = Pause to get a link to this exact moment.
share-link = Link to this moment
share-copy-link = Copy link
share-link-copied = Link copied.
share-link-not-copied = Could not copy the link: { $error }.
share-embed = Embed in a course page
share-copy-snippet = Copy iframe snippet
share-snippet-copied = iframe snippet copied.
share-snippet-not-copied = Could not copy the iframe snippet: { $error }.
share-export-trace = Export trace (JSON)
share-import-trace = Import trace
share-export-png = Export cluster (PNG)
share-export-svg = Export cluster (SVG)
share-export-spacetime = Export space-time diagram (SVG)
    .title = Pause first: while playing, arrows are painted, not SVG
share-nothing-to-export = There is no { $file } on the page to export.
share-file-too-big = { $file } is { $size } MB; the page opens trace files up to { $most } MB.
share-reading = Reading { $file }…
share-unreadable = Could not read the file: { $error }.

## Record for slides (in the Share tab)

record = Record for slides
record-note = Plays the steps at the chosen speed and films the cluster as the page draws it (a minute at most), as a WebM video and an animated GIF.
record-from = From step
record-to = to step
record-start = Record
record-filming = Filming step { $step } of { $from }–{ $to }
    .aria-label = Filming progress
record-stop = Stop here
record-encoding = Encoding the GIF: { $done } of { $pictures } pictures
    .aria-label = GIF encoding progress
record-cancel = Cancel
record-video-download = Download { $file } (video, { $size })
record-video-none = No video: { $error }.
record-gif-download = Download { $file } (GIF, { $size })
record-gif-none = No GIF: { $error }.
record-preview =
    .alt = The recorded GIF, playing
record-failed = The recording failed: { $error }.

## Each lab's words: its five kinds of event (the event list's filter), what the space-time
## diagram's marks mean, and its two "Run until" buttons

events-elections = Elections
events-replication = Replication
events-heartbeats = Heartbeats
events-clients = Clients
events-faults = Faults & actions
events-phase1-prepare = Phase 1 (prepare)
events-phase2-accept = Phase 2 (accept)
events-catch-up = Catch-up
events-phase1-leader = Phase 1 (leader change)
events-phase2-slots = Phase 2 (slots)
events-suspicion = Suspicion (ping-req, suspect, dead, refute)
events-rumors = Rumors (gossip, pull)
events-probes = Probes & anti-entropy
events-grants = Grants & losses
events-writes = Writes
events-polls = Polls & renewals
events-detection = Elections & failure detection
events-assignments = Assignments & task state
events-heartbeats-probes = Heartbeats & probes
events-tasks = Tasks & clients
marks-raft = Space-time: one lane per server; L/C/F role changes, numbers are commits
marks-paxos = Space-time: one lane per server; P starts a ballot, A accepts, ✓ a proposer sees its value chosen, L a learner learns it
marks-multipaxos = Space-time: one lane per server; C runs phase 1, L leads, F steps down, numbers are slots chosen
marks-gossip = Space-time: one lane per member; ? suspects a member, ✝ confirms it dead, ↑ refutes with a higher incarnation, L learns a rumor
marks-leases = Space-time: one lane per server; G the store grants the lease, H a client believes it holds it, L it stops believing (lost), W the storage accepts a write, ✗ it rejects one; a replicated store's L/C/F are its Raft roles, T a new leader takes the lease over
marks-tasks = Space-time: one lane per server, both clusters' messages; L a new coordinator, D it declares a worker failed, ✝ a member confirmed dead, T a task taken over
until-leader = Run until next leader
until-commit = Run until next commit
until-chosen = Run until a value is chosen
until-ballot = Run until next ballot
until-slot = Run until next slot is chosen
until-suspected = Run until someone is suspected
until-confirmed-dead = Run until someone is confirmed dead
until-grant = Run until the next grant
until-holder-stops = Run until a holder stops
until-coordinator = Run until a new coordinator
until-task-moves = Run until a task moves

## The safety properties, as the protocol cores name them: each part of a name (a Tasks
## property is "single leader: log matching") is `property-` and the part, dashed

properties =
    .aria-label = Safety properties
properties-all-hold = ✓ all { $count } safety properties hold
property-election-safety = election safety
property-leader-append-only = leader append-only
property-log-matching = log matching
property-leader-completeness = leader completeness
property-state-machine-safety = state machine safety
property-vote-counting = vote counting
property-committed-entries-held = committed entries held
property-linearizability = linearizability
property-agreement = agreement
property-validity = validity
property-stability = stability
property-same-command-per-slot = same command per slot
property-no-false-death = no false death
property-single-writer = single writer
property-no-write-after-expiry = no write after expiry
property-crashed-holder-replaced = crashed holder replaced
property-one-lease-at-a-time = one lease at a time
property-store-replicas-agree = store replicas agree
property-single-leader = single leader
property-leaderless = leaderless
property-at-most-one-completion = at most one completion
property-no-work-left-with-failed-workers = no work left with failed workers
property-every-accepted-task-completes = every accepted task completes
property-owner-by-its-own-view = owner by its own view
