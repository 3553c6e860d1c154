"""A bloc's report page: ranking and proposal, leadership calendar, trends, awards, rules."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from khoi_thidua.awards.kinds import KINDS
from khoi_thidua.i18n import Messages
from khoi_thidua.model import RATING_SHORT_VI
from khoi_thidua.numbers import format_date
from khoi_thidua.render.html.page import chart, document, e, prose, score, table
from khoi_thidua.render.html.svg import Series, value_axis
from khoi_thidua.render.proposal import excluded_members, proposal_dict
from khoi_thidua.render.rotation import CHAIR, VICE, explain, name
from khoi_thidua.rotation import Leadership

if TYPE_CHECKING:  # the page renders gathered data; it never loads files itself
    from khoi_thidua.render.proposal_shapes import ProposalResult, StandingEntry
    from khoi_thidua.report_data import BlocReport


def _private(kind: str) -> bool:
    """A condition whose figures (ballots, discipline) a public page leaves out: its kind says."""
    return not KINDS[kind].public


def page_title(msgs: Messages, report: BlocReport) -> str:
    return msgs.t("Emulation report {year} — {bloc}", year=report.year, bloc=report.bloc.name)


def bloc_page(msgs: Messages, report: BlocReport, public: bool, back_link: str | None) -> str:
    """The whole page of one bloc; ``back_link`` points to the province page when there is one."""
    crumbs = (
        f'<nav class="crumbs"><a href="{e(back_link)}">← {e(msgs.t("Province summary"))}</a></nav>'
        if back_link
        else ""
    )
    return document(
        msgs, page_title(msgs, report), crumbs + bloc_section(msgs, report, public, heading=1)
    )


def bloc_section(msgs: Messages, report: BlocReport, public: bool, heading: int = 1) -> str:
    """The body of a bloc's report; ``heading`` is the level of its title (1 or 2)."""
    data = proposal_dict(msgs, report.bloc, report.proposal)
    h, sub = f"h{heading}", f"h{heading + 1}"
    parts = [
        f'<section class="bloc-section" id="bloc-{e(report.bloc.id)}">',
        f'<{h} class="report-heading">{e(page_title(msgs, report))}</{h}>',
        f'<p class="lead">{e(report.bloc.organiser)}'
        + (f" · {e(report.bloc.province)}" if report.bloc.province else "")
        + f" · {e(msgs.t('{count} member units', count=len(report.bloc.members_in(report.year))))}"
        + (f' · <span class="tag">{e(msgs.t("public version"))}</span>' if public else "")
        + "</p>",
        f"<{sub}>{e(msgs.t('Ranking and proposal for {year}', year=report.year))}</{sub}>",
        _ranking(msgs, data, public),
        f"<{sub}>{e(msgs.t('Leadership calendar'))}</{sub}>",
        _calendar(msgs, report, public),
        _trends(msgs, report, f"<{sub}>{e(msgs.t('Score and rank over the years'))}</{sub}>"),
        f"<{sub}>{e(msgs.t('Ratings and awards granted over the years'))}</{sub}>",
        _ratings(msgs, report),
        _granted(msgs, report),
        f"<{sub}>{e(msgs.t('Rules in force for {year}', year=report.year))}</{sub}>",
        _rules(msgs, data, public),
        "</section>",
    ]
    return "\n".join(parts)


def _ranking(msgs: Messages, data: ProposalResult, public: bool) -> str:
    headers = [msgs.t("Rank"), msgs.t("Member"), msgs.t("Score"), msgs.t("Rating")]
    if not public:
        headers += [msgs.t("Votes"), msgs.t("Discipline")]
    headers += [msgs.t("Proposed award"), msgs.t("Reason")]
    rows = []
    excluded = excluded_members(data)
    for s in data["standings"]:
        award = s["award"]
        row = [
            "—" if s["rank"] is None else str(s["rank"]),
            e(s["member"]["name"]),
            e(score(msgs, s["score"])),
            e(RATING_SHORT_VI.get(s["rating"] or "", "—")),
        ]
        if not public:
            row += [
                "—" if s["decisive"]["votes"] is None else str(s["decisive"]["votes"]),
                e(_discipline(s["discipline"])),
            ]
        row += [
            f'<span class="proposed">{e(award["name"])}</span>' if award else "—",
            _reason(msgs, s, public, s["member"]["id"] in excluded),
        ]
        rows.append(row)
    numeric = [0, 2, 4] if not public else [0, 2]
    proposed = "".join(
        f"<li><strong>{e(award['name'])}</strong>: {e(p['member']['name'])}</li>"
        for p in data["proposed"]
        if (award := p["award"]) is not None  # a proposed unit always has its award
    )
    summary = (
        f"<p>{e(msgs.t('The bloc proposes:'))}</p><ul>{proposed}</ul>"
        if proposed
        else f"<p>{e(msgs.t('The bloc proposes no award this year.'))}</p>"
    )
    # the same votes as the terminal's table: for the award each row is about
    note = (
        ""
        if public
        else '<p class="note">'
        + e(
            msgs.t(
                "Votes: for the award the row is about (the one proposed, or the one its "
                "reason names)."
            )
        )
        + "</p>"
    )
    return summary + table(headers, rows, numeric=numeric) + note


