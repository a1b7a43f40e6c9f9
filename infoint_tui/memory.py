"""Keep the allocator from holding on to a save's temporary buffers.

glibc hands big allocations (over 128 KB) to mmap and gives them back when
freed, but it raises that threshold to the size of the largest block freed so
far. Reading a 7 MB contacts file frees blocks of that size, so afterwards every
save's temporary dicts and buffers come from the heap and stay with the process:
about 10 MB more at 10,000 contacts after the first card moves (measured with
VmRSS). A fixed threshold keeps them in mmap.
"""

from __future__ import annotations

import sys

M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
MMAP_THRESHOLD = 256 * 1024


def keep_big_buffers_returnable() -> bool:
    """Fix glibc's mmap threshold; True when it took (False elsewhere: macOS, musl)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # only here: a few milliseconds of import the other commands skip

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
