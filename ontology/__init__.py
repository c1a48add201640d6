"""healthkg: ontology."""
