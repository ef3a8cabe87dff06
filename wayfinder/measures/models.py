"""Measures: a network's balanced set of measures, values over time and SPC charts: the data."""
