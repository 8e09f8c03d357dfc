import "server-only";
import type { AnyPayload, PayloadOf, RequestKindName } from "../core/payloads";
import { rulesOf } from "./kinds";
import { policyKit, type PolicyConfig, type PolicyFacts, type PolicyOutcome } from "./policy-kit";

export { isExternalGroup, latestEndDate, policyFromEnv, type PolicyCheck, type PolicyConfig, type PolicyFacts, type PolicyOutcome } from "./policy-kit";

// Judges a request against policy: the kind's own checks (lib/governance/kinds/), then the ones every request has.
// Pure: every fact it needs is passed in.
export function evaluatePolicy(request: AnyPayload & { endsAt: Date | null }, facts: PolicyFacts, config: PolicyConfig): PolicyOutcome {
  const kit = policyKit(facts, config);
  rulesOf(request.kind).policy(kit, request.payload as PayloadOf<RequestKindName>, request.endsAt);
  const requiredApprovals: 1 | 2 = kit.reasonsForTwo.length > 0 ? 2 : 1;
  kit.check("four-eyes", "Approved by others", true, "The requester can never approve their own request.", false);
  kit.check(
    "approvals",
    requiredApprovals === 2 ? "Two approvals" : "One approval",
    true,
    requiredApprovals === 2 ? `Two different approvers: ${kit.reasonsForTwo.join("; ")}.` : "One approver other than the requester.",
    false,
  );
  return { checks: kit.checks, requiredApprovals, violations: kit.checks.filter((c) => c.blocking && !c.pass) };
}
