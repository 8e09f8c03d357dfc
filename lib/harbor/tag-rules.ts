import type { components } from "./generated/harbor";
import type { HarborTransport, ListResult } from "./http";
import { idFromLocation, type WithRequestId, type WithRequestIds } from "./types";
import { projectPath } from "./projects";

type Schemas = components["schemas"];

export type HarborImmutableRulePayload = Schemas["ImmutableRule"];

export interface HarborImmutableRule {
  id: number;
  disabled: boolean;
  tagPattern?: string;
  tagDecoration?: string;
  repoPattern?: string;
  repoDecoration?: string;
}

export interface HarborTagRuleClient {
  /** One POST; 409 means an identical rule is already there. */
  ensureImmutableTagRule(project: string, rule: { tagPattern: string; repoPattern?: string }): Promise<{ created: boolean; ruleId?: number } & WithRequestId>;
  listImmutableTagRules(project: string): Promise<{ rules: HarborImmutableRule[] } & WithRequestIds>;
}

function toRule(r: HarborImmutableRulePayload): HarborImmutableRule {
  const tag = r.tag_selectors?.[0];
  const repo = r.scope_selectors?.repository?.[0];
  return {
    id: r.id ?? 0,
    disabled: r.disabled ?? false,
    tagPattern: tag?.pattern,
    tagDecoration: tag?.decoration,
    repoPattern: repo?.pattern,
    repoDecoration: repo?.decoration,
  };
}

/** Immutable tag rules: release tags nobody overwrites. */
export function tagRuleClient(t: HarborTransport): HarborTagRuleClient {
  return {
    async ensureImmutableTagRule(project, rule) {
      const body: HarborImmutableRulePayload = {
        disabled: false,
        action: "immutable",
        template: "immutable_template",
        tag_selectors: [{ kind: "doublestar", decoration: "matches", pattern: rule.tagPattern }],
        scope_selectors: { repository: [{ kind: "doublestar", decoration: "repoMatches", pattern: rule.repoPattern ?? "**" }] },
      };
      const res = await t.request<string>({ method: "POST", path: `${projectPath(project)}/immutabletagrules`, byName: true, body, idempotent: true, accept: [409] });
      if (res.status === 409) return { created: false, requestId: res.requestId };
      return { created: true, ruleId: idFromLocation(res.headers.get("location")), requestId: res.requestId };
    },

    async listImmutableTagRules(project) {
      const res: ListResult<HarborImmutableRulePayload> = await t.listAll({ path: `${projectPath(project)}/immutabletagrules`, byName: true });
      return { rules: res.items.map(toRule), requestId: res.requestId, requestIds: res.requestIds };
    },
  };
}
