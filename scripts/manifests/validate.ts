// Checks rendered manifests: every object against the Kubernetes API schema of kubernetes-models (unknown fields
// included), then Berth's rules for running in production (docs/deploy.md, ADR 013).
import { serverSchema } from "../../lib/env";
import { containersOf, podSpecs, type K8sObject } from "./kustomize";

export interface Finding {
  object: string;
  message: string;
}

type Json = Record<string, unknown>;
type Report = (o: K8sObject, message: string) => void;
interface Model {
  prototype: { validate(this: unknown): void };
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** Names of settings whose values are secret: they may come from a Secret only. */
export const SECRET_NAME = /SECRET|PASSWORD|TOKEN|CREDENTIAL|PRIVATE|_KEY$|^DATABASE_URL$/i;
const CREDENTIALS_IN_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]+@/i;
const PLACEHOLDERS = [/\.example\.invalid\b/, /\b192\.0\.2\.\d/, /:set-by-overlay$/];
// Variables the image's runtime reads besides Berth's own settings.
const RUNTIME_VARIABLES = new Set(["PORT", "HOSTNAME", "NODE_OPTIONS", "NODE_EXTRA_CA_CERTS", "TZ"]);

async function modelFor(o: K8sObject): Promise<Model | undefined> {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(o.apiVersion) || !/^[A-Z][A-Za-z]+$/.test(o.kind)) return undefined;
  try {
    const mod = (await import(/* @vite-ignore */ `kubernetes-models/${o.apiVersion}`)) as Record<string, unknown>;
    const model = mod[o.kind] as Model | undefined;
    return typeof model?.prototype?.validate === "function" ? model : undefined;
  } catch {
    return undefined;
  }
}

// The schema's validator reads every field it knows; a field it never read is one the API does not have.
function schemaProblems(model: Model, object: K8sObject): string[] {
  const seen = new Map<object, { path: string; read: Set<string> }>();
  const proxies = new WeakMap<object, object>();
  const watch = (value: unknown, path: string): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const known = proxies.get(value);
    if (known) return known;
    const read = new Set<string>();
    seen.set(value, { path, read });
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver) as unknown;
        if (typeof key !== "string" || !Object.hasOwn(target, key)) return child;
        read.add(key);
        return watch(child, `${path}/${key}`);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  const problems: string[] = [];
  try {
    model.prototype.validate.call(watch(object, ""));
  } catch (e) {
    const errors = (e as { errors?: { instancePath: string; message?: string }[] }).errors;
    if (!errors) throw e;
    for (const err of errors) problems.push(`schema: ${err.instancePath || "/"} ${err.message ?? "is invalid"}`);
  }
  for (const [value, { path, read }] of seen) for (const key of Object.keys(value)) if (!read.has(key)) problems.push(`schema: ${path}/${key} is not a field of ${object.apiVersion} ${object.kind}`);
  return problems;
}

function matches(selector: unknown, labels: Record<string, string> | undefined): boolean {
  if (!isObject(selector)) return false;
  const have = labels ?? {};
  const matchLabels = (selector.matchLabels ?? {}) as Record<string, string>;
  if (!Object.entries(matchLabels).every(([k, v]) => have[k] === v)) return false;
  return arr(selector.matchExpressions).every((e) => {
    const values = (e.values ?? []) as string[];
    const key = String(e.key);
    if (e.operator === "In") return key in have && values.includes(have[key]!);
    if (e.operator === "NotIn") return !(key in have) || !values.includes(have[key]!);
    if (e.operator === "Exists") return key in have;
    if (e.operator === "DoesNotExist") return !(key in have);
    return false;
  });
}

function podLabels(o: K8sObject): Record<string, string> | undefined {
  const spec = o.spec as Json;
  const template = o.kind === "CronJob" ? (((spec.jobTemplate as Json).spec as Json).template as Json) : (spec.template as Json);
  return (template?.metadata as Json | undefined)?.labels as Record<string, string> | undefined;
}

const roleOf = (c: Json) => (Array.isArray(c.args) ? c.args.join(" ") : "");

