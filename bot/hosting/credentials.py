"""The bot's credential, checked before the SDK is given it.

The Agents SDK signs the bot in with the kind ``CONNECTIONS__SERVICE_CONNECTION__SETTINGS__
AUTHTYPE`` names (``bot.settings.CREDENTIAL_VARIABLES``: a client secret, a certificate, a
user- or system-assigned managed identity, a federated credential or a workload identity
token file). The SDK itself only finds out at the first token that something is missing, a
file unreadable or the kind unknown; ``check`` says so at start-up, naming the variables.
No secret, key or token is read into a message or a log line: a certificate is described by
its thumbprint and validity, a token file only by its path.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12

from ..settings import (
    AUTHTYPE_VARIABLE,
    CREDENTIAL_FILES,
    CREDENTIAL_VARIABLES,
    DEFAULT_AUTHTYPE,
    REQUIRED_SDK_VARIABLES,
    SDK_SETTINGS,
)

__all__ = ["UNUSABLE_AUTHTYPES", "Credential", "CredentialProblem", "check", "sdk_environment"]

logger = logging.getLogger(__name__)

# Values of the SDK 1.9's ``AuthTypes`` that its MSAL provider cannot sign a bot in with,
# and what to use instead. Every other value is in ``CREDENTIAL_VARIABLES``.
UNUSABLE_AUTHTYPES: dict[str, str] = {
    "CertificateSubjectName": (
        "the SDK 1.9 names it, but its MSAL provider does not implement it (the first token "
        "fails with AuthenticationTypeNotSupported). Use AUTHTYPE=certificate with "
        f"{SDK_SETTINGS}CERTPFXFILE, and {SDK_SETTINGS}SENDX5C=true for subject name and "
        "issuer authentication"
    ),
    "EntraAuthSideCar": (
        "it needs the Entra ID sidecar's own provider, which this bot does not use (the "
        "MSAL provider refuses it)"
    ),
    "IdentityProxyManager": (
        "it is for Agent 365's agentic identities, not a bot's app registration; for a "
        "user-assigned managed identity use AUTHTYPE=UserManagedIdentity"
    ),
}

_SOON = timedelta(days=30)  # a certificate this close to its end is warned about


class CredentialProblem(Exception):
    """The credential cannot work as configured; the message says what to set."""


@dataclass(frozen=True)
class Credential:
    """The credential in effect, as far as a log line may describe it."""

    kind: str
    description: str  # no secret: the kind, a certificate's thumbprint and validity


def _value(environ: Mapping[str, str], name: str) -> str:
    return environ.get(name, "").strip()


def _valid_kinds() -> str:
    return ", ".join(CREDENTIAL_VARIABLES) + f" (unset: {DEFAULT_AUTHTYPE})"


def _kind(environ: Mapping[str, str]) -> str:
    kind = environ.get(AUTHTYPE_VARIABLE, "")
    if not kind.strip():  # blank counts as unset (``sdk_environment`` leaves it out)
        return DEFAULT_AUTHTYPE
    if kind in CREDENTIAL_VARIABLES:  # exactly: the SDK compares the raw value
        return kind
    if kind in UNUSABLE_AUTHTYPES:
        raise CredentialProblem(
            f"{AUTHTYPE_VARIABLE}={kind} cannot be used: {UNUSABLE_AUTHTYPES[kind]}. "
            f"Valid kinds: {_valid_kinds()}."
        )
    spelt = next((k for k in CREDENTIAL_VARIABLES if k.lower() == kind.strip().lower()), None)
    hint = f" The SDK takes it only spelt exactly: write {spelt}." if spelt else ""
    raise CredentialProblem(
        f"{AUTHTYPE_VARIABLE}={kind} is not a credential kind the Agents SDK knows.{hint} "
        f"Valid kinds: {_valid_kinds()}."
    )


def _readable(name: str, path_text: str) -> Path:
    path = Path(path_text)
    if not path.exists():
        raise CredentialProblem(f"{name}: {path} does not exist.")
    if not path.is_file():
        raise CredentialProblem(f"{name}: {path} is not a file.")
    if not os.access(path, os.R_OK):
        raise CredentialProblem(
            f"{name}: {path} cannot be read by this process (user id {os.getuid()}); "
            "give the bot's user read access to it."
        )
    return path


def _describe_certificate(name: str, path: Path, now: datetime) -> str:
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(path.read_bytes(), None)
    except OSError as error:
        raise CredentialProblem(f"{name}: {path} cannot be read: {error.strerror}.") from error
    except (ValueError, TypeError) as error:  # the parser's message says nothing secret
        raise CredentialProblem(
            f"{name}: {path} is not a PKCS#12 (.pfx) file without a password (the SDK "
            "passes none). Export it with `openssl pkcs12 -export -inkey KEY -in CERT "
            "-passout pass:`."
        ) from error
    if key is None or certificate is None:
        raise CredentialProblem(
            f"{name}: {path} must hold both the private key and its certificate."
        )
    thumbprint = certificate.fingerprint(hashes.SHA1()).hex().upper()  # noqa: S303 - as Entra shows it
    ends = certificate.not_valid_after_utc
    if ends <= now:
        raise CredentialProblem(
            f"{name}: the certificate in {path} (thumbprint {thumbprint}) expired on "
            f"{ends:%Y-%m-%d %H:%M} UTC; upload a new one to the app registration and "
            "point this variable at it."
        )
    if certificate.not_valid_before_utc > now:
        raise CredentialProblem(
            f"{name}: the certificate in {path} (thumbprint {thumbprint}) is valid only "
            f"from {certificate.not_valid_before_utc:%Y-%m-%d %H:%M} UTC."
        )
    if ends - now < _SOON:
        logger.warning(
            "The bot's certificate (thumbprint %s) expires on %s UTC: add a new one to the "
            "app registration and roll it out before then (docs/deploy.md, credentials)",
            thumbprint, f"{ends:%Y-%m-%d %H:%M}",
        )
    subject = certificate.subject.rfc4514_string() or "no subject"
    return f"thumbprint {thumbprint}, {subject}, valid until {ends:%Y-%m-%d} UTC"


def sdk_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` for the SDK's ``load_configuration_from_env``, without the service
    connection's blank values: the SDK would take a blank AUTHTYPE for a kind of its own
    (and then fail at the first token) where the bot reads it as unset."""
    return {
        name: value for name, value in environ.items()
        if value.strip() or not name.startswith(SDK_SETTINGS)
    }


