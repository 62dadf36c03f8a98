"""Stage 5, present: verdicts in words, plots, tables, fonts, notebook rendering and the report command."""
