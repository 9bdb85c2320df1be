/**
 * The security headers of the web app, one definition for both places that serve it: the local stack
 * (infra/local/static-site.ts) and CloudFront's response headers policy (infra/web-stack.ts).
 */

export interface CspOptions {
  /** Origins the page may call besides its own (the Cognito domain for the token exchange). */
  readonly connectTo?: readonly string[];
  /** Over HTTPS only: make stray http:// subresources fail closed. */
  readonly upgradeInsecureRequests?: boolean;
}

/**
 * No inline script or style, nothing from third parties, no framing: the bundle, its stylesheet and
 * `config.json` are all the page loads, and it talks only to its own origin (`/v1` is proxied) and Cognito.
 *
 * @example contentSecurityPolicy({ connectTo: ['https://radar.auth.eu-west-1.amazoncognito.com'] })
 */
export const contentSecurityPolicy = (options: CspOptions = {}): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ['connect-src', "'self'", ...(options.connectTo ?? [])].join(' '),
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.upgradeInsecureRequests === true ? ['upgrade-insecure-requests'] : []),
  ].join('; ');

/** Headers besides CSP (HSTS is added by CloudFront only: it means nothing over the local stack's HTTP). */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;
