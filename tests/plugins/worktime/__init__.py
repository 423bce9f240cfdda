"""Tests of the worktime plugin."""
