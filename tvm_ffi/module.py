# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Loading libraries built against tvm_ffi (plugins) into this process.

A plugin is a shared library compiled against our headers (see
``python -m tvm_ffi.config`` and the CMake package). Loading it runs its
``TVM_FFI_STATIC_INIT_BLOCK``s, so its types, enums and global functions
join the one registry; the functions it exports with
``TVM_FFI_DLL_EXPORT_TYPED_FUNC(name, fn)`` are reached through the
returned :class:`Module`.

The checks, in order: the file exists; the dynamic loader accepts it; its
static initialisers reported no problem (each one first asks the core
library whether the ABI it was built against is compatible, and registers
nothing if not, so an incompatible library leaves the registry as it was);
it carries the ``TVMFFILibraryABI`` marker our headers put in every
library that includes them. A library is loaded once per process and never
unloaded: objects, functions and Python classes of its types may outlive
any Module, and their code lives in it.
"""

# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from pathlib import Path

from . import core
from .core import Function

__all__ = ["Module", "load_library", "load_module"]

#: What each resolved path gave: its Module, or the error it failed with
#: (dlopen would not run the initialisers again, so a retry must fail too).
_loaded: dict[str, Module | BaseException] = {}
_lock = threading.Lock()

_EXPORT_PREFIX = "__tvm_ffi_"
_DOC_PREFIX = "__tvm_ffidoc_"
_TYPED_PREFIX = "__tvm_ffityped_"  # marks a symbol made by TVM_FFI_DLL_EXPORT_TYPED_FUNC


class _DlInfo(ctypes.Structure):
    _fields_ = [
        ("dli_fname", ctypes.c_char_p),
        ("dli_fbase", ctypes.c_void_p),
        ("dli_sname", ctypes.c_char_p),
        ("dli_saddr", ctypes.c_void_p),
    ]


def _defining_file(address: int) -> str | None:
    """The file of the loaded object that holds ``address`` (dladdr)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    info = _DlInfo()
    found: int = libc.dladdr(ctypes.c_void_p(address), ctypes.byref(info))
    name: bytes | None = info.dli_fname
    if not found or not name:
        return None
    return os.path.realpath(name.decode())


class Module:
    """A loaded plugin: its exported functions by name.

    ``mod.add_one``, ``mod["add_one"]`` and ``mod.get_function("add_one")``
    give the Function exported as ``TVM_FFI_DLL_EXPORT_TYPED_FUNC(add_one,
    ...)``; a missing name is an ``AttributeError``, a ``KeyError`` and
    ``None`` (or ``AttributeError`` without ``allow_missing``) respectively.
    """

    def __init__(self, path: str, library: ctypes.CDLL) -> None:
        self._path = path
        self._library = library
        self._functions: dict[str, Function] = {}

    @property
    def path(self) -> str:
        """The library's resolved path."""
        return self._path

    def _own_symbol(self, symbol: str) -> int | None:
        """The address of ``symbol`` if this library (not a dependency) defines it."""
        try:
            found = getattr(self._library, symbol)
        except AttributeError:
            return None
        address = ctypes.cast(found, ctypes.c_void_p).value
        if address is None or _defining_file(address) != self._path:
            return None  # found through a dependency, not exported by this library
        return address

    def _find(self, name: str) -> Function | None:
        found = self._functions.get(name)
        if found is not None:
            return found
        address = self._own_symbol(_EXPORT_PREFIX + name)
        if address is None:
            return None
        typed = self._own_symbol(_TYPED_PREFIX + name) is not None
        made = core._function_from_symbol(address, typed)
        self._functions[name] = made
        return made

    def get_function(self, name: str, allow_missing: bool = False) -> Function | None:
        """The exported function ``name``; ``None`` when missing and
        ``allow_missing``, else ``AttributeError``."""
        found = self._find(name)
        if found is None and not allow_missing:
            raise AttributeError(
                f"module {self._path} exports no function `{name}` "
                f"(TVM_FFI_DLL_EXPORT_TYPED_FUNC({name}, ...))"
            )
        return found

    def get_function_doc(self, name: str) -> str | None:
        """The docstring exported for function ``name`` with
        ``TVM_FFI_DLL_EXPORT_TYPED_FUNC_DOC(name, "...")`` (``load_inline``
        writes one for each docstring it is given), or ``None``."""
        address = self._own_symbol(_DOC_PREFIX + name)
        if address is None:
            return None
        return ctypes.string_at(address).decode("utf-8", errors="replace")

    def __getattr__(self, name: str) -> Function:
        if name.startswith("__"):
            raise AttributeError(name)
        found = self.get_function(name)
        assert found is not None
        return found

    def __getitem__(self, name: str) -> Function:
        found = self._find(name)
        if found is None:
            raise KeyError(f"module {self._path} exports no function `{name}`")
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._find(name) is not None

    def __repr__(self) -> str:
        return f"<tvm_ffi.Module {self._path}>"


def _load(path: str | os.PathLike[str]) -> Module:
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise FileNotFoundError(f"load_module: no library at {path}")
    key = str(resolved)
    with _lock:
        done = _loaded.get(key)
        if isinstance(done, Module):
            return done
        if done is not None:
            raise done
        try:
            module = _open(key)
        except (ImportError, OSError) as exc:
            _loaded[key] = exc
            raise
        except BaseException as exc:
            # Interrupted after dlopen: what it registered was taken back and
            # its initialisers will not run again, so a retry cannot succeed.
            _loaded[key] = ImportError(
                f"load_module: an earlier load of {key} was interrupted "
                f"({type(exc).__name__}); load it in a new process"
            )
            raise
        _loaded[key] = module
        return module


def _open(key: str) -> Module:
    core._plugin_take_load_error()  # a stale report is not this library's
    # What the library's initialisers register is journaled, and taken back
    # if the load fails, so a failed library leaves the registry as it was.
    core._plugin_load_begin()
    try:
        module = _open_journaled(key)
    except BaseException:
        core._plugin_load_end(True)
        raise
    core._plugin_load_end(False)
    return module


def _open_journaled(key: str) -> Module:
    try:
        library = ctypes.CDLL(key)
    except OSError as exc:
        raise OSError(f"load_module: the dynamic loader refused {key}: {exc}") from None
    report = core._plugin_take_load_error()
    if report is not None:
        raise ImportError(f"load_module: {key}: {report}")
    try:
        marker = ctypes.c_int32.in_dll(library, "TVMFFILibraryABI")
        owner = _defining_file(ctypes.addressof(marker))
    except ValueError:
        owner = None
    if owner != key:
        raise ImportError(
            f"load_module: {key} is not a tvm_ffi library (it was not built "
            "against tvm_ffi's headers: no TVMFFILibraryABI marker)"
        )
    return Module(key, library)


def load_module(path: str | os.PathLike[str]) -> Module:
    """Load the plugin at ``path`` (once per process) and return its Module.

    ``FileNotFoundError`` when there is no such file, ``OSError`` when the
    dynamic loader rejects it, ``ImportError`` when it was built against an
    incompatible ABI (naming both versions), when one of its static
    initialisers threw, or when it is not a tvm_ffi library. A failed load
    fails the same way when retried.
    """
    return _load(path)


def load_library(path: str | os.PathLike[str]) -> ctypes.CDLL:
    """Like :func:`load_module`, returning the ``ctypes`` handle."""
    return _load(path)._library
