import fs from "node:fs";
import path from "node:path";
import { layerViolation, partOf } from "../layers.config.mjs";

const root = path.resolve(import.meta.dirname, "..");

/** The repository-relative path an import specifier names, or null for a package. */
function target(fromFile, spec) {
  let base;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mjs`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  return path.relative(root, base);
}

const typeOnly = (node) => node.importKind === "type" || node.exportKind === "type" || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));

// Refuses an import that crosses the layers of layers.config.mjs (docs/architecture.md, "Layers").
export const layersRule = {
  meta: { type: "problem", schema: [], messages: { layer: "{{why}} (docs/architecture.md, \"Layers\"; layers.config.mjs)." } },
  create(context) {
    const file = context.filename;
    const from = partOf(path.relative(root, file));
    if (!from) return {};
    const check = (node, source, isTypeOnly) => {
      if (!source || typeof source.value !== "string") return;
      const rel = target(file, source.value);
      if (!rel) return;
      const why = layerViolation(from, partOf(rel), { typeOnly: isTypeOnly });
      if (why) context.report({ node: source, messageId: "layer", data: { why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, typeOnly(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === "type"),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

const plugin = { rules: { layers: layersRule } };
export default plugin;
