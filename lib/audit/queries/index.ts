import "server-only";

// Read side of the trail for the auditor views, one module per view. Thin on purpose: each function builds one
// parameterized SQL text (exported as *Query for the benchmark) and maps rows; no ORM in between.

export { chainStatus } from "../verify";
export * from "../filters";
export * from "./keyset";
export * from "./grant-history";
export * from "./event-log";
export * from "./access-at";
export * from "./grant-detail";
