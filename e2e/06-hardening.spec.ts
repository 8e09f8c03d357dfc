import { expect, test } from "@playwright/test";
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
