"""Input and output at the edges: atomic writes, documents and their manifest, table serialization."""
