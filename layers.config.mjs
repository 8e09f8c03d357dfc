// Which part of the code may import which (docs/architecture.md, "Layers"). ESLint enforces it (eslint.config.mjs)
// and `npm run layers` prints the arrows that exist. A part is a folder under lib/ (or a top-level lib/ module),
// or one of app, components, dev, scripts, test, e2e.

/** lib/ parts, each with the lib/ parts it may import. Everything under lib/ may import lib/core. */
export const LIB_LAYERS = {
  // the vocabulary: errors, request kinds and payloads, names, roles, templates, states, drift findings
  core: [],
  env: [],
  generated: [],
  db: ["env", "generated"],
  sql: ["db"],
  // the Harbor client takes its configuration from the caller; harbor-instance builds the process-wide one
  harbor: [],
  "harbor-instance": ["env", "harbor"],
  // the evidence trail, written inside every other layer's transactions
  audit: ["db", "sql", "generated", "env"],
  // durable outbound messages, written inside other layers' transactions like the trail
  notify: ["db", "sql", "generated", "env", "audit"],
  // identity: the session and the IdP
  auth: ["env"],
  // who may: roles, permissions, the principal, record scopes, guards
  authz: ["auth", "env", "generated"],
  health: ["db", "sql", "env", "harbor", "harbor-instance"],
  // what a server-action call must look like before Next.js decodes it (used by proxy.ts)
  "action-guard": ["env"],
  // jobs that turn approved requests into Harbor state
  provisioning: ["env", "db", "sql", "generated", "audit", "notify", "harbor"],
  // the domain rules: requests, policy, decisions, grants, page queries
  governance: ["env", "db", "sql", "generated", "audit", "notify", "harbor", "harbor-instance", "authz", "provisioning"],
  // access reviews: campaigns over grants, decided through governance and provisioning
  reviews: ["env", "db", "sql", "generated", "audit", "notify", "harbor", "harbor-instance", "authz", "provisioning", "governance"],
  // time-driven work nobody clicks for: the scheduler's loops and the in-process worker
  background: ["env", "db", "sql", "generated", "audit", "notify", "harbor", "harbor-instance", "provisioning", "governance", "reviews"],
  // server actions: thin definitions over the domain
  actions: ["env", "db", "sql", "generated", "audit", "notify", "harbor", "harbor-instance", "auth", "authz", "provisioning", "governance", "reviews"],
  startup: ["env", "background"],
};

/** Modules client components may load (everything else under lib/ may only be imported as a type there). */
export const CLIENT_SAFE = ["lib/core", "lib/actions"];


/**
 * The part a file belongs to, from its path relative to the repository: `lib/<folder>` (or `lib/<module>` for a
 * top-level module), else its top folder; null for files outside the parts (configuration at the root).
 */
export function partOf(relativePath) {
  const segments = relativePath.split(/[\\/]/);
  if (segments[0] === "lib") {
    if (segments.length > 2) return `lib/${segments[1]}`;
    const name = segments[1].replace(/(\.int)?(\.test)?\.(ts|tsx|mjs)$/, "");
    return `lib/${name}`;
  }
  if (segments.length === 1) return null;
  if (segments[0] === "app" && segments[1] === "api") return "app/api";
  return segments[0];
}

/** Why `from` may not import `to` (parts as partOf gives them), or null when it may. */
export function layerViolation(from, to, { typeOnly = false } = {}) {
  if (!from || !to || from === to) return null;
  const inLib = (p) => p.startsWith("lib/");
  if (inLib(from)) {
    if (!inLib(to)) return `lib/ holds production code only: ${from} may not import ${to}`;
    const own = from.slice(4);
    const target = to.slice(4);
    if (target === "core" || target === "generated" && typeOnly) return null;
    const allowed = LIB_LAYERS[own];
    if (!allowed) return `${from} is not a declared layer: add it to layers.config.mjs`;
    if (!allowed.includes(target)) return `${from} may not import ${to}`;
    return null;
  }
  if (from === "components") {
    if (["app", "dev", "test", "scripts", "e2e"].includes(to)) return `components may not import ${to}`;
    if (inLib(to) && !typeOnly && !CLIENT_SAFE.includes(to)) return `components import values only from ${CLIENT_SAFE.join(" and ")}; ${to} only as a type (read data in a page and pass it down)`;
    return null;
  }
  if (from === "app/api" && to === "components") return "route handlers call lib/; they never import components";
  if ((from === "app" || from === "app/api") && ["dev", "test", "scripts", "e2e"].includes(to)) return `${from} may not import ${to}`;
  return null;
}
