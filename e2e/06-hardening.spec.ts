import { expect, test, type Response } from "@playwright/test";
import { serverActionId, signIn } from "./helpers";

// What a hostile client sends about itself does not reach the trail as fact (issue 10, sections 5 and 7).

test("a client that lies about its address and request id: the trail records the socket address and Berth's own id, the client's id apart", async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signIn(alice, "alice");
  await alice.goto("/requests");
  const id = serverActionId("lib/actions/submit-request.ts", "submitRequest");
  const input = { kind: "NEW_PROJECT", projectName: "spoof-check", ownerGroup: "finance-devs", template: "standard", quotaGiB: 5, justification: "Checks what the trail believes about a request." };
  const answer = await alice.evaluate(
    async ({ id, input }) => {
      const res = await fetch("/requests", {
        method: "POST",
        headers: {
          "Next-Action": id,
          Accept: "text/x-component",
          "Content-Type": "text/plain;charset=UTF-8",
          "X-Forwarded-For": "203.0.113.9",
          "X-Real-IP": "203.0.113.10",
          "X-Request-Id": "spoofed-by-e2e",
          "X-Berth-Client-Address": "198.51.100.66",
          "X-Berth-Peer-Address": "192.0.2.1",
        },
        body: JSON.stringify([input]),
      });
      return { status: res.status, requestId: res.headers.get("x-request-id"), text: await res.text() };
    },
    { id, input },
  );
  expect(answer.status).toBe(200);
  const created = /"id":"([0-9a-f-]{36})"/.exec(answer.text)?.[1];
  expect(created, answer.text.slice(0, 300)).toBeTruthy();
  // the proxy answered with Berth's own id, not the client's
  expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);

  const bob = await (await browser.newContext()).newPage();
  await signIn(bob, "bob");
  await bob.goto(`/audit/events?objectId=${created}`);
  const row = bob.getByTestId("event-row").filter({ hasText: "request.created" });
  await expect(row).toHaveCount(1);
  await row.locator("summary").click();
  const details = row.getByTestId("event-details");
  const item = (term: string) => details.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
  await expect(item("Source address")).toHaveText(/^(127\.0\.0\.1|::1)$/);
  await expect(item("Berth request id")).toHaveText(answer.requestId!);
  await expect(item("Client's X-Request-Id")).toHaveText("spoofed-by-e2e");
  await expect(details).not.toContainText("203.0.113.9");
  await expect(details).not.toContainText("198.51.100.66");
  await expect(details).not.toContainText("192.0.2.1");

  // leave no pending request behind for later specs
  await alice.goto(`/requests/${created}`);
  await alice.getByRole("button", { name: "Cancel request" }).click();
  await alice.getByRole("alertdialog").getByRole("button", { name: "Cancel request" }).click();
  await expect(alice.getByTestId("request-state")).toHaveText(/Cancelled/);
  await alice.context().close();
  await bob.context().close();
});

test("signing out ends the session on the server: a copy of the cookie stops working at once", async ({ browser }) => {
  const owner = await browser.newContext();
  const alice = await owner.newPage();
  await signIn(alice, "alice");
  const thief = await browser.newContext();
  await thief.addCookies(await owner.cookies());
  const copy = await thief.newPage();
  await copy.goto("/requests");
  // while the session lives, the copy is as good as the original
  await expect(copy).toHaveURL(/\/requests$/);
  await expect(copy.getByRole("heading", { name: "My requests", exact: true })).toBeVisible();
  const sessionOfCopy = async () => (await (await thief.request.get("/api/auth/session")).json()) as { user?: { username?: string } };
  expect((await sessionOfCopy()).user?.username).toBe("alice");

  await alice.getByRole("button", { name: "Sign out" }).click();
  await expect(alice).toHaveURL(/\/signin\?state=signed-out$/);
  // next-auth's own session endpoint no longer vouches for the copy either
  expect(await sessionOfCopy()).toEqual({});
  // the copy still holds a cookie that decodes and whose groups are fresh; the server refuses it all the same
  await copy.goto("/requests");
  await expect(copy).toHaveURL(/\/signin/);
  await expect(copy.getByRole("button", { name: /^Sign in with/ })).toBeVisible();
  await owner.close();
  await thief.close();
});

test("every page carries a Content-Security-Policy whose nonce is on every script, forbids framing, and stops an injected inline script", async ({ page }) => {
  const scriptSrc = (policy: string) => policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
  const check = async (res: Response) => {
    const policy = res.headers()["content-security-policy"]!;
    expect(policy, res.url()).toMatch(/frame-ancestors 'none'/);
    expect(scriptSrc(policy)).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc(policy))?.[1];
    expect(nonce, res.url()).toBeTruthy();
    const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, res.url()).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, res.url()).toContain(`nonce="${nonce}"`);
  };
  await check((await page.goto("/signin"))!);
  await signIn(page, "alice");
  await check((await page.goto("/requests"))!);
  // markup an attacker got into a page, delivered with the page's own headers: the page's scripts run (Next's client
  // runtime announces itself on window), the injected one is refused
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) refusals.push(m.text());
  });
  await page.route("**/requests", async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: (await res.text()).replace("</body>", "<script>window.__berthInjected = true</script></body>") });
  });
  await page.goto("/requests");
  await expect(page.getByRole("heading", { name: "My requests", exact: true })).toBeVisible();
  expect(await page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe("string");
  expect(await page.evaluate(() => (window as unknown as { __berthInjected?: boolean }).__berthInjected ?? "not run")).toBe("not run");
  expect(refusals.join("\n")).toMatch(/inline script violates[^\n]*script-src[^\n]*blocked/);
});
