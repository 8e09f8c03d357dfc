import "server-only";
import { z } from "zod";
import { verifyAndRecord } from "../audit/scheduled-verify";
import { database } from "../db";
import { defineAction } from "./define";

export interface VerifyChainOutcome {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  durationMs: number;
  verifiedAt: string;
  /** the first broken link, when there is one */
  brokenAt: string | null;
  reason: string | null;
  detail: string | null;
}

// A full walk of the chain from the first event, recording a checkpoint when it passes and an event when it does not
// (docs/audit.md "Verifying").
export const verifyChainAction = defineAction({
  name: "verify-chain",
  permission: "audit:read",
  input: z.strictObject({}),
  run: async ({ audit }): Promise<VerifyChainOutcome> => {
    // a break is recorded (audit.chain.broken, with who asked), a pass as a checkpoint
    const { result } = await verifyAndRecord(database().prisma, database().pool, audit);
    return {
      ok: result.ok,
      checked: result.checked,
      headSeq: result.headSeq.toString(),
      headHash: result.headHash,
      durationMs: Math.round(result.durationMs),
      verifiedAt: result.verifiedAt.toISOString(),
      brokenAt: result.ok ? null : result.brokenAt.toString(),
      reason: result.ok ? null : result.reason,
      detail: result.ok ? null : result.detail,
    };
  },
});
