"""Qt-free core: database, plugins, users, audit, calendars, SLA, reference data, jobs."""
