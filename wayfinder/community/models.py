"""The community of practice: the data."""
