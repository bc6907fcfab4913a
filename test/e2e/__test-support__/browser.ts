import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (installed by `.ci/run`); playwright's own browsers are never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** A headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
