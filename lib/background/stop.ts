/**
 * Stops the background parts of a process (provisioning worker, scheduler, notifier) at the same moment. Told one
 * after another, a part still running while an earlier one winds down (a scheduler pass waiting on Harbor, say) keeps
 * taking work the signal meant to stop. Waits for every part, then throws the first failure.
 */
export async function stopTogether(parts: ({ stop(): Promise<void> } | undefined)[]): Promise<void> {
  const results = await Promise.allSettled(parts.map((p) => p?.stop()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
