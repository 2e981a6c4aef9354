"""Benchmarks that are measured and reported, not asserted as timed tests."""
