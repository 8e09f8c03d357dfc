import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { callServerActionDirectly, harborAdmin, signIn, type DemoUser } from "./helpers";

// The governance workflow end to end: real sign-in, real clicks, Harbor's state read back through Harbor's API.
test.describe.configure({ mode: "serial" });

const GIB = 1024 ** 3;
const harbor = harborAdmin();
const pages = new Map<DemoUser, Page>();

async function as(browser: Browser, user: DemoUser): Promise<Page> {
  const existing = pages.get(user);
  if (existing) return existing;
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  pages.set(user, page);
  return page;
}

test.afterAll(async () => {
  for (const page of pages.values()) await page.context().close();
});

async function submitAndOpen(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Submit request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("request-state")).toHaveText(/Pending/);
  return page.url();
}

async function approve(page: Page, requestUrl: string, expectState: RegExp = /Active/) {
  await page.goto(requestUrl);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("request-state")).toHaveText(expectState, { timeout: 30_000 });
}

const justification = "Needed for the finance team's delivery pipeline";

test("alice asks for finance-api, bob approves, and Harbor has the project exactly as the template says", async ({ browser }) => {
  const alice = await as(browser, "alice");
  await alice.goto("/requests/new?kind=NEW_PROJECT");
  await alice.getByLabel("Project name").fill("Finance-API");
  await expect(alice.getByText("Project name must be lower case.")).toBeVisible();
  await alice.getByLabel("Project name").fill("finance-api");
  await expect(alice.getByTestId("name-status")).toHaveText("finance-api is available.");
  await alice.getByLabel("Owner group").selectOption("finance-devs");
  await alice.getByLabel(/^Standard/).check();
  await alice.getByLabel("Storage quota (GiB)").fill("20");
  await alice.getByLabel("Justification").fill(justification);
  const url = await submitAndOpen(alice);
  await expect(alice.getByTestId("policy-checks")).toContainText("Project name is free");

  const bob = await as(browser, "bob");
  await bob.goto("/approvals");
  await bob.getByRole("link", { name: /New project finance-api/ }).click();
  await expect(bob).toHaveURL(url);
  await approve(bob, url);
  await expect(bob.getByTestId("provisioning-steps")).toContainText("Harbor X-Request-Id");

  const project = await harbor.getProject("finance-api");
  expect(project).not.toBeNull();
  expect(project!.metadata).toMatchObject({ public: "false", auto_scan: "true", prevent_vul: "true", severity: "high" });
  const quota = await harbor.getQuota(project!.projectId);
  expect(quota?.hardBytes).toBe(20 * GIB);
  const rules = await harbor.listImmutableTagRules("finance-api");
  expect(rules.rules.map((r) => r.tagPattern)).toEqual(["v*"]);
  // Harbor also lists the account that created the project (the demo uses admin) as a user member.
  const groups = (await harbor.listMembers("finance-api")).members.filter((m) => m.entityType === "g");
  expect(groups.map((m) => ({ name: m.entityName, role: m.roleId }))).toEqual([{ name: "finance-devs", role: 4 }]);
});

test("alice asks for ext-acme as Developer for 30 days, bob approves, Harbor has the member", async ({ browser }) => {
  const alice = await as(browser, "alice");
  await alice.goto("/requests/new?kind=GROUP_ACCESS&project=finance-api");
  await alice.getByLabel("OIDC group").fill("ext-acme");
  await expect(alice.getByText(/ext-acme is an external group/)).toBeVisible();
  await alice.getByLabel("Role").selectOption({ label: "Developer — push and pull" });
  await alice.getByRole("button", { name: "30 days" }).click();
  await alice.getByLabel("Justification").fill("Acme builds the reporting images for us");
  const url = await submitAndOpen(alice);

  await approve(await as(browser, "bob"), url);
  const members = await harbor.listMembers("finance-api", "ext-acme");
  expect(members.members.map((m) => ({ name: m.entityName, role: m.roleId }))).toEqual([{ name: "ext-acme", role: 2 }]);
});

