"""How `--help` reads: plain text, readable placeholders, whole first sentences.

Typer's defaults print `<bool>` after flags, `<str>`/`<path>` for every value, `{REGISTER}` for a
required argument, and cut a command's summary at the first full stop (so "Art. 13/14" became
"Art."). Rich help also costs about 0.1 s of start-up. Every command and group of the CLI uses the
classes below instead, and `waarborg --help` prints plain text that a person can read.
"""

from __future__ import annotations

import inspect
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

# Placeholders for values whose option sets no metavar of its own.
_TYPE_METAVARS = {"str": "TEXT", "path": "PATH", "int": "N", "float": "NUMBER", "datetime": "DATE"}


def _summary(help_text: str | None) -> str:
    """The first paragraph of the help, whole (the help formatter wraps it)."""
    if not help_text:
        return ""
    return " ".join(inspect.cleandoc(help_text).split("\n\n")[0].split())


def value_metavar(param: Any, ctx: Any) -> str:
    """`--format text|json` rather than `--format <str>`; a fallback by type when none was set."""
    if param.metavar:
        return str(param.metavar)
    bare = str(param.display_type(ctx)).strip("<>").split(" ")[0]
    return _TYPE_METAVARS.get(bare, bare.upper())


def _option_record(param: Any, ctx: Any) -> tuple[str, str] | None:
    record: tuple[str, str] | None = param.get_help_record(ctx)
    if record is None or param.is_flag or param.count:
        return record
    names = ", ".join(f"{opt} {value_metavar(param, ctx)}" for opt in param.opts)
    return names, record[1]


def _argument_record(param: Any) -> tuple[str, str]:
    name = (param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
    return name, f"{param.help or ''}{'  [required]' if param.required else ''}".strip()


class Command(TyperCommand):
    """A Waarborg command: its help in plain words (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["rich_markup_mode"] = None
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or _summary(self.help)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        # A required argument is written `REGISTER`, an optional one `[REGISTER]`.
        return [piece.replace("{", "").replace("}", "") for piece in super().collect_usage_pieces(ctx)]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                arguments.append(_argument_record(param))
            elif (record := _option_record(param, ctx)) is not None:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Group(TyperGroup):
    """A group of Waarborg commands, listed with their whole first sentence."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["rich_markup_mode"] = None
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or _summary(self.help)


def plain_help_everywhere(app: typer.Typer) -> typer.Typer:
    """Give every command and group of `app` these classes, also those registered without `cls=`
    (a new command module then reads as plainly as the others without knowing about this one)."""
    for command in app.registered_commands:
        if command.cls is None or command.cls is TyperCommand:  # Typer's default, not a choice
            command.cls = Command
    for group in app.registered_groups:
        instance = group.typer_instance
        if instance is None:
            continue
        if not (isinstance(instance.info.cls, type) and issubclass(instance.info.cls, Group)):
            instance.info.cls = Group
        plain_help_everywhere(instance)
    return app
