"""Learning: programmes, modules and units, reflections, workbooks and completion: the data."""
