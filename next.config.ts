import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The driver and its optional native add-ons must not be bundled.
  serverExternalPackages: ["mongodb"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