/** The environment a container gets: literal values, and "from a Secret" for secretKeyRef entries. */
function environment(o: K8sObject, c: Json, objects: K8sObject[], report: Report) {
  const vars = new Map<string, { value?: string; secret: boolean }>();
  for (const from of arr(c.envFrom)) {
    if (isObject(from.secretRef)) report(o, `container ${String(c.name)}: envFrom secretRef: name each secret variable with secretKeyRef instead`);
    const ref = isObject(from.configMapRef) ? from.configMapRef.name : undefined;
    if (ref === undefined) continue;
    const map = objects.find((x) => x.kind === "ConfigMap" && x.metadata.name === ref);
    if (!map) report(o, `container ${String(c.name)}: envFrom names ConfigMap ${String(ref)}, which the overlay does not render`);
    for (const [name, value] of Object.entries((map?.data ?? {}) as Record<string, string>)) vars.set(name, { value, secret: false });
  }
  for (const e of arr(c.env)) {
    const name = String(e.name);
    const secretRef = isObject(e.valueFrom) && isObject(e.valueFrom.secretKeyRef);
    if (SECRET_NAME.test(name) && !secretRef) report(o, `container ${String(c.name)}: ${name} must come from a Secret (valueFrom.secretKeyRef), not a literal value`);
    vars.set(name, secretRef ? { secret: true } : { value: typeof e.value === "string" ? e.value : undefined, secret: false });
  }
  return vars;
}

// The app's containers get a configuration lib/env.ts accepts: every required setting, every literal valid.
function checkConfiguration(o: K8sObject, c: Json, vars: ReturnType<typeof environment>, report: Report) {
  const shape = serverSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }>;
  for (const [name, field] of Object.entries(shape)) {
    const given = vars.get(name);
    if (!given) {
      if (!field.safeParse(undefined).success) report(o, `container ${String(c.name)}: ${name} is required (lib/env.ts) but not set`);
      continue;
    }
    if (given.secret || given.value === undefined) continue;
    const parsed = field.safeParse(given.value);
    if (!parsed.success) report(o, `container ${String(c.name)}: ${name} ${parsed.error?.issues[0]?.message ?? "is invalid"}`);
  }
  for (const name of vars.keys()) if (!(name in shape) && !RUNTIME_VARIABLES.has(name)) report(o, `container ${String(c.name)}: ${name} is not a Berth setting (lib/env.ts)`);
}

function checkPodSpec(o: K8sObject, pod: Json, objects: K8sObject[], report: Report) {
  const psc = (pod.securityContext ?? {}) as Json;
  if (psc.runAsNonRoot !== true) report(o, "pod securityContext.runAsNonRoot must be true");
  if ((psc.seccompProfile as Json | undefined)?.type !== "RuntimeDefault") report(o, "pod securityContext.seccompProfile.type must be RuntimeDefault");
  if (pod.automountServiceAccountToken !== false) report(o, "pod automountServiceAccountToken must be false");
  for (const host of ["hostNetwork", "hostPID", "hostIPC"]) if (pod[host] === true) report(o, `pod ${host} must not be true`);
  const account = pod.serviceAccountName;
  if (!objects.some((x) => x.kind === "ServiceAccount" && x.metadata.name === account)) report(o, `pod serviceAccountName ${String(account)} is not a ServiceAccount of the overlay`);
  const emptyDirs = new Set(arr(pod.volumes).flatMap((v) => (isObject(v.emptyDir) ? [v.name] : [])));
  for (const c of containersOf(pod)) {
    const name = `container ${String(c.name)}`;
    const sc = (c.securityContext ?? {}) as Json;
    if (sc.runAsNonRoot !== true) report(o, `${name}: securityContext.runAsNonRoot must be true`);
    if (sc.readOnlyRootFilesystem !== true) report(o, `${name}: securityContext.readOnlyRootFilesystem must be true`);
    if (sc.allowPrivilegeEscalation !== false) report(o, `${name}: securityContext.allowPrivilegeEscalation must be false`);
    if (sc.privileged === true) report(o, `${name}: securityContext.privileged must not be true`);
    const caps = (sc.capabilities ?? {}) as Json;
    if (!Array.isArray(caps.drop) || !caps.drop.includes("ALL")) report(o, `${name}: securityContext.capabilities.drop must include ALL`);
    if (Array.isArray(caps.add) && caps.add.length > 0) report(o, `${name}: securityContext.capabilities.add must be empty`);
    if ((sc.seccompProfile as Json | undefined)?.type !== "RuntimeDefault") report(o, `${name}: securityContext.seccompProfile.type must be RuntimeDefault`);
    if (!arr(c.volumeMounts).some((m) => m.mountPath === "/tmp" && emptyDirs.has(m.name))) report(o, `${name}: needs an emptyDir mounted at /tmp (the root filesystem is read-only)`);
    const resources = (c.resources ?? {}) as Json;
    for (const kind of ["requests", "limits"])
      for (const r of ["cpu", "memory"]) if (!isObject(resources[kind]) || resources[kind][r] === undefined) report(o, `${name}: resources.${kind}.${r} must be set`);
    const image = String(c.image ?? "");
    if (!/[:@][^/]+$/.test(image) || image.endsWith(":latest")) report(o, `${name}: image ${image} needs a fixed tag or digest`);
  }
}