test("alice gets a push + pull robot, reveals its secret once, and Harbor accepts the secret", async ({ browser }) => {
  const alice = await as(browser, "alice");
  await alice.goto("/requests/new?kind=ROBOT_ACCOUNT&project=finance-api");
  await alice.getByLabel("Robot name").fill("ci");
  await alice.getByLabel(/^Push and pull/).check();
  await alice.getByLabel("Lifetime (days)").fill("90");
  await alice.getByLabel("Justification").fill("GitLab pipeline pushes release images");
  const url = await submitAndOpen(alice);
  await approve(await as(browser, "bob"), url);

  await alice.goto(url);
  await alice.getByRole("button", { name: "Reveal secret" }).click();
  await alice.getByRole("alertdialog").getByRole("button", { name: "Reveal once" }).click();
  await expect(alice.getByTestId("revealed-secret")).toBeVisible();
  const username = await alice.locator("#robot-username").inputValue();
  const secret = await alice.locator("#robot-secret").inputValue();
  expect(username).toBe("robot$finance-api+ci");
  expect(secret.length).toBeGreaterThanOrEqual(8);
  await expect(alice.locator("#docker-login")).toHaveValue(new RegExp(`--username 'robot\\$finance-api\\+ci' --password-stdin`));

  // A second reveal finds nothing.
  await alice.reload();
  await expect(alice.getByTestId("secret-gone")).toContainText("was revealed");
  await expect(alice.getByRole("button", { name: "Reveal secret" })).toHaveCount(0);

  // The registry's token service (what docker login talks to) accepts the robot with that secret.
  const token = await fetch(`${E2E.harborUrl}/service/token?service=harbor-registry&scope=repository:finance-api/app:pull,push`, {
    headers: { authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString("base64")}` },
  });
  expect(token.status).toBe(200);
  const wrong = await fetch(`${E2E.harborUrl}/service/token?service=harbor-registry&scope=repository:finance-api/app:pull`, {
    headers: { authorization: `Basic ${Buffer.from(`${username}:not-the-secret`).toString("base64")}` },
  });
  expect(wrong.status).toBe(401);
});

test("bob cannot approve his own pull-only robot, even by calling the action; alice cannot approve at all; erin can", async ({ browser }) => {
  const bob = await as(browser, "bob");
  await bob.goto("/requests/new?kind=ROBOT_ACCOUNT&project=finance-api");
  await bob.getByLabel("Robot name").fill("puller");
  await bob.getByLabel(/^Pull only/).check();
  await bob.getByLabel("Lifetime (days)").fill("30");
  await bob.getByLabel("Justification").fill("Production cluster pulls finance images");
  const url = await submitAndOpen(bob);
  const requestId = url.split("/").pop()!;
  await expect(bob.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  await expect(bob.getByTestId("why-no-decision")).toContainText("another approver must decide");

  const bobDirect = await callServerActionDirectly(bob, "lib/actions/decide-request.ts", "decideRequest", [{ requestId, decision: "APPROVE" }], `/requests/${requestId}`);
  expect(bobDirect).toContain('"code":"FORBIDDEN"');
  expect(bobDirect).toContain("cannot decide your own request");

  const alice = await as(browser, "alice");
  const aliceDirect = await callServerActionDirectly(alice, "lib/actions/decide-request.ts", "decideRequest", [{ requestId, decision: "APPROVE" }], "/requests");
  expect(aliceDirect).toContain('"code":"FORBIDDEN"');
  await bob.reload();
  await expect(bob.getByTestId("request-state")).toHaveText(/Pending/);
  await expect(bob.getByTestId("approvals")).not.toContainText("Approved by");

  await approve(await as(browser, "erin"), url);
  const project = await harbor.getProject("finance-api");
  const robots = await harbor.listProjectRobots(project!.projectId);
  expect(robots.robots.map((r) => r.name).sort()).toEqual(["robot$finance-api+ci", "robot$finance-api+puller"]);
});

test("a Project Admin request needs bob and erin; bob approving twice does not count as two", async ({ browser }) => {
  const alice = await as(browser, "alice");
  await alice.goto("/requests/new?kind=GROUP_ACCESS&project=finance-api");
  await alice.getByLabel("OIDC group").fill("finance-admins");
  await alice.getByLabel("Role").selectOption({ label: "Project Admin — everything in the project, including members" });
  await alice.getByLabel("Justification").fill("Team admins manage webhooks and retention");
  const url = await submitAndOpen(alice);
  const requestId = url.split("/").pop()!;
  await expect(alice.getByTestId("policy-checks")).toContainText("Two different approvers: Project Admin role.");

  const bob = await as(browser, "bob");
  await approve(bob, url, /Pending/);
  await expect(bob.getByTestId("approvals")).toContainText("Approved by Bob Brenner");
  await expect(bob.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  await expect(bob.getByTestId("why-no-decision")).toContainText("You already approved");
  const twice = await callServerActionDirectly(bob, "lib/actions/decide-request.ts", "decideRequest", [{ requestId, decision: "APPROVE" }], `/requests/${requestId}`);
  expect(twice).toContain('"code":"CONFLICT"');
  expect((await harbor.listMembers("finance-api", "finance-admins")).members).toEqual([]);

  await approve(await as(browser, "erin"), url);
  const members = await harbor.listMembers("finance-api", "finance-admins");
  expect(members.members.map((m) => m.roleId)).toEqual([1]);
});
