import type { OrganisationMention } from "../../types.ts";
import type { OrganisationLexicon } from "../lexicon.ts";
import type { TextView } from "./text-view.ts";
export type OrganisationMatcher = OrganisationLexicon;
export function compileOrganisations(l: OrganisationLexicon): OrganisationMatcher { return l; }
export function extractOrganisations(_v: TextView, _m: OrganisationMatcher): OrganisationMention[] { return []; }
