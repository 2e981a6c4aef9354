"""Evaluation: datasets → the same ask path users hit → deterministic scorers → reports."""
