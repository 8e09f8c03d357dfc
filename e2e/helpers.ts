import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { createHarborClient } from "../lib/harbor";
import { E2E } from "../playwright.config";
import { serverActionId } from "../dev/server-actions";

export { serverActionId };

export type DemoUser = "alice" | "bob" | "erin" | "carol" | "dave";

/** Signs in through the demo IdP's real login form, on whichever portal the page's base URL points at. */
export async function signIn(page: Page, username: DemoUser, path = "/") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  const portal = new URL(page.url()).origin;
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(username);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.origin === portal && !url.pathname.startsWith("/signin"));
}

/**
 * Asks for a new standard project owned by finance-devs through the form, once the name check says it is free, and
 * returns the new request's URL.
 */
export async function requestNewProject(page: Page, name: string, quotaGiB: string, justification: string): Promise<string> {
  await page.goto("/requests/new?kind=NEW_PROJECT");
  await page.getByLabel("Project name").fill(name);
  await expect(page.getByTestId("name-status")).toHaveText(`${name} is available.`);
  await page.getByLabel("Owner group").selectOption("finance-devs");
  await page.getByLabel(/^Standard/).check();
  await page.getByLabel("Storage quota (GiB)").fill(quotaGiB);
  await page.getByLabel("Justification").fill(justification);
  await page.getByRole("button", { name: "Submit request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  return page.url();
}

/** Changes a demo user's groups in the running demo IdP. */
export async function setIdpGroups(username: DemoUser, groups: string[]) {
  const res = await fetch(`${E2E.idpUrl}/admin/users/${username}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${E2E.idpAdminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ groups }),
  });
  expect(res.status).toBe(200);
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

export async function navLabels(page: Page): Promise<string[]> {
  return (await mainNav(page).getByRole("link").allInnerTexts()).map((t) => t.replace(/\d+$/, "").trim());
}

/**
 * Calls a server action the way a hand-crafted request would, bypassing the UI, with the page's session cookie.
 * Returns the raw RSC answer, which carries the action's result.
 */
export async function callServerActionDirectly(page: Page, filename: string, exportedName: string, args: unknown[], atPath: string): Promise<string> {
  const id = serverActionId(filename, exportedName);
  return page.evaluate(
    async ({ id, args, atPath }) => {
      const res = await fetch(atPath, { method: "POST", headers: { "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" }, body: JSON.stringify(args) });
      return `${res.status}\n${await res.text()}`;
    },
    { id, args, atPath },
  );
}

export function harborAdmin() {
  return createHarborClient({ baseUrl: E2E.harborUrl, username: "admin", password: "Harbor12345", timeoutMs: 5000 });
}

export const SCREENSHOTS = path.join(process.cwd(), "e2e/.artifacts/screenshots");
const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

/**
 * The page passes axe with no serious or critical violation, and is photographed at desktop and phone width (so a
 * change to the look is seen); nothing may overflow sideways at phone width (tables scroll in their own container).
 */
export async function checkPage(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`), `accessibility of ${name}`).toEqual([]);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size.name}.png`), fullPage: true });
    if (size.name === "phone") expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${name} fits 390 px`).toBe(true);
  }
  await page.setViewportSize(WIDTHS[0]!);
}
