/**
 * The security headers of every answer, in one place: CloudFront's response-headers policies
 * (infra/constructs/site.ts) and the local gateway (local/http-gateway.ts) both read them, so the browser tests run
 * the pages under the policy they get in AWS. Header names are lower case, as Node and API Gateway v2 write them.
 */

/** A Content-Security-Policy as directives; `renderCsp` writes the header value. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * The pages' policy, the tightest they run under (web/index.html, web/src, the Vite build): one module script and
 * one stylesheet from the site, no inline script, no eval.
 * - `style-src-attr 'unsafe-inline'`: the dashboard's chart legend colours its swatches with a `style` attribute
 *   (web/src/pages/staff.ts); `<style>` elements and foreign stylesheets stay refused.
 * - `img-src data:`: the QR codes are PNG data URLs (qrcode's toDataURL).
 * - `connect-src`: the API is on the same origin; in AWS the hosted sign-in's token endpoint is added (`signInOrigin`).
 *   The hosted sign-in page itself is a navigation, which CSP does not govern.
 * - `frame-ancestors 'none'`: no page is meant to be framed (clickjacking on the staff forms).
 */
export const PAGE_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** API answers are data (JSON, CSV, SVG): nothing in them may load or run anything, or be framed. */
export const API_CSP: CspDirectives = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const renderCsp = (directives: CspDirectives): string =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

/** The pages' policy, with the origins they also fetch from (Cognito's token endpoint, in AWS). */
export const pageCsp = (connectOrigins: readonly string[] = []): string =>
  renderCsp({ ...PAGE_CSP, 'connect-src': [...(PAGE_CSP['connect-src'] ?? []), ...connectOrigins] });

/**
 * Two years, subdomains included (the recommended value; CloudFront's own domain is never preloaded). Browsers
 * ignore it over plain http (RFC 6797 §8.1), so the local gateway sends it too and stays equal to AWS.
 */
export const HSTS = { maxAgeSeconds: 63_072_000, includeSubDomains: true } as const;

/**
 * No page tells another site where it was: the hosted sign-in's one-time code sits in the address (`?code=`) until
 * it is exchanged, and the API has no use for a referrer.
 */
export const REFERRER_POLICY = 'no-referrer';

/** Nothing here uses a device or a payment; features a page could otherwise ask for are off for every frame. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'payment',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** For browsers without `frame-ancestors`. */
export const FRAME_OPTIONS = 'DENY';

const common = {
  'strict-transport-security': `max-age=${HSTS.maxAgeSeconds}${HSTS.includeSubDomains ? '; includeSubDomains' : ''}`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': REFERRER_POLICY,
  'permissions-policy': PERMISSIONS_POLICY,
  'x-frame-options': FRAME_OPTIONS,
} as const;

/** What every page and static file is served with (the CloudFront policy of the site's default behaviour). */
export const pageSecurityHeaders = (connectOrigins: readonly string[] = []): Readonly<Record<string, string>> => ({
  ...common,
  'content-security-policy': pageCsp(connectOrigins),
});

/** What every API answer carries (the Lambda's own headers, and the CloudFront policy of `/api/*`). */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...common,
  'content-security-policy': renderCsp(API_CSP),
};
