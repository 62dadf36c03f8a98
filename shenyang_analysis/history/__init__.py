"""Stage 3, history: past figures from their sources, one series per indicator, prices, the city panel."""
