/*
 * The one text normalisation every evaluator comparison uses: traditional→simplified (OpenCC),
 * NFKC (full-width→half-width), no punctuation, symbols or white space, lower-case Latin.
 */
import * as OpenCC from "opencc-js/t2cn";

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const DROPPED = /[\p{P}\p{S}\s]/gu;

/**
 * Normalise text for matching.
 * @example normaliseForMatch("組織生活、不正常！") === "组织生活不正常"
 */
export function normaliseForMatch(text: string): string {
  return toSimplified(text.normalize("NFKC")).replace(DROPPED, "").toLowerCase();
}
