"""summary.md: the headline figures researchers publish.

Counts are over readable responses that are not byte-identical copies
(duplicate_of set); incident figures are ranges when any count is suppressed.
"""
from __future__ import annotations

from classifier.vocab import CAUSES, FOI_STATUSES, OUTCOMES


def _range(lo: int, hi: int) -> str:
    return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


def _share(lo: int, hi: int, total_lo: int, total_hi: int) -> str:
    if total_hi == 0:
        return "–"
    if lo == hi and total_lo == total_hi:
        return f"{100 * lo / total_lo:.1f} %"
    # the share is uncertain when counts are suppressed: give the midpoint estimate
    mid = (lo + hi) / 2 / ((total_lo + total_hi) / 2)
    return f"≈{100 * mid:.1f} %"


def headline(dataset) -> dict:
    """The figures of summary.md as data (also used for the Prefect artifact)."""
    resp = dataset.responses
    counted = resp[resp["duplicate_of"].isna()]
    readable = counted[counted["parse_status"] != "failed"]
    inc = dataset.incidents
    inc = inc[inc["response_id"].isin(readable["response_id"])]
    total = (int(inc["count_min"].sum()), int(inc["count_max"].sum()))

    def by(col: str, order) -> list[tuple[str, int, int]]:
        grouped = inc.groupby(col)[["count_min", "count_max"]].sum()
        out = [(k, int(grouped.loc[k, "count_min"]), int(grouped.loc[k, "count_max"]))
               for k in order if k in grouped.index]
        return sorted(out, key=lambda t: (-(t[1] + t[2]), t[0]))  # by midpoint, as the shares are

    by_authority = []
    if len(inc):
        grouped = inc.assign(authority=inc["authority"].fillna("(authority not identified)")) \
            .groupby("authority")[["count_min", "count_max"]].sum()
        by_authority = sorted(((k, int(v["count_min"]), int(v["count_max"])) for k, v in grouped.iterrows()),
                              key=lambda t: (-(t[1] + t[2]), t[0]))[:10]
    not_reconciling = counted[counted["reconciles"] == False]  # noqa: E712 (nullable boolean)
    return {
        "files": len(resp),
        "duplicates": int(resp["duplicate_of"].notna().sum()),
        "failed": int((counted["parse_status"] == "failed").sum()),
        "partial": int((counted["parse_status"] == "partial").sum()),
        "by_status": [(s, int((readable["foi_status"] == s).sum())) for s in FOI_STATUSES
                      if (readable["foi_status"] == s).any()],
        "total": total,
        "by_cause": by("cause", CAUSES),
        "by_outcome": by("outcome", OUTCOMES),
        "by_authority": by_authority,
        "not_reconciling": [(r.source_file, r.reported_total_min, r.reported_total_max,
                             r.extracted_total_min, r.extracted_total_max)
                            for r in not_reconciling.itertuples()],
        "rejected_rows": len(dataset.rejected),
    }


def summary_markdown(dataset) -> str:
    h = headline(dataset)
    lo, hi = h["total"]
    lines = ["# FOI replies: headline figures", ""]
    lines.append(f"- Files read: {h['files']} ({h['duplicates']} byte-identical copies left out of every total; "
                 f"{h['failed']} could not be read; {h['partial']} read in part)")
    lines.append(f"- Total incidents: **{_range(lo, hi)}**" + (" (range: some counts are suppressed)" if lo != hi else ""))
    lines.append(f"- Incident rows rejected by validation: {h['rejected_rows']} (see rejected.csv)")
    lines += ["", "## Responses by FOI status", "", "| status | responses |", "| --- | ---: |"]
    lines += [f"| {s} | {n} |" for s, n in h["by_status"]]
    for title, key in (("cause", "by_cause"), ("outcome", "by_outcome")):
        lines += ["", f"## Incidents by {title}", "", f"| {title} | incidents | share |", "| --- | ---: | ---: |"]
        lines += [f"| {k} | {_range(a, b)} | {_share(a, b, lo, hi)} |" for k, a, b in h[key]]
    lines += ["", "## Authorities with the most incidents", "", "| authority | incidents |", "| --- | ---: |"]
    lines += [f"| {k} | {_range(a, b)} |" for k, a, b in h["by_authority"]]
    lines += ["", "## Responses that do not reconcile", ""]
    if h["not_reconciling"]:
        lines += ["| file | stated total | rows add up to |", "| --- | ---: | ---: |"]
        for f, rlo, rhi, elo, ehi in h["not_reconciling"]:
            lines.append(f"| {f} | {_range(int(rlo if rlo is not None else rhi), int(rhi if rhi is not None else rlo))} "
                         f"| {_range(int(elo), int(ehi))} |")
    else:
        lines.append("None: every stated total matches the rows read.")
    return "\n".join(lines) + "\n"
