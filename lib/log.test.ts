import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

function capture(level: "debug" | "info" = "info") {
  const lines: string[] = [];
  const log = createLogger({ component: "worker", level, destination: { write: (line: string) => void lines.push(line) } });
  return { log, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("the logger", () => {
  it("writes one JSON object per entry with level, time, component, message and the caller's fields", () => {
    const { log, entries } = capture();
    log.child({ jobId: "j-1" }).info("job succeeded", { attempt: 2 });
    log.debug("not at info");
    expect(entries()).toEqual([expect.objectContaining({ level: "info", component: "worker", jobId: "j-1", attempt: 2, msg: "job succeeded" })]);
    expect(Date.parse(String(entries()[0]!.time))).not.toBeNaN();
  });

  it("censors fields named like secrets, at the top and one level down", () => {
    const { log, entries } = capture();
    log.warn("careless caller", { secret: "s3cr3t-value", password: "hunter2", robot: { name: "ci", secret: "nested-secret" }, authorization: "Basic abc" });
    const text = JSON.stringify(entries());
    for (const leaked of ["s3cr3t-value", "hunter2", "nested-secret", "Basic abc"]) expect(text).not.toContain(leaked);
    expect(entries()[0]).toMatchObject({ robot: { name: "ci", secret: "[redacted]" } });
  });
});
