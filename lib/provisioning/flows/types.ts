import "server-only";
import type { AuditEventInput } from "../../audit/types";
import type { PayloadOf, RequestKindName } from "../../core/payloads";
import type { Tx } from "../../db";
import type { Grant } from "../../generated/prisma/client";
import type { Queryable } from "../../sql";
import type { PlanInput, PlannedStep } from "../plan";
import type { JobContext } from "../records";

/** The approved request a flow prepares, as the approval transaction holds it (locked). */
export interface FlowRequest {
  id: string;
  number: number;
  projectName: string;
  endsAt: Date | null;
}

/** What a flow recorded before Harbor has it, and the steps its job will run. */
export interface Prepared {
  grantId: string | null;
  projectId: string | null;
  /** The audit subject ("group:…", "robot:…") of job.queued. */
  subject: string | null;
  steps: PlannedStep[];
}

/** What a job's closing transaction records for its flow; `activated` turns ACTIVE in the closing statement. */
export interface Closing {
  events: AuditEventInput[];
  activated?: Grant;
}

/**
 * How one request kind turns into Harbor state: everything provisioning knows about the kind, in one place
 * (docs/request-kinds.md lists the other places a kind touches).
 */
export interface Flow<K extends RequestKindName> {
  /** Whether the job's end turns the job's grant ACTIVE (its last step's Harbor ids are written by that activation). */
  activatesGrant: boolean;
  /** In the approval's transaction: the records Berth keeps before Harbor has them, and the planned steps. */
  prepare(tx: Tx, request: FlowRequest, payload: PayloadOf<K>): Promise<Prepared>;
  /** The steps as the request alone describes them: what approving it will do, shown before anyone approves. */
  preview(request: { projectName: string }, payload: PayloadOf<K>): PlanInput;
  /** In the job's closing transaction: what Harbor's new state makes true, and its audit events. */
  finalize(c: Queryable, ctx: JobContext, payload: PayloadOf<K>, now: Date): Promise<Closing>;
}
