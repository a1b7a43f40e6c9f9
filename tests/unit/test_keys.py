"""Each command is defined once (keys.py), and every key of every screen is one of them."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import infoint_tui.modals
import infoint_tui.screens
from infoint_tui import keys
from infoint_tui.app import InfointApp


def _classes_with_bindings() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = [InfointApp]
    for package in (infoint_tui.screens, infoint_tui.modals):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    cls.__module__ == module.__name__
                    and "BINDINGS" in cls.__dict__
                    and issubclass(cls, DOMNode)
                ):
                    found.append(cls)
    return found


CLASSES = _classes_with_bindings()


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    return [binding for binding in cls.__dict__["BINDINGS"] if isinstance(binding, Binding)]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_key_is_a_command_of_keys_py(cls: type[DOMNode]) -> None:
    for binding in _own_bindings(cls):
        if binding.system:
            continue  # ctrl+c: the terminal's interrupt, not a command of ours
        assert binding.id in keys.COMMANDS, f"{cls.__name__}: {binding.key} has no command"
        command = keys.COMMANDS[binding.id]
        assert (binding.key, binding.action, binding.description) == (
            command.keys,
            command.action,
            command.label,
        )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_no_key_means_two_things_on_one_screen(cls: type[DOMNode]) -> None:
    seen: dict[str, str] = {}
    for binding in _own_bindings(cls):
        for key in binding.key.split(","):
            assert key not in seen, f"{cls.__name__}: {key} is {seen[key]} and {binding.id}"
            seen[key] = str(binding.id)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_a_screen_with_the_list_keys_answers_all_of_them(cls: type[DOMNode]) -> None:
    ids = {binding.id for binding in _own_bindings(cls)}
    list_ids = {command.id for command in keys.LIST_KEYS}
    if ids & list_ids:
        assert list_ids <= ids, f"{cls.__name__} binds only some of the list keys"
        for action in ("cursor", "page", "edge"):
            assert callable(getattr(cls, f"action_{action}", None)), (cls.__name__, action)


def test_g_and_G_mean_first_and_last_everywhere() -> None:
    for cls in CLASSES:
        for binding in _own_bindings(cls):
            for key in binding.key.split(","):
                if key in ("g", "G", "home", "end"):
                    assert binding.id in ("list.first", "list.last"), (cls.__name__, binding.id)


def test_a_command_defined_twice_differently_is_refused() -> None:
    with pytest.raises(ValueError, match="defined twice"):
        keys.Command("app.today", "X", "app.today", "Today")
    # The same command shown or hidden on a key line is still the one command.
    assert keys.COMMANDS["app.today"] == keys.TODAY
    assert keys.TODAY.hidden().id == keys.TODAY.id


def test_renamed_ids_point_at_commands_that_exist() -> None:
    assert set(keys.RENAMED.values()) <= set(keys.COMMANDS)
    assert not set(keys.RENAMED) & set(keys.COMMANDS)


def test_palette_names_are_unique() -> None:
    names = [command.palette for command in keys.COMMANDS.values() if command.palette]
    assert len(names) == len(set(names))