def _discipline(value: str | None) -> str:
    from khoi_thidua.model import Discipline

    if value is None:
        return "—"
    return "—" if value == "none" else Discipline(value).label_vi


def _reason(msgs: Messages, standing: StandingEntry, public: bool, excluded: bool) -> str:
    if public:
        award = standing["award"]
        if award:
            return e(msgs.t("proposed; legal basis: {basis}", basis=award["basis"]))
        # an excluded unit's criteria (điểm liệt) are not published: it is not proposed
        listed = standing["has_results"] or excluded
        return e(msgs.t("not proposed")) if listed else e(msgs.t("no results"))
    checks = []
    for decision in standing["decisions"] + standing["titles"]:
        items = "".join(
            f'<li><span class="{"ok" if c["met"] else "bad"}">{"✓" if c["met"] else "✗"}</span> '
            f"{e(c['rule'])}: {e(c['observed'])}"
            + (f" <small>({prose(c['basis'])})</small>" if c["basis"] else "")
            + "</li>"
            for c in decision["conditions"]
            if not (public and _private(c["kind"]))
        )
        checks.append(f'<p>{e(decision["reason"])}</p><ul class="checks">{items}</ul>')
    if not checks:
        return e(standing["reason"])
    return (
        f"<details><summary>{e(_short_reason(msgs, standing))}</summary>{''.join(checks)}</details>"
    )


def _short_reason(msgs: Messages, standing: StandingEntry) -> str:
    """The line shown before the details are opened: the whole reason when it is short."""
    if standing["award"] or standing["rank"] is None:
        return standing["reason"]
    if any(d["status"] == "tie" for d in standing["decisions"]):
        return msgs.t("tie at a quota boundary; open for the conditions of each award")
    return msgs.t("not proposed; open for the conditions of each award")


def _calendar(msgs: Messages, report: BlocReport, public: bool) -> str:
    if report.calendar_error:
        return f'<p class="bad">{e(report.calendar_error)}</p>'
    if not report.calendar:
        return f"<p>{e(msgs.t('No leadership is recorded in bloc.toml yet.'))}</p>"
    bloc = report.bloc
    rows = []
    for row in report.calendar:
        lead = row.leadership
        if lead.recorded:
            source = msgs.t("recorded")
            lines = (
                [] if public else explain(msgs, bloc, lead)[1:]
            )  # the note, kept off public pages
        else:
            source = msgs.t("computed")
            lines = explain(msgs, bloc, _withhold_excusals(msgs, lead) if public else lead)[1:]
        if row.departs and row.expected is not None:
            lines.insert(
                0,
                msgs.t(
                    "Differs from the rotation, which would give {chair} / {vice}; "
                    "the rotation goes on from this record.",
                    chair=name(bloc, row.expected.chair),
                    vice=name(bloc, row.expected.vice_chair),
                ),
            )
        css = ' class="proposed"' if lead.year == report.year else ""
        rows.append(
            [
                f"<span{css}>{lead.year}</span>",
                e(name(bloc, lead.chair)),
                e(name(bloc, lead.vice_chair)),
                e(source),
                "<br>".join(e(line) for line in lines),
            ]
        )
    calendar = table(
        [msgs.t("Year"), CHAIR, VICE, msgs.t("Source"), msgs.t("Why")], rows, numeric=[0]
    )
    turns = [
        [e(m.name), str(report.next_turns[m.id])]
        for m in sorted(bloc.members, key=lambda m: report.next_turns.get(m.id, 10_000))
        if m.id in report.next_turns
    ]
    if not turns:
        return calendar
    return calendar + table(
        [msgs.t("Member"), msgs.t("Next turn as chair")],
        turns,
        caption=msgs.t("Whose turn comes when, from {year}", year=report.year + 1),
        numeric=[1],
        row_headers=True,
    )


