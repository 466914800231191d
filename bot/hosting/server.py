"""Hosting: the aiohttp application around the agent, and ``serve`` for the command line.

POST /api/messages   Bot Framework activities (JWT-checked by the SDK unless --dev)
GET  /healthz        the process is alive
GET  /readyz         the database answers ``SELECT 1``

Beside the requests, a delivery worker (``bot.outbox.worker``) sends the outbox's messages to
Teams; it starts once the database is migrated and stops before the database is closed.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import importlib
import json
import logging
import os
import sys
import time
import warnings
from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any

import jwt
from aiohttp import web
from microsoft_agents.activity import Activity, DeliveryModes, load_configuration_from_env
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter, jwt_authorization_decorator
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    ClaimsIdentity,
    OutboundHostValidator,
    TurnContext,
    TurnState,
)
from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from yarl import URL

from dialogs.turn import Turn

from .. import outbox
from ..clock import Clock, FixedClock, SystemClock
from ..ib import IbService, ReminderJob
from ..outbox.worker import DeliveryWorker
from ..overview import add_overview_routes
from ..overview.export import exporter as register_export
from ..persistence.storage import SqlStorage, create_engine, migrate, ping
from ..privacy import RetentionJob
from ..settings import Settings
from ..teams.connector import (
    ConnectorClient,
    TurnClients,
    build_connector,
    is_loopback,
    url_checker,
)
from ..teams.graph import build_graph, warm_up
from ..telemetry import FIELDS, TURN_ID, CountingDialogs, Telemetry, configure_logging
from ..telemetry import setup as setup_telemetry
from . import credentials
from .agent import Dialogs, apologise, build_agent

__all__ = [
    "ADAPTER",
    "AGENT",
    "CLOCK",
    "CONNECTOR",
    "DELIVERY",
    "ENGINE",
    "REMINDERS",
    "RETENTION",
    "SETTINGS",
    "TELEMETRY",
    "ConfigurationError",
    "DatabaseUnavailable",
    "create_app",
    "serve",
]

logger = logging.getLogger(__name__)

ENGINE = web.AppKey("engine", AsyncEngine)
AGENT = web.AppKey("agent", AgentApplication)
ADAPTER = web.AppKey("adapter", CloudAdapter)
SETTINGS = web.AppKey("settings", Settings)
CONNECTOR = web.AppKey("connector", ConnectorClient)  # the bot's own outgoing calls to Teams
DELIVERY = web.AppKey("delivery", DeliveryWorker)  # sends the outbox in the background
REMINDERS = web.AppKey("reminders", ReminderJob)  # the daily review reminders
RETENTION = web.AppKey("retention", RetentionJob)  # the daily expiry of personal data
CLOCK = web.AppKey("clock", Clock)  # where every component reads the time
TELEMETRY = web.AppKey("telemetry", Telemetry)  # OpenTelemetry, when configured
WARMING = web.AppKey("warming", asyncio.Task)  # the start-up's warm-up (_settle) in a thread

# The SDK's JWT check looks up its configuration under this plain string key.
SDK_AUTH_CONFIG_KEY = "agent_configuration"

# The SDK's JWT check stores the caller's identity under a plain string key on the request;
# aiohttp recommends typed keys and warns. Nothing for us to fix, so not worth a log line.
warnings.filterwarnings(
    "ignore", category=web.NotAppKeyWarning, module=r"microsoft_agents\.hosting\.aiohttp\."
)

# The garbage collector's first generation (``_settle``): allocations, less deallocations,
# between collections (CPython's default is 700).
GC_THRESHOLD = 10_000

PLAYGROUND_HINT = "e2e/playground.sh --bot http://{host}:{port}  (then http://127.0.0.1:56150)"


class ConfigurationError(Exception):
    """The bot cannot start as configured; the message says what to set."""


class DatabaseUnavailable(Exception):
    """The state database cannot be reached or migrated at start-up."""


def _safe_url(url: str) -> str:
    """A database URL fit for a log line or the console: no password."""
    return make_url(url).render_as_string(hide_password=True)


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _is_json(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


def _sdk_setup(
    settings: Settings, environ: Mapping[str, str], clock: Clock | None = None
) -> tuple[MsalConnectionManager, AgentAuthConfiguration, frozenset[str] | None]:
    """The connection manager, the JWT configuration and the allowed tenants. Outside dev
    mode the credential is checked first (``credentials.check``: what its kind needs)."""
    if settings.dev:
        # Anonymous: no client id, and the SDK's explicit opt-in to unauthenticated requests.
        config = AgentAuthConfiguration(anonymous_allowed=True)
        manager = MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": config})
        return manager, config, settings.tenants or None

    try:
        credential = credentials.check(environ, (clock or SystemClock()).now())
    except credentials.CredentialProblem as problem:
        raise ConfigurationError(str(problem)) from None
    try:
        manager = MsalConnectionManager(
            **load_configuration_from_env(credentials.sdk_environment(environ))
        )
    except ValueError as error:  # the SDK's own check of the settings; names no secret
        raise ConfigurationError(
            f"The Agents SDK refuses the service connection: {error}"
        ) from None
    logger.info("The bot signs in with %s", credential.description)
    config = manager.get_default_connection_configuration()
    if config.ANONYMOUS_ALLOWED:
        raise ConfigurationError(
            "ANONYMOUS_ALLOWED is set for the service connection; anonymous requests are "
            "only for `strategikollen serve --dev`."
        )
    own_tenant = (config.TENANT_ID or "").strip().lower()
    if not settings.tenants and own_tenant in ("common", "organizations"):
        raise ConfigurationError(
            f"The bot's app registration is multi-tenant ({own_tenant}); list the tenants to "
            "answer in STRATEGIKOLLEN_ALLOWED_TENANTS."
        )
    return manager, config, settings.tenants or frozenset({own_tenant})


def _compute_sdk_product_info_once() -> None:
    """The SDK works out its User-Agent string (``importlib.metadata.version``: a scan of
    ``sys.path``) twice a turn, for the user-token client and the connector client it
    creates for every turn: a tenth of a turn's time. The string cannot change while the
    process runs, so it is worked out once; the headers stay exactly what the SDK sends."""
    for name in ("connector_client", "user_token_client"):
        module = importlib.import_module(f"microsoft_agents.hosting.core.connector.client.{name}")
        original = getattr(module, "get_product_info", None)
        if callable(original) and not hasattr(original, "cache_info"):
            setattr(module, "get_product_info", functools.cache(original))  # noqa: B010


async def _emit_from(context: TurnContext, handlers: list[Any], i: int, arg: Any,
                     logic: Callable[[], Awaitable[Any]]) -> Any:
    """``handlers[i]`` with ``arg``, its next step the handler after it (the last one's is
    ``logic``), as ``TurnContext._emit`` runs them, but with no function that refers to
    itself."""
    if i + 1 < len(handlers):
        def call_next() -> Awaitable[Any]:
            return _emit_from(context, handlers, i + 1, arg, logic)
    else:
        call_next = logic
    return await handlers[i](context, arg, call_next)


class _TurnContext(TurnContext):
    """The SDK's TurnContext, with its on-send/update/delete handlers run without a
    reference cycle. ``TurnContext._emit`` (SDK 1.9.0) defines a local function that calls
    itself, on every ``send_activity``: a cycle of the function and its own closure cell,
    which holds the context, and through it the whole turn (the activity, the state, the
    cards sent). Nothing else refers back, so without that cycle a turn is freed as soon
    as it ends, not by the garbage collector, which had a turn's hundreds of objects to
    trace every few turns (issue 13)."""

    async def _emit(self, handlers: Any, arg: Any, logic: Any) -> Any:
        handlers = list(handlers)
        if handlers:
            return await _emit_from(self, handlers, 0, arg, logic)
        return await logic()


class _CloudAdapter(CloudAdapter):
    """The SDK's CloudAdapter, whose turns run in a ``_TurnContext``."""

    def _create_turn_context(self, claims_identity: ClaimsIdentity,
                             oauth_scope: str | None = None,
                             activity: Activity | None = None) -> TurnContext:
        context = super()._create_turn_context(claims_identity, oauth_scope, activity)
        if type(context) is TurnContext:  # the same object, only its _emit differs
            context.__class__ = _TurnContext
        return context


