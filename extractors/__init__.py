"""Extractors: one module per kind of thing extracted.

Importing this package registers every extractor as a pipeline stage
(``pipeline.registry.stage``); the order comes from what each reads.
"""

from __future__ import annotations

from . import dates  # noqa: E402,F401
from . import times  # noqa: E402,F401
from . import organizations  # noqa: E402,F401
from . import places  # noqa: E402,F401
from . import people  # noqa: E402,F401
from . import venues  # noqa: E402,F401
from . import title  # noqa: E402,F401
from . import resolutions  # noqa: E402,F401
from . import chair  # noqa: E402,F401
from . import events  # noqa: E402,F401
from . import ner  # noqa: E402,F401
from . import merge  # noqa: E402,F401
from . import checks  # noqa: E402,F401
