"""Batch runs on Dask: ``frontwire batch`` (``batch.cli``).

``plan`` cuts the inputs into partitions identified by input and record range, ``work`` is what a
worker does with one (the pipeline built once per worker process), ``output`` writes the Parquet
files and the manifest, ``run`` drives it all and resumes what a crash interrupted. This module
imports nothing, so the command line stays fast.
"""

DEFAULT_PARTITION_SIZE = 100
DEFAULT_WORKERS = 2
