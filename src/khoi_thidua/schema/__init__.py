"""The parsing layer: TOML line maps, field readers and the schema of each data file khoi reads.

Nothing is imported here, so that a command loads only the schemas it uses.
"""
