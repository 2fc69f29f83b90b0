"""The governance charts, one module per chart: the diagram of the links between
instances, the membership grid, the calendar of meetings, the timeline."""
