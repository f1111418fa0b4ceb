#!/usr/bin/env python
"""Build the annual equality progress reports. See README.md or `--help`."""

from equality_progress.batch.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
