"""The portal: Pelican plugins and the build of an อปท.'s ITA transparency portal.

One subpackage per capability, each with a docstring saying what it owns;
docs/architecture.md shows how they fit into one build. Installed with
``pip install -e .`` (scripts/bootstrap), so that ``portal.<name>`` imports
from anywhere: pelicanconf.py lists the plugins as ``portal.<name>``.
"""