# The warm-up's turns: two questions, which read the lexicon (its index is built on first
# use) and route, in both languages, and a pasted invitation, which loads the extractor.
_WARM_UP = (
    ("Vem beslutar om en studieresa till Paris?", "sv-SE"),
    ("Who decides on joining a network of cities?", "en-GB"),
    ("Inbjudan till konferens\nStockholms stad inbjuds till en konferens om hållbara städer "
     "i Paris den 3–5 juni.\nResa och logi bekostas av arrangören.\nVälkomna!", "sv-SE"),
)


def _settle(dialogs: Dialogs, today: date) -> None:
    """As the server starts, in a thread beside it: pure turns, thrown away, so the
    policy's rule tables, the lexicon's index and the extractor are built now and not in
    a user's turn (about 0.2 s; before, the server was not ready until they were built);
    then everything alive goes to the garbage collector's permanent generation
    (``gc.freeze``). A busy turn allocates enough to start a full collection every so
    often, and each one walked the SDK, the policy and the cards' tables; that was most of
    the slowest turns under load. No collection before the freeze: at start-up the
    garbage is a few dozen objects (40 counted), and a full collection walks all 170,000
    (87 ms of the start-up)."""
    for text, locale in _WARM_UP:
        try:
            dialogs.handle(None, None, Turn(text=text, locale=locale), today=today)
        except Exception as error:  # a warm-up only; the real turns report their own failures
            logger.debug("Warm-up turn failed: %s", type(error).__name__)
    gc.freeze()
    # A turn's objects are garbage once it ends and go by reference counting (nothing of a
    # turn is left in a cycle: _TurnContext). The collector's default first generation of
    # 700 objects was collected every couple of turns, each time tracing the objects of
    # the turns still running (with 32 at once, thousands) to find nearly nothing, and
    # moving them on to be traced again in the older generations: 3-5 % of the bot's CPU at
    # 32 conversations (bench/bench_bot.py). Ten thousand keeps it to every few dozen
    # turns; what is left in cycles (an exception's traceback, say) waits a little longer.
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


