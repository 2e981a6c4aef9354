"""Users teach the evaluator: every answer is logged, feedback names one, exports become cases."""
