"""Tests of the spares plugin."""
