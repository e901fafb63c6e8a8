"""Unchanged pages are reused, not rendered again, in `invoke serve` rebuilds.

`invoke serve` builds the whole site again after every save, in the same
process (with a ``rebuild.Session``). Most pages are then exactly what the
previous build wrote. For every page the writer computes a *signature* of
everything its rendering reads:

* the build: the settings (except those of the build mode), every file of the
  theme, and the template context: every value the generators and plugins
  put there, with each document (Pelican content object) represented by all
  its attributes except those only its own page shows (below);
* the page: its file name, template and the keyword values it is rendered
  with; the page's own document (``article`` or ``page``) counts with the
  values only its own page shows (its body, its tables, the day it last
  changed), the documents it lists only with their other attributes.

When the signature equals the one of the same file in the build now online,
that file is hard-linked into the staging folder instead of rendering the
template (``link_or_copy``). A document
whose body changed therefore re-renders its own page only, and a changed
title, slug or date, a template or a setting re-renders every page, because
each page's menu, breadcrumbs and listings can show them.

A template must therefore show the body (content, summary taken from the
body, tables) and the day of the last change (git_dates) only of the page's
own document; listings show titles, dates and other attributes, which count.
So the first save of a document edited long ago, which moves its "last
changed" day to today, still re-renders its own page only.

Values are hashed once per build (by identity; a list of documents from its
documents' digests), and a document's values once per serve session while
they stay the same objects (``PageSignatures._document_digest``), as are values a
plugin declares ``unchanging``: a plugin must not change a value in place.
Values that cannot be compared (objects pickle refuses) make the page render
again, never a stale page. The signatures become "online" only when the build
succeeded and its folder was swapped in (``commit``); a failed build changes
nothing (``discard``). One-off builds (`invoke build`, `check`, `publish`)
render everything.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
import shutil
import types
from typing import NamedTuple

import jinja2
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from portal import outputs
from portal.build_state import current
from portal.rebuild.stamps import file_stamp

# Content attributes that the build's context already covers.
_SHARED_ATTRIBUTES = {"settings", "_context"}
# What only the document's own page shows (counted for the documents a page
# receives as ``article`` or ``page``): the body, its tables, and the day it
# last changed (git_dates sets the attribute and the same metadata key).
_OWN_PAGE_ATTRIBUTES = ("_content", "table_exports", "last_changed")
_OWN_PAGE_METADATA = {"last_changed"}
_NOT_LISTED_ATTRIBUTES = _SHARED_ATTRIBUTES | set(_OWN_PAGE_ATTRIBUTES) | {"metadata"}
# Settings that say how a build runs (cache, staging, search later), never
# what a page shows, are named PORTAL_*; OUTPUT_PATH is the staging folder.
_BUILD_MODE_PREFIX = "PORTAL_"
# Immutable values whose repr says all they hold (a date's repr names its class and zone).
_PLAIN = (str, int, float, bool, type(None), datetime.date)
# The keyword values that hold the page's own document: its body counts.
_OWN_DOCUMENT = ("article", "page")
# Context entries that change on every write (Pelican sets them per page).
_PER_WRITE_KEYS = {"localsiteurl"}


class Pages:
    """A serve session's memory of pages: the signatures of the site now
    online and of the build running, and the digests kept between builds."""

    def __init__(self):
        self.path = None  # the output folder the signatures describe
        self.pages = {}  # relative name -> (signature, file_stamp of the file)
        self.pending = {}
        self.linked = {}  # relative name -> file_stamp, of the pending pages taken from online
        self.reused = 0  # pages of the running build taken from the online site
        self.declared = {}  # id -> value declared ``unchanging`` since the latest Build began
        self.kept = {}  # id -> (value, digest) of unchanging values, from build to build
        self.document_parts = {}  # source path -> _Parts of the latest build that hashed it
        self.own_page_digests = {}  # (source path, attribute) -> (value, its digest)
        self.compiled = {}  # the Jinja options of the build -> _CompiledTemplates


def _online() -> Pages | None:
    """The running build's serve session's pages; None in a one-off build."""
    session = current().session
    return session.pages if session is not None else None


def commit(output_path: str) -> None:
    """The build that just finished is online in ``output_path``.

    Each page is remembered with its file's identity: a page that another
    process wrote over since (`invoke build` while `invoke serve` runs) is
    not the one the signature describes, and is rendered again.
    """
    online = _online()
    pages = {}
    for relative, signature in online.pending.items():
        # A page linked from the previous site is the same file (a link keeps
        # its identity); only the others are looked at.
        stamp = (online.linked.get(relative)
                 or file_stamp(os.path.join(output_path, relative)))
        if stamp is not None:
            pages[relative] = (signature, stamp)
    online.path, online.pages, online.pending, online.linked = output_path, pages, {}, {}


def discard() -> None:
    online = _online()
    if online is not None:
        online.pending, online.linked = {}, {}


def unchanging(*values) -> None:
    """Declare values that nothing changes once they are made and that hold no
    document: in serve rebuilds their digests are kept from one build to the
    next for as long as their producer hands out the very same objects.

    ita_catalog hands out the previous build's coverage while its inputs are
    equal; hashing it anew cost 0.3 s of every rebuild at 5,000 documents.
    """
    online = _online()
    if online is not None:
        for value in values:
            online.declared[id(value)] = value


def signature_of(relative: str):
    """Signature of a page the running build wrote, or None."""
    online = _online()
    return online.pending.get(relative) if online is not None else None


# ---------------------------------------------------------------- signatures


class _Pickler(pickle.Pickler):
    """Pickles values with every document and URL wrapper replaced by a token.

    The documents met are collected: their attributes are hashed once per
    build (``PageSignatures._value_digest``), not once per page that lists them.
    """

    def __init__(self, stream, met, kinds):
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.met = met
        # By exact type, looked up by pickle itself: a Python method called for
        # every object (reducer_override) cost a third of the pickling time.
        self.dispatch_table = dict.fromkeys(kinds.contents, self._content)
        self.dispatch_table.update(dict.fromkeys(kinds.url_wrappers, _url_wrapper))
        self.dispatch_table.update({types.ModuleType: _code, types.FunctionType: _code})

    def _content(self, value):
        self.met.append(value)
        return str, (f"content:{value.source_path}",)


def _url_wrapper(value):  # category: its name; settings are hashed once
    return str, (f"{type(value).__name__}:{value.name}",)


def _code(value):  # plugins and template filters: the same code within one process
    return str, (f"code:{getattr(value, '__module__', '')}.{value.__name__}",)


def _all_subclasses(cls) -> list:
    found = [cls]
    for subclass in cls.__subclasses__():
        found += _all_subclasses(subclass)
    return found


class _Kinds(NamedTuple):
    """The classes pickled as tokens, looked up once per build (plugins may
    define subclasses; a lookup costs more than pickling a small value)."""

    contents: frozenset
    url_wrappers: frozenset


def _kinds() -> _Kinds:
    return _Kinds(frozenset(_all_subclasses(Content)), frozenset(_all_subclasses(URLWrapper)))


def _pickled(value, kinds: _Kinds | None = None) -> tuple[bytes, list]:
    stream, met = io.BytesIO(), []
    _Pickler(stream, met, kinds or _kinds()).dump(value)
    return stream.getvalue(), met


class PageSignatures:
    """Signatures of one build's pages (one instance per writer)."""

    def __init__(self, settings, online: Pages):
        self.online = online
        self.settings = settings
        self.digests = {}  # id(value) -> digest, for contents and page values
        self.holding_documents = set()  # ids of values above that hold documents
        self.keep_alive = []  # the values whose id() is a key above
        self.digest = None
        self.context_keys = None
        self.kinds = _kinds()
        # The values declared unchanging by this build's generators; digests of
        # the others (an earlier build's coverage) are let go.
        self.unchanging, online.declared = online.declared, {}
        online.kept = {key: kept for key, kept in online.kept.items()
                        if self.unchanging.get(key) is kept[0]}

    def page_signature(self, name, template, context, options, kwargs):
        """Signature of one write_file call, or None when it cannot be compared."""
        try:
            if self.digest is None or self.context_keys != frozenset(context):
                self.digest = self._build_digest(context)
            hasher = hashlib.blake2b(self.digest, digest_size=20)
            hasher.update(repr((name, getattr(template, "name", None))).encode())
            for key, value in sorted(kwargs.items()):
                hasher.update(key.encode() + b"\0" + self._value_digest(value))
            hasher.update(self._value_digest(options))
            for key in _OWN_DOCUMENT:
                if isinstance(kwargs.get(key), Content):
                    _hash_own_page_values(hasher, kwargs[key], self.online.own_page_digests)
            return hasher.hexdigest()
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError, OSError):
            return None  # rendered, never stale (OSError: a theme file went while walked)

    def _build_digest(self, context) -> bytes:
        self.context_keys = frozenset(context)
        hasher = hashlib.blake2b(digest_size=20)
        hasher.update(_theme_stamp(self.settings.get("THEME", "")))
        hasher.update(self._value_digest(page_settings(self.settings)))
        for key in sorted(context):  # one by one: lists of documents take the short way
            if not key.isupper() and key not in _PER_WRITE_KEYS:
                hasher.update(repr((key, self._value_digest(context[key]))).encode())
        return hasher.digest()

    def _value_digest(self, value) -> bytes:
        """Digest of a value; each document in it counts with its attributes."""
        if isinstance(value, _PLAIN):
            return repr(value).encode()
        if isinstance(value, (tuple, list)) and all(isinstance(item, _PLAIN) for item in value):
            return type(value).__name__.encode() + repr(value).encode()
        if isinstance(value, URLWrapper):  # each document has its own category object
            return _url_wrapper(value)[1][0].encode()
        key = id(value)
        if key not in self.digests:
            kept = self.online.kept.get(key)
            if kept is not None and kept[0] is value:
                self.digests[key] = kept[1]
            elif isinstance(value, Content):
                self.digests[key] = self._document_digest(value)
            elif type(value) in (list, tuple) and all(type(item) in self.kinds.contents
                                                      for item in value):
                # The context's lists of thousands of documents: their digests
                # in order, without pickling a token for each.
                hasher = hashlib.blake2b(type(value).__name__.encode(), digest_size=20)
                for document in value:
                    hasher.update(self._value_digest(document))
                self.digests[key] = hasher.digest()
                self.holding_documents.add(key)
            else:
                data, met = _pickled(value, self.kinds)
                hasher = hashlib.blake2b(data, digest_size=20)
                for content in met:
                    hasher.update(self._value_digest(content))
                self.digests[key] = hasher.digest()
                if met:
                    self.holding_documents.add(key)
                elif self.unchanging.get(key) is value:
                    self.online.kept[key] = (value, self.digests[key])
            self.keep_alive.append(value)
        return self.digests[key]

    def _document_digest(self, content) -> bytes:
        """Digest of a document's attributes, its metadata item by item.

        A part whose value is the very object hashed for the same document by
        an earlier build keeps that digest: serve's kept documents share their
        values with the copies of later builds (documents.py), and no
        value is changed in place. A document whose parts are all those of the
        earlier build (or equal strings, numbers and days, which receivers
        make anew on every build) keeps its whole digest. A part that holds
        other documents is hashed again, since their attributes may have
        changed.
        """
        sections = {
            "attribute": {k: v for k, v in vars(content).items()
                          if k not in _NOT_LISTED_ATTRIBUTES},
            "metadata": {k: v for k, v in getattr(content, "metadata", {}).items()
                         if k not in _OWN_PAGE_METADATA},
        }
        earlier = self.online.document_parts.get(content.source_path, _Parts({}, {}, None))
        if earlier.whole is not None and all(_same_values(earlier.sections.get(name, {}), values)
                                             for name, values in sections.items()):
            return earlier.whole
        hasher = hashlib.blake2b(type(content).__name__.encode(), digest_size=20)
        lasting = {}
        for section, values in sections.items():
            before = earlier.sections.get(section, {})
            for name in sorted(values):
                key, value = (section, name), values[name]
                if key in earlier.digests and before.get(name, _parts) is value:
                    digest = earlier.digests[key]
                else:
                    digest = self._value_digest(value)
                if id(value) not in self.holding_documents:
                    lasting[key] = digest
                hasher.update(repr(key).encode() + b"\0" + digest)
        whole = hasher.digest()
        parts = sum(len(values) for values in sections.values())
        self.online.document_parts[content.source_path] = _Parts(
            sections, lasting, whole if len(lasting) == parts else None)
        return whole


