import http from "node:http";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { requestNewProject, signIn } from "./helpers";

// Nobody polls: alice's request reaches bob's mailbox (the launcher's mail catcher) with a link he approves through,
// alice hears "approved" and "ready", and the chat channels (a receiver started here) get each one's format.
test.describe.configure({ mode: "serial" });

interface Mail {
  id: number;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

const chat: { path: string; body: unknown }[] = [];
let server: http.Server;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      chat.push({ path: req.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(E2E.chatPort, "127.0.0.1", () => r()));
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function mailsTo(address: string): Promise<Mail[]> {
  const res = await fetch(`${E2E.mailUrl}/api/messages?to=${encodeURIComponent(address)}`);
  return (await res.json()) as Mail[];
}

async function newPage(browser: Browser, user: "alice" | "bob"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

test("alice submits, bob approves through the link in his mail, alice hears approved and ready, chat gets both formats", async ({ browser }) => {
  // two sign-ins, a submission, an approval, provisioning and three deliveries: more than one page's worth of time
  test.setTimeout(180_000);
  // Berth knows an address once its owner has signed in
  const bob = await newPage(browser, "bob");
  const alice = await newPage(browser, "alice");

  const requestUrl = await requestNewProject(alice, "notify-e2e", "5", "A project to watch notifications arrive");
  const requestId = requestUrl.split("/").pop()!;

  // bob's mailbox has one message about it, with a link to the request
  await expect.poll(async () => (await mailsTo("bob@example.com")).filter((m) => m.text.includes(requestId)).length, { timeout: 30_000 }).toBe(1);
  const [mail] = (await mailsTo("bob@example.com")).filter((m) => m.text.includes(requestId));
  expect(mail!.subject).toMatch(/^Request #\d+ waits for approval: New project notify-e2e for finance-devs/);
  expect(mail!.text).toContain(`Review the request: ${E2E.baseURL}/requests/${requestId}`);
  expect(mail!.html).toContain(`href="${E2E.baseURL}/requests/${requestId}"`);
  expect(await mailsTo("alice@example.com").then((ms) => ms.filter((m) => m.subject.includes("waits for approval") && m.text.includes(requestId)))).toEqual([]);

  // bob opens it in the mailbox and follows the link
  await bob.goto(E2E.mailUrl);
  // erin, the other approver, got her own copy: bob opens his
  await bob.getByRole("row").filter({ hasText: "bob@example.com" }).filter({ hasText: mail!.subject }).getByRole("link").click();
  await bob.getByRole("link", { name: `${E2E.baseURL}/requests/${requestId}` }).click();
  await expect(bob).toHaveURL(requestUrl);
  await bob.getByRole("button", { name: "Approve", exact: true }).click();
  const dialog = bob.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(bob.getByTestId("request-state")).toHaveText(/Active/, { timeout: 30_000 });

  // alice: "approved" and "ready", each once (each message stands alone: senders deliver in parallel, so a quick
  // provisioning's "ready" may land before its "approved")
  const aliceAbout = async () => (await mailsTo("alice@example.com")).filter((m) => m.text.includes(requestId)).map((m) => m.subject.replace(/#\d+/, "#N")).sort();
  await expect.poll(aliceAbout, { timeout: 30_000 }).toEqual([
    "Request #N is ready: New project notify-e2e for finance-devs (standard, 5 GiB)",
    "Request #N was approved: New project notify-e2e for finance-devs (standard, 5 GiB)",
  ]);

  // the approvers' channel in Slack's format, the project's in Teams'
  const about = (path: string) => chat.filter((c) => c.path === path && JSON.stringify(c.body).includes(requestId));
  await expect.poll(() => about("/teams").length, { timeout: 30_000 }).toBe(2);
  const slack = about("/slack").map((c) => c.body as { text: string; blocks: { type: string }[] });
  expect(slack).toHaveLength(1);
  expect(slack[0]!.text).toContain(`${E2E.baseURL}/requests/${requestId}`);
  expect(slack[0]!.blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
  const teams = about("/teams").map((c) => c.body as { type: string; attachments: { contentType: string; content: { body: { text?: string }[] } }[] });
  expect(teams.map((t) => t.attachments[0]!.contentType)).toEqual(["application/vnd.microsoft.card.adaptive", "application/vnd.microsoft.card.adaptive"]);
  expect(teams.map((t) => t.attachments[0]!.content.body[0]!.text?.replace(/#\d+/, "#N")).sort()).toEqual([
    "Request #N is ready: New project notify-e2e for finance-devs (standard, 5 GiB)",
    "Request #N was approved: New project notify-e2e for finance-devs (standard, 5 GiB)",
  ]);

  await alice.context().close();
  await bob.context().close();
});

test("alice switches off 'approved' messages on her profile and the choice sticks", async ({ browser }) => {
  const alice = await newPage(browser, "alice");
  await alice.goto("/profile#notifications");
  const card = alice.getByTestId("profile-notifications");
  await expect(card).toContainText("alice@example.com");
  // the form passes axe (the accessibility spec photographs the page; this checks the form as a requester sees it)
  const results = await new AxeBuilder({ page: alice }).include('[data-testid="profile-notifications"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  const approved = card.getByLabel("Your request was approved");
  await expect(approved).toBeChecked();
  await approved.uncheck();
  await card.getByRole("button", { name: "Save notification choices" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved.");
  await alice.reload();
  await expect(alice.getByTestId("profile-notifications").getByLabel("Your request was approved")).not.toBeChecked();
  await expect(alice.getByTestId("profile-notifications").getByLabel("Your request is provisioned")).toBeChecked();
  await alice.context().close();
});
