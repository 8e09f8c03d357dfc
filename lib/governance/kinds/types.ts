import type { AnyPayload, PayloadOf, RequestInput, RequestKindName } from "../../core/payloads";
import type { Db, Tx } from "../../db";
import type { PolicyFacts, PolicyKit } from "../policy-kit";

export type Reader = Db | Tx;

/** The typed payload, subject and end date a submission turns into, before policy. */
export interface Draft {
  request: AnyPayload;
  projectName: string;
  subjectKey: string;
  endsAt: Date | null;
}

export type InputOf<K extends RequestKindName> = Extract<RequestInput, { kind: K }>;

/**
 * What governance knows about one request kind, in one place: how a submission becomes a stored request, what
 * policy checks it, and how it reads on the request page. docs/request-kinds.md lists the other places a kind touches.
 */
export interface KindRules<K extends RequestKindName> {
  /** Validated input to the stored payload, filling in what the server knows (the current role, robot presets…). */
  draft(db: Reader, input: InputOf<K>): Promise<Draft>;
  /** The grant policy judges the request against, if the kind concerns one. */
  grant?(db: Reader, draft: Draft & { request: { kind: K; payload: PayloadOf<K> } }): Promise<PolicyFacts["grant"]>;
  /** This kind's checks; the project, four-eyes and approval-count checks are shared. */
  policy(kit: PolicyKit, payload: PayloadOf<K>, endsAt: Date | null): void;
  /** One line naming what is asked, for lists. */
  describe(payload: PayloadOf<K>): string;
  /** Label/value pairs of what was asked, for the request page. */
  details(payload: PayloadOf<K>): [string, string][];
  /** Whether the request page shows the request's end date on a line of its own (an extension has it among its details; projects and robots have none). */
  showsEndDate: boolean;
  /** The form field each of this kind's policy checks is about, so a refusal is shown at the field. */
  fields: Record<string, string>;
}