class _Parts(NamedTuple):
    # "attribute" and "metadata" -> the parts as hashed (kept, so that their ids stay their own)
    sections: dict
    digests: dict  # (section, name) -> digest, for the values that hold no document
    whole: bytes | None  # the document's digest, when no part holds other documents


_parts = object()  # marks a part the earlier build did not have
# Values that receivers make anew on every build (URLs, days), compared by
# value: equal ones have the same repr. (Not floats: 0.0 == -0.0.)
_EQUAL_BY_VALUE = (str, int, bool, datetime.date, type(None))


def _same_values(before: dict, now: dict) -> bool:
    if len(before) != len(now):
        return False
    for key, value in now.items():
        old = before.get(key, _parts)
        if old is value:
            continue
        kind = type(value)
        if kind is not type(old):
            return False
        if kind in _EQUAL_BY_VALUE:
            if old != value:
                return False
        elif not (kind is list and not value and not old):  # an empty list anew (translations)
            return False
    return True


def page_settings(settings) -> dict:
    """The settings that can change what the site shows: all but the build mode's."""
    return {k: v for k, v in settings.items()
            if k != "OUTPUT_PATH" and not k.startswith(_BUILD_MODE_PREFIX)}


def settings_digest(settings) -> bytes | None:
    """Digest of ``page_settings``; None when a setting cannot be compared."""
    try:
        return hashlib.blake2b(_pickled(page_settings(settings))[0], digest_size=20).digest()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None


