/**
 * What every page shares: navigation while a page loads, the loading note, the skip link, the not-found page, the
 * focus ring's contrast, target sizes, the header on a phone, and the offer written in index.html itself.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { useBrowserSystem } from '../support/browser.ts';

const sys = useBrowserSystem({ now: new Date('2026-11-28T01:30:00Z') });

/** WCAG relative luminance of a CSS rgb() colour, and the contrast ratio of two. */
function luminance(rgb: string) {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
  return (x + 0.05) / (y + 0.05);
};

describe('every page', () => {
  it('a page still loading never stacks onto the next one; a loading note shows meanwhile', async () => {
    const ctx = await sys.newContext();
    const page = await ctx.newPage();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/api/activities', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${sys.base}/#/activites`);
    await page.locator('main .loading').waitFor();
    expect(await page.locator('main .loading').textContent()).toBe('Chargement…');
    expect(await page.getAttribute('main', 'aria-busy')).toBe('true');
    await page.goto(`${sys.base}/#/proposer-un-sujet`);
    await page.waitForSelector('main h1');
    release();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('main .loading').count()).toBe(0);
    await ctx.close();
  });

  it('the skip link moves to the content without routing; an unknown address gets a real page', async () => {
    const ctx = await sys.newContext();
    const page = await ctx.newPage();
    await page.goto(`${sys.base}/#/proposer-un-sujet`);
    await page.waitForSelector('main h1');
    const title = await page.locator('main h1').textContent();
    await page.focus('.skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.locator('main h1').textContent()).toBe(title);
    expect(page.url()).toContain('#/proposer-un-sujet');

    await page.goto(`${sys.base}/#/nulle-part`);
    await page.waitForSelector('main h1');
    expect(await page.locator('main h1').textContent()).toBe('Page introuvable');
    expect(await page.title()).toBe('PIC — Page introuvable');
    expect(await page.locator('main p.lead').textContent()).toContain('ne correspond à aucune page');
    expect(await page.locator('main a[href="#/"]').count()).toBe(1);
    await ctx.close();
  });

  it('focus ring ≥ 3:1 on the page and on the header; 24 px targets; a short header on a phone', async () => {
    const ctx = await sys.newContext();
    const page = await ctx.newPage();
    await page.goto(`${sys.base}/#/accompagnement`);
    await page.waitForSelector('main form');
    const ring = (selector: string) =>
      page.evaluate((sel) => {
        const el = document.querySelector<HTMLElement>(sel)!;
        el.focus();
        let bg = 'rgb(255, 255, 255)';
        // The ring is drawn outside the element (offset 2px): it is seen against what surrounds it.
        for (let n: HTMLElement | null = el.parentElement; n; n = n.parentElement) {
          const c = getComputedStyle(n).backgroundColor;
          if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
            bg = c;
            break;
          }
        }
        return { outline: getComputedStyle(el).outlineColor, width: getComputedStyle(el).outlineWidth, bg };
      }, selector);
    await page.keyboard.press('Tab'); // keyboard modality: :focus-visible applies to what is focused next
    for (const sel of ['main input[type="radio"]', 'main button[type="submit"]', '#nav a', '#lang']) {
      const r = await ring(sel);
      expect(contrast(r.outline, r.bg), `${sel}: ${r.outline} on ${r.bg}`).toBeGreaterThanOrEqual(3);
      expect(r.width).toBe('3px');
    }
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input[type="checkbox"], input[type="radio"], #nav a, #lang')]
        .map((el) => ({ el: el.outerHTML.slice(0, 60), box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ el }) => el),
    );
    expect(small).toEqual([]);
    const header = await page.locator('header.top').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(100);
    await ctx.close();
  });

  it('the offer is in index.html itself: readable before any script, with no inline script or style', async () => {
    const html = readFileSync(resolve('web', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=|<style/);
    const ctx = await sys.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${sys.base}/`);
    await expect(page.locator('#static-offer h1').textContent()).resolves.toBe(
      'Renforcement des compétences et apprentissages',
    );
    expect(await page.locator('#static-offer h2').allTextContents()).toHaveLength(3);
    const cta = await page.locator('#static-offer a[href="#/accompagnement"]').boundingBox();
    expect(cta!.y + cta!.height).toBeLessThanOrEqual(844);
    await ctx.close();
    // With the script, the app's own offer replaces it: one title, not two.
    const live = await sys.newContext();
    const app = await live.newPage();
    await app.goto(`${sys.base}/`);
    await app.waitForSelector('main h1');
    await app.waitForLoadState('networkidle');
    expect(await app.locator('h1').count()).toBe(1);
    expect(await app.locator('#static-offer').count()).toBe(0);
    await live.close();
  });
});
