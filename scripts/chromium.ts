/**
 * Debian's Chromium, driven by playwright-core: the one browser every browser test and the
 * lifecycle's renderer use (never a browser download; the network reaches only the npm registry and
 * Debian's packages). CI installs it (`apt-get install chromium`).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Starts Chromium; when it is missing, a clear error naming what needed it (tests fail rather than skip). */
export async function launchChromium(neededBy: string): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: ${neededBy} needs it (apt-get install chromium; CI installs it). This fails rather than skips.`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
