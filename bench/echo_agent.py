"""The smallest agent on the same SDK and hosting, as a baseline for bench_bot.py.

Shaped like the SDK's own empty_agent sample: anonymous (dev) configuration,
MemoryStorage, MsalConnectionManager, CloudAdapter, AgentApplication[TurnState],
one message handler that echoes, and POST /api/messages behind the SDK's JWT
middleware. Run it alone with

    .venv/bin/python bench/echo_agent.py [--port 39790]
"""

from __future__ import annotations

import argparse
import warnings

from aiohttp import web
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import (
    CloudAdapter,
    jwt_authorization_middleware,
    start_agent_process,
)
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    MemoryStorage,
    TurnContext,
    TurnState,
)

__all__ = ["create_echo_app"]


def create_echo_app() -> web.Application:
    """An aiohttp application whose agent answers every message with "you said: ..."."""
    config = AgentAuthConfiguration(anonymous_allowed=True)
    manager = MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config})
    adapter = CloudAdapter(connection_manager=manager)
    agent = AgentApplication[TurnState](
        storage=MemoryStorage(), connection_manager=manager, start_typing_timer=False
    )

    @agent.activity("message")
    async def echo(context: TurnContext, _state: TurnState) -> None:
        await context.send_activity(f"you said: {context.activity.text}")

    async def messages(request: web.Request) -> web.StreamResponse:
        response = await start_agent_process(request, agent, adapter)
        return response if response is not None else web.Response(status=202)

    app = web.Application(middlewares=[jwt_authorization_middleware])
    app.router.add_post("/api/messages", messages)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", web.NotAppKeyWarning)  # the SDK reads a string key
        app["agent_configuration"] = config
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=39790)
    args = parser.parse_args()
    web.run_app(create_echo_app(), host="127.0.0.1", port=args.port)