# While the warm-up runs beside the server's start, the event loop's thread gets the GIL
# back within this many seconds instead of Python's default 5 ms: the server opens its port
# and answers its first requests without waiting for the warm-up's turns.
_WARM_UP_SWITCH_INTERVAL = 0.0005


def _warm_up(dialogs: Dialogs, today: date) -> None:
    """``_settle`` in its thread, yielding to the event loop's thread often meanwhile."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, _WARM_UP_SWITCH_INTERVAL))
    try:
        _settle(dialogs, today)
    finally:
        sys.setswitchinterval(interval)


def _clock(settings: Settings) -> Clock:
    """The real time; in dev mode, if asked for, a clock that starts at a given moment."""
    start = settings.dev_clock_start
    if start is None:
        return SystemClock()
    if not settings.dev:
        raise ConfigurationError(
            "STRATEGIKOLLEN_DEV_CLOCK_START is for `strategikollen serve --dev` only; unset it."
        )
    logger.warning("Dev mode: the bot's clock starts at %s, not the real time",
                   start.isoformat())
    return FixedClock(start, tick=True)


def create_app(
    settings: Settings,
    *,
    environ: Mapping[str, str] | None = None,
    dialogs: Dialogs | None = None,
    clock: Clock | None = None,
) -> web.Application:
    """The aiohttp application. ``environ`` (default ``os.environ``) holds the SDK's
    variables; ``dialogs`` (default ``dialogs.conversation``) answers the turns; ``clock``
    is where every component reads the time (default the real time, or in dev mode
    ``STRATEGIKOLLEN_DEV_CLOCK_START`` running on).

    Raises ``ConfigurationError`` when credentials are missing outside dev mode.
    """
    environ = os.environ if environ is None else environ
    if dialogs is None:
        from dialogs import conversation as dialogs_module

        dialogs = dialogs_module
    assert dialogs is not None
    clock = clock or _clock(settings)
    telemetry = setup_telemetry(environ)  # does nothing without OTEL_EXPORTER_OTLP_ENDPOINT
    if telemetry.enabled:
        dialogs = CountingDialogs(dialogs, telemetry)

    manager, auth_config, tenants = _sdk_setup(settings, environ, clock)
    _compute_sdk_product_info_once()
    try:
        engine = create_engine(settings.db_url, schema=settings.database_schema)
        storage = SqlStorage(engine, clock=clock)
    except (ArgumentError, ImportError, ValueError) as error:
        raise ConfigurationError(
            f"STRATEGIKOLLEN_DATABASE_URL is not a usable database URL: {error}"
        ) from error
    # In production the activity's serviceUrl must be a Microsoft channel host (https), so a
    # valid token cannot point the bot's replies elsewhere. Dev mode talks to loopback.
    host_validator = None if settings.dev else OutboundHostValidator(enabled=True)
    connector = build_connector(settings, manager)
    # A turn's replies go through the outbox's kept clients and connection pool, not a new
    # session and connection to the Bot Connector every turn (TurnClients).
    adapter = _CloudAdapter(connection_manager=manager, host_validator=host_validator,
                            channel_service_client_factory=TurnClients(manager, connector))
    adapter.on_turn_error = apologise  # never the exception text to the user
    delivery = DeliveryWorker(
        engine,
        connector,
        max_per_second=settings.delivery_max_per_second,
        poll_seconds=settings.delivery_poll_seconds,
        lease_seconds=settings.delivery_lease_seconds,
        graph_reconcile=settings.graph_reconcile,
        clock=clock,
    )
    # Graph: IB's roles from Entra groups, the user's unit from their profile (if asked for).
    graph = build_graph(settings, manager)
    # IB's effects (case register, outbox, roster) for the dialogs' turns.
    ib = IbService(engine, settings, connector, clock=clock, on_queued=delivery.wake,
                   groups=graph.groups,
                   exporter=register_export(engine, clock, settings.zone),
                   allow_upload=url_checker(dev=settings.dev))
    reminders = ReminderJob(
        engine,
        ib.register,
        time_zone=settings.time_zone,
        notice_days=settings.review_notice_days,
        hour=settings.reminder_hour,
        card_for=ib.reminder_card,
        clock=clock,
    )
    retention = RetentionJob(
        engine,
        days=settings.retention_days,
        time_zone=settings.time_zone,
        hour=settings.reminder_hour,
        clock=clock,
    )
    agent = build_agent(
        storage=storage,
        connection_manager=manager,
        dialogs=dialogs,
        ib=ib,
        allowed_tenants=tenants,
        time_zone=settings.time_zone,
        clock=clock,
        allow_download=url_checker(dev=settings.dev),  # an attached file: where from
        profiles=graph.profiles,
    )

    app = web.Application(client_max_size=settings.max_body_bytes)
    app[ENGINE] = engine
    app[AGENT] = agent
    app[ADAPTER] = adapter
    app[SETTINGS] = settings
    app[CONNECTOR] = connector
    app[DELIVERY] = delivery
    app[REMINDERS] = reminders
    app[RETENTION] = retention
    app[CLOCK] = clock
    app[TELEMETRY] = telemetry
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", web.NotAppKeyWarning)
        app[SDK_AUTH_CONFIG_KEY] = auth_config

    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    add_overview_routes(app, engine=engine, settings=settings, clock=clock, ib=ib,
                        tenants=tenants)

    async def start(app: web.Application) -> None:
        if settings.migrate_on_start:
            try:
                await migrate(engine, schema=settings.database_schema)
            except (OSError, SQLAlchemyError) as error:
                raise DatabaseUnavailable(
                    f"Databasen {_safe_url(settings.db_url)} går inte att nå eller migrera "
                    f"({type(error).__name__}: {error})."
                ) from error
        app[WARMING] = asyncio.create_task(
            asyncio.to_thread(_warm_up, dialogs, clock.today(settings.time_zone)))
        if graph.graph is not None:
            # msgraph imports its models on first use, for seconds: before any turn waits.
            await asyncio.to_thread(warm_up)
        delivery.start()
        reminders.start()
        retention.start()
        telemetry.start_sampling(functools.partial(outbox.backlog, engine), clock)

    # Graceful shutdown (SIGTERM or SIGINT; aiohttp's run_app): the port closes, the turns
    # in flight finish (up to shutdown_seconds), then the delivery worker's current sends
    # get what is left of that time (at least a second), then the process exits 0.
    stopping: dict[str, float] = {}

    async def shutting_down(app: web.Application) -> None:
        stopping["since"] = time.monotonic()
        logger.info("Stopping: finishing the turns in flight and the messages being sent "
                    "(at most %g s)", settings.shutdown_seconds)

    async def stop(app: web.Application) -> None:
        since = stopping.get("since", time.monotonic())
        left = max(1.0, settings.shutdown_seconds - (time.monotonic() - since))
        await retention.stop()
        await reminders.stop()
        await delivery.stop(grace_seconds=left)
        await connector.aclose()
        await graph.aclose()
        await telemetry.shutdown()  # its sampler reads the outbox: before the engine goes
        if (warming := app.get(WARMING)) is not None:
            await warming  # a thread: it cannot be cancelled, and takes a fraction of a second
        await engine.dispose()
        logger.info("Stopped")

    app.on_startup.append(start)
    app.on_shutdown.append(shutting_down)
    app.on_cleanup.append(stop)
    return app


async def messages(request: web.Request) -> web.StreamResponse:
    """Cheap checks on the headers first, then the SDK's JWT check, then the body."""
    max_bytes = request.app[SETTINGS].max_body_bytes
    if request.content_length is not None and request.content_length > max_bytes:
        return _error(413, f"The body is larger than {max_bytes} bytes.")
    if not _is_json(request.content_type):
        return _error(415, "Send the activity as application/json.")
    if not _plausible_bearer(request.headers.get("Authorization")):
        return _error(401, "Invalid token or authentication failed.")
    response: web.StreamResponse = await _authorized_messages(request)
    return response


