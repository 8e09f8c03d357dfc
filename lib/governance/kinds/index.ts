import type { AnyPayload, PayloadOf, RequestKindName } from "../../core/payloads";
import { grantExtensionRules } from "./grant-extension";
import { groupAccessRules } from "./group-access";
import { newProjectRules } from "./new-project";
import { quotaChangeRules } from "./quota-change";
import { robotAccountRules } from "./robot-account";
import { robotRotationRules } from "./robot-rotation";
import type { KindRules } from "./types";

export type { Draft, InputOf, KindRules, Reader } from "./types";

/** Each request kind's governance: drafting, policy, and how it reads. */
export const KIND_RULES: { [K in RequestKindName]: KindRules<K> } = {
  NEW_PROJECT: newProjectRules,
  GROUP_ACCESS: groupAccessRules,
  ROBOT_ACCOUNT: robotAccountRules,
  ROBOT_ROTATION: robotRotationRules,
  GRANT_EXTENSION: grantExtensionRules,
  QUOTA_CHANGE: quotaChangeRules,
};

/** The rules of a kind, for a payload whose kind is only known at run time. */
export function rulesOf(kind: RequestKindName): KindRules<RequestKindName> {
  return KIND_RULES[kind] as KindRules<RequestKindName>;
}

/** One line naming what a request asks. */
export function describeRequest(request: AnyPayload): string {
  return rulesOf(request.kind).describe(request.payload as PayloadOf<RequestKindName>);
}
