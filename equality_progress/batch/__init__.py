"""The batch: plan the reports, run their notebooks on warm kernels, hand them to be
published, and the command line. Nothing here shapes what a report says."""
