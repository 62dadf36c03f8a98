"""Stage 4, model: growth arithmetic, projections, reference classes, backtests, assessments, calibration."""
