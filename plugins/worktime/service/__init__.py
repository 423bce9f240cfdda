"""The work-hour rules (Qt-free), one module per subject.

* ``common``: permissions, who may see, record and review whose time, periods and locks;
* ``activities``: what an entry is booked on (incidents and work orders through the incidents plugin);
* ``entries``: time entries; ``grid``: the week grid's bookings and copy last week;
* ``leave``: leave records and the time-off-in-lieu balance;
* ``timesheets``: submit, withdraw, approve, reject; ``adjustments``: corrections after locking;
* ``setup``: schedules, assignments, rates; ``catalogue``: rule sets, projects, leave types, organisation
  days, team reviewers;
* ``imports``: time entries and schedules from CSV/XLSX; ``reminders`` and ``resplit``: the jobs;
* ``queries``: the reads behind the pages and global search.

Every write is ``function(app, actor, ...)`` inside ``app.unit_of_work(actor, "worktime.<permission>")``.
"""
