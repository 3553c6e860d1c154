"""khoi: leadership rotation and commendation proposals for Vietnamese emulation blocs."""

__version__ = "0.1.0"
