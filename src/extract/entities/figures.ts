import type { Diagnostic, Figure } from "../../types.ts";
import type { FigureLexicon } from "../lexicon.ts";
import type { TextView } from "./text-view.ts";
export type FigureMatcher = FigureLexicon;
export function compileFigures(l: FigureLexicon): FigureMatcher { return l; }
export function extractFigures(_v: TextView, _m: FigureMatcher, _d: Diagnostic[]): Figure[] { return []; }
