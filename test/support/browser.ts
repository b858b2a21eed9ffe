/**
 * The system a browser test drives: the real API on DynamoDB Local and the SES emulator behind the local gateway,
 * the built pages (web/dist), and Debian's Chromium driven by playwright-core, on the server's fixed clock.
 * Pages run under the Content-Security-Policy they get in AWS: a test fails on any violation.
 *
 *   const sys = useBrowserSystem({ now: NOW });
 *   it('…', async () => {
 *     const page = await sys.open('#/accompagnement');
 *     await sys.check(page, 'accompagnement');
 *   });
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { makeApiHandler } from '#shared/http';
import { routes } from '#functions/api/handler';
import type { ProgramSettings } from '#domain/settings';
import type { Deps } from '#shared/ports';
import { startGateway } from '../../local/http-gateway.ts';
import { freePort } from '../../local/emulators.ts';
import { makeLocalRoutes } from '../../local/system.ts';
import { ManualClock, testDeps } from './harness.ts';

export type Viewport = { width: number; height: number };
export const PHONE: Viewport = { width: 390, height: 844 };
export const DESKTOP: Viewport = { width: 1280, height: 800 };

/** axe-core's source, run in the page through the DevTools protocol, which the page's CSP does not govern. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Registers the file's hooks: the system starts before its tests and stops after them, and each test fails on a
 * CSP violation of its pages. The accessors read what the hooks set, so use them inside hooks and tests.
 */
export function useBrowserSystem(opts: {
  /** The server's clock and the browser's: no test depends on the day it runs. */
  now: Date;
  settings?: Partial<ProgramSettings>;
  /** Screenshots' folder, under test-output/screenshots unless absolute. */
  shots?: string;
  /** What axe-core findings fail `check`: serious or critical ones (the default), or any. */
  axe?: 'serious' | 'any';
  /** The local jobs' routes (makeLocalRoutes) beside the API; on unless false. */
  localRoutes?: false;
}) {
  const clock = new ManualClock(opts.now);
  const shots = resolve('test-output', 'screenshots', opts.shots ?? '');
  let deps: Deps;
  let base: string;
  let server: Server;
  let browser: Browser;
  /** What the pages of the running test were refused by their policy. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    deps = await testDeps({ clock, env: { PIC_PUBLIC_BASE_URL: base }, settings: opts.settings });
    server = await startGateway({
      port,
      api: makeApiHandler(routes, async () => deps),
      webDir: resolve('web', 'dist'),
      localRoutes: opts.localRoutes === false ? undefined : makeLocalRoutes(deps, {}),
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });
  beforeEach(() => {
    cspViolations.length = 0;
  });
  afterEach(() => {
    expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
  });

  /** A browser context in Montreal on the fixed clock, a phone unless told, its CSP violations watched. */
  async function newContext(o: { locale?: string; viewport?: Viewport; javaScriptEnabled?: boolean } = {}) {
    const context = await browser.newContext({
      locale: o.locale ?? 'fr-CA',
      timezoneId: 'America/Montreal',
      viewport: o.viewport ?? PHONE,
      javaScriptEnabled: o.javaScriptEnabled,
    });
    await watchCsp(context, cspViolations);
    await context.clock.setFixedTime(opts.now);
    return context;
  }

  /** A page in a context of its own (`page.context().close()` ends both). */
  async function newPage(o: { locale?: string; viewport?: Viewport } = {}) {
    return (await newContext(o)).newPage();
  }

  /** A new page on `${base}/${path}`, once its title is there. */
  async function open(path: string, o: { locale?: string; viewport?: Viewport } = {}) {
    const page = await newPage(o);
    await page.goto(`${base}/${path}`);
    await page.waitForSelector('main h1');
    return page;
  }

  /**
   * axe-core's WCAG 2.1 A/AA rules on the page, and a full-page screenshot `${name}.png`; with sizes, one
   * `${name}-${width}.png` per size, and the page back at its own size after.
   */
  async function check(page: Page, name: string, sizes?: Viewport[]) {
    // A script tag, inline or from elsewhere, is what the CSP refuses.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      type Found = { id: string; impact: string; nodes: unknown[] };
      const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Found[] }> } })
        .axe;
      const r = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    mkdirSync(shots, { recursive: true });
    if (!sizes) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    else {
      const own = page.viewportSize();
      for (const size of sizes) {
        await page.setViewportSize(size);
        await page.screenshot({ path: join(shots, `${name}-${size.width}.png`), fullPage: true });
      }
      if (own) await page.setViewportSize(own);
    }
    const failing =
      opts.axe === 'any' ? violations : violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(failing, name).toEqual([]);
  }

  return {
    /** The server's clock; a test may move it (the browser's stays at `now`). */
    clock,
    get deps() {
      return deps;
    },
    /** The gateway's address: `${sys.base}/#/…` for the pages, `${sys.base}/api/…` for the API. */
    get base() {
      return base;
    },
    /** The running test's violations so far; a test that provokes one on purpose empties it once seen. */
    cspViolations,
    newContext,
    newPage,
    open,
    check,
  };
}

/**
 * Collects into `into` every CSP violation, as the page's `securitypolicyviolation` event reports it and as
 * Chromium logs it. Both run outside the page's policy (a binding and an init script go through the DevTools
 * protocol).
 */
async function watchCsp(context: BrowserContext, into: string[]) {
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
