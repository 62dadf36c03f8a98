"""The administrative level of a region, read from the manifest or the region's name, never guessed.

:func:`infer_level` answers from the project's manifest (a document or region listed there
keeps its level), else from the region slug: China's provinces, autonomous regions and
municipalities are ``province``, ``china`` is ``national``, Shenyang's districts are
``district``, ``shenyang`` is ``city``. Any other region raises :class:`LevelError`: the caller
must give the level (``extract --level``) rather than get ``city`` by default.

>>> infer_level("liaoning"), infer_level("tiexi"), infer_level("china")
('province', 'district', 'national')
"""

from __future__ import annotations

from ..io.documents import DocumentError, load_manifest

__all__ = ["LevelError", "PROVINCES", "SHENYANG_DISTRICTS", "infer_level"]


class LevelError(ValueError):
    """A region whose level cannot be known; the message says what to give."""


#: Province-level units (省, 自治区, 直辖市) as pinyin slugs.
PROVINCES = frozenset("""
beijing tianjin hebei shanxi neimenggu liaoning jilin heilongjiang shanghai jiangsu zhejiang anhui
fujian jiangxi shandong henan hubei hunan guangdong guangxi hainan chongqing sichuan guizhou yunnan
xizang shaanxi gansu qinghai ningxia xinjiang
""".split())
#: Shenyang's districts and counties (one county-level city: xinmin; one county: faku, kangping).
SHENYANG_DISTRICTS = frozenset("""
heping shenhe dadong huanggu tiexi sujiatun hunnan shenbei shenbeixinqu yuhong liaozhong
""".split())
_COUNTIES = frozenset({"xinmin", "faku", "kangping"})
_CITIES = frozenset({"shenyang"})


def _manifest_level(region: str, doc_id: str | None) -> str | None:
    try:
        rows = load_manifest()
    except DocumentError:
        return None
    for row in rows:
        if doc_id is not None and row["doc_id"] == doc_id:
            return str(row["level"])
    levels = {str(row["level"]) for row in rows if row["region"] == region}
    return levels.pop() if len(levels) == 1 else None


def infer_level(region: str, doc_id: str | None = None) -> str:
    """The level of ``region`` (see the module docstring); :class:`LevelError` when unknown."""
    known = _manifest_level(region, doc_id)
    if known:
        return known
    if region == "china":
        return "national"
    if region in PROVINCES:
        return "province"
    if region in SHENYANG_DISTRICTS:
        return "district"
    if region in _COUNTIES:
        return "county"
    if region in _CITIES:
        return "city"
    raise LevelError(f"the level of region {region!r} is not known from the manifest or its name: "
                     f"give --level ({', '.join(['city', 'district', 'province', 'county', 'national'])})")
