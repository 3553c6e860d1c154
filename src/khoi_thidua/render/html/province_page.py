"""The province page: every bloc's leader and proposals, totals, caps and blocs that failed."""

from __future__ import annotations

from typing import Any

from khoi_thidua.i18n import current, t
from khoi_thidua.render.batch import cap_text
from khoi_thidua.render.html.page import document, e, table


def province_title(year: int, province: str) -> str:
    if province:
        return t("Emulation blocs of {province}: summary of {year}", province=province, year=year)
    return t("Emulation blocs: summary of {year}", year=year)


def province_section(
    summary: dict[str, Any], province: str, links: dict[str, str], public: bool
) -> str:
    """The province summary; ``links`` maps a bloc id to its page (or its anchor)."""
    year = summary["year"]
    done = [b for b in summary["blocs"] if b["ok"]]
    failed = [b for b in summary["blocs"] if not b["ok"]]
    rows = []
    for entry in done:
        bloc = entry["bloc"]
        href = links.get(bloc["id"])
        label = e(bloc["name"])
        rows.append(
            [
                f'<a href="{e(href)}">{label}</a>' if href else label,
                "<br>".join(e(m["name"]) for m in entry["leaders"]) or "—",
                "<br>".join(
                    f"<strong>{e(p['award']['name'])}</strong>: {e(p['member']['name'])}"
                    for p in entry["proposed"]
                )
                or "—",
            ]
        )
    parts = [
        f'<h1 class="report-heading">{e(province_title(year, province))}</h1>',
        f'<p class="lead">{e(t("Rules in force: {pack}", pack=summary["rule_pack"]["name"]))}'
        + (f' · <span class="tag">{e(t("public version"))}</span>' if public else "")
        + "</p>",
        f"<h2>{e(t('Blocs, leading units and proposals'))}</h2>",
        table([t("Bloc"), t("Leading unit"), t("Proposals")], rows, row_headers=True),
        f"<h2>{e(t('Proposals per award'))}</h2>",
        table(
            [t("Award"), t("Proposed")],
            [[e(x["name"]), str(x["proposed"])] for x in summary["totals"]],
            numeric=[1],
        ),
        f"<h2>{e(t('Province-wide caps'))}</h2>",
        _caps(summary["caps"]),
        f"<h2>{e(t('Blocs that failed'))}</h2>",
        _failed(failed),
    ]
    return "\n".join(parts)


def _caps(caps: list[dict[str, Any]]) -> str:
    if not caps:
        return f"<p>{e(t('The rules in force set no province-wide cap.'))}</p>"
    items = []
    for cap in caps:
        css = "bad" if cap["exceeds"] else "ok"
        basis = f" <small>({e(cap['basis'])})</small>" if cap["basis"] else ""
        items.append(f'<li><span class="{css}">{e(cap_text(cap))}</span>{basis}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def _failed(failed: list[dict[str, Any]]) -> str:
    if not failed:
        return f'<p class="ok">{e(t("Every bloc was read and ranked."))}</p>'
    return table(
        [t("Bloc"), t("Error"), t("How to fix it")],
        [[e(b["bloc"]["id"]), e(b["error"]["message"]), e(b["error"]["hint"])] for b in failed],
        row_headers=True,
    )


def province_page(
    summary: dict[str, Any], province: str, links: dict[str, str], public: bool
) -> str:
    """The province's own page, linking to one page per bloc."""
    return document(
        current(),
        province_title(summary["year"], province),
        province_section(summary, province, links, public),
    )


def province_book(
    summary: dict[str, Any], province: str, sections: list[tuple[str, str]], public: bool
) -> str:
    """One file holding the province page and every bloc's section, each on a new page."""
    links = {bloc_id: f"#bloc-{bloc_id}" for bloc_id, _ in sections}
    body = province_section(summary, province, links, public)
    return document(
        current(),
        province_title(summary["year"], province),
        body + "\n" + "\n".join(section for _, section in sections),
    )
