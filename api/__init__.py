"""healthkg: api."""