def _hash_own_page_values(hasher, content, digests: dict) -> None:
    for name in _OWN_PAGE_ATTRIBUTES:
        value = getattr(content, name, None)
        if isinstance(value, _PLAIN) and not isinstance(value, str):
            hasher.update(repr(value).encode())  # None (most have no table), a day
            continue
        # A kept document's copy shares its body and tables (never changed in
        # place) with the earlier builds' copies: hashed once per serve session.
        earlier = digests.get((content.source_path, name))
        if earlier is None or earlier[0] is not value:
            data = value.encode() if isinstance(value, str) else _pickled(value)[0]
            earlier = (value, hashlib.blake2b(data, digest_size=20).digest())
            digests[(content.source_path, name)] = earlier
        hasher.update(earlier[1])




def _theme_stamp(theme: str) -> bytes:
    entries = []
    for folder, dirs, files in os.walk(theme):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            state = os.stat(path)
            entries.append(f"{path}\0{state.st_mtime_ns}\0{state.st_size}")
    return "\n".join(entries).encode()


class UnchangedPages:
    """The writer's side of page reuse, for one build: the online file of a
    page whose signature did not change; in a one-off build, never one."""

    def __init__(self, settings):
        online = _online()
        self.signatures = PageSignatures(settings, online) if online is not None else None
        self.active = self.signatures is not None

    def online_page(self, relative, template, context, options, kwargs) -> str | None:
        """Path of the online file to link for this write_file call, or None (render it)."""
        signature = self.signatures.page_signature(relative, template, context, options, kwargs)
        remember(relative, signature)
        return online_copy(relative, signature)

    def link(self, relative: str, online: str, path: str) -> None:
        link_or_copy(relative, online, path)
        self.signatures.online.reused += 1


