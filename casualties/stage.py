"""Stage packages: callable as their main function, their names imported on first use.

``casualties.extract(...)``, ``casualties.clean(df)`` and ``casualties.analyse(clean)`` are the
documented API. Once a stage package is imported, Python sets ``casualties.<stage>`` to the
package itself, which would shadow the function; making the package callable keeps one API.

Every stage package declares its public names as ``{name: submodule}`` and calls
``lazy_stage`` (the one way they load lazily): a name is imported from its submodule when
first used, so ``casualties --help``, which imports each stage's ``cli`` to add its
subcommand, imports neither pandas nor pandera.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Mapping


def lazy_stage(module_name: str, exports: Mapping[str, str], main: str | None = None) -> list[str]:
    """Make ``module_name`` load each of ``exports`` (name -> submodule) on first use and,
    with ``main``, callable as that function. Returns the names, for ``__all__``."""
    exports = dict(exports)

    class _StagePackage(types.ModuleType):
        def __call__(self, *args, **kwargs):
            if main is None:
                raise TypeError(f"module {module_name!r} is not callable")
            return getattr(self, main)(*args, **kwargs)

        def __getattr__(self, name: str):
            if name not in exports:
                raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
            value = getattr(importlib.import_module(f"{module_name}.{exports[name]}"), name)
            setattr(self, name, value)  # later lookups find it directly
            return value

        def __dir__(self):
            return sorted({*super().__dir__(), *exports})

    sys.modules[module_name].__class__ = _StagePackage
    return sorted(exports)
