// Words and colours shared by the report and the picture. Colour is never the only cue: every badge also
// carries its word.
import type { LegalEffect } from "./types";

export const EFFECT_COLOUR: Record<LegalEffect | "none", string> = {
  binding_restriction: "#c62828",
  policy_exclusion: "#ef6c00",
  advisory: "#f9a825",
  informational: "#757575",
  none: "#1e88e5",
};

export const EFFECT_LABEL: Record<LegalEffect | "none", string> = {
  binding_restriction: "binding restriction",
  policy_exclusion: "policy exclusion",
  advisory: "advisory",
  informational: "informational",
  none: "not listed",
};

export function effectKey(effect: string | null | undefined): LegalEffect | "none" {
  return effect && effect in EFFECT_COLOUR ? (effect as LegalEffect) : "none";
}

// Verdict words (open set: profiles may add their own); severity class for the badge colour.
const SEVERITY: Record<string, string> = {
  restricted: "sev-high",
  not_eligible: "sev-high",
  prohibited: "sev-high",
  mitigation_required: "sev-mid",
  review: "sev-mid",
  flag: "sev-mid",
  advisory: "sev-low",
  clear: "sev-ok",
  no_match: "sev-none",
};

export function verdictClass(verdict: string): string {
  return SEVERITY[verdict] ?? "sev-none";
}

export function verdictLabel(verdict: string): string {
  if (verdict === "no_match") return "no confident match";
  return verdict.replace(/_/g, " ");
}

export function relationLabel(relation: string): string {
  return relation.replace(/_/g, " ").toLowerCase();
}
