"""Scripting subcommands of ``infoint``, one module per area."""
