import { expect, test } from "@playwright/test";
import { E2E } from "../playwright.config";
import { mainNav, navLabels, setIdpGroups, signIn, type DemoUser } from "./helpers";

const PORTAL_PAGES = ["/", "/requests", "/requests/new", "/approvals", "/projects", "/grants", "/audit", "/notifications", "/profile"];

test.describe("sign-in and roles", () => {
  for (const path of PORTAL_PAGES) {
    test(`an anonymous visit to ${path} goes to sign-in`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(path).replace(/[/]/g, "%2F")}`));
      await expect(page.getByRole("heading", { name: "Sign in to Berth" })).toBeVisible();
    });
  }

  const expected: Record<Exclude<DemoUser, "dave">, string[]> = {
    alice: ["Home", "Requests", "Reviews", "Projects", "Grants", "Profile"],
    bob: ["Home", "Requests", "Approvals", "Reviews", "Projects", "Grants", "Audit", "Notifications", "Profile"],
    erin: ["Home", "Requests", "Approvals", "Reviews", "Projects", "Grants", "Audit", "Notifications", "Profile"],
    carol: ["Home", "Projects", "Grants", "Audit", "Notifications", "Profile"],
  };
  for (const [user, labels] of Object.entries(expected) as [Exclude<DemoUser, "dave">, string[]][]) {
    test(`${user} signs in through the IdP's form and sees the navigation for their roles`, async ({ page }) => {
      await signIn(page, user);
      await expect(mainNav(page)).toBeVisible();
      expect(await navLabels(page)).toEqual(labels);
      await expect(page.getByRole("note", { name: "Demo mode" })).toBeVisible();
    });
  }

  test("dave, whose only group maps to no role, gets the no-access page naming him and his groups", async ({ page }) => {
    await signIn(page, "dave");
    await expect(page).toHaveURL(/\/no-access$/);
    await expect(page.getByRole("heading", { name: "No access to Berth" })).toBeVisible();
    await expect(page.getByTestId("no-access-name")).toHaveText("Dave Dawson");
    await expect(page.getByTestId("no-access-groups")).toContainText("ext-acme");
    await expect(mainNav(page)).toHaveCount(0);
    // the portal itself stays closed to him
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/no-access$/);
  });

  test("the profile page shows the user's groups and the roles they map to", async ({ page }) => {
    await signIn(page, "alice", "/profile");
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByTestId("profile-groups")).toContainText("team-leads");
    await expect(page.getByTestId("profile-groups")).toContainText("finance-devs");
    await expect(page.getByTestId("role-requester")).toContainText("team-leads");
    await expect(page.getByTestId("role-approver")).toContainText("not yours");
  });

  test("after alice leaves team-leads in the IdP, her next request after token refresh shows no requester navigation", async ({ page }) => {
    await signIn(page, "alice");
    expect(await navLabels(page)).toContain("Requests");
    try {
      await setIdpGroups("alice", ["finance-devs"]);
      await page.waitForTimeout((E2E.groupsRefreshSeconds + 1) * 1000);
      await page.goto("/");
      // Requester was her only role: she now has none.
      await expect(page).toHaveURL(/\/no-access$/);
      await expect(page.getByRole("link", { name: "Requests" })).toHaveCount(0);
      await expect(page.getByTestId("no-access-groups")).not.toContainText("team-leads");
    } finally {
      await setIdpGroups("alice", ["team-leads", "finance-devs"]);
    }
    await page.waitForTimeout((E2E.groupsRefreshSeconds + 1) * 1000);
    await page.goto("/");
    expect(await navLabels(page)).toContain("Requests");
  });

  // query strings as an attacker would send them: "/\" is read as "//" by browsers, the others hide it in encodings
  const HOSTILE_CALLBACKS = ["/%5Cevil.example/x", "/%255Cevil.example/x", "//evil.example/x", "/%2F%2Fevil.example", "https://evil.example/x", "javascript:alert(1)", "/%09/evil.example", "/.//evil.example"];

  test("a callback to another site never leaves the portal: not through the sign-in form, nor for a signed-in user", async ({ page }) => {
    const home = new URL(E2E.baseURL).origin;
    await page.goto(`/signin?callbackUrl=${HOSTILE_CALLBACKS[0]}`);
    await page.getByRole("button", { name: /^Sign in with/ }).click();
    await page.getByLabel("User name").fill("alice");
    await page.getByLabel("Password").fill("alice");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.origin === home && !url.pathname.startsWith("/signin"));
    expect(new URL(page.url()).pathname).toBe("/");

    for (const callback of HOSTILE_CALLBACKS) {
      await page.goto(`/signin?callbackUrl=${callback}`);
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
      expect(new URL(page.url()).origin, callback).toBe(home);
      expect(new URL(page.url()).pathname, callback).toBe("/");
    }
    // a path of the portal is still where sign-in leads
    await page.goto("/signin?callbackUrl=%2Fgrants");
    await page.waitForURL(/\/grants$/);
  });

  test("signing out ends the IdP session too", async ({ page }) => {
    await signIn(page, "carol");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin\?state=signed-out$/);
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/signin/);
    // The IdP asks for credentials again instead of signing carol straight back in.
    await page.getByRole("button", { name: /^Sign in with/ }).click();
    await expect(page.getByLabel("User name")).toBeVisible();
  });
});

test("liveness and readiness answer anonymous probes: health is cheap, ready reports the database, migrations and Harbor", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const live = await health.json();
  expect(live.status).toBe("ok");
  expect(live).not.toHaveProperty("checks");

  const res = await request.get("/api/ready");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  const body = await res.json();
  expect(body.status).toBe("ready");
  expect(body.checks.database.ok).toBe(true);
  expect(body.checks.migrations.ok).toBe(true);
  expect(body.info.harbor.ok).toBe(true);
  // the end-to-end stack runs Berth as its least-privilege system robot, and it holds what Berth needs
  expect(body.info.harborAccount).toMatchObject({ ok: true, kind: "robot" });

  // no BERTH_METRICS_TOKEN here: the metrics endpoint does not exist (and is not a sign-in redirect)
  const metrics = await request.get("/api/metrics", { maxRedirects: 0 });
  expect(metrics.status()).toBe(404);
});
