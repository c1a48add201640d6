"""Store backends, one module each; `kg.store.open_store` picks one by URL scheme."""
