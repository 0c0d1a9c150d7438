"""Stage packages that can be called as their main function.

``casualties.extract(...)``, ``casualties.clean(df)`` and ``casualties.analyse(clean)`` are the
documented API. Once a stage package is imported, Python sets ``casualties.<stage>`` to the
package itself, which would shadow the function; making the package callable keeps one API.
"""

from __future__ import annotations

import sys
import types


def make_callable(module_name: str, function_name: str) -> None:
    """Calling the module ``module_name`` calls its attribute ``function_name``."""

    class _StagePackage(types.ModuleType):
        def __call__(self, *args, **kwargs):
            return getattr(self, function_name)(*args, **kwargs)

    sys.modules[module_name].__class__ = _StagePackage
