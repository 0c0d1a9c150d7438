"""casualties: casualty claims from sources that disagree.

Stages, each a module with a small public API:
``corpus`` (read articles) -> ``extract`` (claims) -> ``clean`` (normalise, ranges)
-> ``analyse`` (incidents, comparison, uncertainty) -> ``site`` (``casualties build``: notebooks,
HTML site).
"""

from __future__ import annotations

__version__ = "0.1.0"

_LAZY = {
    "read_articles": ("casualties.corpus", "read_articles"),
    "articles_frame": ("casualties.corpus", "articles_frame"),
    "extract": ("casualties.extract", "extract"),
    "clean": ("casualties.clean", "clean"),
    "analyse": ("casualties.analyse", "analyse"),
}


def __getattr__(name: str):
    # Lazy so that ``import casualties`` stays cheap and stages import only what they use.
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'casualties' has no attribute {name!r}")


__all__ = sorted(_LAZY)
