/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers stay plain Node modules, loaded by the custom server.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
