import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("the Content-Security-Policy", () => {
  it("runs only scripts that carry this answer's nonce: no 'unsafe-inline' for scripts, no framing at all", () => {
    const nonce = newNonce();
    const policy = directives(contentSecurityPolicy(nonce, { idpOrigin: "https://idp.example.com", dev: false }));
    expect(policy.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    // the sign-out form ends at the IdP's end_session_endpoint
    expect(policy.get("form-action")).toEqual(["'self'", "https://idp.example.com"]);
    for (const [name, values] of policy) if (name !== "style-src") expect(values, name).not.toContain("'unsafe-inline'");
  });

  it("allows eval only under next dev, and never in production", () => {
    expect(contentSecurityPolicy("n", { idpOrigin: "http://127.0.0.1:9000", dev: false })).not.toContain("unsafe-eval");
    expect(directives(contentSecurityPolicy("n", { idpOrigin: "http://127.0.0.1:9000", dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("gets a fresh 128-bit nonce per answer", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when the portal's public address is https, and not over plain http", () => {
    expect(strictTransportSecurity("https://berth.example.com")).toBe("max-age=31536000");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
  });
});
