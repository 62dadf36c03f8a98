"""Stage 1, extract: quantities, time words and statements found in Chinese plan text."""
