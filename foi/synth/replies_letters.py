"""Letter archetypes: PDF letters (ruled, unruled, long, prose, cross-tab, refusal, scanned), Word and text."""
from __future__ import annotations

from foi.synth.content import Composer, capitalise
from foi.synth.layouts import (ListingPlan, blanket_staff_type, count_groups, crosstab_outcome_by_staff, items,
                               listing, plan_listing)
from foi.synth.model import Block, Cell, Items, Para, Reply, TableBlock
from foi.synth.reply_parts import (LETTER_NAMES, Answer, file_name, letter, listing_answer, opening,
                                   reply_from_letter, reply_period_words, request_block, request_items)


def letter_with_listing(c: Composer, archetype: str, fmt: str, ext: str, *, n_range=(4, 16),
                        ruled: bool = True, plan: ListingPlan | None = None, names=LETTER_NAMES) -> Reply:
    sc = c.scenario()
    plan = plan or plan_listing(c)
    shown = listing(c, sc, plan, c.rng.randint(*n_range))
    ans = listing_answer(c, sc, shown, table=True, ruled=ruled)
    ans.notes.insert(0, "request restated in the letter: its words are not incidents")
    lt = letter(c, sc, [opening(c, sc), *request_block(c, sc), *ans.blocks])
    return reply_from_letter(archetype, fmt, sc, shown.incidents, ans, shown.exemptions, lt,
                             file_name(c, sc, names, ext))


def pdf_letter_ruled(c: Composer) -> Reply:
    return letter_with_listing(c, "pdf_letter_ruled", "pdf", "pdf")


def pdf_letter_unruled(c: Composer) -> Reply:
    r = letter_with_listing(c, "pdf_letter_unruled", "pdf", "pdf", n_range=(3, 10), ruled=False)
    r.notes = "table without ruling lines; " + r.notes
    return r


def pdf_long_table(c: Composer) -> Reply:
    sc = c.scenario()
    plan = plan_listing(c, granularities={"month": 60, "day": 40},
                        staff_modes={"blanket": 50, "column": 30, "describe": 20})
    n = c.rng.randint(28, 40)
    shown = listing(c, sc, plan, n)
    label = c.pick(["Total", "TOTAL", "Total incidents"])
    total_row = [Cell("") for _ in shown.grid.header]
    total_row[0] = Cell(label)
    total_row[1] = Cell(c.pick([f"{n} breaches", str(n), f"{n} incidents"]), n)
    shown.grid.total_row = total_row
    blocks: list[Block] = [opening(c, sc), *request_block(c, sc),
                           Para(c.line("answer_lead", authority=sc.shown_name))]
    if sc.own_period_note:
        blocks.append(Para(sc.own_period_note))
    blocks.append(Para(c.line("listing_intro_no_total", period=reply_period_words(c, sc))))
    if shown.staff_statement:
        blocks.append(Para(shown.staff_statement))
    blocks.append(TableBlock(shown.grid, ruled=True))
    ans = Answer(blocks, n, shown.notes + ["table runs over two or more pages with the header repeated",
                                           f"final '{label}' row is not an incident"])
    lt = letter(c, sc, blocks)
    return reply_from_letter("pdf_long_table", "pdf", sc, shown.incidents, ans, shown.exemptions, lt,
                             file_name(c, sc, LETTER_NAMES, "pdf"))


def pdf_prose_counts(c: Composer) -> Reply:
    sc = c.scenario()
    staff_type = blanket_staff_type(c)
    outcome = c.weighted({"management_action": 3, "no_action": 2, "not_stated": 3})
    groups, incidents = count_groups(c, sc, outcome=outcome, staff_type=staff_type)
    total = sum(n for _, n in groups)
    period = reply_period_words(c, sc)
    staff_words = c.pick(c.p["prose_staff"][c.kind])
    intro = f"{capitalise(period)}, {sc.shown_name} recorded {total} data protection breaches {staff_words}."
    parts = [f"{n} related to {label}" for label, n in groups]
    if c.chance(0.5):
        detail = "Of these, " + ", ".join(parts[:-1]) + " and " + parts[-1] + "."
    else:
        detail = "The breaches fall into the following groups: " + \
            "; ".join(f"{label} ({n})" for label, n in groups) + "."
    blocks: list[Block] = [opening(c, sc), *request_block(c, sc)]
    if sc.own_period_note:
        blocks.append(Para(sc.own_period_note))
    blocks += [Para(intro), Para(detail), Para(c.pick(c.p["common_outcome"][outcome]))]
    notes = ["no table: grouped counts in prose, one row per group",
             "staff from 'by its staff'" if c.kind == "council" else "officers and staff together: not_stated"]
    ans = Answer(blocks, total, notes)
    lt = letter(c, sc, blocks)
    return reply_from_letter("pdf_prose_counts", "pdf", sc, incidents, ans, [], lt,
                             file_name(c, sc, LETTER_NAMES, "pdf"))


