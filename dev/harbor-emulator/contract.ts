// Contract checks against Harbor's own API document (Swagger 2.0, v2.15.2), for tests and the emulator.
// Not exported from lib/harbor/index.ts: it reads the document from disk and pulls in ajv, which the app never needs.
import fs from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import yaml from "js-yaml";
import { nodeFetch } from "../../lib/harbor/node-fetch";

export const HARBOR_API_BASE = "/api/v2.0";
export const HARBOR_DOCUMENT_PATH = path.join(import.meta.dirname, "../../lib/harbor/generated/harbor-v2.15.2.swagger.yaml");

type JsonSchema = Record<string, unknown>;

interface SwaggerParameter {
  name: string;
  in: "path" | "query" | "header" | "body" | "formData";
  required?: boolean;
  type?: string;
  format?: string;
  items?: SwaggerParameter;
  collectionFormat?: string;
  schema?: JsonSchema;
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  minLength?: number;
  enum?: unknown[];
  pattern?: string;
  $ref?: string;
}

interface SwaggerResponse {
  description?: string;
  schema?: JsonSchema;
  headers?: Record<string, { type?: string; format?: string }>;
  $ref?: string;
}

interface SwaggerOperation {
  operationId?: string;
  parameters?: SwaggerParameter[];
  responses?: Record<string, SwaggerResponse>;
  produces?: string[];
  consumes?: string[];
}

interface SwaggerDocument {
  basePath: string;
  produces?: string[];
  consumes?: string[];
  paths: Record<string, Record<string, SwaggerOperation | SwaggerParameter[]>>;
  parameters: Record<string, SwaggerParameter>;
  responses: Record<string, SwaggerResponse>;
  definitions: Record<string, JsonSchema>;
}

export interface HarborOperation {
  /** e.g. "GET /projects/{project_name_or_id}" — the key used for statistics and messages. */
  key: string;
  method: string;
  template: string;
  operationId: string;
  parameters: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
  produces: string[];
}

