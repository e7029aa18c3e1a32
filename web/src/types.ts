// The JSON shapes served by the API (mirrors of the pydantic models in queries/screen/models.py and
// queries/network.py). Only what the page reads is typed; everything else passes through untouched.

export type LegalEffect = "binding_restriction" | "policy_exclusion" | "advisory" | "informational";

export interface OrgRef {
  iri: string;
  name?: string | null;
  countries?: string[];
  kinds?: string[];
  source?: string | null;
}

export interface ListRef {
  key: string;
  title?: string | null;
  authority?: string | null;
  jurisdiction?: string | null;
  legal_effect?: LegalEffect | null;
  url?: string | null;
}

export interface EditionRef {
  key: string;
  title?: string | null;
  date?: string | null;
  date_basis?: string | null;
  superseded?: string | null;
}

export interface Listing {
  list: ListRef;
  edition: EditionRef;
  entity: OrgRef;
  name_as_listed?: string | null;
  listed_from?: string | null;
  listed_until?: string | null;
  programmes?: string[];
  citations?: string[];
  in_force: boolean;
  time_note: string;
  link_score?: number | null;
  link_method?: string | null;
}

export interface Step {
  from_iri: string;
  from_name?: string | null;
  relation: string;
  direction: "forward" | "backward";
  to_iri: string;
  to_name?: string | null;
  source?: string | null;
  record?: string | null;
  start_date?: string | null;
  end_date?: string | null;
  score?: number | null;
  method?: string | null;
}

export interface Exposure {
  target: OrgRef;
  channel: "inherited" | "connection";
  hops: number;
  path: Step[];
  listings?: Listing[];
  military_end_use?: boolean;
  strongest_effect?: LegalEffect | null;
  current: boolean;
}

export interface AreaFact {
  concept: string;
  label?: string | null;
  scheme?: string | null;
  is_end_use?: boolean;
  source?: string | null;
  confidence?: number | null;
  basis?: string | null;
  via?: OrgRef | null;
  relation?: string | null;
}

export interface FunderFact {
  funder: OrgRef;
  kind?: string | null;
  start_date?: string | null;
  end_date?: string | null;
  source?: string | null;
}

export interface CoverageItem {
  list: ListRef;
  editions: EditionRef[];
  in_force: string[];
  data_date?: string | null;
}

export interface RuleVerdict {
  rule: string;
  title: string;
  verdict: string;
  facts?: string[];
  checked?: string[];
}

export interface PolicyVerdict {
  profile: string;
  title: string;
  version: string;
  citation: string;
  verdict: string;
  rules: RuleVerdict[];
}

export interface Candidate {
  iri: string;
  name?: string | null;
  score?: number | null;
  method?: string | null;
  features?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Resolved {
  decision: "match" | "candidates" | "none";
  matches: OrgRef[];
  candidates: Candidate[];
}

export interface Resolution {
  input?: string;
  decision: "match" | "candidates" | "none";
  matches: Candidate[];
  candidates: Candidate[];
}

export interface ScreeningReport {
  query: string;
  as_of: string;
  hops: number;
  resolution: Resolved;
  subject?: OrgRef | null;
  identity?: OrgRef[];
  listings?: Listing[];
  inherited?: Exposure[];
  connections?: Exposure[];
  areas?: AreaFact[];
  funders?: FunderFact[];
  coverage?: CoverageItem[];
  verdicts?: PolicyVerdict[];
  strongest: string;
  /** When clear: binding or excluding lists with a direct listing in force that no policy profile counts. */
  uncounted_lists?: ListRef[];
}

export interface NetNode {
  iri: string;
  name?: string | null;
  label?: string;
  countries?: string[];
  source?: string | null;
  hops?: number;
  legal_effect?: LegalEffect | null;
  lists?: string[];
}

export interface NetEdge {
  from: string;
  to: string;
  relation: string;
  source?: string | null;
}

export interface Network {
  center?: string;
  hops?: number;
  nodes: NetNode[];
  edges: NetEdge[];
  truncated?: boolean;
}
