import "server-only";
import type { AnyPayload, PayloadOf, RequestKindName } from "../../core/payloads";
import { planSteps, type PlannedStep } from "../plan";
import { grantExtensionFlow } from "./grant-extension";
import { groupAccessFlow } from "./group-access";
import { newProjectFlow } from "./new-project";
import { quotaChangeFlow } from "./quota-change";
import { robotAccountFlow } from "./robot-account";
import { robotRotationFlow } from "./robot-rotation";
import type { Flow } from "./types";

export type { Closing, Flow, FlowRequest, Prepared } from "./types";

/** Each request kind's flow: how an approved request becomes Harbor state. */
export const FLOWS: { [K in RequestKindName]: Flow<K> } = {
  NEW_PROJECT: newProjectFlow,
  GROUP_ACCESS: groupAccessFlow,
  ROBOT_ACCOUNT: robotAccountFlow,
  ROBOT_ROTATION: robotRotationFlow,
  GRANT_EXTENSION: grantExtensionFlow,
  QUOTA_CHANGE: quotaChangeFlow,
};

/** The flow of a typed request, with its payload's type kept. */
export function flowOf<K extends RequestKindName>(kind: K): Flow<K> {
  return FLOWS[kind];
}

/** What approving a request will do in Harbor: its job's steps, planned from the request alone. */
export function previewSteps(request: { projectName: string } & AnyPayload): PlannedStep[] {
  const flow = flowOf(request.kind) as Flow<RequestKindName>;
  return planSteps(flow.preview(request, request.payload as PayloadOf<RequestKindName>));
}
