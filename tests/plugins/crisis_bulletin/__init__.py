"""Tests of the crisis_bulletin plugin."""
