"""garble: find scraper damage in news text and score every paragraph's cleanliness.

>>> import garble
>>> result = garble.scan("Share this\\n\\nThe council approved the budget on Tuesday.")
>>> [result.text[s.start:s.end] for s in result.spans]
['Share this']
"""

from __future__ import annotations

import logging

from garble.config import Config
from garble.datatypes import LABELS, Label, Paragraph, Scan, Span
from garble.detector import Detector, clean, scan

__all__ = ["LABELS", "Config", "Detector", "Label", "Paragraph", "Scan", "Span", "__version__", "clean", "scan"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
