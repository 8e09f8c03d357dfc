import { expect, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";

export type DemoUser = "alice" | "bob" | "erin" | "carol" | "dave";

/** Signs in through the demo IdP's real login form. */
export async function signIn(page: Page, username: DemoUser, path = "/") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(username);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.origin === new URL(E2E.baseURL).origin && !url.pathname.startsWith("/signin"));
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
