import { expect, test, type Page } from "@playwright/test";
import { checkPage as check, signIn, type DemoUser } from "./helpers";

// Runs last, on the data the earlier specs made: every main page passes axe with no serious or critical
// violation, and is photographed at desktop and phone width so a change to the look is seen.

// Waits for the link rather than counting at once: a list streams in behind its loading skeleton, and a
// busy machine may still be sending it. When the link never comes, the message says what the page showed.
async function firstLink(page: Page, listPath: string, selector: string): Promise<string> {
  await page.goto(listPath);
  const link = page.locator(selector).first();
  try {
    await link.waitFor({ state: "attached", timeout: 15_000 });
  } catch {
    const shown = (await page.locator("main").innerText().catch(() => "(no main element)")).slice(0, 600);
    throw new Error(`${listPath} has no ${selector}; the page showed:\n${shown}`);
  }
  const href = await link.getAttribute("href");
  expect(href, `${selector} on ${listPath} has an href`).toBeTruthy();
  return href!;
}

test("the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await check(page, "signin");
});

const PAGES: Record<Exclude<DemoUser, "erin">, string[]> = {
  alice: ["/", "/requests", "/requests/new", "/requests/new?kind=NEW_PROJECT", "/requests/new?kind=GROUP_ACCESS", "/requests/new?kind=ROBOT_ACCOUNT", "/projects", "/grants", "/profile"],
  bob: ["/", "/approvals", "/projects", "/grants", "/profile"],
  carol: ["/", "/audit", "/audit/access", "/audit/events", "/profile"],
  dave: ["/no-access"],
};

for (const [user, paths] of Object.entries(PAGES) as [Exclude<DemoUser, "erin">, string[]][]) {
  test(`${user}'s pages`, async ({ page }) => {
    // axe and two screenshots per page, for up to eleven pages: more than the default 90 s on a busy 2-core machine
    test.slow();
    await signIn(page, user);
    for (const p of paths) {
      await page.goto(p);
      await expect(page.locator("main h1").first()).toBeVisible();
      await check(page, `${user}${p.replace(/[/?=&]+/g, "-").replace(/-$/, "") || "-home"}`);
    }
    if (user === "alice") {
      const request = await firstLink(page, "/requests", 'main table a[href^="/requests/"]');
      await page.goto(request);
      await check(page, "alice-request");
      const project = await firstLink(page, "/projects", 'main a[href="/projects/finance-api"]');
      await page.goto(project);
      await check(page, "alice-project");
    }
  });
}

test("a project's access timeline opens as a table from the keyboard, one row per grant", async ({ page }) => {
  await signIn(page, "alice");
  await page.goto("/projects/finance-api");
  const bars = page.locator('[data-testid="timeline-bar"]');
  await expect(bars.first()).toBeVisible();
  const details = page.getByTestId("timeline-table");
  // the rows are made when the table is opened
  await expect(details.locator("table")).toHaveCount(0);
  await details.getByText("Show the timeline as a table").focus();
  await page.keyboard.press("Enter");
  // one row per grant: those drawn as bars and those listed as not started yet
  const notStarted = page.getByText("Not started yet, so not drawn:");
  const listed = (await notStarted.count()) ? (await notStarted.innerText()).split(";").length : 0;
  await expect(details.locator("tbody tr")).toHaveCount((await bars.count()) + listed);
  const firstBar = (await bars.first().getAttribute("aria-label")) ?? "";
  const firstRow = (await details.locator("tbody tr th").allInnerTexts()).find((label) => firstBar.includes(label));
  expect(firstRow, `a row for the bar "${firstBar}"`).toBeTruthy();
  await check(page, "alice-project-timeline-table");
  await details.getByText("Show the timeline as a table").focus();
  await page.keyboard.press("Enter");
  await expect(details.locator("table")).toHaveCount(0);
});

test("the approver's chart opens as a table from the keyboard, one row per day with today's requests", async ({ page }) => {
  await signIn(page, "bob");
  const chart = page.getByTestId("requests-chart");
  await expect(chart).toBeVisible();
  const details = page.getByTestId("requests-chart-table");
  // the rows are made when the table is opened
  await expect(details.locator("table")).toHaveCount(0);
  await details.getByText("Show as a table").focus();
  await page.keyboard.press("Enter");
  const rows = details.locator("tbody tr");
  await expect(rows).toHaveCount(await chart.locator('[role="img"] > div').first().locator("> div").count());
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = rows.filter({ has: page.locator("th", { hasText: today }) });
  await expect(todayRow).toHaveCount(1);
  // the earlier specs asked for access today
  expect(Number(await todayRow.locator("td").first().innerText())).toBeGreaterThan(0);
  await check(page, "bob-home-chart-table");
  await details.getByText("Show as a table").focus();
  await page.keyboard.press("Enter");
  await expect(details.locator("table")).toHaveCount(0);
});
