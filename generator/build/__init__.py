"""The build sequence for any builder: the pipeline, its incremental plan, page store, writer process, export."""