def _withhold_excusals(msgs: Messages, lead: Leadership) -> Leadership:
    """The answer with each excusal's reason (a note) replaced, for a public page."""
    withheld = msgs.t("reason not published")
    return replace(
        lead,
        skipped=tuple(
            replace(s, detail=withheld) if s.reason == "excused" else s for s in lead.skipped
        ),
    )


def _trends(msgs: Messages, report: BlocReport, heading: str) -> str:
    years = list(range(min(report.results), max(report.results) + 1))
    by_year = {
        y: {r.member: r.score for r in found.results if r.score is not None}
        for y, found in report.results.items()
    }
    members = [m for m in report.bloc.members if any(m.id in s for s in by_year.values())]
    scores = []
    ranks = []
    for member in members:
        label = member.name
        scores.append(
            Series(
                member.id, label, {y: s[member.id] for y, s in by_year.items() if member.id in s}
            )
        )
        ranks.append(
            Series(
                member.id,
                label,
                {y: float(k[member.id]) for y, k in report.ranks.items() if member.id in k},
            )
        )
    all_scores = [v for s in scores for v in s.values.values()]
    all_ranks = [v for s in ranks for v in s.values.values()]
    return chart(
        msgs,
        msgs.t("Score by year"),
        years,
        scores,
        value_axis(msgs.t("Score (points)"), all_scores),
        msgs.t("points"),
        lead_in=heading,
    ) + chart(
        msgs,
        msgs.t("Rank in the bloc by year"),
        years,
        ranks,
        value_axis(msgs.t("Rank (1 = first)"), all_ranks, inverted=True),
        msgs.t("rank"),
    )


def _ratings(msgs: Messages, report: BlocReport) -> str:
    years = sorted(report.results)
    rows = []
    for member in report.bloc.members:
        cells = []
        for year in years:
            found = report.results[year].result_for(member.id)
            cells.append(e(RATING_SHORT_VI[found.rating.value]) if found else "—")
        if any(c != "—" for c in cells):
            rows.append([e(member.name), *cells])
    return table(
        [msgs.t("Member"), *[str(y) for y in years]],
        rows,
        caption=msgs.t("Task-completion rating by year (HTXSNV, HTTNV, HTNV, KHTNV)"),
        row_headers=True,
    )


def _granted(msgs: Messages, report: BlocReport) -> str:
    lang = msgs.language
    rows = [
        [
            str(year),
            e(name(report.bloc, g.member) if report.bloc.has_member(g.member) else g.member),
            e(report.award_names.get(g.award, g.award)),
            e(g.decision),
            e(format_date(g.date, lang)),
        ]
        for year, found in sorted(report.results.items())
        for g in found.granted
    ]
    if not rows:
        return f"<p>{e(msgs.t('No granted awards are recorded in the results files.'))}</p>"
    return table(
        [msgs.t("Year"), msgs.t("Member"), msgs.t("Award"), msgs.t("Decision"), msgs.t("Date")],
        rows,
        caption=msgs.t("Awards granted"),
        numeric=[0],
    )


def _rules(msgs: Messages, data: ProposalResult, public: bool) -> str:
    pack = data["rule_pack"]
    seats = table(
        [msgs.t("Award"), msgs.t("Seats"), msgs.t("Legal basis")],
        [
            [
                e(s["name"]),
                str(s["seats"]),
                prose(s["basis"])
                + (
                    f' <span class="tag">{e(msgs.t("unverified"))}</span>'
                    if s["unverified"]
                    else ""
                ),
            ]
            for s in data["seats"]
        ],
        numeric=[1],
    )
    sources = "".join(f"<li><code>{e(src)}</code></li>" for src in pack["sources"])
    warnings = (
        ""
        if public or not data["warnings"]
        else f"<h3>{e(msgs.t('Warnings'))}</h3><ul>"
        + "".join(f"<li>{prose(w['text'])}</li>" for w in data["warnings"])
        + "</ul>"
    )
    return (
        f"<p><strong>{e(pack['name'])}</strong> — {prose(pack['basis'])}</p>"
        + seats
        + f"<p>{e(msgs.t('Rule files read:'))}</p><ul>{sources}</ul>"
        + warnings
    )
