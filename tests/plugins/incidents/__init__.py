"""Tests of the incidents plugin."""
