import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { callServerActionDirectly, serverActionId, signIn, type DemoUser } from "./helpers";

// Issue 10, 3 and 8: every page and route handler as each role (the authorization matrix beyond actions), and the
// hostile calls that must get a clear 4xx (or a page that says what it ignored) instead of a 500.

type Outcome = "ok" | "home" | "not-found" | "no-access";
const PAGES: Record<string, Record<Exclude<DemoUser, "erin">, Outcome>> = {
  "/": { alice: "ok", bob: "ok", carol: "ok", dave: "no-access" },
  "/requests": { alice: "ok", bob: "ok", carol: "home", dave: "no-access" },
  "/requests/new": { alice: "ok", bob: "ok", carol: "home", dave: "no-access" },
  "/approvals": { alice: "home", bob: "ok", carol: "home", dave: "no-access" },
  "/projects": { alice: "ok", bob: "ok", carol: "ok", dave: "no-access" },
  "/grants": { alice: "ok", bob: "ok", carol: "ok", dave: "no-access" },
  "/audit": { alice: "not-found", bob: "ok", carol: "ok", dave: "no-access" },
  "/audit/events": { alice: "not-found", bob: "ok", carol: "ok", dave: "no-access" },
  "/audit/access": { alice: "not-found", bob: "ok", carol: "ok", dave: "no-access" },
  "/audit/chain": { alice: "not-found", bob: "ok", carol: "ok", dave: "no-access" },
  "/profile": { alice: "ok", bob: "ok", carol: "ok", dave: "no-access" },
  "/requests/00000000-0000-4000-8000-000000000000": { alice: "not-found", bob: "not-found", carol: "not-found", dave: "no-access" },
  "/reviews": { alice: "ok", bob: "ok", carol: "home", dave: "no-access" },
  "/reviews/new": { alice: "home", bob: "ok", carol: "home", dave: "no-access" },
  "/reviews/00000000-0000-4000-8000-000000000000": { alice: "not-found", bob: "not-found", carol: "not-found", dave: "no-access" },
  "/reviews/00000000-0000-4000-8000-000000000000/report": { alice: "not-found", bob: "not-found", carol: "not-found", dave: "no-access" },
  "/reviews/not-a-uuid": { alice: "not-found", bob: "not-found", carol: "not-found", dave: "no-access" },
  "/audit/reviews": { alice: "not-found", bob: "ok", carol: "ok", dave: "no-access" },
  "/notifications": { alice: "home", bob: "ok", carol: "ok", dave: "no-access" },
};

