import "server-only";
// Durable notifications: the outbox, its delivery to email, chat and machine webhooks, and the SIEM stream.
// docs/notifications.md; ADR 017 (the outbox) and ADR 018 (the SIEM stream).
export { notifyConfigFromEnv, parseNotifyFile, type NotifyConfig } from "./config";
export { MESSAGE_KINDS, OPTIONAL_KINDS, messageKind, type MessageData, type MessageKindName } from "./kinds";
export { enqueueMessage, type OutboxMessage } from "./outbox";
export { startNotifier, type Notifier } from "./pipeline";
export { runScheduledNotifications } from "./scheduled";