def check(environ: Mapping[str, str], now: datetime) -> Credential:
    """The credential ``environ`` configures for the SDK, or ``CredentialProblem`` naming
    every variable missing for its kind, an unknown kind, or a file that cannot be used."""
    kind = _kind(environ)
    needed = (*REQUIRED_SDK_VARIABLES, *CREDENTIAL_VARIABLES[kind])
    missing = [name for name in needed if not _value(environ, name)]
    if missing:
        raise CredentialProblem(
            f"Strategikollen needs the bot's credentials outside dev mode: {AUTHTYPE_VARIABLE}"
            f"={kind} needs " + ", ".join(missing) + ". Set them (or run `strategikollen "
            "serve --dev` locally)."
        )
    send_x5c = _value(environ, SDK_SETTINGS + "SENDX5C")
    if send_x5c and send_x5c.lower() not in ("true", "false", "1", "0"):
        # the SDK would take any other value for false without a word
        raise CredentialProblem(f"{SDK_SETTINGS}SENDX5C={send_x5c}: write true or false.")
    description = kind
    for name in CREDENTIAL_VARIABLES[kind]:
        if name not in CREDENTIAL_FILES:
            continue
        path = _readable(name, _value(environ, name))
        if name.endswith("CERTPFXFILE"):
            description += f" ({_describe_certificate(name, path, now)})"
        else:
            try:
                empty = not path.read_bytes().strip()
            except OSError as error:
                raise CredentialProblem(
                    f"{name}: {path} cannot be read: {error.strerror}."
                ) from error
            if empty:
                raise CredentialProblem(f"{name}: {path} is empty.")
    unused = SDK_SETTINGS + "CLIENTSECRET"
    if kind != "ClientSecret" and _value(environ, unused):
        logger.warning(
            "%s is set but %s=%s does not use it; delete the secret from the environment "
            "and from the app registration", unused, AUTHTYPE_VARIABLE, kind,
        )
    return Credential(kind=kind, description=description)
