import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { inheritedEnvironment } from "../dev/tool-env";
import { callServerActionDirectly, harborAdmin, signIn, type DemoUser } from "./helpers";

// The auditor's questions on the workflow spec's data: alice revokes ext-acme, then carol (auditor, viewing from
// Berlin) finds the grant, its request and approver, asks who had access before the revocation and now, exports
// the history, and sees the revocation in the event log. alice may not see any of it; bob (approver) may.
test.describe.configure({ mode: "serial" });

const ZONE = "Europe/Berlin";
const SHOTS = path.join(process.cwd(), "e2e/.artifacts/screenshots");
const REASON = "Acme's contract ended";
const harbor = harborAdmin();
const pages = new Map<DemoUser, Page>();
let beforeRevocation: Date;
let grantUrl = "";

async function as(browser: Browser, user: DemoUser): Promise<Page> {
  const existing = pages.get(user);
  if (existing) return existing;
  const page = await (await browser.newContext({ timezoneId: ZONE, acceptDownloads: true })).newPage();
  await signIn(page, user);
  pages.set(user, page);
  return page;
}

test.afterAll(async () => {
  for (const page of pages.values()) await page.context().close();
});

/** The wall-clock time in a zone, as a datetime-local field takes it (seconds precision). */
function localIn(zone: string, date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

const floorToSecond = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

async function askAccess(page: Page, project: string, local: string | "now") {
  await page.goto("/audit/access");
  // the field switches to the browser's zone once the page is interactive; type only then
  await expect(page.getByText(`your time zone, ${ZONE}`)).toBeVisible();
  await page.getByLabel("Project", { exact: true }).fill(project);
  if (local === "now") await page.getByRole("button", { name: "Now" }).click();
  else await page.getByLabel(/^Date and time/).fill(local);
  await page.getByRole("button", { name: "Show who had access" }).click();
  await page.waitForURL(/\/audit\/access\?.*at=/);
  await expect(page.getByTestId("access-answer")).toBeVisible();
}

test("alice revokes ext-acme on finance-api; the grant ends and Harbor no longer has the member", async ({ browser }) => {
  const alice = await as(browser, "alice");
  await alice.goto("/projects/finance-api");
  expect((await harbor.listMembers("finance-api", "ext-acme")).members).toHaveLength(1);
  beforeRevocation = new Date();
  await alice.getByRole("button", { name: "Revoke ext-acme" }).click();
  const dialog = alice.getByRole("alertdialog");
  await dialog.getByLabel(/^Reason/).fill(REASON);
  await dialog.getByRole("button", { name: "Revoke now" }).click();
  await expect(dialog).toBeHidden();

  await expect.poll(async () => (await harbor.listMembers("finance-api", "ext-acme")).members.length, { timeout: 30_000 }).toBe(0);
  // Harbor loses the member a moment before the worker's closing transaction commits: a reload in that gap still
  // shows the grant active, so each try is bounded and the next one reloads.
  await expect(async () => {
    await alice.reload();
    const ended = alice.locator("summary", { hasText: /^Ended group access/ });
    await expect(ended).toBeVisible({ timeout: 2_000 });
    await ended.click({ timeout: 2_000 });
    await expect(alice.getByTestId("grant-row").filter({ hasText: "ext-acme" }).filter({ hasText: "Revoked" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});

test("carol filters the grant history to finance-api and opens the ext-acme grant: its request and approver", async ({ browser }) => {
  const carol = await as(browser, "carol");
  await carol.goto("/audit");
  await expect(carol.getByRole("heading", { level: 1, name: "Grant history" })).toBeVisible();
  await expect(carol.getByTestId("chain-status")).toHaveAttribute("data-chain-ok", "true");
  // exactly what was verified: through which signed checkpoint, and how many newer events this page checked
  await expect(carol.getByTestId("chain-status")).toContainText(/(Verified through #\d+ at .+ \(signed checkpoint\)|No signed full verification yet); .*checked on this page/);
  await expect(carol.getByTestId("chain-status")).not.toContainText("intact");

  await carol.getByLabel("Project", { exact: true }).fill("finance-api");
  await carol.getByRole("button", { name: "Apply" }).click();
  await carol.waitForURL(/\/audit\?project=finance-api&/);
  const rows = carol.getByTestId("history-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("finance-api");

  const row = rows.filter({ hasText: "ext-acme" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Developer");
  await expect(row).toContainText("Revoked");
  await expect(row).toContainText("Bob Brenner");
  const requestNumber = (await row.getByRole("link", { name: /^#\d+$/ }).innerText()).slice(1);

  // sorting is a link that keeps the filter, and the header says how the table is sorted
  await carol.getByRole("link", { name: /^Group or robot/ }).click();
  await carol.waitForURL(/sort=subject/);
  expect(new URL(carol.url()).searchParams.get("project")).toBe("finance-api");
  await expect(carol.getByRole("columnheader", { name: /Group or robot/ })).toHaveAttribute("aria-sort", "ascending");

  await carol.getByRole("link", { name: "ext-acme in finance-api" }).click();
  await carol.waitForURL(/\/audit\/grants\/[0-9a-f-]{36}$/);
  grantUrl = new URL(carol.url()).pathname;
  await expect(carol.getByRole("heading", { level: 1 })).toContainText("ext-acme");
  await expect(carol.getByTestId("grant-request")).toContainText(`Request #${requestNumber}`);
  await expect(carol.getByTestId("grant-request")).toContainText("Acme builds the reporting images for us");
  await expect(carol.getByTestId("grant-approvals")).toContainText("Approved by Bob Brenner");
  await expect(carol.locator("q", { hasText: REASON })).toBeVisible();
  await expect(carol.getByTestId("grant-event").filter({ hasText: "grant.revoked" })).toHaveCount(1);
  await expect(carol.getByText("Harbor X-Request-Id").first()).toBeVisible();
});

test("carol asks who had access to finance-api before the revocation (ext-acme as Developer) and now (not ext-acme)", async ({ browser }) => {
  const carol = await as(browser, "carol");
  const asked = floorToSecond(beforeRevocation);
  await askAccess(carol, "finance-api", localIn(ZONE, beforeRevocation));
  // the Berlin wall-clock time went to the server as the UTC instant
  expect(new URL(carol.url()).searchParams.get("at")).toBe(asked.toISOString());
  await expect(carol.getByTestId("access-answer")).toContainText(`${asked.toISOString().replace("T", " ").slice(0, 19)} UTC`);
  await expect(carol.getByTestId("access-answer")).toContainText(`your time, ${ZONE}`);
  const then = carol.getByTestId("access-row");
  const acme = then.filter({ hasText: "ext-acme" });
  await expect(acme).toHaveCount(1);
  await expect(acme).toContainText("Developer");
  await expect(acme).toContainText("Bob Brenner");
  await expect(then.filter({ hasText: "finance-devs" })).toHaveCount(1);
  await expect(carol.getByTestId("audit-timeline")).toBeVisible();
  await expect(carol.locator('[data-testid="audit-timeline"] [data-testid="timeline-bar"][data-in-force="true"]')).toHaveCount(await then.count());

  await askAccess(carol, "finance-api", "now");
  await expect(carol.getByTestId("access-row").filter({ hasText: "finance-devs" })).toHaveCount(1);
  await expect(carol.getByTestId("access-row").filter({ hasText: "ext-acme" })).toHaveCount(0);

  // a question the schema refuses is answered inline, not with an error page
  await carol.goto("/audit/access?project=finance-api&at=yesterday-ish");
  await expect(carol.locator("#at-local-error")).toContainText("must be an ISO date");
  await expect(carol.getByTestId("access-answer")).toHaveCount(0);
});

test("carol downloads the filtered grant history as CSV, with the chain head in its first line and the ext-acme row", async ({ browser }) => {
  const carol = await as(browser, "carol");
  await carol.goto("/audit?project=finance-api");
  const [download] = await Promise.all([carol.waitForEvent("download"), carol.getByRole("link", { name: "CSV of the grant history" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^berth-grants-.+\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  const [first, header, ...rows] = text.trimEnd().split("\n");
  expect(first).toMatch(
    /^# berth-export chain-head-seq=\d+ chain-head-hash=[0-9a-f]{64} generated-at=\S+Z filters=project=finance-api&sort=startsAt&dir=desc kind=grants version=2 signing-key-id=[0-9a-f]{16} public-key=\S+ checkpoint-seq=\d* checkpoint-hash=[0-9a-f]* checkpoint-at=\S* checkpoint-key-id=[0-9a-f]* checkpoint-signature=\S*$/,
  );
  expect(header).toMatch(/^grantId,projectName,subjectType,subjectName,roleId,roleName,/);
  const acme = rows.filter((r) => r.includes(",ext-acme,"));
  expect(acme).toHaveLength(1);
  expect(acme[0]).toContain(",REVOKED,");
  expect(rows.every((r) => r.split(",")[1] === "finance-api")).toBe(true);

  // a full verification passes, and the head it reports is at or past the one the file was cut at
  await carol.goto("/audit/chain");
  await carol.getByRole("button", { name: "Verify the whole chain now" }).click();
  await expect(carol.getByTestId("verify-outcome")).toContainText("The chain verifies");
  const seq = Number(/chain-head-seq=(\d+)/.exec(first!)![1]);
  const verified = Number(/up to event #(\d+)/.exec(await carol.getByTestId("verify-outcome").innerText())![1]);
  expect(verified).toBeGreaterThanOrEqual(seq);
});

test("carol checks the whole event log offline: the JSON Lines file verifies against the public key the chain page shows", async ({ browser }) => {
  const carol = await as(browser, "carol");
  await carol.goto("/audit/chain");
  await carol.getByRole("button", { name: "Verify the whole chain now" }).click();
  await expect(carol.getByTestId("verify-outcome")).toContainText("The chain verifies");
  const head = /up to event #(\d+)/.exec(await carol.getByTestId("verify-outcome").innerText())![1]!;
  await expect(carol.getByTestId("verified-through")).toContainText(`event #${head}`);
  await expect(carol.getByTestId("chain-status")).toContainText(`Verified through #${head}`);
  const publicKey = (await carol.getByTestId("signing-public-key").first().innerText()).trim();
  expect(publicKey).toMatch(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/);

  await carol.goto("/audit/events");
  const [download] = await Promise.all([carol.waitForEvent("download"), carol.getByRole("link", { name: "JSON Lines of the event log" }).click()]);
  const file = (await download.path())!;
  const meta = JSON.parse(fs.readFileSync(file, "utf8").split("\n")[0]!);
  expect(meta).toMatchObject({ version: 2, signingKey: { algorithm: "Ed25519", publicKey }, checkpoint: { seq: head } });
  const checked = spawnSync(path.join(process.cwd(), "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/audit-verify.ts", "--offline", "--export", file, "--public-key", publicKey], {
    encoding: "utf8",
    env: { ...inheritedEnvironment(), DATABASE_URL: "" },
  });
  expect(checked.status, checked.stdout + checked.stderr).toBe(0);
  expect(checked.stdout).toContain("the file is the whole chain from the first event");
  expect(checked.stdout).toContain(`signature: the checkpoint of event ${head} `);
  expect(checked.stdout).toContain(`events 1–${head} of this file are covered by it`);
});

test("carol finds the revocation in the event log, with its details", async ({ browser }) => {
  const carol = await as(browser, "carol");
  await carol.goto("/audit/events");
  await expect(carol.getByTestId("event-row").first()).toBeVisible();
  await carol.getByLabel("Action", { exact: true }).fill("grant.revoked");
  await carol.getByLabel("Project", { exact: true }).fill("finance-api");
  await carol.getByRole("button", { name: "Apply" }).click();
  await carol.waitForURL(/\/audit\/events\?action=grant\.revoked&.*project=finance-api/);
  const row = carol.getByTestId("event-row");
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-action", "grant.revoked");
  await expect(row).toContainText("group:ext-acme");
  await row.locator("summary").click();
  await expect(row.getByTestId("event-details")).toContainText(REASON);
  await expect(row.getByTestId("event-details")).toContainText("Previous hash");
  await expect(carol.getByRole("link", { name: "CSV of the event log" })).toHaveAttribute("href", /kind=events&format=csv/);

  // the auditor home shows the chain status and this month's movements
  await carol.goto("/");
  await expect(carol.getByTestId("home-auditor").getByTestId("chain-status")).toContainText("checked on this page");
  await expect(carol.getByTestId("month-ended")).not.toHaveText("0");
});

test("carol pages the grant history and the event log two rows at a time, forward and back", async ({ browser }) => {
  const carol = await as(browser, "carol");
  const pages = carol.getByRole("navigation", { name: "Pages" });
  // what identifies each row (its text changes when the times switch to the browser's zone after hydration)
  const rowsOf = async (testId: "history-row" | "event-row") =>
    testId === "history-row"
      ? carol.getByTestId(testId).locator('a[href^="/audit/grants/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")))
      : carol.getByTestId(testId).evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")));

  await carol.goto("/audit?limit=2");
  const first = await rowsOf("history-row");
  expect(first).toHaveLength(2);
  await expect(pages).toContainText("the first page");
  await expect(pages.getByRole("link", { name: "Previous page" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(pages.getByRole("link", { name: "Previous page" })).toBeVisible();
  const second = await rowsOf("history-row");
  expect(second).toHaveLength(2);
  expect(second).not.toEqual(first);
  await pages.getByRole("link", { name: "Previous page" }).click();
  await expect(pages).toContainText("the first page");
  expect(await rowsOf("history-row")).toEqual(first);

  // each step waits for the next page before the next click (a second click on the old page goes nowhere new)
  const firstSeq = () => carol.getByTestId("event-row").first().getAttribute("data-seq");
  const step = async (name: "Older events" | "Newer events") => {
    const before = await firstSeq();
    await pages.getByRole("link", { name }).click();
    await expect(carol.getByTestId("event-row").first()).not.toHaveAttribute("data-seq", before!);
  };
  await carol.goto("/audit/events?limit=2");
  const newest = await rowsOf("event-row");
  await step("Older events");
  await step("Older events");
  const third = Number(await firstSeq());
  expect(third).toBe(Number(newest[0]) - 4);
  await step("Newer events");
  await expect(carol.getByTestId("event-row").last()).toHaveAttribute("data-seq", String(third + 1));
  await step("Newer events");
  await expect(pages.getByRole("link", { name: "Newer events" })).toHaveCount(0);
  expect(await rowsOf("event-row")).toEqual(newest);
});

test("the audit pages with answers on them pass axe and fit a 390 px phone", async ({ browser }) => {
  const carol = await as(browser, "carol");
  const at = encodeURIComponent(beforeRevocation.toISOString());
  const shots = { grant: grantUrl, "access-project": `/audit/access?project=finance-api&at=${at}`, "access-group": `/audit/access?group=ext-acme&at=${at}`, chain: "/audit/chain", "events-open": "/audit/events?action=grant" };
  for (const [name, url] of Object.entries(shots)) {
    await carol.setViewportSize({ width: 1280, height: 900 });
    await carol.goto(url);
    await expect(carol.locator("main h1").first()).toBeVisible();
    // opened, the details of an event are the widest thing on the page
    for (const summary of await carol.locator("main details summary").all()) await summary.click();
    const results = await new AxeBuilder({ page: carol }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`), `accessibility of ${url}`).toEqual([]);
    fs.mkdirSync(SHOTS, { recursive: true });
    await carol.screenshot({ path: path.join(SHOTS, `carol-audit-${name}-desktop.png`), fullPage: true });
    await carol.setViewportSize({ width: 390, height: 844 });
    await carol.screenshot({ path: path.join(SHOTS, `carol-audit-${name}-phone.png`), fullPage: true });
    expect(await carol.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${url} fits 390 px`).toBe(true);
  }
  await carol.setViewportSize({ width: 1280, height: 900 });
});

test("alice cannot open the auditor pages, the export or the verification; bob (approver) can", async ({ browser }) => {
  const alice = await as(browser, "alice");
  expect(grantUrl).not.toBe("");
  for (const target of ["/audit", "/audit/access", "/audit/events", "/audit/chain", grantUrl, "/audit/access?project=finance-api&at=2030-01-01"]) {
    const res = await alice.goto(target);
    expect(res?.status(), target).toBe(404);
    await expect(alice.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(alice.getByTestId("chain-status")).toHaveCount(0);
    await expect(alice.getByTestId("history-row")).toHaveCount(0);
    await expect(alice.locator("main")).not.toContainText("ext-acme");
  }
  const exported = await alice.request.get("/api/audit/export?kind=grants&format=csv");
  expect(exported.status()).toBe(403);
  expect(await exported.text()).not.toContain("berth-export");
  const verify = await callServerActionDirectly(alice, "lib/actions/verify-chain.ts", "verifyChainNow", [{}], "/");
  expect(verify).toContain('"code":"FORBIDDEN"');

  const bob = await as(browser, "bob");
  await bob.goto("/audit");
  await expect(bob.getByRole("heading", { level: 1, name: "Grant history" })).toBeVisible();
  await expect(bob.getByTestId("history-row").filter({ hasText: "ext-acme" })).toHaveCount(1);
  const bobExport = await bob.request.get("/api/audit/export?kind=events&format=jsonl&project=finance-api");
  expect(bobExport.status()).toBe(200);
  expect(JSON.parse((await bobExport.text()).split("\n")[0]!)).toMatchObject({ type: "meta", format: "berth-export", kind: "events" });
  const bad = await bob.request.get("/api/audit/export?kind=events&format=csv&from=someday");
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toHaveProperty("from");
});
