"""The Teams bot: the only code that touches the Microsoft 365 Agents SDK.

``serve`` runs it (``strategikollen serve``); ``create_app`` builds the aiohttp
application (for tests); ``Settings`` are its ``STRATEGIKOLLEN_*`` settings.

The names are loaded on first use, so that ``bot.persistence.register`` or ``bot.settings``
(used by ``strategikollen cases``) do not import the SDK.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .hosting.server import ConfigurationError, create_app, serve
    from .settings import REQUIRED_SDK_VARIABLES, Settings

__all__ = ["REQUIRED_SDK_VARIABLES", "ConfigurationError", "Settings", "create_app", "serve"]

_WHERE = {
    "ConfigurationError": ".hosting.server",
    "create_app": ".hosting.server",
    "serve": ".hosting.server",
    "REQUIRED_SDK_VARIABLES": ".settings",
    "Settings": ".settings",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
