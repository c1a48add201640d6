"""healthkg: kg."""
