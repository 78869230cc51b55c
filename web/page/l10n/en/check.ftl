# The Check tab's words (the model checker), apart from en.ftl: only the labs that have
# the tab load them (index.html's loader, CHECK_LABS), so no other page carries them.

## The Check tab (the model checker)

check =
    .aria-label = Model checker
check-note = Explores every order of this { $protocol } cluster's messages, timer firings and client requests, with the faults below, running the protocol's own code, and checks its invariants in every state. It runs in a background worker; breadth-first search, and depth-first search to a shortest, find a shortest counterexample.
check-bounds =
    .aria-label = Model checker bounds
check-servers = Servers
check-clients = Client requests
check-writes = Client writes
check-reads = Client reads
check-depth = Depth bound
check-faults = Faults a path may contain
check-crashes = Crashes
check-losses = Lost messages
check-duplicated = Duplicated
check-duplicates = Duplicated messages
check-timers = Timer firings
check-bug = Bug
check-no-bug = none (no bug)
check-changes = Membership changes the leader is asked for, each once, at any point: { $changes }
check-search = Search
check-bfs = breadth-first (shortest counterexample)
check-dfs = depth-first (less memory)
check-shortest = depth-first to a shortest (less memory, slower)
check-symmetry = symmetry reduction
    .title = Keep one state of each set of states that differ only in the servers' names: up to n! fewer states on n servers, each a little slower to explore.
check-start = Check
check-cancel = Cancel
check-whole-number = { $field } must be a whole number (0 or more).
check-at-most = { $field }: at most { $most }.
check-counters = { $states } states, { $distinct } distinct, depth { $depth }, { $seconds } s, { $rate } distinct/s
check-counters-memory = { $counted }, { $mb } MB
check-failed = Could not check: { $error }
check-cancelled = Cancelled.
check-searching = Searching… { $counted }
check-collision = Chance that two distinct states shared a fingerprint, so that the search skipped one: { $chance } (if the hash spreads the states evenly).
check-unproven = The search stopped at its bound before it had tried every shorter path: a shorter counterexample may remain.
check-starting = Starting the worker…
check-goal-reached = “{ $goal }”: reached at depth { $depth }
check-goal-not-reached = “{ $goal }”: not reached within the bound
check-breaks = { $property } breaks after { $moves } moves
check-open = Open the counterexample in the lab
check-download = Download it as a scenario file
check-shipped = The counterexample the command-line checker found for { $bug } comes with the page (its last move breaks the property):
check-moves =
    .aria-label = The moves, in order
