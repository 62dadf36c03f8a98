"""Stage 2, table: the indicator catalog, curation, the target table and the tables' schemas."""
