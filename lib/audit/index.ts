import "server-only";
// The evidence trail: append (inside the caller's transaction), verify, query, export. docs/audit.md
export * from "./types";
export { appendAuditEvent, appendAuditEvents, AuditSecretError } from "./append";
export { AuditInputError, GENESIS_HASH, canonicalEvent, hashEvent, type StoredAuditEvent, type BreakReason } from "./chain";
export { verifyChain, chainStatus, type VerifyResult, type ChainStatus, type VerifyOptions } from "./verify";
export * from "./queries";
export { exportEvents, exportGrants, exportEventsStream, exportGrantsStream, exportHeaders, exportQuery, primed, toReadableStream, type ExportColumn, type ExportFormat, type ExportKind, type ExportSpec } from "./export";
export { verifyExport, type ExportVerification } from "./export-verify";
export { roleName } from "./roles";
export type { Queryable } from "./sql";