def pdf_crosstab_partial(c: Composer) -> Reply:
    sc = c.scenario()
    grid, incidents, grand = crosstab_outcome_by_staff(c, sc)
    period = reply_period_words(c, sc)
    blocks: list[Block] = [opening(c, sc), *request_block(c, sc)]
    if sc.own_period_note:
        blocks.append(Para(sc.own_period_note))
    blocks += [Para(c.line("crosstab_staff_intro", s40=sc.s40, act=sc.act)),
               Para(f"{capitalise(period)} there were {grand} cases in total."),
               TableBlock(grid, ruled=True),
               Para(c.line("suppression_note", s40=sc.s40, act=sc.act))]
    exemptions = [sc.personal_data_exemption]
    notes = ["outcome x staff group counts: one row per non-empty cell, no description, cause not_stated",
             "'<5' -> 1..4", "details withheld under the personal-data exemption: partially disclosed"]
    if c.kind == "police" and c.chance(0.3):
        blocks.append(Para(c.pick(c.l["withheld_details_s31"])))
        exemptions.append("s31")
    ans = Answer(blocks, grand, notes)
    lt = letter(c, sc, blocks)
    return reply_from_letter("pdf_crosstab_partial", "pdf", sc, incidents, ans, exemptions, lt,
                             file_name(c, sc, LETTER_NAMES, "pdf"))


def pdf_refusal(c: Composer) -> Reply:
    sc = c.scenario(own_period_chance=0.0)
    files, minutes = c.rng.randrange(600, 3200, 50), c.rng.choice([3, 4, 5, 6, 10])
    hours = files * minutes // 60
    cost, hours_limit = ("£600", 40) if sc.authority.scottish else ("£450", 18)
    blocks: list[Block] = [opening(c, sc), *request_block(c, sc),
                           Para(c.line("refusal_s12", files=f"{files:,}", minutes=minutes, hours=hours)),
                           Para(c.line("refusal_s12_conclusion", act=sc.act, cost_limit=cost,
                                       hours_limit=hours_limit))]
    if c.chance(0.7):
        blocks.append(Para(c.pick(c.l["refusal_advice"])))
    lt = letter(c, sc, blocks)
    return Reply(archetype="pdf_refusal", format="pdf", authority=sc.authority, request_ref=sc.ref,
                 foi_status="refused", exemptions=["s12"], period_start=sc.reply_start,
                 period_end=sc.reply_end, reported_total=None, incidents=[],
                 filename=file_name(c, sc, ["{ref} - Refusal Notice", "{foiref} refusal", "Refusal_{refslug}"],
                                    "pdf"),
                 notes=f"refused under s12; '{files:,} files', '{hours} hours', '{cost}' are not totals; "
                       "s16 advice is not an exemption; period = the request's",
                 reply_date=sc.reply_date, letter=lt)


def pdf_scanned(c: Composer) -> Reply:
    plan = plan_listing(c, granularities={"day": 70, "month": 30})
    r = letter_with_listing(c, "pdf_scanned", "pdf_scanned", "pdf", n_range=(3, 7), plan=plan,
                            names=["scan_{refslug}", "Scanned response {ref}", "SCAN_{year}_{refslug}"])
    r.notes = "scanned: image-only PDF, rotated, noisy; needs OCR; " + r.notes
    r.scan_angle = c.rng.choice([-1, 1]) * c.rng.uniform(1.0, 2.0)
    r.noise_seed = c.rng.getrandbits(32)
    return r


def docx_letter_table(c: Composer) -> Reply:
    r = letter_with_listing(c, "docx_letter_table", "docx", "docx", n_range=(3, 12))
    return r


def docx_bullets(c: Composer) -> Reply:
    sc = c.scenario()
    plan = plan_listing(c, granularities={"month": 50, "day": 25, "fy": 25},
                        staff_modes={"describe": 60, "blanket": 25, "none": 15})
    plan.typographic = c.chance(0.5)
    shown = items(c, sc, plan, c.rng.randint(4, 12), numbered=False)
    ans = listing_answer(c, sc, shown, table=False)
    if c.chance(0.5):
        ans.blocks.append(Para("Outcomes ranged from management advice to dismissal, depending on the seriousness "
                               "of the breach."))
        ans.notes.append("sentence about the range of outcomes is not an incident")
    lt = letter(c, sc, [opening(c, sc), *request_block(c, sc), *ans.blocks])
    return reply_from_letter("docx_bullets", "docx", sc, shown.incidents, ans, shown.exemptions, lt,
                             file_name(c, sc, LETTER_NAMES, "docx"))


def txt_numbered(c: Composer) -> Reply:
    sc = c.scenario()
    plan = plan_listing(c, granularities={"month": 60, "fy": 20, "day": 20},
                        staff_modes={"describe": 70, "none": 20, "blanket": 10})
    shown = items(c, sc, plan, c.rng.randint(4, 12), numbered=True)
    ans = listing_answer(c, sc, shown, table=False, numbered=True)
    ans.notes.insert(0, "request restated as numbered items 1-3 (not incidents); answers also numbered")
    lt = letter(c, sc, [Para("Request:", "heading"), Items(request_items(c, sc), numbered=True),
                        Para("Response:", "heading"), *ans.blocks[1:]])
    return reply_from_letter("txt_numbered", "txt", sc, shown.incidents, ans, shown.exemptions, lt,
                             file_name(c, sc, ["{ref} response", "{foiref} reply", "response_{refslug}"], "txt"))
