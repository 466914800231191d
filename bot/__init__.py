"""The Teams bot: the only code that touches the Microsoft 365 Agents SDK.

``serve`` runs it (``strategikollen serve``); ``create_app`` builds the aiohttp
application (for tests); ``Settings`` are its ``STRATEGIKOLLEN_*`` settings.
"""

from .server import ConfigurationError, create_app, serve
from .settings import REQUIRED_SDK_VARIABLES, Settings

__all__ = ["REQUIRED_SDK_VARIABLES", "ConfigurationError", "Settings", "create_app", "serve"]