export interface OperationMatch {
  operation: HarborOperation;
  pathParams: Record<string, string>;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface ContractRequest {
  method: string;
  /** Path with or without the /api/v2.0 prefix; a query string is allowed here too. */
  path: string;
  query?: URLSearchParams;
  headers?: HeaderBag;
  /** The raw body as sent (JSON text), or undefined when there is none. */
  body?: string;
}

export interface ContractResponse {
  status: number;
  headers?: HeaderBag;
  /** The raw body as received. */
  body?: string;
}

export interface ContractFailure {
  in: "path" | "query" | "header" | "body" | "status" | "operation";
  name: string;
  /** Worded like go-openapi's own validation messages, so the emulator can send them as Harbor would. */
  message: string;
}

export interface ContractResult {
  ok: boolean;
  operation?: string;
  failures: ContractFailure[];
}

export interface ValidateRequestOptions {
  /** Harbor (go-swagger) ignores unknown body fields and query parameters; our client must not send them. */
  allowUnknown?: boolean;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const TRUE_WORDS = new Set(["true", "1", "yes", "ok", "y", "on", "selected", "checked", "enabled"]);
const FALSE_WORDS = new Set(["false", "0", "no", "n", "off", "deselected", "unchecked", "disabled", ""]);
// Which schema keywords of Swagger 2.0 carry validation meaning; the rest (x-*, example, readOnly…) are annotations.
const KEPT_KEYWORDS = ["type", "format", "enum", "maximum", "minimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems"];

function header(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(", ") : value;
  }
  return undefined;
}

function parseBool(raw: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return undefined;
}

class Contract {
  readonly doc: SwaggerDocument;
  private readonly ajv: Ajv;
  private readonly operations: HarborOperation[] = [];
  private readonly byTemplate = new Map<string, { template: string; segments: string[]; ops: Map<string, HarborOperation> }>();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(documentText: string) {
    this.doc = yaml.load(documentText) as SwaggerDocument;
    this.ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    addFormats(this.ajv);
    // Go-swagger formats that ajv-formats does not know.
    this.ajv.addFormat("int", { type: "number", validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat("int8", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -128 && n <= 127 });
    this.ajv.addFormat("uint64", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
    this.ajv.addFormat("float64", { type: "number", validate: () => true });
    for (const strict of [true, false]) {
      const definitions: Record<string, JsonSchema> = {};
      for (const [name, schema] of Object.entries(this.doc.definitions)) definitions[name] = this.convert(schema, strict);
      this.ajv.addSchema({ $id: this.defsId(strict), definitions });
    }
    for (const [template, item] of Object.entries(this.doc.paths)) {
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      const entry = { template, segments: this.segments(template), ops: new Map<string, HarborOperation>() };
      for (const method of METHODS) {
        const raw = item[method] as SwaggerOperation | undefined;
        if (!raw) continue;
        const parameters = [...shared, ...(raw.parameters ?? [])].map((p) => this.resolveParameter(p));
        const responses: Record<string, SwaggerResponse> = {};
        for (const [status, r] of Object.entries(raw.responses ?? {})) responses[status] = this.resolveResponse(r);
        const op: HarborOperation = {
          key: `${method.toUpperCase()} ${template}`,
          method: method.toUpperCase(),
          template,
          operationId: raw.operationId ?? `${method} ${template}`,
          parameters,
          responses,
          produces: raw.produces ?? this.doc.produces ?? ["application/json"],
        };
        entry.ops.set(op.method, op);
        this.operations.push(op);
      }
      this.byTemplate.set(template, entry);
    }
  }

  private defsId(strict: boolean) {
    return strict ? "harbor-strict" : "harbor-lenient";
  }

  private segments(p: string): string[] {
    return p.split("/").filter(Boolean);
  }

  private resolveParameter(p: SwaggerParameter): SwaggerParameter {
    if (!p.$ref) return p;
    const name = p.$ref.replace("#/parameters/", "");
    const found = this.doc.parameters[name];
    if (!found) throw new Error(`unresolved parameter ${p.$ref}`);
    return found;
  }

  private resolveResponse(r: SwaggerResponse): SwaggerResponse {
    if (!r.$ref) return r;
    const found = this.doc.responses[r.$ref.replace("#/responses/", "")];
    if (!found) throw new Error(`unresolved response ${r.$ref}`);
    return found;
  }

  // Swagger 2.0 schema → JSON Schema for ajv. `strict` closes objects that declare properties: Harbor's server is
  // generated from this document by go-swagger, so it can only ever send the declared fields.
  convert(schema: JsonSchema, strict: boolean): JsonSchema {
    const nullable = schema["x-nullable"] === true;
    if (typeof schema.$ref === "string") {
      const ref = { $ref: schema.$ref.replace("#/definitions/", `${this.defsId(strict)}#/definitions/`) };
      return nullable ? { anyOf: [ref, { type: "null" }] } : ref;
    }
    const out: JsonSchema = {};
    for (const key of KEPT_KEYWORDS) if (schema[key] !== undefined && schema[key] !== "") out[key] = schema[key];
    if (out.type === "file") delete out.type;
    if (Array.isArray(schema.required) && schema.required.length > 0) out.required = schema.required;
    if (schema.items && typeof schema.items === "object") out.items = this.convert(schema.items as JsonSchema, strict);
    if (schema.properties && typeof schema.properties === "object") {
      const props: Record<string, JsonSchema> = {};
      for (const [name, sub] of Object.entries(schema.properties as Record<string, JsonSchema>)) props[name] = this.convert(sub, strict);
      out.properties = props;
    }
    if (schema.additionalProperties !== undefined) {
      const ap = schema.additionalProperties;
      out.additionalProperties = typeof ap === "object" && ap !== null ? this.convert(ap as JsonSchema, strict) : ap;
    } else if (strict && out.properties) {
      out.additionalProperties = false;
    }
    if (Array.isArray(schema.allOf)) out.allOf = (schema.allOf as JsonSchema[]).map((s) => this.convert(s, strict));
    if (nullable) {
      if (typeof out.type === "string") out.type = [out.type, "null"];
      else if (!out.type) return { anyOf: [out, { type: "null" }] };
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    }
    return out;
  }

  private validator(key: string, schema: () => JsonSchema): ValidateFunction {
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(schema());
      this.cache.set(key, fn);
    }
    return fn;
  }

  match(method: string, rawPath: string): { match?: OperationMatch; pathKnown: boolean; allowed: string[] } {
    let pathname = rawPath.split("?")[0] ?? "";
    if (pathname.startsWith(this.doc.basePath)) pathname = pathname.slice(this.doc.basePath.length);
    const segs = this.segments(pathname);
    let best: { entry: { template: string; segments: string[]; ops: Map<string, HarborOperation> }; params: Record<string, string>; score: number } | undefined;
    for (const entry of this.byTemplate.values()) {
      if (entry.segments.length !== segs.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      entry.segments.forEach((t, i) => {
        const s = segs[i] ?? "";
        if (t.startsWith("{") && t.endsWith("}")) {
          try {
            params[t.slice(1, -1)] = decodeURIComponent(s);
          } catch {
            params[t.slice(1, -1)] = s;
          }
        } else if (t === s) score += 1;
        else ok = false;
      });
      if (ok && (!best || score > best.score)) best = { entry, params, score };
    }
    if (!best) return { pathKnown: false, allowed: [] };
    const op = best.entry.ops.get(method.toUpperCase());
    const allowed = [...best.entry.ops.keys()].sort();
    return op ? { match: { operation: op, pathParams: best.params }, pathKnown: true, allowed } : { pathKnown: true, allowed };
  }

  private coerce(p: SwaggerParameter, raw: string): { value?: unknown; error?: string } {
    const where = `${p.name} in ${p.in}`;
    switch (p.type) {
      case "integer":
        return /^[+-]?\d+$/.test(raw.trim()) ? { value: Number(raw) } : { error: `${where} must be of type integer: "${raw}"` };
      case "number":
        return raw.trim() !== "" && Number.isFinite(Number(raw)) ? { value: Number(raw) } : { error: `${where} must be of type number: "${raw}"` };
      case "boolean": {
        const b = parseBool(raw);
        return b === undefined ? { error: `${where} must be of type boolean: "${raw}"` } : { value: b };
      }
      case "array": {
        const sep = p.collectionFormat === "multi" ? "," : p.collectionFormat === "pipes" ? "|" : p.collectionFormat === "ssv" ? " " : ",";
        return { value: raw.split(sep) };
      }
      default:
        return { value: raw };
    }
  }

  private paramMessage(p: SwaggerParameter, err: ErrorObject): string {
    const where = `${p.name} in ${p.in}`;
    const params = err.params as Record<string, unknown>;
    switch (err.keyword) {
      case "maximum":
        return `${where} should be less than or equal to ${String(params.limit)}`;
      case "minimum":
        return `${where} should be greater than or equal to ${String(params.limit)}`;
      case "maxLength":
        return `${where} should be at most ${String(params.limit)} chars long`;
      case "minLength":
        return `${where} should be at least ${String(params.limit)} chars long`;
      case "enum":
        return `${where} should be one of ${JSON.stringify(params.allowedValues)}`;
      default:
        return `${where} ${err.message ?? "is invalid"}`;
    }
  }

  private schemaMessages(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
    return (errors ?? []).map((e) => {
      const at = `${prefix}${e.instancePath.replace(/\//g, ".")}`;
      const params = e.params as Record<string, unknown>;
      if (e.keyword === "additionalProperties") return `${at}.${String(params.additionalProperty)} is not a documented property`;
      if (e.keyword === "required") return `${at}.${String(params.missingProperty)} is required`;
      if (e.keyword === "maxLength") return `${at} should be at most ${String(params.limit)} chars long`;
      return `${at} ${e.message ?? "is invalid"}`;
    });
  }

  validateRequest(req: ContractRequest, options: ValidateRequestOptions = {}): ContractResult & { match?: OperationMatch } {
    const failures: ContractFailure[] = [];
    const { match, pathKnown, allowed } = this.match(req.method, req.path);
    if (!match) {
      const message = pathKnown
        ? `method ${req.method.toUpperCase()} is not allowed, but [${allowed.join(",")}] are`
        : `path ${req.path.split("?")[0]} was not found`;
      return { ok: false, failures: [{ in: "operation", name: req.path, message }] };
    }
    const op = match.operation;
    const query = req.query ?? new URLSearchParams(req.path.includes("?") ? req.path.slice(req.path.indexOf("?") + 1) : "");
    const documentedQuery = new Set(op.parameters.filter((p) => p.in === "query").map((p) => p.name));
    if (!options.allowUnknown) {
      for (const name of new Set(query.keys())) {
        if (!documentedQuery.has(name)) failures.push({ in: "query", name, message: `${name} in query is not a documented parameter of ${op.key}` });
      }
    }
    if (!options.allowUnknown && header(req.headers, "X-Is-Resource-Name") !== undefined && !op.parameters.some((p) => p.name === "X-Is-Resource-Name")) {
      failures.push({ in: "header", name: "X-Is-Resource-Name", message: `X-Is-Resource-Name in header is not a documented parameter of ${op.key}` });
    }
    for (const p of op.parameters) {
      if (p.in === "body") {
        const raw = req.body;
        if (raw === undefined || raw.trim() === "") {
          if (p.required) failures.push({ in: "body", name: p.name, message: `${p.name} in body is required` });
          continue;
        }
        const type = header(req.headers, "content-type");
        if (req.headers && type !== undefined && !/^application\/json\b/i.test(type)) {
          failures.push({ in: "header", name: "Content-Type", message: `unsupported media type "${type}", only [application/json] are allowed` });
        }
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (e) {
          failures.push({ in: "body", name: p.name, message: `parsing ${p.name} body from "" failed, because ${(e as Error).message}` });
          continue;
        }
        const strict = !options.allowUnknown;
        const fn = this.validator(`req:${strict}:${op.key}:${p.name}`, () => this.convert(p.schema ?? {}, strict));
        if (!fn(value)) for (const message of this.schemaMessages(p.name, fn.errors)) failures.push({ in: "body", name: p.name, message });
        continue;
      }
      let raw: string | undefined;
      if (p.in === "path") raw = match.pathParams[p.name];
      else if (p.in === "query") raw = query.get(p.name) ?? undefined;
      else if (p.in === "header") raw = header(req.headers, p.name);
      if (raw === undefined) {
        if (p.required) failures.push({ in: p.in === "formData" ? "body" : p.in, name: p.name, message: `${p.name} in ${p.in} is required` });
        continue;
      }
      const { value, error } = this.coerce(p, raw);
      if (error) {
        failures.push({ in: p.in === "formData" ? "body" : p.in, name: p.name, message: error });
        continue;
      }
      const fn = this.validator(`param:${op.key}:${p.in}:${p.name}`, () => {
        const { name: _n, in: _i, required: _r, schema: _s, collectionFormat: _c, ...rest } = p;
        return this.convert(rest as JsonSchema, true);
      });
      if (!fn(value)) for (const e of fn.errors ?? []) failures.push({ in: p.in === "formData" ? "body" : p.in, name: p.name, message: this.paramMessage(p, e) });
    }
    return { ok: failures.length === 0, operation: op.key, failures, match };
  }

  /** The generic responses the document defines once (`#/responses`) and Harbor's middleware can send for any call. */
  genericStatuses(): number[] {
    return Object.keys(this.doc.responses)
      .map(Number)
      .filter((s) => s >= 400);
  }

  validateResponse(req: { method: string; path: string }, res: ContractResponse): ContractResult {
    const failures: ContractFailure[] = [];
    const { match, pathKnown } = this.match(req.method, req.path);
    const status = String(res.status);
    let spec: SwaggerResponse | undefined;
    let produces = ["application/json"];
    let key: string;
    if (match) {
      key = match.operation.key;
      produces = match.operation.produces;
      spec = match.operation.responses[status] ?? match.operation.responses.default;
      if (!spec && res.status >= 400 && this.doc.responses[status]) spec = this.doc.responses[status];
      if (!spec) {
        const documented = Object.keys(match.operation.responses).join(", ");
        failures.push({ in: "status", name: status, message: `${key} does not document status ${status} (documents ${documented}; generic: ${this.genericStatuses().join(", ")})` });
        return { ok: false, operation: key, failures };
      }
    } else if (pathKnown && res.status === 405 && this.doc.responses["405"]) {
      // go-swagger's router answers a known path with an undocumented method itself.
      key = `${req.method.toUpperCase()} ${req.path.split("?")[0]}`;
      spec = this.doc.responses["405"];
    } else {
      return { ok: false, failures: [{ in: "operation", name: req.path, message: `no documented operation for ${req.method.toUpperCase()} ${req.path.split("?")[0]}` }] };
    }
    for (const [name, h] of Object.entries(spec.headers ?? {})) {
      const v = header(res.headers, name);
      if (v === undefined) continue;
      if (h.type === "integer" && !/^-?\d+$/.test(v)) failures.push({ in: "header", name, message: `header ${name} must be an integer, got "${v}"` });
      if (h.type === "boolean" && parseBool(v) === undefined) failures.push({ in: "header", name, message: `header ${name} must be a boolean, got "${v}"` });
    }
    const body = res.body ?? "";
    const head = req.method.toUpperCase() === "HEAD";
    if (!spec.schema || head) {
      if (body.trim() !== "") failures.push({ in: "body", name: "response", message: `${key} ${status} documents no body, but one was sent` });
      return { ok: failures.length === 0, operation: key, failures };
    }
    const contentType = header(res.headers, "content-type") ?? "";
    const isError = res.status >= 400;
    const textual = !isError && produces.includes("text/plain") && !produces.includes("application/json");
    if (textual) {
      if (res.headers && !/^text\/plain\b/i.test(contentType)) failures.push({ in: "header", name: "Content-Type", message: `${key} produces text/plain, got "${contentType}"` });
      return { ok: failures.length === 0, operation: key, failures };
    }
    if (res.headers && !/^application\/json\b/i.test(contentType)) {
      failures.push({ in: "header", name: "Content-Type", message: `${key} ${status} must be application/json, got "${contentType}"` });
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      failures.push({ in: "body", name: "response", message: `${key} ${status} body is not JSON` });
      return { ok: false, operation: key, failures };
    }
    const schema = spec.schema;
    const fn = this.validator(`res:${key}:${status}:${spec === this.doc.responses[status] ? "generic" : "own"}`, () => this.convert(schema, true));
    if (!fn(value)) for (const message of this.schemaMessages("response", fn.errors)) failures.push({ in: "body", name: "response", message });
    return { ok: failures.length === 0, operation: key, failures };
  }

  /** Compiles every definition in both modes; returns how many, and throws if one cannot be turned into JSON Schema. */
  compileAllDefinitions(): number {
    const names = Object.keys(this.doc.definitions);
    for (const strict of [true, false]) for (const name of names) this.validator(`def:${strict}:${name}`, () => ({ $ref: `${this.defsId(strict)}#/definitions/${name}` }));
    return names.length;
  }

  allOperations(): HarborOperation[] {
    return [...this.operations];
  }
}

export type HarborContract = Contract;

let shared: Contract | undefined;

/** The contract of Harbor v2.15.2's API, parsed once per process. */
export function harborContract(): HarborContract {
  shared ??= new Contract(fs.readFileSync(HARBOR_DOCUMENT_PATH, "utf8"));
  return shared;
}

/** One line per failure, for test assertions and logs. */
export function describeFailures(result: ContractResult): string {
  return result.failures.map((f) => `${result.operation ?? "?"}: ${f.message}`).join("\n");
}

/**
 * A fetch for tests: every request is checked against the document (strictly: no undocumented fields or query
 * parameters) before it goes out, and with `checkResponses` every answer too; problems land in `violations`.
 */
export function contractCheckedFetch(violations: string[], inner: typeof fetch = nodeFetch(), checkResponses = false): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const body = typeof init?.body === "string" ? init.body : undefined;
    const result = harborContract().validateRequest({ method, path: url.pathname, query: url.searchParams, headers: new Headers(init?.headers), body });
    if (!result.ok) violations.push(`${method} ${url.pathname}${url.search}\n${describeFailures(result)}`);
    const res = await inner(input, init);
    if (checkResponses) {
      const answer = harborContract().validateResponse({ method, path: url.pathname }, { status: res.status, headers: res.headers, body: await res.clone().text() });
      if (!answer.ok) violations.push(`${method} ${url.pathname}${url.search} -> ${res.status}\n${describeFailures(answer)}`);
    }
    return res;
  };
}
