"""The Teams app package: manifest template, English strings, icons, and the zip builder.

``build_package`` writes the zip; ``main`` is what ``strategikollen package`` calls.
"""

from __future__ import annotations

from .package import PackageError, build_package, main, render_manifest

__all__ = ["PackageError", "build_package", "main", "render_manifest"]
