"""The province page: every bloc's leader and proposals, totals, caps and blocs that failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from khoi_thidua.render.html.page import document, e, prose, table
from khoi_thidua.render.summary import cap_text

if TYPE_CHECKING:
    from khoi_thidua.i18n import Messages
    from khoi_thidua.render.batch_shapes import CapEntry, FailedEntry, SummaryResult
    from khoi_thidua.report_data import BlocReport


def province_title(msgs: Messages, year: int, province: str) -> str:
    if province:
        return msgs.t(
            "Emulation blocs of {province}: summary of {year}", province=province, year=year
        )
    return msgs.t("Emulation blocs: summary of {year}", year=year)


def province_section(
    msgs: Messages, summary: SummaryResult, province: str, links: dict[str, str], public: bool
) -> str:
    """The province summary; ``links`` maps a bloc id to its page (or its anchor)."""
    year = summary["year"]
    failed: list[FailedEntry] = []
    rows = []
    for entry in summary["blocs"]:
        if not entry["ok"]:
            failed.append(entry)
            continue
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
    rules = msgs.t("Rules in force: {pack}", pack=summary["rule_pack"]["name"])
    parts = [
        f'<h1 class="report-heading">{e(province_title(msgs, year, province))}</h1>',
        f'<p class="lead">{e(rules)}'
        + (f' · <span class="tag">{e(msgs.t("public version"))}</span>' if public else "")
        + "</p>",
        f"<h2>{e(msgs.t('Blocs, leading units and proposals'))}</h2>",
        table(
            [msgs.t("Bloc"), msgs.t("Leading unit"), msgs.t("Proposals")], rows, row_headers=True
        ),
        f"<h2>{e(msgs.t('Proposals per award'))}</h2>",
        table(
            [msgs.t("Award"), msgs.t("Proposed")],
            [[e(x["name"]), str(x["proposed"])] for x in summary["totals"]],
            numeric=[1],
        ),
        f"<h2>{e(msgs.t('Province-wide caps'))}</h2>",
        _caps(msgs, summary["caps"]),
        f"<h2>{e(msgs.t('Blocs that failed'))}</h2>",
        _failed(msgs, failed),
    ]
    return "\n".join(parts)


def _caps(msgs: Messages, caps: list[CapEntry]) -> str:
    if not caps:
        return f"<p>{e(msgs.t('The rules in force set no province-wide cap.'))}</p>"
    items = []
    for cap in caps:
        css = "bad" if cap["exceeds"] else "ok"
        basis = f" <small>({prose(cap['basis'])})</small>" if cap["basis"] else ""
        items.append(f'<li><span class="{css}">{e(cap_text(msgs, cap))}</span>{basis}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def _failed(msgs: Messages, failed: list[FailedEntry]) -> str:
    if not failed:
        return f'<p class="ok">{e(msgs.t("Every bloc was read and ranked."))}</p>'
    return table(
        [msgs.t("Bloc"), msgs.t("Error"), msgs.t("How to fix it")],
        [[e(b["bloc"]["id"]), e(b["error"]["message"]), e(b["error"]["hint"])] for b in failed],
        row_headers=True,
    )


def province_page(
    msgs: Messages, summary: SummaryResult, province: str, links: dict[str, str], public: bool
) -> str:
    """The province's own page, linking to one page per bloc."""
    return document(
        msgs,
        province_title(msgs, summary["year"], province),
        province_section(msgs, summary, province, links, public),
    )


def province_book(
    msgs: Messages,
    summary: SummaryResult,
    province: str,
    sections: list[tuple[str, str]],
    public: bool,
) -> str:
    """One file holding the province page and every bloc's section, each on a new page."""
    links = {bloc_id: f"#bloc-{bloc_id}" for bloc_id, _ in sections}
    body = province_section(msgs, summary, province, links, public)
    return document(
        msgs,
        province_title(msgs, summary["year"], province),
        body + "\n" + "\n".join(section for _, section in sections),
    )


def province_pages(
    msgs: Messages,
    summary: SummaryResult,
    province: str,
    reports: list[BlocReport],
    public: bool,
    single: bool,
    index: str,
) -> dict[str, str]:
    """The report's pages with --all by file name: the province page ``index`` and one page per
    bloc linked from it, or with ``single`` the one book of them all."""
    from khoi_thidua.render.html import bloc_page as bloc_view

    if single:
        sections = [
            (r.bloc.id, bloc_view.bloc_section(msgs, r, public, heading=2)) for r in reports
        ]
        return {index: province_book(msgs, summary, province, sections, public)}
    links = {r.bloc.id: f"bloc-{r.bloc.id}.html" for r in reports}
    pages = {index: province_page(msgs, summary, province, links, public)}
    for report in reports:
        pages[links[report.bloc.id]] = bloc_view.bloc_page(msgs, report, public, index)
    return pages
