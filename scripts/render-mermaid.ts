/**
 * Renders Mermaid source to SVG and PNG with Mermaid itself (the `mermaid` package's browser build)
 * in Debian's Chromium, driven by playwright-core: the same renderer GitHub and the docs site use,
 * and no browser download. Used by `npm run diagram` and by test/machine/diagram.test.ts.
 */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

const MERMAID_JS = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

export interface Rendered {
  /** The SVG document, as Mermaid drew it. */
  svg: string;
  /** A PNG of the drawn SVG, one pixel per CSS pixel. */
  png: Buffer;
  /** Every piece of text in the drawing, in document order (state names, transition labels, notes). */
  texts: string[];
  /** The drawing's size in CSS pixels. */
  width: number;
  height: number;
}

/** Draws `source` with Mermaid in a page that may fetch nothing. */
export async function renderMermaid(browser: Browser, source: string): Promise<Rendered> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1200 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**', (route) => route.abort());
    // Mermaid draws some ids and curves with Math.random: a seeded one makes the SVG the same on
    // every run, so `npm run diagram` leaves an unchanged machine's picture unchanged.
    const seedRandom = () => {
      let seed = 20240401;
      Math.random = () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
    };
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff"><div id="out"></div></body></html>');
    await page.evaluate(seedRandom);
    await page.addScriptTag({ path: MERMAID_JS });
    const svg = await page.evaluate(async (text) => {
      const mermaid = (globalThis as unknown as { mermaid: { initialize(o: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, theme: 'default', fontFamily: 'Arial, Helvetica, sans-serif', state: { useMaxWidth: false } });
      const { svg } = await mermaid.render('lifecycle', text);
      document.getElementById('out')!.innerHTML = svg;
      return svg;
    }, source);
    if (errors.length > 0) throw new Error(`Mermaid failed: ${errors.join('; ')}`);
    const drawing = page.locator('#out svg');
    const box = (await drawing.boundingBox())!;
    const texts = await page.$$eval('#out svg text, #out svg foreignObject', (nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean));
    const png = await drawing.screenshot({ type: 'png' });
    return { svg, png, texts, width: box.width, height: box.height };
  } finally {
    await context.close();
  }
}
