import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { harborAdmin, signIn } from "./helpers";

// Someone changes Harbor behind Berth's back: the background drift check (every 2 s here) puts it on the approvers'
// home and in the audit trail, and takes it off again once Harbor matches the approvals.
test.describe.configure({ mode: "serial" });

const harbor = harborAdmin();
const SHOTS = path.join(process.cwd(), "e2e/.artifacts/screenshots");
const SHADOW = "shadow-admins";
const FINDING = `Harbor lists the group ${SHADOW} as Project Admin, but no active grant in Berth explains it.`;

/** bob's home, reloaded until `check` holds (each try bounded, so a reload comes after every miss). */
async function homeUntil(page: Page, check: (drift: ReturnType<Page["getByTestId"]>) => Promise<void>) {
  await expect(async () => {
    await page.goto("/");
    await check(page.getByTestId("home-drift"));
  }).toPass({ timeout: 30_000 });
}

test("a member added in Harbor directly shows up as drift on the approver's home and in the trail, then clears", async ({ browser }) => {
  const bob = await (await browser.newContext()).newPage();
  await signIn(bob, "bob");
  // the earlier specs' projects have been compared and match
  await homeUntil(bob, async (drift) => {
    await expect(drift).toContainText(/Harbor matches what was approved in (the one checked project|all \d+ checked projects)/, { timeout: 1_000 });
  });

  const { memberId } = await harbor.ensureGroupMember("finance-api", SHADOW, 1);
  try {
    await homeUntil(bob, async (drift) => {
      await expect(drift.getByRole("heading", { name: "Drift in 1 project" })).toBeVisible({ timeout: 1_000 });
    });
    const project = bob.getByTestId("home-drift-project");
    await expect(project).toHaveCount(1);
    await expect(project).toContainText("finance-api · 1 difference, first seen");
    await expect(project.getByTestId("home-drift-finding")).toHaveText(FINDING);
    const axe = await new AxeBuilder({ page: bob }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    fs.mkdirSync(SHOTS, { recursive: true });
    await bob.screenshot({ path: path.join(SHOTS, "bob-home-drift-desktop.png"), fullPage: true });

    // the project page compares live and says the same
    await project.getByRole("link", { name: "finance-api" }).click();
    await bob.waitForURL(/\/projects\/finance-api/);
    await expect(bob.getByTestId("drift-finding")).toHaveText(FINDING);

    // the auditor finds when it was seen, by whom (the scheduler) and what
    const carol = await (await browser.newContext()).newPage();
    await signIn(carol, "carol");
    await carol.goto("/audit/events?action=project.drift&project=finance-api");
    const row = carol.getByTestId("event-row");
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute("data-action", "project.drift.found");
    await expect(row).toContainText("system");
    await row.locator("summary").click();
    await expect(row.getByTestId("event-details")).toContainText(SHADOW);
    await carol.context().close();
  } finally {
    await harbor.removeMember("finance-api", memberId);
  }

  await homeUntil(bob, async (drift) => {
    await expect(drift).toContainText("Harbor matches what was approved", { timeout: 1_000 });
  });
  await expect(bob.getByTestId("home-drift-project")).toHaveCount(0);
  await bob.context().close();
});
