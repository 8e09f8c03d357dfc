import { fromFile, parseNotifyFile, type NotifyConfig } from "../../lib/notify/config";
import { unsubscribeKey } from "../../lib/notify/unsubscribe-token";
import { TEST_NEXTAUTH_SECRET } from "./app-env";

/** A notification configuration for tests: the given file's channels, hooks and sinks, fast timings, the demo role groups. */
export function testNotifyConfig(file: unknown, overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  return {
    baseUrl: "http://berth.test",
    // the key the app derives from the test configuration's NEXTAUTH_SECRET, so the route accepts these links
    unsubscribeKey: unsubscribeKey(TEST_NEXTAUTH_SECRET),
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
