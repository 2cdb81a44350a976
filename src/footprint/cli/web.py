"""Commands for the web app: serve, and the users who may sign in to it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import Engine

from footprint import auth
from footprint.cli.common import _fail, _print_json, app, console, state
from footprint.db import session_scope

users_app = typer.Typer(help="People who sign in to the web app to review.", no_args_is_help=True)
app.add_typer(users_app, name="users")


def run_server(
    engine: Engine,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    public: bool | None = None,
    secret_file: Path | None = None,
    secure_cookies: bool = False,
    cache: bool = True,
) -> None:
    """Serve the web app on host:port until interrupted (used by `serve` and `demo`)."""
    import uvicorn

    from footprint.web import create_app
    from footprint.web.settings import Settings, load_secret, public_from_env

    settings = Settings(
        public=public_from_env() if public is None else public,
        secret_key=load_secret(secret_file),
        secure_cookies=secure_cookies,
        cache=cache,
    )
    web_app = create_app(engine, settings)
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"Serving {'public' if settings.public else 'private'} Footprint at "
        f"[bold]http://{shown}:{port}/[/bold]  (API: http://{shown}:{port}/api/v1/docs)  "
        "Ctrl-C stops."
    )
    uvicorn.run(web_app, host=host, port=port, log_level="warning", proxy_headers=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    private: Annotated[
        bool | None,
        typer.Option(
            "--private/--public",
            help="Private: reading needs a login too [default: public, or FOOTPRINT_PUBLIC].",
            show_default=False,
        ),
    ] = None,
    secret_file: Annotated[
        Path | None,
        typer.Option(
            help="File holding the cookie secret (made on first use) [default: "
            "FOOTPRINT_SECRET_KEY, else web-secret in the user data folder]."
        ),
    ] = None,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Cookies over HTTPS only (behind TLS).")
    ] = False,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Keep counts and summaries until the database changes (off: to measure).",
        ),
    ] = True,
) -> None:
    """Serve the web app and JSON API (http://127.0.0.1:8000 by default)."""
    run_server(
        state.engine,
        host=host,
        port=port,
        public=None if private is None else not private,
        secret_file=secret_file,
        secure_cookies=secure_cookies,
        cache=cache,
    )


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Sign-in name.")],
    role: Annotated[str, typer.Option(help="reviewer or admin.")] = "reviewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Add a user (asks for the password twice, or reads it with --password-stdin)."""
    if role not in auth.ROLES:
        raise _fail(f"role: {role!r} is not one of {', '.join(auth.ROLES)}")
    password = _read_password(password_stdin)
    try:
        with session_scope(state.engine) as session:
            auth.add_user(session, name, password, role)
    except auth.AuthError as exc:
        raise _fail(str(exc)) from None
    console.print(f"User {name} added ({role}).")


@users_app.command("list")
def users_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List users: name, role, last sign-in, API tokens."""
    with session_scope(state.engine) as session:
        rows = [
            {
                "name": u.name,
                "role": u.role,
                "created_at": u.created_at.isoformat(),
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
                "tokens": len(u.tokens),
            }
            for u in auth.list_users(session)
        ]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        console.print("No users. Add one with `footprint users add NAME --role admin`.")
        return
    table = Table("name", "role", "last sign-in", "tokens")
    for r in rows:
        table.add_row(r["name"], r["role"], (r["last_login_at"] or "—")[:16], str(r["tokens"]))
    console.print(table)


@users_app.command("remove")
def users_remove(name: Annotated[str, typer.Argument(help="Sign-in name.")]) -> None:
    """Remove a user and their API tokens (their decisions stay in the history)."""
    try:
        with session_scope(state.engine) as session:
            auth.remove_user(session, name)
    except auth.AuthError as exc:
        raise _fail(str(exc)) from None
    console.print(f"User {name} removed.")


@users_app.command("token")
def users_token(
    name: Annotated[str, typer.Argument(help="Sign-in name.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
) -> None:
    """Create an API token for a user and print it (only this once)."""
    try:
        with session_scope(state.engine) as session:
            token = auth.create_token(session, name, label)
    except auth.AuthError as exc:
        raise _fail(str(exc)) from None
    print(token)
