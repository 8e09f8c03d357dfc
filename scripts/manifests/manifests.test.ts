import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { compareRenderings, findKubectl, kubectlKustomize } from "./kubectl";
import { configMapHash, containersOf, kustomize, KustomizeError, podSpecs, type K8sObject } from "./kustomize";
import { checkManifests } from "./validate";

const root = path.resolve(import.meta.dirname, "../../deploy/kubernetes");
const overlays = fs.readdirSync(path.join(root, "overlays")).sort();
const kubectl = findKubectl();
console.log(kubectl ? `[manifests] kubectl ${kubectl.version} (kustomize ${kubectl.kustomize}): its rendering is compared with the built-in one` : "[manifests] kubectl not found on PATH: overlays are rendered by the built-in renderer only");

type Json = Record<string, unknown>;
const find = (objects: K8sObject[], kind: string, name: string) => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind}/${name} not rendered`);
  return o as K8sObject & { spec: Json; data: Json };
};
const pod = (o: K8sObject) => podSpecs(o)[0]!;
const container = (o: K8sObject) => containersOf(pod(o))[0]! as Json & { securityContext: Json; env: Json[]; resources: Json };
const messages = async (objects: K8sObject[]) => (await checkManifests(objects)).map((f) => `${f.object}: ${f.message}`);

describe.each(overlays)("overlay %s", (overlay) => {
  const dir = path.join(root, "overlays", overlay);

  it("renders, and every object passes the Kubernetes API schema and Berth's checks", async () => {
    const objects = kustomize(dir);
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(["Deployment", "Job", "CronJob", "Service", "Ingress", "ConfigMap", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy"]));
    expect(await messages(objects)).toEqual([]);
  });

  it("renders the same objects with kubectl kustomize", (ctx) => {
    ctx.skip(!kubectl, "kubectl is not on PATH: nothing to compare the built-in rendering with (docs/deploy.md, \"Checking the manifests\")");
    expect(compareRenderings(kustomize(dir), kubectlKustomize(dir))).toEqual([]);
  });
});

describe("the checks refuse", () => {
  const production = () => kustomize(path.join(root, "overlays/production"));

  it("a container without runAsNonRoot, and a pod without it", async () => {
    const objects = production();
    delete container(find(objects, "Deployment", "berth-worker")).securityContext.runAsNonRoot;
    delete (pod(find(objects, "Job", "berth-migrate")).securityContext as Json).runAsNonRoot;
    expect(await messages(objects)).toEqual([
      "Deployment/berth-worker: container worker: securityContext.runAsNonRoot must be true",
      "Job/berth-migrate: pod securityContext.runAsNonRoot must be true",
    ]);
  });

  it("a literal secret value, in a container or a ConfigMap, and a Secret object", async () => {
    const objects = production();
    const env = container(find(objects, "Deployment", "berth-web")).env;
    env[env.findIndex((e) => e.name === "DATABASE_URL")] = { name: "DATABASE_URL", value: "postgresql://berth:hunter2@db:5432/berth" };
    const config = objects.find((o) => o.kind === "ConfigMap")!;
    (config.data as Json).HARBOR_PASSWORD = "Harbor12345";
    objects.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "berth", namespace: "berth" }, stringData: { "harbor-password": "Harbor12345" } });
    const found = await messages(objects);
    expect(found).toEqual(
      expect.arrayContaining([
        "Deployment/berth-web: container web: DATABASE_URL must come from a Secret (valueFrom.secretKeyRef), not a literal value",
        expect.stringMatching(/^Deployment\/berth-web: \/spec\/template\/spec\/containers\/0\/env\/\d+\/value holds a URL with credentials$/),
        `ConfigMap/${config.metadata.name}: HARBOR_PASSWORD is secret: it belongs in a Secret, referenced with secretKeyRef`,
        "Secret/berth: Secrets are created in the cluster, never kept in the manifests",
      ]),
    );
  });

  it("a field the Kubernetes API does not have, and a value of the wrong type", async () => {
    const objects = production();
    container(find(objects, "Deployment", "berth-web")).securityContext.runAsNonRot = true;
    find(objects, "CronJob", "berth-audit-verify").spec.schedul = "@daily";
    find(objects, "Deployment", "berth-worker").spec.replicas = "two";
    expect(await messages(objects)).toEqual([
      "Deployment/berth-web: schema: /spec/template/spec/containers/0/securityContext/runAsNonRot is not a field of apps/v1 Deployment",
      "Deployment/berth-worker: schema: /spec/replicas must be integer",
      "CronJob/berth-audit-verify: schema: /spec/schedul is not a field of batch/v1 CronJob",
    ]);
  });

  it("a web tier with one replica, the in-process worker on, and probes on the wrong endpoints", async () => {
    const objects = production();
    const web = find(objects, "Deployment", "berth-web");
    web.spec.replicas = 1;
    const c = container(web);
    c.env = c.env.filter((e) => e.name !== "BERTH_WORKER");
    c.readinessProbe = c.livenessProbe;
    c.livenessProbe = { httpGet: { path: "/api/ready", port: "http" } };
    expect(await messages(objects)).toEqual([
      "Deployment/berth-web: the web tier needs at least 2 replicas (has 1)",
      "Deployment/berth-web: the web tier must run with BERTH_WORKER=off (the worker Deployment runs the jobs)",
      "Deployment/berth-web: livenessProbe must be an HTTP GET of /api/health on port 3000",
      "Deployment/berth-web: readinessProbe must be an HTTP GET of /api/ready on port 3000",
    ]);
  });

  it("a pod without a writable /tmp, limits or a fixed image, and a worker with a port", async () => {
    const objects = production();
    const worker = find(objects, "Deployment", "berth-worker");
    const c = container(worker);
    c.volumeMounts = [];
    delete c.resources.limits;
    c.image = "ghcr.io/example/berth:latest";
    c.ports = [{ containerPort: 9090 }];
    expect(await messages(objects)).toEqual([
      "Deployment/berth-worker: container worker: needs an emptyDir mounted at /tmp (the root filesystem is read-only)",
      "Deployment/berth-worker: container worker: resources.limits.cpu must be set",
      "Deployment/berth-worker: container worker: resources.limits.memory must be set",
      "Deployment/berth-worker: container worker: image ghcr.io/example/berth:latest needs a fixed tag or digest",
      "Deployment/berth-worker: the worker serves no pages: its only container port is metrics (9464, BERTH_WORKER_METRICS_PORT)",
    ]);
  });

  it("pods no NetworkPolicy confines, a mounted service account token, and a setting lib/env.ts rejects", async () => {
    const objects = production().filter((o) => o.metadata.name !== "berth-default-deny" && o.metadata.name !== "berth-from-prometheus");
    find(objects, "ServiceAccount", "berth").automountServiceAccountToken = true;
    pod(find(objects, "Job", "berth-migrate")).automountServiceAccountToken = true;
    const config = objects.find((o) => o.kind === "ConfigMap")!;
    Object.assign(config.data as Json, { NEXTAUTH_URL: "berth.example.com", BERTH_WORKERS: "off" });
    const found = await messages(objects);
    expect(found).toEqual(
      expect.arrayContaining([
        "ServiceAccount/berth: automountServiceAccountToken must be false",
        "Job/berth-migrate: pod automountServiceAccountToken must be false",
        "Deployment/berth-worker: no NetworkPolicy restricts ingress of these pods",
        "Job/berth-migrate: no NetworkPolicy restricts ingress of these pods",
        "Deployment/berth-web: container web: NEXTAUTH_URL must be an http(s) URL",
        "Deployment/berth-worker: container worker: BERTH_WORKERS is not a Berth setting (lib/env.ts)",
      ]),
    );
    // the web pods are still confined: berth-web-from-ingress and the egress policies select them
    expect(found.filter((m) => m.startsWith("Deployment/berth-web: no NetworkPolicy"))).toEqual([]);
  });

  it("the base on its own: placeholders the overlay must replace and required settings it must give", async () => {
    const found = await messages(kustomize(path.join(root, "base")));
    expect(found).toEqual(
      expect.arrayContaining([
        'Deployment/berth-web: /spec/template/spec/containers/0/image still holds the base\'s placeholder "ghcr.io/example/berth:set-by-overlay": the overlay must set it',
        'NetworkPolicy/berth-to-postgres: /spec/egress/0/to/0/ipBlock/cidr still holds the base\'s placeholder "192.0.2.10/32": the overlay must set it',
        'Ingress/berth: /spec/rules/0/host still holds the base\'s placeholder "berth.example.invalid": the overlay must set it',
        "Deployment/berth-web: container web: OIDC_ISSUER is required (lib/env.ts) but not set",
        "Deployment/berth-worker: container worker: HARBOR_URL is required (lib/env.ts) but not set",
      ]),
    );
  });
});

describe("the built-in renderer", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  function kustomization(content: Json, files: Record<string, string> = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "berth-kustomize-"));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "app"));
    fs.writeFileSync(path.join(dir, "app/kustomization.yaml"), yaml.dump({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", ...content }));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, "app");
  }
  const sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: berth\n";

  it("names the ConfigMaps it generates with kustomize's content hash", () => {
    // the name kubectl v1.32 (kustomize v5.5.0) gives the base's berth-config
    expect(configMapHash({ OIDC_GROUPS_CLAIM: "groups", OIDC_SCOPES: "openid profile email groups", BERTH_LOG_LEVEL: "info" })).toBe("96mt67f7h2");
    const objects = kustomize(kustomization({ configMapGenerator: [{ name: "c", literals: ["A=1", 'B="two words"'] }] }));
    expect(objects).toEqual([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `c-${configMapHash({ A: "1", B: "two words" })}` }, data: { A: "1", B: "two words" } }]);
  });

  it.each([
    ["a kustomize feature it does not implement", { labels: [{ pairs: { a: "b" } }] }, {}, /unsupported kustomize feature 'labels'/],
    ["a strategic merge patch", { resources: ["sa.yaml"], patches: [{ target: { kind: "ServiceAccount", name: "berth" }, patch: "metadata:\n  labels:\n    a: b\n" }] }, { "app/sa.yaml": sa }, /not a JSON 6902 list of operations/],
    ["a JSON 6902 operation it does not implement", { resources: ["sa.yaml"], patches: [{ target: { kind: "ServiceAccount", name: "berth" }, patch: "- op: copy\n  from: /metadata/name\n  path: /metadata/x\n" }] }, { "app/sa.yaml": sa }, /unsupported field 'from'|operation 'copy' is not supported/],
    ["a patch whose target is not rendered", { resources: ["sa.yaml"], patches: [{ target: { kind: "Deployment", name: "berth-web" }, patch: "- op: remove\n  path: /spec\n" }] }, { "app/sa.yaml": sa }, /patch target Deployment\/berth-web matches no resource/],
    ["a patch path that does not exist", { resources: ["sa.yaml"], patches: [{ target: { kind: "ServiceAccount", name: "berth" }, patch: "- op: replace\n  path: /spec/replicas\n  value: 2\n" }] }, { "app/sa.yaml": sa }, /patch path \/spec\/replicas does not exist/],
    ["a resource file outside its directory", { resources: ["../sa.yaml"] }, { "sa.yaml": sa }, /resource \.\.\/sa\.yaml lies outside/],
    ["a remote resource", { resources: ["https://github.com/example/berth//deploy?ref=main"] }, {}, /only local files and directories/],
    ["a regular expression as a patch target", { resources: ["sa.yaml"], patches: [{ target: { kind: "ServiceAccount", name: "berth.*" }, patch: "- op: remove\n  path: /metadata/labels\n" }] }, { "app/sa.yaml": sa }, /plain name/],
  ])("refuses %s, naming it", (_, content, files, message) => {
    const dir = kustomization(content, files);
    expect(() => kustomize(dir)).toThrow(KustomizeError);
    expect(() => kustomize(dir)).toThrow(message);
  });
});
