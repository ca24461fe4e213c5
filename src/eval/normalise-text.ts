/*
 * The one text normalisation every evaluator comparison uses: traditional→simplified (OpenCC),
 * NFKC (full-width→half-width), no punctuation, symbols or white space, lower-case Latin, and no pinyin
 * annotations inserted after characters (問(wèn)題: see ingest/strip-annotations.ts), so a gold quote
 * copied from such a page matches the text kg reads.
 */
import * as OpenCC from "opencc-js/t2cn";

import { removeAnnotations } from "../ingest/strip-annotations.ts";

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const DROPPED = /[\p{P}\p{S}\s]/gu;

/**
 * Normalise text for matching.
 * @example normaliseForMatch("組織生活、不正常！") === "组织生活不正常"
 */
export function normaliseForMatch(text: string): string {
  return toSimplified(removeAnnotations(text).normalize("NFKC")).replace(DROPPED, "").toLowerCase();
}
