"""The model's frozen values as plain data — strings, numbers, booleans, None, lists and maps — and
back, by their declared types: what the build cache stores, so that reading it can only ever
make values of the types its reader names, never run anything (pickle would run what the file
says to).

Arrays are read back as tuples. A value is encoded by the type it is declared as: a ``Struct`` or a
``NamedTuple`` as the list of its fields, a date as its day number, an ``IntEnum`` as its number,
a union of several classes as ``[which, value]``, and a class with ``as_plain()`` and
``from_plain()`` (``Spans``) as what those give. Decoding calls only the constructors of those
declared types, with the decoded fields.
"""

from __future__ import annotations

import enum
import functools
import itertools
import operator
import types
import typing
from datetime import date
from typing import Any, Callable

from msgspec import Struct

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]
ATOMS = (str, int, float, bool, type(None))


def _same(value: Any) -> Any:
    return value


@functools.cache
def codec(kind: Any) -> tuple[Encode, Decode]:
    """Return the functions that turn a value declared as ``kind`` into plain data and back.
    Raises TypeError for a type that has no plain form (a callable, a set, ``object``)."""
    if kind in ATOMS:
        return _same, _same
    if kind is date:
        return date.toordinal, date.fromordinal
    if isinstance(kind, type) and issubclass(kind, enum.IntEnum):
        members = {int(member): member for member in kind}
        return int, members.__getitem__
    if isinstance(kind, type) and issubclass(kind, Struct):
        return _struct(kind)
    if isinstance(kind, type) and hasattr(kind, "from_plain"):
        return kind.as_plain, kind.from_plain
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):
        return _named_tuple(kind)
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return _union(arguments)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return _sequence(arguments[0], tuple)
    if origin is tuple:
        return _fixed(arguments)
    if origin is list:
        return _sequence(arguments[0], list)
    if origin is dict:
        return _mapping(*arguments)
    raise TypeError(f"{kind!r} has no plain form")


def _is_plain(kind: Any) -> bool:
    """Return whether values of ``kind`` are plain data as they are (the cache reads arrays as tuples)."""
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType) or origin is tuple:
        return all(_is_plain(argument) for argument in arguments if argument is not Ellipsis)
    return kind in ATOMS


def _struct(kind: type) -> tuple[Encode, Decode]:
    hints = typing.get_type_hints(kind)
    names = kind.__struct_fields__
    fields = operator.attrgetter(*names) if len(names) > 1 else lambda value: (getattr(value, names[0]),)
    if _flat(kind):
        return (lambda value: list(fields(value))), (lambda data: kind(*data))
    to_plain, from_plain = _items([hints[name] for name in names])
    return (lambda value: to_plain(fields(value))), (lambda data: kind(*from_plain(data)))


def _named_tuple(kind: type) -> tuple[Encode, Decode]:
    """A NamedTuple as the list of its fields, read back by calling the class with them."""
    hints = typing.get_type_hints(kind)
    to_plain, from_plain = _items([hints[name] for name in kind._fields])
    return to_plain, (lambda data: kind(*from_plain(data)))


@functools.cache
def _flat(kind: Any) -> bool:
    """Return whether ``kind`` is a ``Struct`` whose fields are all plain data as they are."""
    if not (isinstance(kind, type) and issubclass(kind, Struct)):
        return False
    hints = typing.get_type_hints(kind)
    return all(_is_plain(hints[name]) for name in kind.__struct_fields__)


def _items(kinds: list) -> tuple[Encode, Decode]:
    """Return the functions that turn a tuple of values of ``kinds``, in turn, into a plain
    list and back into a sequence; only the items that are not plain as they are are converted."""
    converted = [(index, *codec(kind)) for index, kind in enumerate(kinds) if not _is_plain(kind)]
    if not converted:
        return list, _same

    def encode(values: Any) -> list:
        data = list(values)
        for index, to_plain, _ in converted:
            data[index] = to_plain(data[index])
        return data

    def decode(data: Any) -> list:
        data = list(data)
        for index, _, from_plain in converted:
            data[index] = from_plain(data[index])
        return data

    if len(converted) == 1:  # most tuples the cache holds: (digest, value), (brief, diagnostics)
        [(index, to_plain, from_plain)] = converted

        def decode(data: Any) -> list:  # noqa: F811 — the same, without the loop
            data = list(data)
            data[index] = from_plain(data[index])
            return data

    return encode, decode


def _union(members: tuple) -> tuple[Encode, Decode]:
    kinds = [member for member in members if member is not type(None)]
    if _is_plain(typing.Union[tuple(kinds)]):
        return _same, _same
    if len(kinds) == 1:
        to_plain, from_plain = codec(kinds[0])
        return (lambda value: None if value is None else to_plain(value)), (
            lambda data: None if data is None else from_plain(data)
        )
    # Several classes: the plain form says which one, by its place among them.
    which = {kind: index for index, kind in enumerate(kinds)}
    codecs = [codec(kind) for kind in kinds]

    def encode(value: Any) -> Any:
        if value is None:
            return None
        index = which[type(value)]
        return [index, codecs[index][0](value)]

    def decode(data: Any) -> Any:
        return None if data is None else codecs[data[0]][1](data[1])

    return encode, decode


def _sequence(item: Any, container: type) -> tuple[Encode, Decode]:
    if _is_plain(item):
        return list, container
    to_plain, from_plain = codec(item)
    if _flat(item):  # made without a Python call each: a brief's diagnostics, a lever's changes
        return (lambda value: [to_plain(entry) for entry in value]), (
            lambda data: container(itertools.starmap(item, data))
        )
    return (lambda value: [to_plain(entry) for entry in value]), (
        lambda data: container(map(from_plain, data))
    )


def _fixed(items: tuple) -> tuple[Encode, Decode]:
    to_plain, from_plain = _items(list(items))
    return to_plain, (lambda data: tuple(from_plain(data)))


def _mapping(key: Any, value: Any) -> tuple[Encode, Decode]:
    if key is not str:
        raise TypeError(f"a mapping's keys must be text, not {key!r}")
    if _is_plain(value):
        return dict, dict
    to_plain, from_plain = codec(value)
    return (
        (lambda mapping: {name: to_plain(entry) for name, entry in mapping.items()}),
        (lambda data: {name: from_plain(entry) for name, entry in data.items()}),
    )
