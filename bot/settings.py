"""The bot's own settings, from ``STRATEGIKOLLEN_*`` environment variables.

The Agents SDK's settings (``CONNECTIONS__SERVICE_CONNECTION__SETTINGS__*``) are
not here: the SDK reads them itself through ``load_configuration_from_env``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .clock import CITY_ZONE, zone

__all__ = [
    "AUTHTYPE_VARIABLE",
    "CREDENTIAL_FILES",
    "CREDENTIAL_VARIABLES",
    "DEFAULT_AUTHTYPE",
    "OPTIONAL_SDK_VARIABLES",
    "REQUIRED_SDK_VARIABLES",
    "SDK_SETTINGS",
    "SDK_VARIABLES",
    "Settings",
]

# The Agents SDK's variables for the bot's Entra ID identity. The SDK reads them itself
# (``load_configuration_from_env`` into ``AgentAuthConfiguration``, used by ``MsalAuth``).
SDK_SETTINGS = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"
# Without ``--dev`` the bot refuses to start unless these are set, whatever the credential:
# the app id (the audience of Teams' tokens, the bot's id in Teams) and the city's tenant.
REQUIRED_SDK_VARIABLES: tuple[str, ...] = (SDK_SETTINGS + "CLIENTID", SDK_SETTINGS + "TENANTID")
# Which credential the bot signs in with: a value of the SDK's ``AuthTypes``, spelt exactly
# as there (the SDK compares it case-sensitively). Unset: the SDK's default, ClientSecret.
AUTHTYPE_VARIABLE = SDK_SETTINGS + "AUTHTYPE"
DEFAULT_AUTHTYPE = "ClientSecret"
# The kinds the SDK 1.9's MsalAuth can sign in with, and what each needs beside
# REQUIRED_SDK_VARIABLES, as MsalAuth and AgentAuthConfiguration read them.
CREDENTIAL_VARIABLES: dict[str, tuple[str, ...]] = {
    "ClientSecret": (SDK_SETTINGS + "CLIENTSECRET",),
    # A PKCS#12 file with the private key and its certificate; the SDK passes no password.
    "certificate": (SDK_SETTINGS + "CERTPFXFILE",),
    # CLIENTID is then the user-assigned identity's client id (an Azure Bot "UserAssignedMSI").
    "UserManagedIdentity": (),
    "SystemManagedIdentity": (),
    # The app registration trusts a user-assigned managed identity, whose client id this is.
    "FederatedCredentials": (SDK_SETTINGS + "FEDERATEDCLIENTID",),
    # A file with a federated token the platform writes and renews (AKS workload identity).
    "WorkloadIdentity": (SDK_SETTINGS + "FEDERATEDTOKENFILE",),
}
# Of those, the ones naming a file the bot must be able to read when it starts.
CREDENTIAL_FILES: frozenset[str] = frozenset(
    {SDK_SETTINGS + "CERTPFXFILE", SDK_SETTINGS + "FEDERATEDTOKENFILE"}
)
# Read by the SDK when set: SENDX5C=true sends the certificate with each sign-in (subject
# name and issuer authentication); AUTHORITY replaces https://login.microsoftonline.com/TENANT.
OPTIONAL_SDK_VARIABLES: tuple[str, ...] = (
    AUTHTYPE_VARIABLE, SDK_SETTINGS + "SENDX5C", SDK_SETTINGS + "AUTHORITY"
)
# Every SDK variable the deployment guide may name.
SDK_VARIABLES: frozenset[str] = frozenset(
    {*REQUIRED_SDK_VARIABLES, *OPTIONAL_SDK_VARIABLES}
    | {name for names in CREDENTIAL_VARIABLES.values() for name in names}
)


class Settings(BaseSettings):
    """How the bot runs. Every field is read from ``STRATEGIKOLLEN_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="STRATEGIKOLLEN_", extra="ignore")

    dev: bool = Field(
        default=False,
        description="Local development mode: anonymous requests (no Bot Framework token), "
        "loopback only, any tenant. Set by `strategikollen serve --dev`.",
    )
    data_dir: Path = Field(
        default=Path("data"),
        description="Folder for local data; the default SQLite database lives here.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy async URL of the state database, e.g. "
        "`postgresql+asyncpg://user@host:5432/db`. Empty = SQLite in the data folder, "
        "`sqlite+aiosqlite:///./data/strategikollen.db` with the default data_dir.",
    )
    database_schema: str | None = Field(
        default=None,
        description="PostgreSQL only: the schema that holds the state table (created if "
        "missing; used as the connection's search_path). Empty = the server's default.",
    )
    migrate_on_start: bool = Field(
        default=True,
        description="Run the Alembic migrations when the server starts.",
    )
    allowed_tenants: str = Field(
        default="",
        description="Comma-separated Entra tenant ids whose activities are answered. Empty = "
        "the bot's own tenant (CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID) in "
        "production and any tenant in dev mode.",
    )
    log_level: str = Field(
        default="INFO",
        description="Python logging level for the bot (DEBUG, INFO, WARNING, ERROR); the "
        "Agents SDK's own loggers stay at WARNING or above unless this is DEBUG.",
    )
    log_format: Literal["json", "text"] = Field(
        default="json",
        description="How log lines are written to stderr: `json` (one JSON object a line, "
        "with the turn's and the case's ids) or `text` (for reading in a terminal).",
    )
    max_body_bytes: int = Field(
        default=262_144,
        gt=0,
        description="Largest accepted request body on /api/messages, in bytes; larger gets 413.",
    )
    readiness_timeout_seconds: float = Field(
        default=2.0,
        gt=0,
        description="How long /readyz waits for the database to answer `SELECT 1`.",
    )
    time_zone: str = Field(
        default=CITY_ZONE,
        description="Time zone that decides which day 'today' is for screenings.",
    )
    dev_clock_start: datetime | None = Field(
        default=None,
        description="Dev mode only: the bot's clock starts at this moment (ISO 8601 with "
        "a UTC offset, e.g. `2026-12-31T23:30:00+01:00`) and runs on from there, for trying "
        "dated behaviour (reminders, the agenda) and for the end-to-end tests. Empty = the "
        "real time. Refused outside dev mode.",
    )

    # --- Internationella beredningen (IB): channel, membership, delivery, reminders ---
    ib_admins: str = Field(
        default="",
        description="Comma-separated Entra object ids of the administrators who may write "
        "\"registrera IB-kanal\" in a channel to make it the IB channel. Empty = nobody.",
    )
    ib_members: str = Field(
        default="",
        description="Comma-separated Entra object ids of IB's members. Empty = the members of "
        "the team that holds the registered IB channel (its roster, read page by page).",
    )
    ib_roster_cache_seconds: float = Field(
        default=600.0,
        gt=0,
        description="How long the IB team's roster is kept before it is read again.",
    )
    ib_admin_groups: str = Field(
        default="",
        description="Comma-separated object ids of Entra ID security groups whose users "
        "(nested groups' too, read through Microsoft Graph) are administrators as well as "
        "those in ib_admins. Needs Graph's GroupMember.Read.All application permission.",
    )
    ib_member_groups: str = Field(
        default="",
        description="Comma-separated object ids of Entra ID security groups whose users "
        "(nested too) are IB's members as well as those in ib_members. With neither set, "
        "the IB team's roster.",
    )
    ib_secretariat_groups: str = Field(
        default="",
        description="Comma-separated object ids of Entra ID security groups whose users "
        "(nested too) are IB's secretariat as well as those in ib_secretariat.",
    )
    ib_group_cache_seconds: float = Field(
        default=600.0,
        gt=0,
        description="How long a group's members are kept before Graph is asked again. When "
        "Graph fails, the members read last are used (and a warning logged).",
    )
    ib_allow_guests: bool = Field(
        default=False,
        description="Whether guests (userType Guest in a group, userRole guest in the IB "
        "team's roster) may have a role through a group or the roster. Off: they never act "
        "on cases, register the channel or see every case. Ids listed in ib_admins, "
        "ib_members or ib_secretariat count whoever they are.",
    )
    profile_sso_connection: str = Field(
        default="",
        description="The Azure Bot's OAuth connection (Teams single sign-on) through which the "
        "bot reads a user's own Entra ID profile (Graph /me, delegated User.Read) to prefill "
        "the wizard's unit from their department or company. Empty = not used.",
    )
    profile_app_read: bool = Field(
        default=False,
        description="Read a user's department or company with the bot's own token (Graph "
        "/users/{id}, application permission User.Read.All) to prefill the wizard's unit, "
        "when no single sign-on token is at hand. Off: the unit is typed.",
    )
    delivery_max_per_second: float = Field(
        default=7.0,
        gt=0,
        le=7.0,
        description="Most messages the delivery worker sends to one conversation per second "
        "(Teams allows 7).",
    )
    delivery_poll_seconds: float = Field(
        default=1.0,
        gt=0,
        description="How often the delivery worker looks for queued messages when idle.",
    )
    delivery_lease_seconds: float = Field(
        default=60.0,
        gt=0,
        description="How long a process holds a message it is sending before another "
        "process may take it over (after a crash).",
    )
    graph_url: str = Field(
        default="https://graph.microsoft.com/v1.0",
        description="Microsoft Graph base URL, used to check the IB channel for a post whose "
        "sending was interrupted (so that it is not posted twice).",
    )
    graph_reconcile: bool = Field(
        default=True,
        description="Check the IB channel through Microsoft Graph before re-sending a post "
        "whose sending was interrupted. Off: such a post is sent again (at least once).",
    )
    review_notice_days: int = Field(
        default=90,
        ge=1,
        description="How many days before a membership's or intent agreement's review date "
        "the submitter is reminded.",
    )
    reminder_hour: int = Field(
        default=7,
        ge=0,
        le=23,
        description="Hour of the day (in time_zone) when the daily review reminders run.",
    )
    shutdown_seconds: float = Field(
        default=25.0,
        gt=0,
        description="On SIGTERM or SIGINT: how long the turns in flight and then the delivery "
        "worker's current sends may take to finish before the process exits. Keep it below "
        "the platform's grace period (Docker 10 s by default, Kubernetes and Azure 30 s).",
    )
    retention_days: int = Field(
        default=180,
        ge=1,
        description="Days after its last turn that a conversation's state and a user's "
        "reference (user_refs) are deleted, and a sent message's content emptied. Cases are "
        "public records and are kept. Run daily, at reminder_hour.",
    )

    # --- IB's overview tab (bot.overview) ---
    tab_audience: str = Field(
        default="",
        description="Comma-separated audiences a tab token (Teams single sign-on) must carry: "
        "the tab's Application ID URI `api://{host}/{bot app id}` as in the manifest's "
        "webApplicationInfo, and/or the app id. Empty = the tab's API accepts no token (dev "
        "mode's test user still works).",
    )
    tab_jwks_url: str = Field(
        default="https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys",
        description="Where the tab's token signing keys are published; `{tenant}` becomes "
        "the token's tenant id (one that is allowed). Fetched when needed and kept for a day.",
    )
    ib_secretariat: str = Field(
        default="",
        description="Comma-separated Entra object ids of IB's secretariat: in the overview "
        "tab they see every case, as IB's members do. Empty = nobody.",
    )
    dev_tab_user: str = Field(
        default="",
        description="Dev mode only: the Entra object id the overview tab takes a request from "
        "loopback without a token to come from (its role follows from the same rules as "
        "anyone's). Outside dev mode a request without a token gets 401.",
    )

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"unknown log level {value!r}")
        return level

    @property
    def zone(self) -> ZoneInfo:
        """``time_zone`` as a zone."""
        return zone(self.time_zone)

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("dev_clock_start")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("give the moment with its UTC offset, e.g. +01:00 or Z")
        return value

    @property
    def db_url(self) -> str:
        """The database URL in effect: ``database_url``, or SQLite in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'strategikollen.db').as_posix()}"

    @property
    def tenants(self) -> frozenset[str]:
        """The configured allowed tenant ids, lower-cased; empty when none are configured."""
        return frozenset(t.strip().lower() for t in self.allowed_tenants.split(",") if t.strip())

    @property
    def admins(self) -> frozenset[str]:
        """The configured IB administrators' Entra object ids, lower-cased."""
        return _ids(self.ib_admins)

    @property
    def secretariat(self) -> frozenset[str]:
        """IB's secretariat's Entra object ids, lower-cased."""
        return _ids(self.ib_secretariat)

    @property
    def tab_audiences(self) -> tuple[str, ...]:
        """The audiences a tab token may carry."""
        return tuple(a.strip() for a in self.tab_audience.split(",") if a.strip())

    @property
    def members(self) -> frozenset[str]:
        """The configured IB members' Entra object ids, lower-cased; empty = use the roster."""
        return _ids(self.ib_members)

    @property
    def admin_groups(self) -> frozenset[str]:
        """The Entra groups of IB's administrators, lower-cased."""
        return _ids(self.ib_admin_groups)

    @property
    def member_groups(self) -> frozenset[str]:
        """The Entra groups of IB's members, lower-cased."""
        return _ids(self.ib_member_groups)

    @property
    def secretariat_groups(self) -> frozenset[str]:
        """The Entra groups of IB's secretariat, lower-cased."""
        return _ids(self.ib_secretariat_groups)

    @property
    def uses_graph_groups(self) -> bool:
        """Whether any role is given by an Entra group."""
        return bool(self.admin_groups or self.member_groups or self.secretariat_groups)


def _ids(text: str) -> frozenset[str]:
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())
