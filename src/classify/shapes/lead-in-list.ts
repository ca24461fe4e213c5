/*
 * Shape "lead-in-list": a list announced by the sentence before it, whatever its section heading —
 * 「还存在以下几个方面的问题：一是…二是…」 under 基本情况, 「对…的几点建议：」 (polarity.json
 * problemLeadIn / measureLeadIn), or causes (「主要原因是：」, causeLeadIn). Items whose own words say the
 * opposite are left out.
 */
import { POLARITY } from "../polarity.ts";
import { leadInBefore, type ListUnit, openLists, takeList } from "./lists.ts";
import type { Shape } from "./types.ts";

export const leadInList: Shape<ListUnit> = {
  id: "lead-in-list",
  description: "a list after a lead-in that announces problems (还存在以下问题：), causes (主要原因是：) or measures (提出以下建议：)",
  detect(ctx) {
    const out: ListUnit[] = [];
    for (const { parent, items } of openLists(ctx)) {
      const lead = leadInBefore(ctx, parent, items[0]!);
      if (POLARITY.notLeadIn.test(lead)) continue;
      const shown = lead.trim().slice(-24);
      // 「主要原因是：（一）…（二）…」: the items are causes, whatever they say.
      if (POLARITY.causeLeadIn.test(lead)) out.push({ parent, items, kind: "cause", why: `cause lead-in "${shown}"` });
      // 「主要措施包括：」 in a section of practices (工作亮点, 主要做法) lists what was done, not proposals.
      else if (POLARITY.measureLeadIn.test(lead)) {
        if (ctx.sectionAt(items[0]!.span.start, ["practice"]) === null) out.push({ parent, items, kind: "measure", why: `measure lead-in "${shown}"` });
      }
      else if (POLARITY.problemLeadIn.test(lead)) out.push({ parent, items, kind: "problem", why: `problem lead-in "${shown}"` });
    }
    return out;
  },
  take: (ctx, unit) => takeList(ctx, unit, "lead-in-list", 0.8, unit.kind === "measure" ? ["negative", "achievement"] : ["achievement", "prescription"]),
};
