"""A plugin that works with ``good`` when it is there, and with a plugin that never is."""

NAME = "likes_good"
OPTIONAL = ("good", "nowhere")
