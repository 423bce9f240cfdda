"""SLA targets, their clocks and escalation ladders.

* ``clocks``: pure functions — an incident's (or work order's) history mapped onto one
  definition's start, stop and pause events, the target (per priority or from the distance
  table), the replay through ``console.api.compute_clock`` and the ladder arithmetic.
* ``engine``: rebuilds the stored clock rows of some incidents from their history.
* ``actions``: records escalation firings once and carries out notify / reassign / raise priority.
* ``definitions``: the service that edits definitions and ladders, then recomputes what they cover.
* ``sweep``: the background job that acts on the clocks whose next check is due.
"""
