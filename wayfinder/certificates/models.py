"""Certificates of attendance and completion, with a verification code anyone can check: the data."""
