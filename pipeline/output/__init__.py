"""What a document becomes: the JSON dict (serialize), its schema and validation,
spans and ents on the Doc, HTML pages (render) and the spaCy factory for users' pipelines."""
