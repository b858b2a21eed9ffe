/**
 * Content-Security-Policy violations in a browser context: the pages run under the policy they get in AWS, and a
 * test fails when anything they do is refused by it.
 */
import type { BrowserContext } from 'playwright-core';

/**
 * Collects into `into` every violation, as the page's `securitypolicyviolation` event reports it and as Chromium
 * logs it. Both run outside the page's policy (a binding and an init script go through the DevTools protocol).
 */
export async function watchCsp(context: BrowserContext, into: string[]) {
  await context.exposeBinding('__picCspViolation', (_source, violation: string) => {
    into.push(violation);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { __picCspViolation: (v: string) => void }).__picCspViolation;
    window.addEventListener(
      'securitypolicyviolation',
      (e) => report(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} on ${e.documentURI}`),
      true,
    );
  });
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) into.push(`console: ${m.text()}`);
  });
}
