"""garble: find scraper damage in news text and score every paragraph's cleanliness.

>>> import garble
>>> result = garble.scan("Share this\\n\\nThe council approved the budget on Tuesday.")
>>> [result.text[s.start:s.end] for s in result.spans]
['Share this']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from garble.config import Config
from garble.datatypes import LABELS, Label, Paragraph, Scan, Span

if TYPE_CHECKING:
    from garble.detector import Detector, clean, scan

__all__ = ["LABELS", "Config", "Detector", "Label", "Paragraph", "Scan", "Span", "__version__", "clean", "scan"]
__version__ = "0.1.0"

_DETECTOR_NAMES = frozenset({"Detector", "clean", "scan"})

# Import the (light) garble.clean submodule now and drop the attribute the import binds,
# so the name ``garble.clean`` is always the function below, never the module.
import garble.clean as _clean_module

del globals()["clean"], _clean_module


def __getattr__(name: str) -> Any:
    """Load the detector (numpy, rapidfuzz, the signals) on first use, so ``import garble`` stays cheap."""
    if name in _DETECTOR_NAMES:
        from garble import detector

        value = getattr(detector, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
