"""OFAC consolidated (non-SDN) sanctions lists, legacy delimited format, December 2025.

Same format as the SDN legacy files (parsed by :func:`ofac_sdn_legacy_2021.read_legacy`), four tables:
cons_prim, cons_alt, cons_add and cons_comments (continuations of long remarks; this copy holds a few).
The file mixes several OFAC lists; the legacy format has no list column, so each row is assigned to one list
from its programme tags, first match wins (the programmes all stay on the appearance):

- ``CMIC-EO13959`` -> NS-CMIC (Non-SDN Chinese Military-Industrial Complex Companies List)
- ``NS-PLC`` -> NS-PLC (Non-SDN Palestinian Legislative Council List)
- ``561-Related`` -> CAPTA (Correspondent Account or Payable-Through Account Sanctions)
- ``UKRAINE-EO13662`` -> SSI (Sectoral Sanctions Identifications List)
- ``RUSSIA-EO14024``, ``CAATSA - RUSSIA``, ``BURMA-EO14014``, ``ILLICIT-DRUGS-EO14059`` -> NS-MBS (Non-SDN
  Menu-Based Sanctions List)

A row tagged both UKRAINE-EO13662 and RUSSIA-EO14024 is on SSI and NS-MBS at OFAC; it is read once, as SSI.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ingest.lists.model import EditionMeta, ListMeta, ReadResult
from ingest.lists.sources import _intl_util as u
from ingest.lists.sources.ofac_sdn_legacy_2021 import OFAC_URL, read_legacy

DATASET = "ofac_non_sdn_consolidated_2025"
EDITION = "2025-12"
_AUTHORITY = "US Department of the Treasury, Office of Foreign Assets Control (OFAC)"
_LICENCE = "Public domain (US government work)"
_BASIS = ("month the copy was committed to moov-io/watchman (2025-12-19, commit fca231b0); OFAC's own "
          "publication date of this file is not recorded, the data are from about December 2025")


def _list(key: str, title: str) -> ListMeta:
    return ListMeta(key=key, title=title, authority=_AUTHORITY, jurisdiction="US",
                    legal_effect="binding_restriction", url=OFAC_URL, licence=_LICENCE,
                    editions=(EditionMeta(EDITION, f"{title}, about December 2025", EDITION, _BASIS),))


# All five are binding_restriction: each imposes a legal prohibition on US persons (narrower than blocking).
LISTS: tuple[ListMeta, ...] = (
    # EO 13959 as amended by EO 14032: US persons may not buy or sell publicly traded securities of listed
    # companies (an investment prohibition, SOURCE.md)
    _list("ofac_ns_cmic", "OFAC Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC List)"),
    # EO 13662 directives prohibit specified new debt, equity and other dealings with listed entities
    _list("ofac_ssi", "OFAC Sectoral Sanctions Identifications List (SSI List)"),
    # menu-based sanctions (EO 14024 directives, CAATSA s. 231/235, EO 14014, EO 14059) prohibit the
    # transactions selected for each listed person
    _list("ofac_ns_mbs", "OFAC Non-SDN Menu-Based Sanctions List (NS-MBS List)"),
    # 31 CFR 594: dealings with listed PLC members are allowed only within a general licence's terms
    _list("ofac_ns_plc", "OFAC Non-SDN Palestinian Legislative Council List (NS-PLC List)"),
    # 31 CFR 561.201: US banks may not open or keep correspondent/payable-through accounts for listed banks
    _list("ofac_capta", "OFAC Correspondent Account or Payable-Through Account Sanctions List (CAPTA List)"),
)
DEFAULT_FILES: tuple[str, ...] = tuple(
    f"{DATASET}/{f}" for f in ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")
)
_RULES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"CMIC-EO13959"}), "ofac_ns_cmic"),
    (frozenset({"NS-PLC"}), "ofac_ns_plc"),
    (frozenset({"561-Related"}), "ofac_capta"),
    (frozenset({"UKRAINE-EO13662"}), "ofac_ssi"),
    (frozenset({"RUSSIA-EO14024", "CAATSA - RUSSIA", "BURMA-EO14014", "ILLICIT-DRUGS-EO14059"}),
     "ofac_ns_mbs"),
)
# "Listing Date (CMIC) 03 Jun 2021", "Listing Date (EO 14024 Directive 3): 24 Feb 2022": the tags that date a
# listing on each list (other lists give no listing date in this file)
_LISTING_TAGS = {"ofac_ns_cmic": re.compile(r"^CMIC$"), "ofac_ns_mbs": re.compile(r"^EO 1\d{4}\b")}


def assign(programmes: tuple[str, ...]) -> tuple[str, str] | None:
    """The list a row is read into, from its programme tags (first rule that matches); None for none."""
    for tags, key in _RULES:
        if tags.intersection(programmes):
            return key, EDITION
    return None


def read(paths: Sequence[Path]) -> ReadResult:
    return read_legacy(
        prim=u.pick(paths, "cons_prim.csv"),
        alt=u.pick(paths, "cons_alt.csv", required=False),
        add=u.pick(paths, "cons_add.csv", required=False),
        comments=u.pick(paths, "cons_comments.csv", required=False),
        assign=assign,
        listing_tags=_LISTING_TAGS,
        fallback_source=DATASET,  # rows that belong to no list are quarantined under the dataset name
    )
