// A small kustomize: exactly the features deploy/kubernetes uses, for machines without kubectl. Anything else is
// refused with a message naming it, so a manifest never renders differently here than with `kubectl kustomize`
// unnoticed (the tests compare both wherever kubectl is installed). ADR 013.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export class KustomizeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KustomizeError";
  }
}

const FIELDS = ["apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches", "configMapGenerator"] as const;
const REFUSED_HINT = "the built-in renderer (scripts/manifests/kustomize.ts) supports only " + FIELDS.slice(2).join(", ");

type Json = Record<string, unknown>;
interface Generated {
  object: K8sObject;
  /** The name references use; the rendered name gets a hash of the content at the end. */
  name: string;
}
interface Build {
  objects: K8sObject[];
  generated: Generated[];
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;

function fail(file: string, message: string): never {
  throw new KustomizeError(`${file}: ${message}`);
}

function readKustomization(dir: string): { file: string; k: Json } {
  const file = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((n) => path.join(dir, n)).find((f) => fs.existsSync(f));
  if (!file) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const k = yaml.load(fs.readFileSync(file, "utf8"));
  if (!isObject(k)) fail(file, "is not a mapping");
  for (const key of Object.keys(k)) if (!(FIELDS as readonly string[]).includes(key)) fail(file, `unsupported kustomize feature '${key}': ${REFUSED_HINT}`);
  if (k.apiVersion !== undefined && k.apiVersion !== "kustomize.config.k8s.io/v1beta1") fail(file, `unsupported apiVersion ${String(k.apiVersion)}`);
  if (k.kind !== undefined && k.kind !== "Kustomization") fail(file, `unsupported kind ${String(k.kind)} (only Kustomization)`);
  return { file, k };
}

function list(file: string, k: Json, key: string): Json[] {
  const value = k[key] ?? [];
  if (!Array.isArray(value) || !value.every(isObject)) fail(file, `'${key}' must be a list of mappings`);
  return value;
}

function only(file: string, entry: Json, what: string, allowed: string[]) {
  for (const key of Object.keys(entry)) if (!allowed.includes(key)) fail(file, `unsupported field '${key}' in ${what}: ${REFUSED_HINT}`);
}

function loadResourceFile(file: string): K8sObject[] {
  return yaml.loadAll(fs.readFileSync(file, "utf8")).flatMap((doc, i) => {
    if (doc === null || doc === undefined) return [];
    if (!isObject(doc) || typeof doc.apiVersion !== "string" || typeof doc.kind !== "string" || !isObject(doc.metadata) || typeof doc.metadata.name !== "string") {
      fail(file, `document ${i + 1} is not a Kubernetes object with apiVersion, kind and metadata.name`);
    }
    return [doc as K8sObject];
  });
}

function build(dir: string): Build {
  const { file, k } = readKustomization(dir);
  const out: Build = { objects: [], generated: [] };
  const add = (o: K8sObject) => {
    if (out.objects.some((x) => idOf(x) === idOf(o))) fail(file, `${idOf(o)} is defined twice`);
    out.objects.push(o);
  };

  const resources = k.resources ?? [];
  if (!Array.isArray(resources)) fail(file, "'resources' must be a list");
  for (const entry of resources) {
    if (typeof entry !== "string" || /^[a-z]+:\/\//i.test(entry) || entry.includes("?ref=")) fail(file, `resource ${JSON.stringify(entry)}: only local files and directories are supported`);
    const target = path.resolve(dir, entry);
    if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
      const inner = build(target);
      inner.objects.forEach(add);
      out.generated.push(...inner.generated);
    } else if (fs.existsSync(target)) {
      // kustomize's default load restriction: files must lie inside the kustomization's directory
      if (path.relative(dir, target).startsWith("..")) fail(file, `resource ${entry} lies outside ${dir}`);
      loadResourceFile(target).forEach(add);
    } else fail(file, `resource ${entry} does not exist`);
  }

  for (const gen of list(file, k, "configMapGenerator")) generateConfigMap(file, gen, out, add);
  for (const patch of list(file, k, "patches")) applyPatch(file, dir, patch, out.objects);
  if (k.namespace !== undefined) {
    if (typeof k.namespace !== "string") fail(file, "'namespace' must be a string");
    for (const o of out.objects) o.metadata.namespace = k.namespace;
  }
  for (const r of list(file, k, "replicas")) setReplicas(file, r, out.objects);
  for (const image of list(file, k, "images")) setImage(file, image, out.objects);
  return out;
}

function parseLiteral(file: string, literal: unknown): [string, string] {
  if (typeof literal !== "string" || !literal.includes("=")) fail(file, `configMapGenerator literal ${JSON.stringify(literal)} is not KEY=VALUE`);
  const at = literal.indexOf("=");
  let value = literal.slice(at + 1);
  if (/^(["']).*\1$/s.test(value)) value = value.slice(1, -1);
  return [literal.slice(0, at), value];
}

function generateConfigMap(file: string, gen: Json, out: Build, add: (o: K8sObject) => void) {
  only(file, gen, "configMapGenerator", ["name", "behavior", "literals"]);
  if (typeof gen.name !== "string") fail(file, "configMapGenerator needs a name");
  const data = Object.fromEntries(((gen.literals ?? []) as unknown[]).map((l) => parseLiteral(file, l)));
  const behavior = gen.behavior ?? "create";
  const existing = out.generated.find((g) => g.name === gen.name);
  if (behavior === "create") {
    if (existing) fail(file, `configMapGenerator ${gen.name} already exists: use behavior merge or replace`);
    const object: K8sObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: gen.name }, data };
    out.generated.push({ object, name: gen.name });
    add(object);
  } else if (behavior === "merge" || behavior === "replace") {
    if (!existing) fail(file, `configMapGenerator ${gen.name} (behavior ${behavior}) has no ConfigMap of that name to change`);
    existing.object.data = behavior === "merge" ? { ...(existing.object.data as Json), ...data } : data;
  } else fail(file, `configMapGenerator behavior ${String(behavior)} is not create, merge or replace`);
}

function pointer(file: string, p: unknown): string[] {
  if (typeof p !== "string" || !p.startsWith("/")) fail(file, `patch path ${JSON.stringify(p)} is not a JSON pointer`);
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

// RFC 6902 add, replace and remove; test, move and copy are refused.
function applyOperation(file: string, target: K8sObject, op: Json) {
  only(file, op, "a JSON 6902 operation", ["op", "path", "value"]);
  if (op.op !== "add" && op.op !== "replace" && op.op !== "remove") fail(file, `JSON 6902 operation '${String(op.op)}' is not supported (add, replace, remove)`);
  const parts = pointer(file, op.path);
  const last = parts.pop()!;
  let parent: unknown = target;
  for (const part of parts) {
    parent = Array.isArray(parent) ? parent[Number(part)] : isObject(parent) ? parent[part] : undefined;
    if (parent === undefined) fail(file, `patch path ${String(op.path)} does not exist in ${idOf(target)}`);
  }
  const value = structuredClone(op.value);
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    const bound = op.op === "add" ? parent.length : parent.length - 1;
    if (!/^\d+$|^-$/.test(last) || index > bound || (last === "-" && op.op !== "add")) fail(file, `patch path ${String(op.path)} is not an index of ${idOf(target)}`);
    if (op.op === "add") parent.splice(index, 0, value);
    else if (op.op === "replace") parent[index] = value;
    else parent.splice(index, 1);
  } else if (isObject(parent)) {
    if (op.op !== "add" && !(last in parent)) fail(file, `patch path ${String(op.path)} does not exist in ${idOf(target)}`);
    if (op.op === "remove") delete parent[last];
    else parent[last] = value;
  } else fail(file, `patch path ${String(op.path)} does not exist in ${idOf(target)}`);
}

function applyPatch(file: string, dir: string, patch: Json, objects: K8sObject[]) {
  only(file, patch, "patches", ["target", "patch", "path"]);
  const t = patch.target;
  if (!isObject(t)) fail(file, "a patch needs a target (kind and name): strategic merge patches without one are not supported");
  only(file, t, "a patch target", ["group", "version", "kind", "name"]);
  if (typeof t.kind !== "string" || typeof t.name !== "string" || /[.*+?^${}()|[\]\\]/.test(t.name)) fail(file, "a patch target needs a kind and a plain name (no regular expression)");
  const text = typeof patch.path === "string" ? fs.readFileSync(path.resolve(dir, patch.path), "utf8") : patch.patch;
  if (typeof text !== "string") fail(file, "a patch needs 'patch' or 'path'");
  const ops = yaml.load(text);
  if (!Array.isArray(ops) || !ops.every(isObject)) fail(file, `the patch for ${t.kind}/${t.name} is not a JSON 6902 list of operations (strategic merge patches are not supported)`);
  const matches = objects.filter((o) => {
    const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
    return o.kind === t.kind && o.metadata.name === t.name && (t.group === undefined || t.group === group) && (t.version === undefined || t.version === version);
  });
  if (matches.length === 0) fail(file, `patch target ${t.kind}/${t.name} matches no resource`);
  for (const target of matches) for (const op of ops) applyOperation(file, target, op);
}

/** Pod specs in the workload kinds Berth uses, for the image and name-reference transformers. */
export function podSpecs(o: K8sObject): Json[] {
  const spec = o.spec as Json | undefined;
  if (!isObject(spec)) return [];
  if (o.kind === "Pod") return [spec];
  if (o.kind === "CronJob") {
    const job = (spec.jobTemplate as Json | undefined)?.spec as Json | undefined;
    const pod = (job?.template as Json | undefined)?.spec;
    return isObject(pod) ? [pod] : [];
  }
  const pod = (spec.template as Json | undefined)?.spec;
  return isObject(pod) ? [pod] : [];
}

export function containersOf(pod: Json): Json[] {
  return [...((pod.initContainers as Json[] | undefined) ?? []), ...((pod.containers as Json[] | undefined) ?? [])];
}

function setReplicas(file: string, r: Json, objects: K8sObject[]) {
  only(file, r, "replicas", ["name", "count"]);
  const targets = objects.filter((o) => ["Deployment", "StatefulSet", "ReplicaSet"].includes(o.kind) && o.metadata.name === r.name);
  if (targets.length === 0) fail(file, `replicas: no Deployment, StatefulSet or ReplicaSet named ${String(r.name)}`);
  if (!Number.isInteger(r.count)) fail(file, `replicas: count of ${String(r.name)} must be a whole number`);
  for (const o of targets) (o.spec as Json).replicas = r.count;
}

function setImage(file: string, image: Json, objects: K8sObject[]) {
  only(file, image, "images", ["name", "newName", "newTag", "digest"]);
  if (typeof image.name !== "string") fail(file, "images: an entry needs a name");
  for (const o of objects)
    for (const pod of podSpecs(o))
      for (const c of containersOf(pod)) {
        const current = String(c.image ?? "");
        const name = current.replace(/@.*$/, "").replace(/:[^:/]*$/, "");
        if (name !== image.name) continue;
        const tag = current.slice(name.length);
        const suffix = typeof image.digest === "string" ? `@${image.digest}` : image.newTag !== undefined ? `:${String(image.newTag)}` : tag;
        c.image = `${typeof image.newName === "string" ? image.newName : name}${suffix}`;
      }
}

// kustomize's content hash of a generated ConfigMap (api/hasher): SHA-256 over Go's JSON of kind, name and data,
// whose name lookup comes back empty, so only the data counts; the first ten hex digits with 0 1 3 a e replaced.
export function configMapHash(data: Record<string, unknown> | undefined): string {
  const sorted = data === undefined ? "" : Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const json = JSON.stringify({ data: sorted, kind: "ConfigMap", name: "" }).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const replace: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  return createHash("sha256")
    .update(json)
    .digest("hex")
    .slice(0, 10)
    .replace(/[013ae]/g, (ch) => replace[ch]!);
}

function renameConfigMapReferences(objects: K8sObject[], from: string, to: string) {
  for (const o of objects)
    for (const pod of podSpecs(o)) {
      for (const c of containersOf(pod)) {
        for (const e of (c.envFrom as Json[] | undefined) ?? []) if (isObject(e.configMapRef) && e.configMapRef.name === from) e.configMapRef.name = to;
        for (const e of (c.env as Json[] | undefined) ?? []) {
          const ref = (e.valueFrom as Json | undefined)?.configMapKeyRef;
          if (isObject(ref) && ref.name === from) ref.name = to;
        }
      }
      for (const v of (pod.volumes as Json[] | undefined) ?? []) if (isObject(v.configMap) && v.configMap.name === from) v.configMap.name = to;
    }
}

// kustomize's "legacy" output order: kinds others depend on first, then the rest by group, version and kind.
const ORDER_FIRST = ["Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget"];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

function orderKey(o: K8sObject): string {
  const first = ORDER_FIRST.indexOf(o.kind);
  const last = ORDER_LAST.indexOf(o.kind);
  const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
  const rank = first >= 0 ? `0${String(first).padStart(3, "0")}` : last >= 0 ? `2${String(last).padStart(3, "0")}` : `1${group}_${version}_${o.kind}`;
  return `${rank}\u0000${o.metadata.namespace ?? ""}\u0000${o.metadata.name}`;
}

/** Renders the kustomization in `dir` as `kubectl kustomize dir` would, or throws KustomizeError. */
export function kustomize(dir: string): K8sObject[] {
  const { objects, generated } = build(path.resolve(dir));
  for (const g of generated) {
    const hashed = `${g.name}-${configMapHash(g.object.data as Json | undefined)}`;
    g.object.metadata.name = hashed;
    renameConfigMapReferences(objects, g.name, hashed);
  }
  return objects.sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : orderKey(a) > orderKey(b) ? 1 : 0));
}

/** The rendered objects as one YAML stream. */
export function toYaml(objects: K8sObject[]): string {
  return objects.map((o) => yaml.dump(o, { lineWidth: -1, noRefs: true })).join("---\n");
}
