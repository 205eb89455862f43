import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The provider is consumed as TypeScript source through its package exports.
  transpilePackages: ['@tandem/provider'],
  poweredByHeader: false,
  // The provider's sources import './x.js' meaning './x.ts' (TypeScript's NodeNext style).
  // Webpack maps that with extensionAlias; Turbopack in Next 16.4 cannot yet
  // (vercel/next.js#82945), which is why build and dev run with --webpack.
  webpack(config: { resolve: { extensionAlias?: Record<string, string[]> } }) {
    config.resolve.extensionAlias = { ...config.resolve.extensionAlias, '.js': ['.ts', '.tsx', '.js'] };
    return config;
  },
  async headers() {
    return [
      {
        // The service worker must never be served stale, or a fixed one never arrives.
        source: '/sw.js',
        headers: [{ key: 'Cache-Control', value: 'no-cache, no-store, must-revalidate' }],
      },
    ];
  },
};

export default nextConfig;
