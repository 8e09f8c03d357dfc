import { describe, expect, it } from "vitest";
import { stopTogether } from "./stop";

function part(name: string, log: string[], options: { ms: number; fail?: boolean }) {
  return {
    async stop() {
      log.push(`${name} told`);
      await new Promise((r) => setTimeout(r, options.ms));
      log.push(`${name} stopped`);
      if (options.fail) throw new Error(`${name} failed`);
    },
  };
}

describe("stopTogether", () => {
  it("tells every part at once, before any has finished, and waits for all", async () => {
    const log: string[] = [];
    await stopTogether([part("scheduler", log, { ms: 60 }), undefined, part("worker", log, { ms: 10 })]);
    expect(log.slice(0, 2)).toEqual(["scheduler told", "worker told"]);
    expect(log.slice(2)).toEqual(["worker stopped", "scheduler stopped"]);
  });

  it("waits for the others when one fails, then throws that failure", async () => {
    const log: string[] = [];
    await expect(stopTogether([part("notifier", log, { ms: 5, fail: true }), part("worker", log, { ms: 40 })])).rejects.toThrow("notifier failed");
    expect(log).toContain("worker stopped");
  });
});
