/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers stay plain Node modules, loaded by the custom server. So do Yjs and the libraries built on
  // it: the pages' server rendering must share the collaboration socket's copy (two break Yjs's constructor checks).
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'yjs', 'y-protocols', 'y-websocket', 'y-indexeddb', 'lib0'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
