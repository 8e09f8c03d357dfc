import http from "node:http";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { checkPage, requestNewProject, signIn, type DemoUser } from "./helpers";

// Issue 13: the delivery log. alice's request goes to the approvers by email, to the approvers' chat channel and to
// the "ci-bot" webhook (playwright.config.ts); the webhook's receiver, started here, refuses it with 410 at first.
// bob finds it undelivered, reads the status codes of each attempt, sends it again once the receiver takes it, and
// sees 200; carol (auditor) reads the same log without Send again; alice is sent home.
test.describe.configure({ mode: "serial" });

const PROJECT = "delivery-log-e2e";
const posts: { path: string; status: number }[] = [];
let webhookAnswer = 410;
let server: http.Server;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      // only this spec's event is refused: deliveries left waiting by earlier specs are taken
      const status = req.url === "/ci-bot" && body.includes(PROJECT) ? webhookAnswer : 200;
      if (body.includes(PROJECT)) posts.push({ path: req.url ?? "", status });
      res.writeHead(status).end(String(status));
    });
  });
  await new Promise<void>((r) => server.listen(E2E.chatPort, "127.0.0.1", () => r()));
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function as(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

const deliveryRow = (page: Page, sink: "email" | "chat" | "webhook", recipient: string): Locator =>
  page.locator(`[data-testid="delivery-row"][data-sink="${sink}"]`).filter({ hasText: PROJECT }).filter({ has: page.getByTestId("delivery-recipient").getByText(recipient, { exact: true }) });

test("bob reads the webhook's 410 in the delivery log, sends it again and sees 200; carol reads without Send again; alice is sent home", async ({ browser }) => {
  test.setTimeout(180_000);
  // bob first: Berth mails approvers it has seen sign in
  const bob = await as(browser, "bob");
  const alice = await as(browser, "alice");
  await requestNewProject(alice, PROJECT, "5", "A project to watch the delivery log fill");

  // the receiver refused the webhook once (410 is final: no retry) and took the chat post
  await expect.poll(() => posts.map((p) => `${p.path} ${p.status}`).sort(), { timeout: 30_000 }).toEqual(["/ci-bot 410", "/slack 200"]);

  // alice may not read the log: the page sends her home, and her navigation does not offer it
  await alice.goto("/notifications");
  await expect(alice).toHaveURL(`${E2E.baseURL}/`);
  await expect(alice.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" })).toHaveCount(0);

  // bob: home's undelivered card leads to the log
  await bob.goto("/");
  const card = bob.getByTestId("home-dead-letters");
  await expect(card.getByTestId("dead-letter").filter({ hasText: PROJECT })).toContainText("Webhook to ci-bot · HTTP 410");
  await card.getByRole("link", { name: "See all deliveries" }).click();
  await expect(bob).toHaveURL(/\/notifications$/);
  await expect(bob.getByRole("heading", { level: 1, name: "Notification deliveries" })).toBeVisible();
  await expect(bob.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" })).toHaveAttribute("aria-current", "page");

  // every sink's delivery of the message, each with the receiver's answer; the webhook's address is nowhere
  const hook = deliveryRow(bob, "webhook", "ci-bot");
  await expect(hook).toHaveCount(1);
  await expect(hook.getByTestId("delivery-answer")).toHaveText("HTTP 410");
  await expect(hook).toContainText("Undelivered");
  await expect(hook).toContainText("A request waits for approval");
  await expect(deliveryRow(bob, "chat", "admins").getByTestId("delivery-answer")).toHaveText("HTTP 200");
  const mail = deliveryRow(bob, "email", "Bob Brenner");
  await expect(mail.getByTestId("delivery-answer")).toHaveText(/^SMTP 250$/);
  await expect(mail).toContainText("b…@example.com");
  await expect(bob.getByRole("main")).not.toContainText(`127.0.0.1:${E2E.chatPort}`);
  await expect(bob.getByRole("main")).not.toContainText("bob@example.com");

  // the attempts, unfolded
  await expect(hook.locator("summary")).toContainText("1 attempt");
  await hook.locator("summary").click();
  await expect(hook.getByTestId("delivery-attempt")).toHaveCount(1);
  await expect(hook.getByTestId("delivery-attempt").first()).toContainText("HTTP 410");
  await checkPage(bob, "bob-notifications");

  // filters in the address: the subscription and the state
  await bob.goto("/notifications?sink=webhook&state=DEAD&target=ci-bot");
  await expect(bob.getByLabel("To", { exact: true })).toHaveValue("ci-bot");
  await expect(bob.getByTestId("delivery-row").filter({ hasText: PROJECT })).toHaveCount(1);
  await expect(bob.locator('[data-testid="delivery-row"]:not([data-sink="webhook"])')).toHaveCount(0);

  // the receiver is fixed: Send again, and the log shows the second attempt's 200
  webhookAnswer = 200;
  await bob.goto("/notifications?sink=webhook&target=ci-bot");
  await hook.getByRole("button", { name: /^Send again/ }).click();
  await expect.poll(() => posts.filter((p) => p.path === "/ci-bot").map((p) => p.status), { timeout: 30_000 }).toEqual([410, 200]);
  await expect(async () => {
    await bob.reload();
    await expect(hook.getByTestId("delivery-answer")).toHaveText("HTTP 200", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(hook).toContainText("Sent");
  await expect(hook.getByRole("button", { name: /^Send again/ })).toHaveCount(0);
  await expect(hook.locator("summary")).toContainText("2 attempts");
  await hook.locator("summary").click();
  await expect(hook.getByTestId("delivery-attempt")).toHaveText([/^1.*HTTP 410/, /^2.*HTTP 200/]);

  // carol, the auditor, reads the same log and cannot send anything again
  const carol = await as(browser, "carol");
  await carol.goto("/notifications?target=ci-bot");
  const carolsRow = deliveryRow(carol, "webhook", "ci-bot");
  await expect(carolsRow.getByTestId("delivery-answer")).toHaveText("HTTP 200");
  await expect(carol.getByRole("button", { name: /^Send again/ })).toHaveCount(0);

  // an address with a bad filter still answers with the page, naming what it did not apply
  const bad = await carol.goto("/notifications?state=EXPLODED&sink=webhook&cursor=%00");
  expect(bad?.status()).toBe(200);
  await expect(carol.getByRole("main")).toContainText("State must be one of PENDING, SENDING, SENT, DEAD, HELD, DIGESTED.");
  await expect(carol.getByRole("main")).toContainText("The page link was not understood, so this is the first page.");

  for (const page of [alice, bob, carol]) await page.context().close();
});
