"""The Qt shell: main window, navigation, dialogs, dashboard, and the widgets plugin pages use."""