def online_copy(relative: str, signature) -> str | None:
    """Path of the online file ``relative`` when it was written with ``signature``."""
    pages = _online()
    online = pages.pages.get(relative) if pages is not None else None
    if signature is None or online is None or online[0] != signature:
        return None
    path = os.path.join(pages.path, relative)
    return path if file_stamp(path) == online[1] else None


def link_or_copy(relative: str, online: str, path: str) -> None:
    """Give the staging folder the online file ``online`` as ``path``.

    A hard link costs no reading or writing; the staging folder then shares
    the file with the online site, so nothing may write into an existing
    file of the staging folder (the writer never writes a file twice;
    ``write_bytes`` and front_matter's attachment copies replace a file that
    is there instead of writing into it).
    A file system without hard links gets a copy.
    """
    try:
        _in_its_folder(lambda: os.link(online, path), path)
        online_pages = _online()
        online_pages.linked[relative] = online_pages.pages[relative][1]
    except OSError:
        shutil.copyfile(online, path)


def _in_its_folder(make, path: str):
    """``make()``, which creates the file ``path``; its folder is made only
    when missing. Most are there already (the page's own folder, serve's
    spare): one makedirs per file saved, thousands per build."""
    try:
        return make()
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return make()


def write_bytes(settings, relative: str, data: bytes) -> None:
    """Write ``data`` as the file ``relative`` of the build's output folder.

    For the files plugins write themselves (table exports, ITA exports, the
    complaint form). In serve rebuilds a file whose bytes equal those of the
    same file online is hard-linked from there: linking costs a fraction of
    writing, and a rebuild writes thousands of unchanged exports.
    """
    path = os.path.join(settings["OUTPUT_PATH"], relative)
    if _online() is None:
        _write_new(path, data)
        return
    relative = outputs.relative_name(relative)
    digest = b"bytes:" + hashlib.blake2b(data, digest_size=20).digest()  # never a page's
    remember(relative, digest)
    if os.path.lexists(path):
        os.unlink(path)  # a collision (reported by the checks) may be a link to the online site
    online = online_copy(relative, digest)
    if online is not None:
        link_or_copy(relative, online, path)
        return
    _write_new(path, data)


def _write_new(path: str, data: bytes) -> None:
    with _in_its_folder(lambda: open(path, "wb"), path) as handle:
        handle.write(data)


def remember(relative: str, signature) -> None:
    if signature is not None:
        _online().pending[relative] = signature


# ---------------------------------------------------------------- templates


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by an earlier build of this process.

    Jinja stores the checksum of each template's source with its code and
    compiles a template whose source changed again.
    """

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


def keep_compiled_templates(generator) -> None:
    """generator_init: in serve rebuilds, templates are not compiled again (0.3 s)."""
    online = _online()
    if online is not None:
        options = repr(sorted(generator.settings.get("JINJA_ENVIRONMENT", {}).items()))
        generator.env.bytecode_cache = online.compiled.setdefault(options, _CompiledTemplates())
