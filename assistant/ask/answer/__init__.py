"""Turning retrieved chunks into a cited answer, and checking every citation before it leaves."""
