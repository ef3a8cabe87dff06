"""Demo and benchmark data for Wayfinder: what the seed_demo and seed_scale commands build."""
