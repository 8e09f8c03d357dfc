// Locked project templates: teams pick one; nobody sets raw switches (docs/governance.md, "Templates").
export interface ProjectTemplate {
  key: "standard" | "strict";
  label: string;
  description: string;
  /** Harbor project metadata; every value is a string, as Harbor stores them. */
  metadata: Record<string, string>;
  immutableTagPattern: string;
}

export const PROJECT_TEMPLATES: readonly ProjectTemplate[] = [
  {
    key: "standard",
    label: "Standard",
    description: "Private, scanned on push, images with high or critical vulnerabilities cannot be pulled, release tags v* immutable.",
    metadata: { public: "false", auto_scan: "true", prevent_vul: "true", severity: "high", reuse_sys_cve_allowlist: "true" },
    immutableTagPattern: "v*",
  },
  {
    key: "strict",
    label: "Strict",
    description: "As standard, but images with medium or worse vulnerabilities cannot be pulled.",
    metadata: { public: "false", auto_scan: "true", prevent_vul: "true", severity: "medium", reuse_sys_cve_allowlist: "true" },
    immutableTagPattern: "v*",
  },
];

export type TemplateKey = ProjectTemplate["key"];

export function templateByKey(key: string): ProjectTemplate | undefined {
  return PROJECT_TEMPLATES.find((t) => t.key === key);
}
