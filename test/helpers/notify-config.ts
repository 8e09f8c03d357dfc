import { fromFile, parseNotifyFile, type NotifyConfig } from "../../lib/notify/config";

/** A notification configuration for tests: the given file's channels, hooks and sinks, fast timings, the demo role groups. */
export function testNotifyConfig(file: unknown, overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  return {
    baseUrl: "http://berth.test",
    smtp: null,
    ...fromFile(parseNotifyFile(JSON.stringify(file))),
    roleGroups: { approver: ["registry-admins"], auditor: ["auditors"], requester: ["team-leads"] },
    digestHourUtc: 7,
    activeDays: 90,
    giveUpHours: 24,
    concurrency: 4,
    pollMs: 50,
    timeoutMs: 2000,
    leaseSeconds: 30,
    backoffBaseMs: 20,
    backoffMaxMs: 400,
    ...overrides,
  };
}
