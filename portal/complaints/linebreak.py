"""Where Thai text may break between lines, from libthai's dictionary (Debian libthai0).

Thai writes no spaces between words, so a layout that breaks only at spaces
leaves half-empty lines. libthai, the library Pango itself uses, finds the
word boundaries. Without libthai, text breaks at spaces only.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.lru_cache(maxsize=1)
def _breaker():
    name = ctypes.util.find_library("thai")
    if name is None:
        return None
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None
    library.th_brk_new.restype = ctypes.c_void_p
    library.th_brk_new.argtypes = [ctypes.c_char_p]
    library.th_brk_wc_find_breaks.restype = ctypes.c_int
    library.th_brk_wc_find_breaks.argtypes = [
        ctypes.c_void_p, ctypes.c_wchar_p, ctypes.POINTER(ctypes.c_int), ctypes.c_size_t]
    handle = library.th_brk_new(None)  # the default dictionary of libthai-data
    return (library, handle) if handle else None


def available() -> bool:
    return _breaker() is not None


def pieces(text: str) -> list[str]:
    """``text`` cut at every place a line may break; joined they give ``text`` back."""
    cuts = {index + 1 for index, character in enumerate(text) if character == " "}
    breaker = _breaker()
    if breaker is not None and text:
        library, handle = breaker
        found = (ctypes.c_int * (len(text) + 1))()
        count = library.th_brk_wc_find_breaks(handle, text, found, len(text) + 1)
        cuts.update(found[index] for index in range(max(count, 0)))
    depth, inside = 0, set()  # no break inside brackets: "(ถ้ามี)" stays whole
    for index, character in enumerate(text):
        depth += (character == "(") - (character == ")")
        if depth > 0:
            inside.add(index + 1)
    result, start = [], 0
    for cut in sorted(cut for cut in cuts if 0 < cut < len(text) and cut not in inside):
        result.append(text[start:cut])
        start = cut
    result.append(text[start:])
    return [piece for piece in result if piece]