function httpProbe(c: Json, probe: string): { path?: unknown; port?: unknown } {
  const p = c[probe];
  return isObject(p) && isObject(p.httpGet) ? p.httpGet : {};
}

function checkWeb(o: K8sObject, c: Json, vars: ReturnType<typeof environment>, objects: K8sObject[], report: Report) {
  const spec = o.spec as Json;
  if (typeof spec.replicas !== "number" || spec.replicas < 2) report(o, `the web tier needs at least 2 replicas (has ${String(spec.replicas ?? 1)})`);
  if (vars.get("BERTH_WORKER")?.value !== "off") report(o, "the web tier must run with BERTH_WORKER=off (the worker Deployment runs the jobs)");
  if (((spec.strategy as Json | undefined)?.rollingUpdate as Json | undefined)?.maxUnavailable !== 0) report(o, "rollingUpdate.maxUnavailable must be 0: old pods serve until new ones are ready");
  const port = arr(c.ports).find((p) => p.containerPort === 3000);
  if (!port) report(o, "the web container must expose port 3000");
  const portOk = (p: unknown) => p === 3000 || (port !== undefined && p === port.name);
  for (const [probe, path] of [
    ["startupProbe", "/api/health"],
    ["livenessProbe", "/api/health"],
    ["readinessProbe", "/api/ready"],
  ] as const) {
    const get = httpProbe(c, probe);
    if (get.path !== path || !portOk(get.port)) report(o, `${probe} must be an HTTP GET of ${path} on port 3000`);
  }
  const labels = podLabels(o);
  if (!objects.some((x) => x.kind === "Service" && isObject(x.spec) && matches({ matchLabels: x.spec.selector }, labels))) report(o, "no Service selects the web pods");
  if (!objects.some((x) => x.kind === "PodDisruptionBudget" && isObject(x.spec) && matches(x.spec.selector, labels))) report(o, "no PodDisruptionBudget covers the web pods");
}

/** The worker's metrics port as its environment sets it (a literal BERTH_WORKER_METRICS_PORT) or lib/env.ts's default. */
function metricsPort(c: Json): number {
  const literal = arr(c.env).find((e) => e.name === "BERTH_WORKER_METRICS_PORT")?.value;
  return serverSchema.shape.BERTH_WORKER_METRICS_PORT.parse(literal);
}

function checkWorker(o: K8sObject, c: Json, objects: K8sObject[], report: Report) {
  // the worker serves no pages: its one port is its metrics listener
  const ports = arr(c.ports);
  if (ports.length > 1 || ports.some((p) => p.name !== "metrics" || p.containerPort !== metricsPort(c))) report(o, `the worker serves no pages: its only container port is metrics (${metricsPort(c)}, BERTH_WORKER_METRICS_PORT)`);
  const labels = podLabels(o);
  if (objects.some((x) => x.kind === "Service" && isObject(x.spec) && x.spec.selector !== undefined && matches({ matchLabels: x.spec.selector }, labels))) report(o, "no Service may select the worker pods");
}

