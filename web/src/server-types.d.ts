/**
 * The web app reads the server's own types (imported as types only, erased from the bundle). A few server
 * modules those types pass through reach Node built-ins (shared/schemas/overviews.ts → cases.ts → reviews.ts
 * → use-cases/decide-review.ts → node:crypto); the web program has no Node types, so they are opaque here.
 * A real import of one from web code still fails: esbuild bundles for the browser and cannot resolve it.
 */
declare module 'node:crypto';
