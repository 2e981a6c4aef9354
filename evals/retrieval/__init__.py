"""Retrieval benchmarks on BEIR-format datasets: every retrieval mode side by side."""
