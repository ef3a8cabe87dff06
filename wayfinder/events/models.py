"""Events: the data."""