def _plausible_bearer(header: str | None) -> bool:
    """Reject before the SDK what it would mishandle: a JWT whose header names no RS256 key
    (an unsigned ``alg: none`` token makes the SDK's validator fail with a KeyError, a 500)."""
    if header is None:
        return True  # the SDK decides: 401, or anonymous in dev mode
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return True  # the SDK answers 401 for these itself
    try:
        jwt_header = jwt.get_unverified_header(token.strip())
    except jwt.PyJWTError:
        return True  # malformed: the SDK answers 401
    return jwt_header.get("alg") == "RS256" and isinstance(jwt_header.get("kid"), str)


@jwt_authorization_decorator  # type: ignore[untyped-decorator]
async def _authorized_messages(request: web.Request) -> web.StreamResponse:
    max_bytes = request.app[SETTINGS].max_body_bytes
    try:
        body = await request.read()  # cached: the SDK reads the same bytes again
    except web.HTTPRequestEntityTooLarge:
        return _error(413, f"The body is larger than {max_bytes} bytes.")
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # too deeply nested too
        return _error(400, "The body is not valid JSON.")
    if not isinstance(payload, dict):
        return _error(400, "The body must be a JSON object (an activity).")
    try:
        activity = Activity.model_validate(payload)
    except (ValidationError, RecursionError, TypeError, ValueError):
        # The SDK's own checks raise TypeError (an empty channelId) beside pydantic's.
        return _error(400, "The body is not a valid activity.")
    if (problem := _activity_problem(activity)) is not None:
        return _error(400, problem)
    agent: AgentApplication[TurnState] = request.app[AGENT]
    # Every log line of this turn carries its activity id; the line below closes it.
    TURN_ID.set(activity.id or None)
    telemetry = request.app[TELEMETRY]
    began = time.monotonic()
    kind = str(activity.type)
    with telemetry.span("turn", {"activity.type": kind, "activity.id": activity.id or ""}):
        response = await _process(request.app[ADAPTER], request, activity, agent)
    answer = response if response is not None else web.Response(status=202)
    if answer.status == 501:  # the SDK: an invoke that nothing here handles
        answer = _error(400, "Strategikollen does not handle this kind of invoke.")
    seconds = time.monotonic() - began
    telemetry.turn_done(seconds, kind, answer.status)
    logger.info("Turn answered", extra={FIELDS: {
        "event": "turn", "type": kind, "status": answer.status, "ms": round(seconds * 1000, 1),
    }})
    return answer


