"""The archive: batch output in one SQLite database (and Parquet), with stable
identities across releases and the common questions."""