async function as(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

for (const user of ["alice", "bob", "carol", "dave"] as const) {
  test(`${user} gets each page or the right refusal`, async ({ browser }) => {
    test.slow();
    const page = await as(browser, user);
    for (const [path, expected] of Object.entries(PAGES)) {
      const res = await page.goto(path);
      const where = new URL(page.url()).pathname;
      const seen: Outcome = res?.status() === 404 ? "not-found" : where === "/no-access" ? "no-access" : where === "/" && path !== "/" ? "home" : "ok";
      expect(seen, `${user} ${path}`).toBe(expected[user]);
      expect(res?.status() ?? 0, `${user} ${path}`).toBeLessThan(500);
    }
  });
}

test("route handlers answer each role, and anonymous callers, as declared", async ({ browser, request }) => {
  const missing = "/api/requests/00000000-0000-4000-8000-000000000000";
  const exportUrl = "/api/audit/export?kind=events&format=csv";
  const reportUrl = "/api/reviews/00000000-0000-4000-8000-000000000000/export?format=csv";
  // anonymous: the proxy answers 401 for the API, the probes are public
  expect((await request.get(missing)).status()).toBe(401);
  expect((await request.get(exportUrl)).status()).toBe(401);
  expect((await request.get(reportUrl)).status()).toBe(401);
  expect((await request.get("/api/health")).status()).toBe(200);
  expect((await request.get("/api/ready")).status()).toBe(200);
  // the one-click unsubscribe is public (the token is the authorization): a forged one is a 400, not a sign-in
  expect((await request.post("/api/notify/unsubscribe?t=forged", { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(400);
  expect((await request.get("/api/notify/unsubscribe?t=forged")).status()).toBe(400);

  const expectations: Record<"alice" | "bob" | "carol", { missing: number; export: number; report: number }> = {
    alice: { missing: 404, export: 403, report: 403 },
    bob: { missing: 404, export: 200, report: 404 },
    carol: { missing: 404, export: 200, report: 404 },
  };
  for (const [user, want] of Object.entries(expectations) as ["alice" | "bob" | "carol", { missing: number; export: number; report: number }][]) {
    const page = await as(browser, user);
    expect((await page.request.get(missing)).status(), `${user} ${missing}`).toBe(want.missing);
    expect((await page.request.get(exportUrl)).status(), `${user} ${exportUrl}`).toBe(want.export);
    expect((await page.request.get(reportUrl)).status(), `${user} ${reportUrl}`).toBe(want.report);
    expect((await page.request.get("/api/requests/not-a-uuid")).status(), `${user} malformed id`).toBe(404);
  }
});

test("a call of a server action from another origin is refused with 403 and changes nothing", async ({ browser }) => {
  const alice = await as(browser, "alice");
  const submitted = await callServerActionDirectly(
    alice,
    "lib/actions/submit-request.ts",
    "submitRequest",
    [{ kind: "GROUP_ACCESS", projectName: "finance-api", groupName: "origin-probe", roleId: "3", justification: "Probe of the cross-origin refusal." }],
    "/requests/new",
  );
  const requestId = /"id":"([0-9a-f-]{36})"/.exec(submitted)?.[1];
  expect(requestId, submitted).toBeTruthy();

  const bob = await as(browser, "bob");
  const id = serverActionId("lib/actions/decide-request.ts", "decideRequest");
  const answer = await bob.request.post(`/requests/${requestId}`, {
    headers: { "Next-Action": id, Origin: "https://evil.example", "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([{ requestId, decision: "APPROVE" }]),
  });
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toMatchObject({ error: "FORBIDDEN" });
  const view = (await (await bob.request.get(`/api/requests/${requestId}`)).json()) as { state: string; approvalCount: number };
  expect(view).toMatchObject({ state: "PENDING", approvalCount: 0 });

  // arguments that are not JSON, and a body over the limit: 400 and 413, not a 500 or an error inside a 200
  const same = { "Next-Action": id, Origin: new URL(E2E.baseURL).origin, "Content-Type": "text/plain;charset=UTF-8" };
  expect((await bob.request.post(`/requests/${requestId}`, { headers: same, data: "not json {{" })).status()).toBe(400);
  expect((await bob.request.post(`/requests/${requestId}`, { headers: same, data: "x".repeat(1_100_000) })).status()).toBe(413);
});

test("hostile addresses get pages that say what they ignored, never a 500", async ({ browser }) => {
  const carol = await as(browser, "carol");
  const bob = await as(browser, "bob");
  const nul = await bob.goto("/requests?project=%00");
  expect(nul?.status()).toBe(200);
  await expect(bob.getByRole("main")).toContainText("not understood and were ignored: project");

  const year0 = await carol.goto("/audit?from=0000-01-01");
  expect(year0?.status()).toBe(200);
  await expect(carol.getByRole("main")).toContainText("must lie between 1970 and 9999");

  // the filter form sends empty From and To with a project: the project applies, and nothing says otherwise
  await carol.goto("/audit?project=finance-api&from=&to=");
  await expect(carol.getByRole("main")).not.toContainText("not understood");
  await expect(carol.getByRole("main")).not.toContainText("Invalid input");

  const badLog = await bob.goto("/notifications?sink=pigeon&kind=%00&cursor=not-a-cursor");
  expect(badLog?.status()).toBe(200);
  await expect(bob.getByRole("main")).toContainText("Sink must be email, chat or webhook.");
  await expect(bob.getByRole("main")).toContainText("Message names no kind of notification Berth sends.");

  const badExport = await carol.request.get("/api/audit/export?kind=grants&format=csv&project=%00");
  expect(badExport.status()).toBe(422);
  expect(await badExport.json()).toMatchObject({ error: "INVALID", fieldErrors: { project: [expect.stringContaining("invisible or control characters")] } });
});
