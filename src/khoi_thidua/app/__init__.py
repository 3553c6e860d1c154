"""The application layer: use cases that load from the store, run the core and return results."""
