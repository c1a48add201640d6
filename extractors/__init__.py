"""healthkg: extractors."""
