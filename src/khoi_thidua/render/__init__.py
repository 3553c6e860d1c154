"""Model → JSON-ready dicts, sentences and rich renderables; decides nothing."""
