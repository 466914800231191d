"""Hosting: the Agents SDK as its samples use it (``server``: configuration, the
connection manager, the adapter and the aiohttp app; ``agent``: the AgentApplication and
its handlers, turning Teams activities into ``dialogs`` turns and back). Nothing else in
``bot`` builds the SDK's app; docs/architecture.md draws the parts.
"""
