import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The driver and its optional native add-ons must not be bundled.
  serverExternalPackages: ["mongodb"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() and unauthorized(): 403 and 401 from pages and server actions.
  experimental: { authInterrupts: true },
  // On every response; pages also get a nonce-based Content-Security-Policy from proxy.ts.
  headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    ];
    return Promise.resolve([
      { source: "/:path*", headers: common },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ]);
  },
};

export default nextConfig;
