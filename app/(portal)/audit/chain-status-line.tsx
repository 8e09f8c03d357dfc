import { ChainStatusView } from "@/components/audit/chain-status";
import { loadChainStatus, loadTrailRoleProblems } from "@/lib/audit/summary";

/** The chain status, read when rendered (streamed in behind a Suspense boundary so the page does not wait for the walk). */
export async function ChainStatusLine({ compact = false }: { compact?: boolean }) {
  const [status, roleProblems] = await Promise.all([loadChainStatus(), loadTrailRoleProblems()]);
  return <ChainStatusView status={status} compact={compact} roleProblems={roleProblems} />;
}
