"""The demo workspace: a demo register with database bindings and synthetic Dutch data of any size."""

from .build import DemoError, DemoWorkspace, build_demo, register_template

__all__ = ["DemoError", "DemoWorkspace", "build_demo", "register_template"]
