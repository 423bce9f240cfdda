"""The shell's own pages: dashboard, notification centre, plugin status, and the settings dialog.

Shell page ids (used by the sidebar, ``last page`` memory and notification links):
``shell.dashboard``, ``shell.notifications``, ``shell.plugins``.
"""

DASHBOARD = "shell.dashboard"
NOTIFICATIONS = "shell.notifications"
PLUGINS = "shell.plugins"
SHELL_PAGES = (DASHBOARD, NOTIFICATIONS, PLUGINS)