class _ParsedRequest:
    """The request as the SDK's adapter reads it (its AiohttpRequestAdapter), except that its
    JSON is the activity ``_authorized_messages`` has already parsed and validated: the SDK
    validates what it is given as an Activity, and an Activity is taken as it is, so the
    body is neither parsed nor validated a second time (issue 13)."""

    def __init__(self, request: web.Request, activity: Activity) -> None:
        self._request = request
        self._activity = activity

    @property
    def method(self) -> str:
        return self._request.method

    @property
    def headers(self) -> Mapping[str, str]:
        return self._request.headers

    async def json(self) -> Any:
        return self._activity

    def get_claims_identity(self) -> Any:
        return self._request.get("claims_identity")

    def get_path_param(self, name: str) -> str:
        return self._request.match_info[name]


async def _process(adapter: CloudAdapter, request: web.Request, activity: Activity,
                   agent: AgentApplication[TurnState]) -> web.Response:
    """The turn, as the SDK's ``start_agent_process`` runs it (``CloudAdapter.process``),
    on the activity already validated."""
    answer = await adapter.process_request(_ParsedRequest(request, activity), agent)
    return adapter._to_aiohttp_response(answer)


def _activity_problem(activity: Activity) -> str | None:
    """What makes an activity unanswerable, checked before the SDK would fail on it."""
    if not activity.type or activity.conversation is None or not activity.conversation.id:
        return "An activity needs a type and conversation.id."
    if not activity.channel_id:
        return "An activity needs a channelId."
    if activity.from_property is None or not activity.from_property.id:
        return "An activity needs from.id."
    if activity.delivery_mode in (DeliveryModes.expect_replies, DeliveryModes.stream):
        return None  # replies go back in the response; no serviceUrl needed
    try:
        url = URL(activity.service_url or "")
    except ValueError:
        url = URL()
    if url.scheme not in ("http", "https") or not url.host:
        return "An activity needs an http(s) serviceUrl to reply to."
    return None