function checkNetworkPolicies(o: K8sObject, objects: K8sObject[], report: Report) {
  const labels = podLabels(o);
  const covering = objects.filter((x) => x.kind === "NetworkPolicy" && isObject(x.spec) && matches(x.spec.podSelector, labels));
  for (const type of ["Ingress", "Egress"]) if (!covering.some((p) => ((p.spec as Json).policyTypes as string[] | undefined)?.includes(type))) report(o, `no NetworkPolicy restricts ${type.toLowerCase()} of these pods`);
}

function walkStrings(value: unknown, visit: (s: string, path: string) => void, path = "") {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, visit, `${path}/${i}`));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walkStrings(v, visit, `${path}/${k}`);
}

function checkPolicy(objects: K8sObject[], report: Report) {
  for (const o of objects) {
    if (o.kind === "Secret") report(o, "Secrets are created in the cluster, never kept in the manifests");
    if (o.kind === "ServiceAccount" && o.automountServiceAccountToken !== false) report(o, "automountServiceAccountToken must be false");
    if (o.kind === "ConfigMap") for (const key of Object.keys((o.data ?? {}) as Json)) if (SECRET_NAME.test(key)) report(o, `${key} is secret: it belongs in a Secret, referenced with secretKeyRef`);
    walkStrings(o, (s, path) => {
      if (CREDENTIALS_IN_URL.test(s)) report(o, `${path} holds a URL with credentials`);
      if (PLACEHOLDERS.some((p) => p.test(s))) report(o, `${path} still holds the base's placeholder ${JSON.stringify(s)}: the overlay must set it`);
    });
  }
  const roles = new Map<string, number>();
  for (const o of objects)
    for (const pod of podSpecs(o)) {
      checkPodSpec(o, pod, objects, report);
      checkNetworkPolicies(o, objects, report);
      for (const c of arr(pod.containers)) {
        const role = roleOf(c);
        roles.set(role, (roles.get(role) ?? 0) + 1);
        const vars = environment(o, c, objects, report);
        if (role === "web" || role === "worker") {
          if (o.kind !== "Deployment") report(o, `the ${role} tier must be a Deployment`);
          checkConfiguration(o, c, vars, report);
        } else if (!vars.get("DATABASE_URL")?.secret) report(o, `container ${String(c.name)}: DATABASE_URL must come from a Secret`);
        if (role === "web") checkWeb(o, c, vars, objects, report);
        if (role === "worker") checkWorker(o, c, objects, report);
        if (role === "migrate" && o.kind !== "Job") report(o, "migrations run as a Job");
        if (role === "audit-verify" && o.kind !== "CronJob") report(o, "audit-verify runs as a CronJob");
        if (!["web", "worker", "migrate", "audit-verify"].includes(role)) report(o, `container ${String(c.name)}: args ${JSON.stringify(c.args)} select no role of the image (web, worker, migrate, audit-verify)`);
      }
    }
  const overlay = { apiVersion: "v1", kind: "Kustomization", metadata: { name: "(overlay)" } };
  for (const role of ["web", "worker", "migrate", "audit-verify"]) if (roles.get(role) !== 1) report(overlay, `expected exactly one ${role} container, found ${roles.get(role) ?? 0}`);
}

/** Every problem with a rendered overlay; an empty list means it may be deployed. */
export async function checkManifests(objects: K8sObject[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  const report: Report = (o, message) => findings.push({ object: idOf(o), message });
  for (const o of objects) {
    const model = await modelFor(o);
    if (!model) report(o, `schema: no Kubernetes API schema for ${o.apiVersion} ${o.kind}`);
    else for (const problem of schemaProblems(model, o)) report(o, problem);
  }
  checkPolicy(objects, report);
  return findings;
}
