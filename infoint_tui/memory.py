"""Memory settings the app makes at start.

The garbage collector: starting the app makes about half a million objects
(Textual's modules, styles, the contacts) that live until it quits. Collecting
while they are being made walked them again and again: 50 to 80 ms of a first
paint at 1,000 contacts (timed with gc.callbacks in a pty). Collection is paused
until the board is on screen, and what start made is then frozen out of future
collections, which also keeps later full collections short after a key.

The allocator: keep it from holding on to a save's temporary buffers, and
after the contacts are read, hand back the heap pages their reading left free.
When the board paints from the kept first screen, Textual's objects are made
before the contacts are read, so nothing fills those holes afterwards: 5 MB
more at 10,000 contacts (VmRSS in a pty) until they are given back.

glibc hands big allocations (over 128 KB) to mmap and gives them back when
freed, but it raises that threshold to the size of the largest block freed so
far. Reading a 7 MB contacts file frees blocks of that size, so afterwards every
save's temporary dicts and buffers come from the heap and stay with the process:
about 10 MB more at 10,000 contacts after the first card moves (measured with
VmRSS). A fixed threshold keeps them in mmap.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
MMAP_THRESHOLD = 256 * 1024


def _glibc(name: str) -> Any:
    """A glibc allocator function, or None (macOS, musl: nothing to tune)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only here: a few milliseconds of import the other commands skip

    try:
        return getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None


def keep_big_buffers_returnable() -> bool:
    """Fix glibc's mmap threshold; True when it took (False elsewhere: macOS, musl)."""
    import ctypes

    mallopt = _glibc("mallopt")
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def pause_collection() -> None:
    """From here until ``resume_collection``, no garbage collection runs."""
    gc.disable()


def resume_collection() -> bool:
    """After the first paint: freeze what start made, collect again. True if it was paused."""
    if gc.isenabled():
        return False
    gc.freeze()
    gc.enable()
    return True


def give_back_free_memory() -> bool:
    """Return the heap's free pages to the system; True when it ran (glibc only)."""
    import ctypes

    malloc_trim = _glibc("malloc_trim")
    if malloc_trim is None:
        return False
    malloc_trim.argtypes = [ctypes.c_size_t]
    malloc_trim.restype = ctypes.c_int
    malloc_trim(0)
    return True
