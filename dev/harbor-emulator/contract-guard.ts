// For tests: checks every answer the emulator sends against Harbor's API document.
import { describeFailures, harborContract } from "./contract";
import type { EmulatorExchange } from "./index";

export interface ContractGuard {
  onExchange(exchange: EmulatorExchange): void;
  /** One entry per answer that does not validate. */
  violations: string[];
  /** How many answers were validated. */
  checked(): number;
}

export function createContractGuard(): ContractGuard {
  const violations: string[] = [];
  let count = 0;
  return {
    violations,
    checked: () => count,
    onExchange(x) {
      // Injected faults impersonate the proxy in front of Harbor, and /v2/ and /service/token are the registry and
      // token service: none of them is described by the /api/v2.0 document.
      if (x.injected || x.outsideDocument) return;
      count += 1;
      const result = harborContract().validateResponse({ method: x.method, path: x.pathname }, { status: x.status, headers: x.responseHeaders, body: x.responseBody });
      if (!result.ok) violations.push(`${x.method} ${x.pathname}${x.query.size ? `?${x.query.toString()}` : ""} -> ${x.status}\n${describeFailures(result)}\n${x.responseBody.slice(0, 300)}`);
    },
  };
}
