"""The build system: CLI, jobs, the batch, one report's steps, the warm kernel and its papermill
engine, incremental builds, rendering, the index page, terminal display."""
