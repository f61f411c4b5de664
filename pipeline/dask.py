"""Public alias of :mod:`pipeline.batch.dask`: ``pipeline.dask.analyze_bag(bag)``.

The Dask engine lives with the other batch engines; this name is the documented one
for library users and stays stable.
"""

from .batch.dask import analyze_bag  # noqa: F401