async def healthz(_request: web.Request) -> web.Response:
    """Alive: the process answers HTTP."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Ready: the database answers ``SELECT 1`` within the configured time."""
    timeout = request.app[SETTINGS].readiness_timeout_seconds
    try:
        await asyncio.wait_for(ping(request.app[ENGINE]), timeout)
    except Exception as error:  # any failure means "not ready"; the reason goes to the log
        logger.warning("Not ready: the database did not answer (%s)", type(error).__name__)
        return web.json_response({"status": "unavailable", "database": "down"}, status=503)
    return web.json_response({"status": "ready", "database": "up"})


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def serve(host: str, port: int, dev: bool) -> int:
    """Run the bot until interrupted. Returns the process exit code (2 = cannot start)."""
    if dev and not is_loopback(host):
        _say(
            f"strategikollen serve --dev lyssnar bara på loopback (127.0.0.1), inte {host}. "
            f"/ --dev listens on loopback only, not {host}."
        )
        return 2
    try:
        settings = Settings(dev=dev)
    except ValidationError as error:
        for problem in error.errors():
            name = "STRATEGIKOLLEN_" + "_".join(str(p) for p in problem["loc"]).upper()
            _say(f"{name}: {problem['msg']}")
        return 2
    configure_logging(settings.log_level, settings.log_format)
    if settings.log_level != "DEBUG":
        # The SDK logs every outgoing call at INFO; its warnings and errors are what matter.
        logging.getLogger("microsoft_agents").setLevel(
            max(logging.WARNING, logging.getLevelName(settings.log_level))
        )
    # The SDK logs a refused activity's validation errors with the values it was sent (a
    # user's text, say); the bot answers 400 and that is all the log needs to know.
    logging.getLogger("microsoft_agents.activity.activity").setLevel(logging.CRITICAL)
    if dev:
        # Anonymous turns have no app id; the SDK warns about that on every turn.
        logging.getLogger("microsoft_agents.hosting.core.connector.client.user_token_client").setLevel(
            logging.ERROR
        )
    try:
        app = create_app(settings)
    except ConfigurationError as error:
        _say(str(error))
        return 2

    url = f"http://{host}:{port}/api/messages"
    if dev:
        started = (
            f"Strategikollen (dev) lyssnar på {url} — anonymt, data i "
            f"{_safe_url(settings.db_url)}.\n"
            f"Öppna Agents Playground: {PLAYGROUND_HINT.format(host=host, port=port)}\n"
            "Avsluta med Ctrl+C."
        )
    else:
        started = (
            f"Strategikollen lyssnar på {url} (Bot Framework-token krävs). Avsluta med Ctrl+C."
        )
    try:
        # run_app calls ``print`` once the database is migrated and the port is open.
        web.run_app(
            app, host=host, port=port, print=lambda _banner: _say(started), access_log=None,
            shutdown_timeout=settings.shutdown_seconds,
        )
    except DatabaseUnavailable as error:
        _say(str(error))
        return 1
    except OSError as error:
        _say(f"Kan inte lyssna på {host}:{port}: {error.strerror or error}")
        return 2
    except Exception as error:
        logger.exception("The server stopped")
        _say(f"Strategikollen kunde inte starta: {type(error).__name__}: {error}")
        return 1
    return 0
