"""Tests of the partners plugin."""
